//! Substring search over order number, buyer and receiver names and
//! addresses, phone numbers and tracking numbers (the search box's promise),
//! fast at a million orders.
//!
//! Japanese has no spaces between words, so a word index cannot find 「田太」
//! in 「山田太郎」. Each field is indexed as its overlapping character bigrams
//! (山田 田太 太郎) plus its last character alone; a query of two or more
//! characters becomes the phrase of its bigrams, which matches exactly the
//! fields that contain it, and a one-character query becomes a prefix query.

use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::IncomingOrder;
use crate::text::search_form;

/// The tokens indexed for one order. A field equal to one already indexed
/// (the receiver is usually the buyer) adds nothing: the index is the
/// largest cost of storing an order.
pub fn tokens<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut seen: Vec<String> = Vec::new();
    for field in fields {
        let form = search_form(field);
        if form.is_empty() || seen.contains(&form) {
            continue;
        }
        let chars: Vec<char> = form.chars().collect();
        seen.push(form);
        for pair in chars.windows(2) {
            out.push(pair[0]);
            out.push(pair[1]);
            out.push(' ');
        }
        if let Some(last) = chars.last() {
            out.push(*last);
            out.push(' ');
        }
    }
    out
}

/// The FTS5 MATCH expression for what the merchant typed, or `None` when the
/// text has nothing searchable in it.
pub fn match_expression(query: &str) -> Option<String> {
    let chars: Vec<char> = search_form(query).chars().collect();
    match chars.len() {
        0 => None,
        1 => Some(format!("\"{}\" *", chars[0])),
        _ => {
            let phrase: Vec<String> = chars
                .windows(2)
                .map(|p| format!("{}{}", p[0], p[1]))
                .collect();
            Some(format!("\"{}\"", phrase.join(" ")))
        }
    }
}

fn or_empty(field: &Option<String>) -> &str {
    field.as_deref().unwrap_or("")
}

/// The tokens of an order about to be inserted (no shipment yet), from the
/// incoming fields without reading it back: the same fields as `reindex`'s
/// query, in the same order, tracking number aside.
pub fn new_order_tokens(o: &IncomingOrder) -> String {
    let mut fields = vec![
        o.mall_order_id.as_str(),
        &o.buyer.name,
        &o.ship_to.name,
        or_empty(&o.buyer.phone),
        or_empty(&o.ship_to.phone),
        &o.buyer.address,
        &o.ship_to.address,
    ];
    fields.extend(o.mall_refs.iter().map(String::as_str));
    for s in &o.shipments {
        fields.push(&s.ship_to.name);
        fields.push(or_empty(&s.ship_to.phone));
        fields.push(&s.ship_to.address);
    }
    tokens(fields)
}

/// The search entries a merge owes, written in one go after every other
/// statement of its transaction.
///
/// FTS5 flushes its pending terms to disk whenever SQLite opens a statement
/// savepoint on a transaction that has touched the index, and every order
/// insert opens one (its constraints and foreign keys). Interleaved, each
/// order became a segment of its own that FTS5 then merged: half the cost
/// of storing an order. Written last, the batch is one segment.
#[derive(Default)]
pub struct Pending {
    new: Vec<(i64, String)>,
    changed: Vec<i64>,
}

impl Pending {
    /// An order that was just inserted, with its `new_order_tokens`.
    pub fn add_new(&mut self, order_id: i64, tokens: String) {
        self.new.push((order_id, tokens));
    }

    /// A stored order whose indexed fields may have changed.
    pub fn add_changed(&mut self, order_id: i64) {
        self.changed.push(order_id);
    }

    pub fn write(self, conn: &Connection) -> rusqlite::Result<()> {
        for (id, tokens) in &self.new {
            insert_tokens(conn, *id, tokens)?;
        }
        for id in self.changed {
            reindex(conn, id)?;
        }
        Ok(())
    }
}

fn insert_tokens(conn: &Connection, order_id: i64, tokens: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO order_search(rowid, tokens) VALUES (?1, ?2)")?
        .execute(params![order_id, tokens])?;
    Ok(())
}

/// Rebuilds the search entry of one order from what is stored now.
pub fn reindex(conn: &Connection, order_id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM order_search WHERE rowid = ?1")?
        .execute([order_id])?;
    let order: Option<[String; 7]> = conn
        .prepare_cached(
            "SELECT mall_order_id, buyer_name, ship_name, coalesce(buyer_phone, ''),
                    coalesce(ship_phone, ''), coalesce(buyer_address, ''), coalesce(ship_address, '')
             FROM orders WHERE id = ?1",
        )?
        .query_row([order_id], |r| {
            Ok([
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ])
        })
        .optional()?;
    let Some(order) = order else {
        return Ok(());
    };
    let mut fields: Vec<String> = order.into();
    fields.extend(
        conn.prepare_cached("SELECT ref FROM order_refs WHERE order_id = ?1 ORDER BY ref")?
            .query_map([order_id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    let mut shipments = conn.prepare_cached(
        "SELECT coalesce(ship_name, ''), coalesce(ship_phone, ''), coalesce(tracking_number, ''),
                coalesce(ship_address, '')
         FROM shipments WHERE order_id = ?1 ORDER BY id",
    )?;
    let rows = shipments.query_map([order_id], |r| {
        Ok([r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?])
    })?;
    for row in rows {
        fields.extend(row?);
    }
    insert_tokens(conn, order_id, &tokens(fields.iter().map(String::as_str)))
}

/// Rebuilds every order's search entry (after the folding of
/// `text::search_form` changed), in batches of ids.
pub fn reindex_all(conn: &Connection) -> rusqlite::Result<()> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM orders ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    conn.execute(
        "INSERT INTO order_search(order_search) VALUES ('delete-all')",
        [],
    )?;
    for id in ids {
        reindex(conn, id)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db_with(rows: &[(i64, &[&str])]) -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE VIRTUAL TABLE order_search USING fts5(tokens, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');",
        )
        .unwrap();
        for (id, fields) in rows {
            c.execute(
                "INSERT INTO order_search(rowid, tokens) VALUES (?1, ?2)",
                params![id, tokens(fields.iter().copied())],
            )
            .unwrap();
        }
        c
    }

    fn hits(c: &Connection, q: &str) -> Vec<i64> {
        let Some(m) = match_expression(q) else {
            return vec![];
        };
        let mut st = c
            .prepare("SELECT rowid FROM order_search WHERE order_search MATCH ?1 ORDER BY rowid")
            .unwrap();
        st.query_map([m], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn finds_substrings_of_japanese_names_and_numbers() {
        let c = db_with(&[
            (
                1,
                &["ORD-1001", "山田 太郎", "ヤマダ タロウ", "090-1234-5678"],
            ),
            (2, &["ORD-1002", "田中 花子", "", "0312345678"]),
            (3, &["ORD-2001", "髙橋 𠮷男", "", ""]),
        ]);
        assert_eq!(hits(&c, "田太"), vec![1]);
        assert_eq!(hits(&c, "山田太郎"), vec![1]);
        assert_eq!(hits(&c, "田"), vec![1, 2]);
        assert_eq!(hits(&c, "郎"), vec![1]);
        assert_eq!(hits(&c, "09012345678"), vec![1]);
        assert_eq!(hits(&c, "1234-5678"), vec![1, 2]);
        assert_eq!(hits(&c, "ord-100"), vec![1, 2]);
        assert_eq!(hits(&c, "ｏｒｄ２００１"), vec![3]);
        assert_eq!(hits(&c, "𠮷男"), vec![3]);
        assert_eq!(
            hits(&c, "やまだ"),
            vec![1],
            "hiragana finds the katakana kana"
        );
        assert_eq!(hits(&c, "山田花子"), Vec::<i64>::new());
        assert!(match_expression(" - ").is_none());
    }

    #[test]
    fn variant_kanji_kana_and_addresses_are_found() {
        let c = db_with(&[
            (1, &["𠮷田 美咲", "大阪府大阪市北区梅田1-1-1"]),
            (2, &["髙橋 翔太", "ﾀｶﾊｼ ｼｮｳﾀ"]),
            (3, &["やまだ はなこ", "東京都港区六本木"]),
        ]);
        assert_eq!(hits(&c, "吉田"), vec![1]);
        assert_eq!(hits(&c, "𠮷田"), vec![1]);
        assert_eq!(hits(&c, "高橋"), vec![2]);
        assert_eq!(hits(&c, "たかはし"), vec![2]);
        assert_eq!(hits(&c, "ヤマダ"), vec![3]);
        assert_eq!(hits(&c, "梅田"), vec![1]);
        assert_eq!(hits(&c, "六本木"), vec![3]);
    }

    #[test]
    fn bigrams_do_not_join_across_fields() {
        // "郎0" would exist if the name and the phone ran together.
        let c = db_with(&[(1, &["太郎", "0901"])]);
        assert!(hits(&c, "郎0").is_empty());
        assert_eq!(hits(&c, "太郎"), vec![1]);
    }

    #[test]
    fn quotes_in_queries_cannot_break_the_expression() {
        let c = db_with(&[(1, &["a\"b"])]);
        assert_eq!(hits(&c, "\"ab"), vec![1]);
    }
}
