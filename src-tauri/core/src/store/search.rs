//! Substring search over everything the search box promises — mall order
//! numbers (and an order's other numbers), buyer, receiver and shipment
//! names, kana, postal codes, addresses, phones, email, tracking numbers,
//! item names and SKUs — answering its first page newest first, with the
//! status tab and the shop applied, in milliseconds at a million orders.
//!
//! Japanese has no spaces between words, so a word index cannot find 「田太」
//! in 「山田太郎」. Each field, folded by [`search_form`] (one function for the
//! index and the query), is indexed as its overlapping character bigrams
//! (山田 田太 太郎) plus its last character alone; a query of two or more
//! characters becomes the phrase of its bigrams, which matches exactly the
//! fields that contain it, and a one-character query becomes a prefix query.
//!
//! Two choices make a search stream instead of collecting every hit:
//! - The FTS rowid is the order's `search_key`, not its id: [`KEY_TOP`] less
//!   its `ordered_at` times [`KEY_SLOTS`] less a slot, so `ORDER BY rowid`
//!   is newest first and FTS5 walks its doclists forwards and stops at the
//!   `LIMIT` (forwards: FTS5 reads a doclist backwards a third slower).
//! - The status and the shop are tokens of the entry (facets: `_s_<status>`,
//!   `_p_<shop>`, `_ps_<shop>_<status>`), so a tab and a shop filter are one
//!   more term of the same MATCH, intersected inside FTS5, and a rare tab
//!   never makes the search visit the hits of the other tabs.
//!
//! The count stops at [`COUNT_CAP`] (「1,000件以上」).

use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::{IncomingOrder, Status};
use crate::text::search_form;

/// Keys per second of `ordered_at`: orders placed in the same second get
/// consecutive slots (at most this many; a fuller second borrows free keys
/// of the seconds before it). Few, because FTS5 stores each rowid as its
/// distance from the one before: 64 keeps that at two bytes for a term
/// found in most orders.
pub const KEY_SLOTS: i64 = 64;

/// Search keys count down from here, newest smallest: seconds from 1970 up
/// to the year 2514 (a later `ordered_at` is kept as that second), and keys
/// under 2^40, which FTS5 stores in six bytes.
pub const KEY_TOP: i64 = 1 << 40;

/// The second of `ordered_at` that its key tells.
fn key_second(ordered_at: i64) -> i64 {
    ordered_at.clamp(0, KEY_TOP / KEY_SLOTS - 1)
}

/// Hits counted before a count says 「1,000件以上」.
pub const COUNT_CAP: u32 = 1000;

/// The tokens indexed for one order's fields (each in its [`parts`]). A
/// field equal to one already indexed (the receiver is usually the buyer)
/// adds nothing: the index is the largest cost of storing an order.
///
/// Every field gives its bigrams and its last character. Digits, latin
/// letters and kana are small alphabets, so their bigrams are in most orders
/// and a phrase of them makes FTS5 read most of the index: each run of four
/// or more of them (an order number, a phone, a postal code, an email, a
/// tracking number, a SKU, a kana name) also gives its 4-grams, marked `_` so that no
/// bigram or prefix query meets them, and a lone `_` after the run so that
/// two runs never chain into one phrase. An email's local part marks its
/// grams [`LOCAL_GRAM`] instead and adds its ends ([`LOCAL_END`]).
pub fn tokens<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut seen: Vec<(String, bool)> = Vec::new();
    for (form, local) in fields.into_iter().flat_map(parts) {
        let key = (form, local);
        if seen.contains(&key) {
            continue;
        }
        let chars: Vec<char> = key.0.chars().collect();
        seen.push(key);
        for pair in chars.windows(2) {
            out.push(pair[0]);
            out.push(pair[1]);
            out.push(' ');
        }
        if let Some(last) = chars.last() {
            out.push(*last);
            out.push(' ');
        }
        let mark = if local { LOCAL_GRAM } else { "_" };
        for run in chars.split(|c| !gram_char(*c)) {
            if run.len() < GRAM {
                continue;
            }
            for gram in run.windows(GRAM) {
                out.push_str(mark);
                out.extend(gram);
                out.push(' ');
            }
            out.push_str("_ ");
        }
        if local && chars.len() >= GRAM {
            for from in 0..=chars.len() - GRAM {
                out.push_str(LOCAL_END);
                out.extend(&chars[from..]);
                out.push(' ');
            }
        }
    }
    out
}

/// The length of the grams of digit, latin and kana runs.
const GRAM: usize = 4;

/// A character of the small alphabets whose bigrams are in most orders:
/// digits, latin letters, and katakana (kana are folded to it; a kana name
/// is five to eight of some eighty letters). Their runs also give 4-grams.
fn gram_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{30A1}'..='\u{30FE}').contains(&c)
}

/// The mark of the 4-grams of an email's local part (the side before `@`).
/// Apart from the other fields' grams: local parts share long beginnings
/// (「info」, 「shop」, and every generated 「buyer」), so their grams are
/// in most orders, and a long number or SKU typed should not make FTS5 read
/// them.
const LOCAL_GRAM: &str = "__";

/// The mark of a local part's ends: every suffix of four characters or
/// more, one token each. 「taro@」 typed is the local parts that end with
/// 「taro」 (one token read); a long fragment without `@` is the local parts
/// with a suffix that starts with it (a prefix query over a few tokens)
/// instead of a phrase of grams most orders have.
const LOCAL_END: &str = "_m_";

/// From this many characters, a query of those alphabets finds local parts by
/// their ends ([`LOCAL_END`], a prefix query) instead of the phrase of
/// their grams: long enough that few local parts start a suffix with it
/// (a prefix query reads every token it matches before the first hit).
const LONG_QUERY: usize = 7;

/// The facet tokens of an order: its status, its shop, and both. They hold
/// `_`, which the index treats as part of a token and `search_form` never
/// leaves in a query, so nothing typed can match them.
pub fn facets(shop_id: i64, status: &str) -> String {
    format!("_s_{status} _p_{shop_id} _ps_{shop_id}_{status}")
}

/// The facet term that restricts a search to a tab and a shop.
fn facet_term(status: Option<Status>, shop_id: Option<i64>) -> Option<String> {
    match (status, shop_id) {
        (Some(s), Some(p)) => Some(format!("_ps_{p}_{}", s.code())),
        (Some(s), None) => Some(format!("_s_{}", s.code())),
        (None, Some(p)) => Some(format!("_p_{p}")),
        (None, None) => None,
    }
}

/// The FTS5 MATCH expression for what the merchant typed, or `None` when the
/// text has nothing searchable in it: digits, latin letters and kana only (a
/// number, a phone, an email, a SKU, a kana name) of four or more, the
/// phrase of their 4-grams, or the local part of an email that holds them; else the phrase
/// of its bigrams; one character, a prefix query (a digit or latin letter:
/// where another digit or letter follows it, or it ends a field). Four
/// characters or more typed before an `@` are the end of a local part.
pub fn match_expression(query: &str) -> Option<String> {
    let exprs: Vec<String> = parts(query)
        .filter_map(|(p, local)| match local {
            // What was typed before an `@` ends a local part: one token.
            true if p.chars().count() >= GRAM => Some(format!("\"{LOCAL_END}{p}\"")),
            _ => part_expression(&p),
        })
        .collect();
    (!exprs.is_empty()).then(|| exprs.join(" AND "))
}

/// The parts of a field or a query that are indexed and searched apart, each
/// in its `search_form`: the two sides of an email's `@`, so that the
/// domain every other order shares (example.jp, gmail.com) is a phrase of
/// its own that FTS5 checks only where the name before it matched. The
/// flag tells the local part: the side before the first `@` of a text that
/// has one.
fn parts(s: &str) -> impl Iterator<Item = (String, bool)> + '_ {
    let has_at = s.contains('@');
    s.split('@')
        .enumerate()
        .map(move |(i, p)| (search_form(p), has_at && i == 0))
        .filter(|(p, _)| !p.is_empty())
}

fn part_expression(form: &str) -> Option<String> {
    let chars: Vec<char> = form.chars().collect();
    let phrase = |mark: &str| {
        let grams: Vec<String> = chars
            .windows(GRAM)
            .map(|g| format!("{mark}{}", g.iter().collect::<String>()))
            .collect();
        format!("\"{}\"", grams.join(" "))
    };
    match chars.len() {
        0 => None,
        // A digit or a latin letter: its bigrams with the 36 that can follow
        // it, and itself ending a field. An OR, which FTS5 reads lazily and
        // stops at the limit, where a prefix query would first gather the
        // hits of every term starting with it (most of the index).
        1 if chars[0].is_ascii_alphanumeric() => {
            let c = chars[0];
            let mut terms = vec![format!("\"{c}\"")];
            terms.extend(('0'..='9').chain('a'..='z').map(|d| format!("\"{c}{d}\"")));
            Some(format!("({})", terms.join(" OR ")))
        }
        1 => Some(format!("\"{}\" *", chars[0])),
        // The other fields' grams, or a local part's: its grams when short
        // (a prefix query of a few characters would gather too many ends),
        // its ends when long.
        n if n >= GRAM && chars.iter().all(|c| gram_char(*c)) => {
            let local = if n >= LONG_QUERY {
                format!("\"{LOCAL_END}{form}\" *")
            } else {
                phrase(LOCAL_GRAM)
            };
            Some(format!("({} OR {local})", phrase("_")))
        }
        _ => {
            let phrase: Vec<String> = chars
                .windows(2)
                .map(|p| format!("{}{}", p[0], p[1]))
                .collect();
            Some(format!("\"{}\"", phrase.join(" ")))
        }
    }
}

/// The MATCH expression of a search within a tab and a shop.
pub fn filtered_expression(
    query: &str,
    status: Option<Status>,
    shop_id: Option<i64>,
) -> Option<String> {
    let m = match_expression(query)?;
    Some(match facet_term(status, shop_id) {
        Some(f) => format!("{m} AND \"{f}\""),
        None => m,
    })
}

/// The search keys of the hits of `expr`, newest (or oldest) first, from
/// `offset`, at most `limit` of them. FTS5 stops reading at the limit.
pub fn keys(
    conn: &Connection,
    expr: &str,
    newest_first: bool,
    offset: u32,
    limit: u32,
) -> rusqlite::Result<Vec<i64>> {
    let sql = if newest_first {
        "SELECT rowid FROM order_search WHERE order_search MATCH ?1
         ORDER BY rowid LIMIT ?2 OFFSET ?3"
    } else {
        "SELECT rowid FROM order_search WHERE order_search MATCH ?1
         ORDER BY rowid DESC LIMIT ?2 OFFSET ?3"
    };
    conn.prepare_cached(sql)?
        .query_map(params![expr, limit, offset], |r| r.get(0))?
        .collect()
}

/// How many orders `expr` finds, counting no further than `cap`.
pub fn count_upto(conn: &Connection, expr: &str, cap: u32) -> rusqlite::Result<u32> {
    conn.prepare_cached(
        "SELECT count(*) FROM (SELECT 1 FROM order_search WHERE order_search MATCH ?1 LIMIT ?2)",
    )?
    .query_row(params![expr, cap], |r| r.get(0))
}

fn or_empty(field: &Option<String>) -> &str {
    field.as_deref().unwrap_or("")
}

/// The tokens of an order about to be inserted, from the incoming fields
/// without reading it back: the same fields as `reindex`'s queries, in the
/// same order (facets are added by the merge, which knows the status).
pub fn new_order_tokens(o: &IncomingOrder) -> String {
    let mut fields = vec![o.mall_order_id.as_str()];
    fields.extend(o.mall_refs.iter().map(String::as_str));
    for p in [&o.buyer, &o.ship_to] {
        fields.extend([
            p.name.as_str(),
            or_empty(&p.kana),
            or_empty(&p.zip),
            &p.address,
            or_empty(&p.phone),
            or_empty(&p.email),
        ]);
    }
    for s in &o.shipments {
        let p = &s.ship_to;
        fields.extend([
            p.name.as_str(),
            or_empty(&p.kana),
            or_empty(&p.zip),
            &p.address,
            or_empty(&p.phone),
            or_empty(&s.mall_tracking),
        ]);
    }
    for it in &o.items {
        fields.extend([it.name.as_str(), or_empty(&it.sku)]);
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
    /// An order that was just inserted under `search_key`, with its
    /// `new_order_tokens` and `facets`.
    pub fn add_new(&mut self, search_key: i64, tokens: String) {
        self.new.push((search_key, tokens));
    }

    /// A stored order whose indexed fields may have changed.
    pub fn add_changed(&mut self, order_id: i64) {
        self.changed.push(order_id);
    }

    /// Writes the entries oldest key first: FTS5 flushes its pending terms
    /// to a segment of their own whenever a rowid comes below the one
    /// before it, and a fetch lists its orders in the mall's order (often
    /// newest first): unsorted, every step back in time was a segment.
    pub fn write(mut self, conn: &Connection) -> rusqlite::Result<()> {
        self.new.sort_unstable_by_key(|(key, _)| *key);
        for (key, tokens) in &self.new {
            insert_tokens(conn, *key, tokens)?;
        }
        // Changed orders too, in key order (an import's file order, a
        // selection's, or ids are not): 3.3 s → 0.77 s for 9,707 orders
        // of an import (labels_bench).
        let mut keyed = Vec::with_capacity(self.changed.len());
        let mut key = conn.prepare_cached("SELECT search_key FROM orders WHERE id = ?1")?;
        for id in self.changed {
            let k: Option<i64> = key.query_row([id], |r| r.get(0)).optional()?.flatten();
            keyed.push((k, id));
        }
        keyed.sort_unstable();
        keyed.dedup();
        for (_, id) in keyed {
            reindex(conn, id)?;
        }
        Ok(())
    }
}

fn insert_tokens(conn: &Connection, key: i64, tokens: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO order_search(rowid, tokens) VALUES (?1, ?2)")?
        .execute(params![key, tokens])?;
    Ok(())
}

/// A free search key for an order placed at `ordered_at`: the next slot of
/// its second, newest first (smallest), so that orders of one second keep
/// their order of arrival (the list's `id DESC`).
pub fn new_key(conn: &Connection, ordered_at: i64) -> rusqlite::Result<i64> {
    let top = KEY_TOP - key_second(ordered_at) * KEY_SLOTS;
    let bottom = top - (KEY_SLOTS - 1);
    let min: Option<i64> = conn
        .prepare_cached("SELECT min(search_key) FROM orders WHERE search_key BETWEEN ?1 AND ?2")?
        .query_row([bottom, top], |r| r.get(0))?;
    match min {
        None => Ok(top),
        Some(m) if m > bottom => Ok(m - 1),
        // More orders in one second than it has slots: the nearest free key
        // above (the seconds before are mostly empty).
        Some(_) => conn
            .prepare_cached(
                "SELECT k.search_key + 1 FROM orders k
                 WHERE k.search_key >= ?1
                   AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.search_key = k.search_key + 1)
                 ORDER BY k.search_key LIMIT 1",
            )?
            .query_row([bottom], |r| r.get(0)),
    }
}

/// Rebuilds the search entry of one order from what is stored now (and gives
/// it a new key if its `ordered_at` moved to another second). An order that
/// no longer exists keeps no entry.
pub fn reindex(conn: &Connection, order_id: i64) -> rusqlite::Result<()> {
    type Head = (Vec<String>, i64, String, i64, Option<i64>);
    let head: Option<Head> = conn
        .prepare_cached(
            "SELECT mall_order_id,
                    buyer_name, coalesce(buyer_kana, ''), coalesce(buyer_zip, ''),
                    buyer_address, coalesce(buyer_phone, ''), coalesce(buyer_email, ''),
                    ship_name, coalesce(ship_kana, ''), coalesce(ship_zip, ''),
                    ship_address, coalesce(ship_phone, ''),
                    shop_id, status, ordered_at, search_key
             FROM orders WHERE id = ?1",
        )?
        .query_row([order_id], |r| {
            let mut fields = Vec::with_capacity(13);
            for i in 0..12 {
                fields.push(r.get::<_, String>(i)?);
            }
            // The receiver has no email column: the slot keeps the field order.
            fields.push(String::new());
            Ok((fields, r.get(12)?, r.get(13)?, r.get(14)?, r.get(15)?))
        })
        .optional()?;
    let Some((head_fields, shop_id, status, ordered_at, old_key)) = head else {
        return Ok(());
    };
    let mut fields = vec![head_fields[0].clone()];
    fields.extend(
        conn.prepare_cached("SELECT ref FROM order_refs WHERE order_id = ?1 ORDER BY ref")?
            .query_map([order_id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    fields.extend(head_fields.into_iter().skip(1));
    let mut shipments = conn.prepare_cached(
        "SELECT coalesce(ship_name, ''), coalesce(ship_kana, ''), coalesce(ship_zip, ''),
                coalesce(ship_address, ''), coalesce(ship_phone, ''), coalesce(tracking_number, '')
         FROM shipments WHERE order_id = ?1 ORDER BY id",
    )?;
    let rows = shipments.query_map([order_id], |r| {
        (0..6)
            .map(|i| r.get::<_, String>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
    })?;
    for row in rows {
        fields.extend(row?);
    }
    let mut items = conn.prepare_cached(
        "SELECT name, coalesce(sku, '') FROM order_items WHERE order_id = ?1 ORDER BY id",
    )?;
    for row in items.query_map([order_id], |r| Ok([r.get::<_, String>(0)?, r.get(1)?]))? {
        fields.extend(row?);
    }
    // Every number a 送り状 import gave a shipment (複数口), not only the first.
    fields.extend(
        conn.prepare_cached(
            "SELECT tracking_number FROM label_tracking WHERE order_id = ?1 ORDER BY tracking_number",
        )?
        .query_map([order_id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    let key = match old_key {
        Some(k) if (KEY_TOP - k).div_euclid(KEY_SLOTS) == key_second(ordered_at) => k,
        _ => {
            let k = new_key(conn, ordered_at)?;
            conn.prepare_cached("UPDATE orders SET search_key = ?2 WHERE id = ?1")?
                .execute(params![order_id, k])?;
            k
        }
    };
    if let Some(old) = old_key {
        conn.prepare_cached("DELETE FROM order_search WHERE rowid = ?1")?
            .execute([old])?;
    }
    let mut t = tokens(fields.iter().map(String::as_str));
    t.push_str(&facets(shop_id, &status));
    insert_tokens(conn, key, &t)
}

/// How the index keeps few segments (FTS5 looks a term up in every segment,
/// so a search costs about twice as much at 26 segments as at one):
/// segments are merged two at a time, as soon as a level has two, instead
/// of FTS5's four; and a big fetch (a first import of 10,000 orders) keeps
/// its terms in memory up to 32 MiB instead of 1 MiB, so that it is one
/// segment instead of many. Both are stored in the table's settings.
pub const INDEX_SETTINGS: &str = "
INSERT INTO order_search(order_search, rank) VALUES ('automerge', 2);
INSERT INTO order_search(order_search, rank) VALUES ('hashsize', 33554432);
";

/// Rebuilds every order's search entry (after the folding of
/// `text::search_form` or the indexed fields changed).
pub fn reindex_all(conn: &Connection) -> rusqlite::Result<()> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM orders ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    conn.execute(
        "INSERT INTO order_search(order_search) VALUES ('delete-all')",
        [],
    )?;
    conn.execute("UPDATE orders SET search_key = NULL", [])?;
    for id in ids {
        reindex(conn, id)?;
    }
    // One segment instead of the many a rebuild writes: fewer to read per term.
    conn.execute(
        "INSERT INTO order_search(order_search) VALUES ('optimize')",
        [],
    )?;
    Ok(())
}

/// Problems between the orders and their search entries: an order without
/// its entry under its key, with a status or shop its entry does not say,
/// or an entry no order owns. Empty when the index is right. For tests
/// (the crash test runs it after every kill); reads every order.
pub fn check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut orders = conn
        .prepare("SELECT id, mall_order_id, shop_id, status, search_key FROM orders ORDER BY id")?;
    let rows = orders
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut found = conn
        .prepare("SELECT count(*) FROM order_search WHERE order_search MATCH ?1 AND rowid = ?2")?;
    for (id, number, shop, status, key) in &rows {
        let Some(key) = key else {
            problems.push(format!("order {id} ({number}) has no search key"));
            continue;
        };
        let facet = format!("\"_ps_{shop}_{status}\"");
        let expr = match match_expression(number) {
            Some(m) => format!("{m} AND {facet}"),
            None => facet,
        };
        if found.query_row(params![expr, key], |r| r.get::<_, i64>(0))? != 1 {
            problems.push(format!(
                "order {id} ({number}) is not found by its number in shop {shop} / {status}"
            ));
        }
    }
    let entries: i64 = conn.query_row("SELECT count(*) FROM order_search", [], |r| r.get(0))?;
    if entries != rows.len() as i64 {
        problems.push(format!(
            "{entries} search entries for {} orders",
            rows.len()
        ));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db_with(rows: &[(i64, &[&str])]) -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(super::super::schema::SEARCH_TABLE).unwrap();
        for (id, fields) in rows {
            c.execute(
                "INSERT INTO order_search(rowid, tokens) VALUES (?1, ?2)",
                params![id, tokens(fields.iter().copied()) + &facets(1, "new")],
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
        assert_eq!(hits(&c, "0"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "ｒ"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "8"), vec![1, 2]);
        assert_eq!(hits(&c, "9"), vec![1]);
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
    fn phones_postal_codes_and_kana_fold_the_same_way_on_both_sides() {
        let c = db_with(&[
            (1, &["090-1234-5678", "150-0001", "サトウ ミサキ"]),
            (2, &["０９０１２３４５６７８", "〒１５００００１", "さとう"]),
            (3, &["03 (1234) 5678", "1500002", "ｻﾄｳ ﾀﾛｳ"]),
            (4, &["taro.sato@example.jp", "ＳＫＵ－ＴＳ－００１"]),
        ]);
        assert_eq!(hits(&c, "０９０－１２３４－５６７８"), vec![1, 2]);
        assert_eq!(hits(&c, "09012345678"), vec![1, 2]);
        assert_eq!(hits(&c, "090 1234 5678"), vec![1, 2]);
        assert_eq!(hits(&c, "〒150-0001"), vec![1, 2]);
        assert_eq!(hits(&c, "1500001"), vec![1, 2]);
        assert_eq!(hits(&c, "150-000"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "ｻﾄｳ"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "さとう"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "サトウ ミサキ"), vec![1]);
        assert_eq!(hits(&c, "1234-5678"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "Taro.Sato@Example.JP"), vec![4]);
        assert_eq!(hits(&c, "ts-001"), vec![4]);
    }

    #[test]
    fn email_local_parts_are_found_by_fragments_and_by_their_end() {
        let c = db_with(&[
            (1, &["buyer4687@example.jp"]),
            (2, &["buyer46871@example.jp"]),
            (3, &["xbuyer4687@example.co.jp"]),
            (4, &["Taro.Sato@Example.JP", "090-4687-0000"]),
            (5, &["sato@shop.example"]),
        ]);
        // Fragments of every length, short (grams) and long (ends).
        assert_eq!(hits(&c, "4687"), vec![1, 2, 3, 4]);
        assert_eq!(hits(&c, "r468"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "buyer4"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "buyer4687"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "uyer4687"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "buyer46871"), vec![2]);
        assert_eq!(hits(&c, "yer46"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "ＢＵＹＥＲ４６８７"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "taro.sato"), vec![4]);
        assert_eq!(hits(&c, "rosato"), vec![4]);
        assert_eq!(hits(&c, "sato"), vec![4, 5]);
        assert_eq!(hits(&c, "to"), vec![4, 5]);
        assert_eq!(hits(&c, "b"), vec![1, 2, 3]);
        // Typed with its `@`: the local parts that end there.
        assert_eq!(hits(&c, "buyer4687@example.jp"), vec![1]);
        assert_eq!(hits(&c, "buyer4687@"), vec![1, 3]);
        assert_eq!(hits(&c, "yer4687@example"), vec![1, 3]);
        assert_eq!(hits(&c, "taro.sato@example.jp"), vec![4]);
        assert_eq!(hits(&c, "sato@"), vec![4, 5]);
        assert_eq!(hits(&c, "to@shop"), vec![5]);
        assert_eq!(hits(&c, "@example.co"), vec![3]);
        assert!(hits(&c, "buyer468@").is_empty());
        // The domain's grams are the other fields': a long number typed
        // reads no local part's grams.
        let m = match_expression("buyer4687").unwrap();
        assert!(m.contains("\"_m_buyer4687\" *") && !m.contains("__"), "{m}");
        assert_eq!(
            match_expression("buyer4687@example.jp").unwrap(),
            "\"_m_buyer4687\" AND (\"_exam _xamp _ampl _mple _plej _lejp\" OR \"_m_examplejp\" *)"
        );
    }

    #[test]
    fn kana_runs_are_found_by_their_grams_and_bigrams() {
        let c = db_with(&[
            (1, &["田中 花子", "タナカ ハナコ", "今治タオル100枚"]),
            (2, &["中村 花子", "ﾅｶﾑﾗ ﾊﾅｺ"]),
            (3, &["やまなか はなえ"]),
        ]);
        assert_eq!(hits(&c, "たなか はなこ"), vec![1]);
        assert_eq!(hits(&c, "タナカハ"), vec![1]);
        assert_eq!(hits(&c, "なかむら"), vec![2]);
        assert_eq!(hits(&c, "ﾅｶﾑﾗﾊﾅｺ"), vec![2]);
        assert_eq!(hits(&c, "ハナコ"), vec![1, 2]);
        assert_eq!(hits(&c, "ナカ"), vec![1, 2, 3]);
        assert_eq!(hits(&c, "カハナ"), vec![1, 3]);
        assert_eq!(hits(&c, "ナカハナエ"), vec![3]);
        assert_eq!(hits(&c, "タオル100"), vec![1]);
        assert_eq!(hits(&c, "ル10"), vec![1]);
        assert_eq!(hits(&c, "治タオル"), vec![1]);
        assert!(hits(&c, "ハナコタナカ").is_empty());
    }

    #[test]
    fn nothing_typed_can_match_a_facet() {
        let c = db_with(&[(1, &["山田"])]);
        for q in ["_s_new", "s", "_", "p", "ps", "new"] {
            assert!(hits(&c, q).is_empty(), "{q}");
        }
        let m = filtered_expression("1", Some(Status::New), Some(1)).unwrap();
        assert_eq!(count_upto(&c, &m, 10).unwrap(), 0);
        let m = filtered_expression("山田", Some(Status::New), Some(1)).unwrap();
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM order_search WHERE order_search MATCH ?1",
                [m],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
        let m = filtered_expression("山田", Some(Status::Done), None).unwrap();
        assert_eq!(count_upto(&c, &m, 10).unwrap(), 0);
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
