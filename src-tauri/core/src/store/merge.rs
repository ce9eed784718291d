//! Merging orders fetched from a mall into the store (DESIGN.md "Orders and statuses"):
//! - a new order lands in the shop's 格納先ステータス (or the mall-derived first status);
//! - a known order never duplicates and never loses what the merchant did
//!   locally (status, shipment info, memo): only the mall snapshot is updated;
//! - a mall-side cancellation moves the order to キャンセル, unless it was
//!   already shipped here, in which case it is flagged for the merchant.

use std::sync::mpsc;

use rusqlite::{params, Connection, OptionalExtension, ToSql, Transaction};
use serde::Serialize;

use super::error::Result;
use super::{activity, order_counts, search};
use crate::domain::{IncomingOrder, Status};
use crate::time::now_unix;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeStats {
    pub new: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub cancelled: u32,
    pub flagged: u32,
}

pub const CANCELLED_AFTER_SHIPPING: &str = "モール側でキャンセルされましたが、この注文は発送済みです。モールの管理画面で確認してください。";

pub fn merge(
    conn: &mut Connection,
    shop_id: i64,
    default_status: Status,
    orders: &[IncomingOrder],
) -> Result<MergeStats> {
    let tx = conn.transaction()?;
    let mut batch = Batch::default();
    std::thread::scope(|s| -> Result<()> {
        let (send, prepared) = mpsc::sync_channel(PIPELINE_DEPTH);
        s.spawn(move || {
            for o in orders {
                // A closed channel means the writer stopped on an error.
                if send.send(Prepared::of(o)).is_err() {
                    break;
                }
            }
        });
        for p in prepared {
            merge_one(&tx, shop_id, default_status, p, &mut batch)?;
        }
        Ok(())
    })?;
    batch.new_counts.write(&tx, shop_id)?;
    batch.search.write(&tx)?;
    tx.commit()?;
    Ok(batch.stats)
}

/// How many orders the preparing thread may run ahead of the writer.
const PIPELINE_DEPTH: usize = 256;

/// The part of merging an order that needs no database (its stored JSON and
/// its search tokens), done on a second thread while this one writes, so
/// that both cores of a small machine work on a big fetch.
struct Prepared<'a> {
    order: &'a IncomingOrder,
    raw: String,
    tokens: String,
}

impl<'a> Prepared<'a> {
    fn of(order: &'a IncomingOrder) -> Self {
        Prepared {
            order,
            raw: order.raw.to_string(),
            tokens: search::new_order_tokens(order),
        }
    }
}

/// What a merge gathers while it goes, and writes once at the end.
#[derive(Default)]
struct Batch {
    stats: MergeStats,
    new_counts: order_counts::Tally,
    search: search::Pending,
}

fn merge_one(
    tx: &Transaction<'_>,
    shop_id: i64,
    default_status: Status,
    p: Prepared<'_>,
    batch: &mut Batch,
) -> Result<()> {
    let stats = &mut batch.stats;
    let Prepared {
        order: o,
        ref raw,
        tokens,
    } = p;
    let existing: Option<(i64, String, String, bool)> = tx
        .prepare_cached(
            "SELECT o.id, o.status, o.raw,
                    EXISTS (SELECT 1 FROM shipments s
                            WHERE s.order_id = o.id AND coalesce(s.tracking_number, '') <> '')
             FROM orders o
             WHERE o.shop_id = ?1 AND o.mall_order_id = ?2",
        )?
        .query_row(params![shop_id, o.mall_order_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    // The same payload is unchanged, unless it holds a delivery wish the
    // store has not read yet (an order stored before V12): asked only then.
    let unchanged = match &existing {
        Some((id, _, old_raw, _)) if old_raw == raw => !has_wish(o) || wish_stored(tx, *id)?,
        _ => false,
    };
    let now = now_unix();
    let mall_state = o.mall_state.code();
    let id = match existing {
        None => {
            let status = if o.mall_cancelled() {
                Status::Cancelled
            } else {
                o.initial_status.unwrap_or(default_status)
            };
            let mut params = snapshot(o, raw, &now, &mall_state);
            let code = status.code();
            let key = search::new_key(tx, o.ordered_at)?;
            params.extend([
                (":shop_id", &shop_id as &dyn ToSql),
                (":mall_order_id", &o.mall_order_id),
                (":status", &code),
                (":search_key", &key),
            ]);
            tx.prepare_cached(
                "INSERT INTO orders(shop_id, mall_order_id, status, created_at, ordered_at, mall_status,
                    buyer_name, buyer_kana, buyer_zip, buyer_address, buyer_phone, buyer_email,
                    ship_name, ship_kana, ship_zip, ship_address, ship_phone,
                    payment_method, shipping_fee, total, remark, raw, updated_at, mall_modified,
                    mall_state, search_key, delivery_method, delivery_date, delivery_time)
                 VALUES (:shop_id, :mall_order_id, :status, :now, :ordered_at, :mall_status,
                    :buyer_name, :buyer_kana, :buyer_zip, :buyer_address, :buyer_phone, :buyer_email,
                    :ship_name, :ship_kana, :ship_zip, :ship_address, :ship_phone,
                    :payment_method, :shipping_fee, :total, :remark, :raw, :now, :mall_modified,
                    :mall_state, :search_key, :delivery_method, :delivery_date, :delivery_time)",
            )?
            .execute(params.as_slice())?;
            stats.new += 1;
            batch.new_counts.add(status);
            let id = tx.last_insert_rowid();
            batch
                .search
                .add_new(key, tokens + &search::facets(shop_id, code));
            insert_items(tx, id, o)?;
            write_refs_and_shipments(tx, id, o, &now)?;
            return Ok(());
        }
        Some(_) if unchanged => {
            stats.unchanged += 1;
            return Ok(());
        }
        Some((id, ref status, _, has_tracking)) => {
            let mut params = snapshot(o, raw, &now, &mall_state);
            params.push((":id", &id));
            tx.prepare_cached(
                "UPDATE orders SET ordered_at = :ordered_at, mall_status = :mall_status,
                    buyer_name = :buyer_name, buyer_kana = :buyer_kana, buyer_zip = :buyer_zip,
                    buyer_address = :buyer_address, buyer_phone = :buyer_phone, buyer_email = :buyer_email,
                    ship_name = :ship_name, ship_kana = :ship_kana, ship_zip = :ship_zip,
                    ship_address = :ship_address, ship_phone = :ship_phone,
                    payment_method = :payment_method, shipping_fee = :shipping_fee, total = :total,
                    remark = :remark, raw = :raw, updated_at = :now, mall_modified = :mall_modified,
                    mall_state = :mall_state, delivery_method = :delivery_method,
                    delivery_date = :delivery_date, delivery_time = :delivery_time
                 WHERE id = :id",
            )?
            .execute(params.as_slice())?;
            tx.prepare_cached("DELETE FROM order_items WHERE order_id = ?1")?
                .execute([id])?;
            stats.updated += 1;
            let local = Status::from_code(status).unwrap_or(Status::New);
            if o.mall_cancelled() && local != Status::Cancelled {
                if local.is_shipped() || has_tracking {
                    tx.prepare_cached("UPDATE orders SET attention = ?2 WHERE id = ?1")?
                        .execute(params![id, CANCELLED_AFTER_SHIPPING])?;
                    activity::record(
                        tx,
                        "attention",
                        Some(shop_id),
                        Some(id),
                        CANCELLED_AFTER_SHIPPING,
                    )?;
                    stats.flagged += 1;
                } else {
                    tx.prepare_cached("UPDATE orders SET status = ?2 WHERE id = ?1")?
                        .execute(params![id, Status::Cancelled.code()])?;
                    activity::record(
                        tx,
                        "status",
                        Some(shop_id),
                        Some(id),
                        &format!(
                            "モール側のキャンセルにより注文 {} をキャンセルへ移動しました",
                            o.mall_order_id
                        ),
                    )?;
                    stats.cancelled += 1;
                }
            }
            id
        }
    };
    insert_items(tx, id, o)?;
    tx.prepare_cached("DELETE FROM order_refs WHERE order_id = ?1")?
        .execute([id])?;
    write_refs_and_shipments(tx, id, o, &now)?;
    batch.search.add_changed(id);
    Ok(())
}

/// The order's other numbers, and the shipments its mall names (each keeps
/// the tracking info the merchant entered; one the mall no longer lists
/// stays, with what the merchant typed). An order of a mall with one
/// destination per order names none: its shipment row is made when the
/// merchant saves tracking info, so a plain fetch writes no extra row.
fn write_refs_and_shipments(
    tx: &Transaction<'_>,
    order_id: i64,
    o: &IncomingOrder,
    now: &i64,
) -> Result<()> {
    if !o.mall_refs.is_empty() {
        let mut ins =
            tx.prepare_cached("INSERT OR IGNORE INTO order_refs(order_id, ref) VALUES (?1, ?2)")?;
        for r in &o.mall_refs {
            ins.execute(params![order_id, r])?;
        }
    }
    if !o.shipments.is_empty() {
        let mut up = tx.prepare_cached(
            "INSERT INTO shipments(order_id, shipment_ref, ship_name, ship_kana, ship_zip,
                 ship_address, ship_phone, mall_status, mall_state, updated_at,
                 tracking_number, mall_note, delivery_method, delivery_date, delivery_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             ON CONFLICT(order_id, shipment_ref) DO UPDATE SET ship_name = ?3, ship_kana = ?4,
                 ship_zip = ?5, ship_address = ?6, ship_phone = ?7, mall_status = ?8,
                 mall_state = ?9, updated_at = ?10,
                 tracking_number = coalesce(nullif(tracking_number, ''), ?11),
                 mall_note = ?12, delivery_method = ?13, delivery_date = ?14,
                 delivery_time = ?15",
        )?;
        for s in &o.shipments {
            up.execute(params![
                order_id,
                s.shipment_ref,
                s.ship_to.name,
                s.ship_to.kana,
                s.ship_to.zip,
                s.ship_to.address,
                s.ship_to.phone,
                s.mall_status,
                s.mall_state.code(),
                now,
                s.mall_tracking,
                s.mall_note,
                s.delivery.method,
                s.delivery.date,
                s.delivery.time
            ])?;
        }
    }
    Ok(())
}

/// The mall snapshot of an order: what a fetch writes, on insert and on update alike.
// `&String`, not `&str`: a `&dyn ToSql` needs a sized value behind it.
#[allow(clippy::ptr_arg)]
fn snapshot<'a>(
    o: &'a IncomingOrder,
    raw: &'a String,
    now: &'a i64,
    mall_state: &'a &'static str,
) -> Vec<(&'static str, &'a dyn ToSql)> {
    vec![
        (":ordered_at", &o.ordered_at),
        (":mall_status", &o.mall_status),
        (":buyer_name", &o.buyer.name),
        (":buyer_kana", &o.buyer.kana),
        (":buyer_zip", &o.buyer.zip),
        (":buyer_address", &o.buyer.address),
        (":buyer_phone", &o.buyer.phone),
        (":buyer_email", &o.buyer.email),
        (":ship_name", &o.ship_to.name),
        (":ship_kana", &o.ship_to.kana),
        (":ship_zip", &o.ship_to.zip),
        (":ship_address", &o.ship_to.address),
        (":ship_phone", &o.ship_to.phone),
        (":payment_method", &o.payment_method),
        (":shipping_fee", &o.shipping_fee),
        (":total", &o.total),
        (":remark", &o.remark),
        (":raw", raw),
        (":now", now),
        (":mall_modified", &o.mall_modified),
        (":mall_state", mall_state),
        (":delivery_method", &o.delivery.method),
        (":delivery_date", &o.delivery.date),
        (":delivery_time", &o.delivery.time),
    ]
}

/// The mall sent a delivery wish with the order or one of its shipments.
fn has_wish(o: &IncomingOrder) -> bool {
    !o.delivery.is_empty() || o.shipments.iter().any(|s| !s.delivery.is_empty())
}

/// The store holds a delivery wish of the order or of one of its shipments.
fn wish_stored(tx: &Transaction<'_>, order_id: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT coalesce(o.delivery_method, o.delivery_date, o.delivery_time) IS NOT NULL
                 OR EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id
                     AND coalesce(s.delivery_method, s.delivery_date, s.delivery_time) IS NOT NULL)
             FROM orders o WHERE o.id = ?1",
        )?
        .query_row([order_id], |r| r.get(0))?)
}

fn insert_items(tx: &Transaction<'_>, order_id: i64, o: &IncomingOrder) -> Result<()> {
    let mut ins = tx.prepare_cached(
        "INSERT INTO order_items(order_id, mall_item_id, sku, name, variation, unit_price, quantity, shipment_ref)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for it in &o.items {
        // The shipment the mall puts the item in (none: the order's only one).
        let shipment = it.mall_item_id.as_ref().and_then(|id| {
            o.shipments
                .iter()
                .find(|s| s.item_ids.contains(id))
                .map(|s| s.shipment_ref.as_str())
        });
        ins.execute(params![
            order_id,
            it.mall_item_id,
            it.sku,
            it.name,
            it.variation,
            it.unit_price,
            it.quantity,
            shipment
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{domain::Mall, sample, store::schema};

    #[test]
    fn a_failing_write_stops_the_preparing_thread_and_keeps_nothing() {
        let mut c = Connection::open_in_memory().unwrap();
        schema::migrations().to_latest(&mut c).unwrap();
        c.pragma_update(None, "foreign_keys", "ON").unwrap();
        // More orders than the pipeline holds, for a shop that does not exist:
        // the first insert fails while the other thread still has orders to send.
        let orders = sample::orders(Mall::Base, PIPELINE_DEPTH * 4, 1, 1_790_000_000, 30);
        let err = merge(&mut c, 999, Status::New, &orders).unwrap_err();
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
        let n: i64 = c
            .query_row("SELECT count(*) FROM orders", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
