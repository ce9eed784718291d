//! Reading and changing orders: list pages, tab counts, detail, status moves
//! and shipment info.

use rusqlite::{params, params_from_iter, types::Value, Connection, OptionalExtension, Row};

use super::error::{Result, StoreError};
use super::{activity, search};
use crate::domain::*;
use crate::time::{jst, now_unix};

/// One line per order; the shipment shown is the order's first (an order
/// with several destinations shows them in its detail).
const ROW_SELECT: &str =
    "SELECT o.id, o.shop_id, sh.name, sh.mall, o.mall_order_id, o.status, o.ordered_at,
        o.buyer_name, o.ship_name, o.total, s.tracking_number, s.ship_date, s.carrier, o.attention,
        (SELECT count(*) FROM shipments WHERE order_id = o.id),
        (SELECT count(*) FROM shipments WHERE order_id = o.id AND tracking_number IS NOT NULL),
        (SELECT max(updated_at) FROM export_units WHERE order_id = o.id AND state = 'sent')
    FROM orders o
    JOIN shops sh ON sh.id = o.shop_id
    LEFT JOIN shipments s ON s.id = (SELECT min(id) FROM shipments WHERE order_id = o.id)";

fn row_from(r: &Row<'_>) -> rusqlite::Result<OrderRow> {
    let mall: String = r.get(3)?;
    let status: String = r.get(5)?;
    let carrier: Option<String> = r.get(12)?;
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            what.to_string().into(),
        )
    };
    Ok(OrderRow {
        id: r.get(0)?,
        shop_id: r.get(1)?,
        shop_name: r.get(2)?,
        mall: Mall::parse(&mall).ok_or_else(|| bad(3, "unknown mall"))?,
        mall_order_id: r.get(4)?,
        status: Status::from_code(&status).ok_or_else(|| bad(5, "unknown status"))?,
        ordered_at: jst(r.get(6)?).to_rfc3339(),
        buyer_name: r.get(7)?,
        receiver_name: r.get(8)?,
        total: r.get(9)?,
        tracking_number: r.get(10)?,
        ship_date: r.get(11)?,
        carrier: carrier.as_deref().and_then(Carrier::from_code),
        attention: r.get(13)?,
        // An order the mall sent without shipments still goes somewhere: one.
        shipment_count: r.get::<_, u32>(14)?.max(1),
        shipments_tracked: r.get(15)?,
        sent_at: r.get::<_, Option<i64>>(16)?.map(|t| jst(t).to_rfc3339()),
    })
}

/// WHERE clause and parameters shared by the page and its count.
struct Filter {
    sql: String,
    params: Vec<Value>,
    /// The search's MATCH expression, tab and shop included.
    search: Option<String>,
}

fn filter(
    status: Option<Status>,
    shop_id: Option<i64>,
    search_text: Option<&str>,
) -> Option<Filter> {
    let mut conds = Vec::new();
    let mut params = Vec::new();
    if let Some(s) = status {
        conds.push("o.status = ?");
        params.push(Value::Text(s.code().into()));
    }
    if let Some(id) = shop_id {
        conds.push("o.shop_id = ?");
        params.push(Value::Integer(id));
    }
    let mut search = None;
    if let Some(q) = search_text.filter(|q| !q.trim().is_empty()) {
        // Text with nothing searchable in it (only spaces or punctuation) matches nothing.
        let m = search::filtered_expression(q, status, shop_id)?;
        conds.push("o.search_key IN (SELECT rowid FROM order_search WHERE order_search MATCH ?)");
        params.push(Value::Text(m.clone()));
        search = Some(m);
    }
    let sql = if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    };
    Some(Filter {
        sql,
        params,
        search,
    })
}

/// The ORDER BY of a list page. 注文日 walks an index; the other columns sort
/// the matching rows (not benchmarked yet at a million orders).
fn order_by(key: SortKey, dir: &str) -> String {
    let then = format!("o.ordered_at {dir}, o.id {dir}");
    match key {
        SortKey::OrderedAt => then,
        SortKey::ShipDate => format!("s.ship_date IS NULL, s.ship_date {dir}, {then}"),
        SortKey::Total => format!("o.total {dir}, {then}"),
        SortKey::Shop => format!("sh.name {dir}, {then}"),
        SortKey::Status => {
            let ranks: Vec<String> = Status::ALL
                .iter()
                .enumerate()
                .map(|(i, s)| format!("WHEN '{}' THEN {i}", s.code()))
                .collect();
            format!("CASE o.status {} END {dir}, {then}", ranks.join(" "))
        }
    }
}

/// The ids of every order a tab (status, shop, search) holds, newest first,
/// at most `cap` of them: 「このタブの全件を選択」.
pub fn ids(
    conn: &Connection,
    status: Option<Status>,
    shop_id: Option<i64>,
    search: Option<&str>,
    cap: u32,
) -> Result<Vec<i64>> {
    let Some(f) = filter(status, shop_id, search) else {
        return Ok(Vec::new());
    };
    if let Some(expr) = &f.search {
        // Newest first straight from the index, stopping at the cap.
        return Ok(conn
            .prepare_cached(
                "SELECT o.id FROM (SELECT rowid AS k FROM order_search WHERE order_search MATCH ?1
                                   ORDER BY rowid LIMIT ?2) h
                 JOIN orders o ON o.search_key = h.k ORDER BY h.k",
            )?
            .query_map(params![expr, cap], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?);
    }
    let sql = format!(
        "SELECT o.id FROM orders o{} ORDER BY o.ordered_at DESC, o.id DESC LIMIT ?",
        f.sql
    );
    let mut params = f.params.clone();
    params.push(Value::Integer(i64::from(cap)));
    Ok(conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(params.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?)
}

pub fn list(conn: &Connection, q: &OrderQuery) -> Result<OrderPage> {
    let Some(f) = filter(q.status, q.shop_id, q.search.as_deref()) else {
        return Ok(OrderPage {
            rows: vec![],
            total: 0,
            capped: false,
        });
    };
    if let (Some(expr), SortKey::OrderedAt) = (&f.search, q.sort_by) {
        return search_page(conn, expr, q);
    }
    let dir = match q.sort {
        SortDir::Desc => "DESC",
        SortDir::Asc => "ASC",
    };
    // Bound, not formatted in: one cached statement serves every page (per sort).
    let sql = format!(
        "{ROW_SELECT}{} ORDER BY {} LIMIT ? OFFSET ?",
        f.sql,
        order_by(q.sort_by, dir)
    );
    let mut params = f.params.clone();
    params.push(Value::Integer(i64::from(q.limit.clamp(1, 1000))));
    params.push(Value::Integer(i64::from(q.offset)));
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(params.iter()), row_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let total = if f.search.is_some() {
        let sql = format!("SELECT count(*) FROM orders o{}", f.sql);
        conn.prepare_cached(&sql)?
            .query_row(params_from_iter(f.params.iter()), |r| r.get::<_, u32>(0))?
    } else {
        counted(conn, q.status, q.shop_id)?
    };
    Ok(OrderPage {
        rows,
        total,
        capped: false,
    })
}

/// A page of a search by 注文日 (the list's default): the keys of the page
/// come from the index in order, and the count goes on only to
/// `search::COUNT_CAP` (or to the end of the page, if that is further), so
/// a search that matches half the orders costs what one that matches a
/// thousand does.
fn search_page(conn: &Connection, expr: &str, q: &OrderQuery) -> Result<OrderPage> {
    let limit = q.limit.clamp(1, 1000);
    let newest_first = q.sort == SortDir::Desc;
    // Hits looked at from the first: the page, and at least the cap, plus
    // one to tell 「以上」.
    let bound = (q.offset + limit).max(search::COUNT_CAP) + 1;
    let keys = search::keys(conn, expr, newest_first, q.offset, bound - q.offset)?;
    let seen = if keys.is_empty() && q.offset > 0 {
        search::count_upto(conn, expr, bound)?
    } else {
        q.offset + keys.len() as u32
    };
    let mut row_of = conn.prepare_cached(&format!("{ROW_SELECT} WHERE o.search_key = ?1"))?;
    let mut rows = Vec::with_capacity(limit as usize);
    for k in keys.iter().take(limit as usize) {
        if let Some(row) = row_of.query_row([k], row_from).optional()? {
            rows.push(row);
        }
    }
    Ok(OrderPage {
        rows,
        total: seen.min(bound - 1),
        capped: seen >= bound,
    })
}

/// Orders counted by the triggers of `order_counts`.
fn counted(conn: &Connection, status: Option<Status>, shop_id: Option<i64>) -> Result<u32> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(n), 0) FROM order_counts
             WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR shop_id = ?2)",
        )?
        .query_row(params![status.map(Status::code), shop_id], |r| r.get(0))?;
    Ok(u32::try_from(n).unwrap_or(0))
}

pub fn counts(conn: &Connection, f: &CountFilter) -> Result<StatusCounts> {
    if let Some(q) = f.search.as_deref().filter(|s| !s.trim().is_empty()) {
        return search_counts(conn, q, f.shop_id);
    }
    let per: Vec<(String, i64)> = conn
        .prepare_cached(
            "SELECT status, sum(n) FROM order_counts WHERE (?1 IS NULL OR shop_id = ?1) GROUP BY status",
        )?
        .query_map([f.shop_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let by_status: Vec<StatusCount> = Status::ALL
        .into_iter()
        .map(|s| StatusCount {
            status: s,
            count: per
                .iter()
                .find(|(code, _)| code == s.code())
                .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(0)),
            capped: false,
        })
        .collect();
    Ok(StatusCounts {
        all: by_status.iter().map(|c| c.count).sum(),
        all_capped: false,
        by_status,
    })
}

/// The tab counts of a search: each tab's hits counted inside the index (its
/// status is a term of the match) up to `search::COUNT_CAP`.
fn search_counts(conn: &Connection, q: &str, shop_id: Option<i64>) -> Result<StatusCounts> {
    let Some(expr) = search::filtered_expression(q, None, shop_id) else {
        return Ok(zero_counts());
    };
    // Most searches find fewer than the cap: one pass over their hits, each
    // tab counted from the orders' statuses.
    let per: Vec<(String, u32)> = conn
        .prepare_cached(
            "SELECT o.status, count(*) FROM
                (SELECT rowid AS k FROM order_search WHERE order_search MATCH ?1 LIMIT ?2) h
             JOIN orders o ON o.search_key = h.k GROUP BY o.status",
        )?
        .query_map(params![expr, search::COUNT_CAP + 1], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let all: u32 = per.iter().map(|(_, n)| n).sum();
    if all <= search::COUNT_CAP {
        let by_status: Vec<StatusCount> = Status::ALL
            .into_iter()
            .map(|s| StatusCount {
                status: s,
                count: per
                    .iter()
                    .find(|(code, _)| code == s.code())
                    .map_or(0, |(_, n)| *n),
                capped: false,
            })
            .collect();
        return Ok(StatusCounts {
            all,
            all_capped: false,
            by_status,
        });
    }
    let mut by_status = Vec::with_capacity(Status::ALL.len());
    for s in Status::ALL {
        let Some(expr) = search::filtered_expression(q, Some(s), shop_id) else {
            return Ok(zero_counts());
        };
        let n = search::count_upto(conn, &expr, search::COUNT_CAP + 1)?;
        by_status.push(StatusCount {
            status: s,
            count: n.min(search::COUNT_CAP),
            capped: n > search::COUNT_CAP,
        });
    }
    // One capped tab means more than the cap in all of them.
    let all_capped = by_status.iter().any(|c| c.capped);
    let all = if all_capped {
        search::COUNT_CAP
    } else {
        by_status.iter().map(|c| c.count).sum()
    };
    Ok(StatusCounts {
        all,
        all_capped,
        by_status,
    })
}

fn zero_counts() -> StatusCounts {
    StatusCounts {
        all: 0,
        all_capped: false,
        by_status: Status::ALL
            .into_iter()
            .map(|status| StatusCount {
                status,
                count: 0,
                capped: false,
            })
            .collect(),
    }
}

pub fn row(conn: &Connection, id: i64) -> Result<OrderRow> {
    conn.prepare_cached(&format!("{ROW_SELECT} WHERE o.id = ?1"))?
        .query_row([id], row_from)
        .optional()?
        .ok_or(StoreError::OrderNotFound(id))
}

pub fn detail(conn: &Connection, id: i64) -> Result<OrderDetail> {
    let row = row(conn, id)?;
    let (mall_status, buyer, ship_to, payment_method, shipping_fee, remark, memo, delivery) = conn
        .prepare_cached(
            "SELECT mall_status, buyer_name, buyer_kana, buyer_zip, buyer_address, buyer_phone, buyer_email,
                    ship_name, ship_kana, ship_zip, ship_address, ship_phone,
                    payment_method, shipping_fee, remark, memo,
                    delivery_method, delivery_date, delivery_time
             FROM orders WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Party {
                    name: r.get(1)?,
                    kana: r.get(2)?,
                    zip: r.get(3)?,
                    address: r.get(4)?,
                    phone: r.get(5)?,
                    email: r.get(6)?,
                },
                Party {
                    name: r.get(7)?,
                    kana: r.get(8)?,
                    zip: r.get(9)?,
                    address: r.get(10)?,
                    phone: r.get(11)?,
                    email: None,
                },
                r.get::<_, String>(12)?,
                r.get::<_, i64>(13)?,
                r.get::<_, String>(14)?,
                r.get::<_, String>(15)?,
                DeliveryWish {
                    method: r.get(16)?,
                    date: r.get(17)?,
                    time: r.get(18)?,
                },
            ))
        })?;
    let items = conn
        .prepare_cached(
            "SELECT id, sku, name, variation, unit_price, quantity FROM order_items WHERE order_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            let unit_price: i64 = r.get(4)?;
            let quantity: i64 = r.get(5)?;
            Ok(OrderItem {
                id: r.get(0)?,
                sku: r.get(1)?,
                name: r.get(2)?,
                variation: r.get(3)?,
                unit_price,
                quantity,
                subtotal: unit_price * quantity,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let shipments = shipments_of(conn, &row, &items, &delivery)?;
    Ok(OrderDetail {
        row,
        mall_status_label: mall_status.clone(),
        mall_status,
        buyer,
        ship_to,
        payment_method,
        shipping_fee,
        remark,
        memo,
        items,
        shipments,
        ship_plan_available: false,
    })
}

/// The shipments of an order, first one first; an order stored without any
/// has one implicit shipment carrying every item.
fn shipments_of(
    conn: &Connection,
    row: &OrderRow,
    items: &[OrderItem],
    order_wish: &DeliveryWish,
) -> Result<Vec<ShipmentDetail>> {
    let item_refs: Vec<(i64, Option<String>)> = conn
        .prepare_cached("SELECT id, shipment_ref FROM order_items WHERE order_id = ?1 ORDER BY id")?
        .query_map([row.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut shipments = conn
        .prepare_cached(
            "SELECT shipment_ref, ship_name, ship_kana, ship_zip, ship_address, ship_phone,
                    mall_status, tracking_number, ship_date, carrier, mall_note,
                    delivery_method, delivery_date, delivery_time
             FROM shipments WHERE order_id = ?1 ORDER BY id",
        )?
        .query_map([row.id], |r| {
            let name: Option<String> = r.get(1)?;
            let address: Option<String> = r.get(4)?;
            let carrier: Option<String> = r.get(9)?;
            Ok(ShipmentDetail {
                shipment_ref: r.get(0)?,
                ship_to: match (name, address) {
                    (Some(name), Some(address)) => Some(Party {
                        name,
                        kana: r.get(2)?,
                        zip: r.get(3)?,
                        address,
                        phone: r.get(5)?,
                        email: None,
                    }),
                    _ => None,
                },
                item_ids: Vec::new(),
                mall_status: r.get(6)?,
                mall_status_label: None,
                mall_note: r.get(10)?,
                tracking_number: r.get(7)?,
                ship_date: r.get(8)?,
                carrier: carrier.as_deref().and_then(Carrier::from_code),
                sent: None,
                after_send_fix: String::new(),
                delivery: DeliveryWish {
                    method: r.get(11)?,
                    date: r.get(12)?,
                    time: r.get(13)?,
                }
                .or(order_wish),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if shipments.is_empty() {
        shipments.push(ShipmentDetail {
            shipment_ref: String::new(),
            ship_to: None,
            item_ids: Vec::new(),
            mall_status: None,
            mall_status_label: None,
            mall_note: None,
            tracking_number: None,
            ship_date: None,
            carrier: None,
            sent: None,
            after_send_fix: String::new(),
            delivery: order_wish.clone(),
        });
    }
    let single = shipments.len() == 1;
    for s in &mut shipments {
        s.sent =
            super::export_journal::sent_slip(conn, row.id, &s.shipment_ref)?.map(|u| SentSlip {
                at: jst(u.at).to_rfc3339(),
                tracking_number: u.tracking,
                carrier: Carrier::from_code(&u.carrier),
                ship_date: u.ship_date,
            });
        s.item_ids = item_refs
            .iter()
            .filter(|(_, r)| single || r.as_deref() == Some(s.shipment_ref.as_str()))
            .map(|(id, _)| *id)
            .collect();
    }
    debug_assert!(items.len() == item_refs.len());
    Ok(shipments)
}

/// Moves orders to another local status; returns how many changed.
pub fn move_to(conn: &mut Connection, ids: &[i64], status: Status) -> Result<u32> {
    let tx = conn.transaction()?;
    let mut moved = 0u32;
    let mut entries = search::Pending::default();
    {
        let mut upd = tx.prepare_cached(
            "UPDATE orders SET status = ?1, updated_at = ?2 WHERE id = ?3 AND status <> ?1",
        )?;
        let mut exists = tx.prepare_cached("SELECT 1 FROM orders WHERE id = ?1")?;
        let now = now_unix();
        for &id in ids {
            if !exists.exists([id])? {
                return Err(StoreError::OrderNotFound(id));
            }
            let changed = upd.execute(params![status.code(), now, id])?;
            if changed > 0 {
                // The entry carries the status (the tab of a search).
                entries.add_changed(id);
            }
            moved += changed as u32;
        }
    }
    entries.write(&tx)?;
    if moved > 0 {
        activity::record(
            &tx,
            "status",
            None,
            None,
            &format!("{moved}件の注文を「{}」へ移動しました", status.label()),
        )?;
    }
    tx.commit()?;
    Ok(moved)
}

/// Normalizes a ship date typed as 2026-11-23, 2026/11/23 or 20261123.
pub fn parse_ship_date(input: &str) -> Result<String> {
    crate::domain::read_date(input)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| {
            DomainError::InvalidDate {
                input: input.trim().to_string(),
            }
            .into()
        })
}

/// Validates and saves 伝票番号 / 出荷日 / 配送会社 for one order.
pub fn save_shipment(
    conn: &mut Connection,
    order_id: i64,
    input: &ShipmentInput,
) -> Result<OrderRow> {
    let blank = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let tracking = match (blank(&input.tracking_number), input.carrier) {
        (Some(t), Some(c)) => Some(c.normalize_tracking(&t)?),
        (Some(_), None) => return Err(DomainError::CarrierRequired.into()),
        (None, _) => None,
    };
    let ship_date = blank(&input.ship_date)
        .map(|d| parse_ship_date(&d))
        .transpose()?;
    let tx = conn.transaction()?;
    row(&tx, order_id)?;
    // Without a ref: the order's first shipment, or its only, implicit one.
    let shipment_ref = match input.shipment_ref.as_deref() {
        Some(r) => r.to_string(),
        None => tx
            .prepare_cached(
                "SELECT shipment_ref FROM shipments WHERE order_id = ?1 ORDER BY id LIMIT 1",
            )?
            .query_row([order_id], |r| r.get(0))
            .optional()?
            .unwrap_or_default(),
    };
    tx.prepare_cached(
        "INSERT INTO shipments(order_id, shipment_ref, tracking_number, ship_date, carrier, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(order_id, shipment_ref) DO UPDATE SET tracking_number = ?3, ship_date = ?4, carrier = ?5, updated_at = ?6",
    )?
    .execute(params![
        order_id,
        shipment_ref,
        tracking,
        ship_date,
        input.carrier.map(Carrier::code),
        now_unix()
    ])?;
    search::reindex(&tx, order_id)?;
    activity::record(
        &tx,
        "shipment",
        None,
        Some(order_id),
        &format!(
            "発送情報を保存しました（伝票番号 {}、出荷日 {}、配送会社 {}）",
            tracking.as_deref().unwrap_or("なし"),
            ship_date.as_deref().unwrap_or("なし"),
            input.carrier.map_or("なし", Carrier::label)
        ),
    )?;
    let saved = row(&tx, order_id)?;
    tx.commit()?;
    Ok(saved)
}

/// The mall payload an order was last built from.
pub fn raw(conn: &Connection, id: i64) -> Result<serde_json::Value> {
    let text: String = conn
        .prepare_cached("SELECT raw FROM orders WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::OrderNotFound(id))?;
    Ok(serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
}
