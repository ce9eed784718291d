//! Merging orders fetched from a mall into the store (DESIGN.md "Orders and statuses"):
//! - a new order lands in the shop's 格納先ステータス (or the mall-derived first status);
//! - a known order never duplicates and never loses what the merchant did
//!   locally (status, shipment info, memo): only the mall snapshot is updated;
//! - a mall-side cancellation moves the order to キャンセル, unless it was
//!   already shipped here, in which case it is flagged for the merchant.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use super::{activity, search};
use crate::domain::{IncomingOrder, Status};
use crate::error::Result;
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
    let mut stats = MergeStats::default();
    for o in orders {
        merge_one(&tx, shop_id, default_status, o, &mut stats)?;
    }
    tx.commit()?;
    Ok(stats)
}

fn merge_one(
    tx: &Transaction<'_>,
    shop_id: i64,
    default_status: Status,
    o: &IncomingOrder,
    stats: &mut MergeStats,
) -> Result<()> {
    let raw = o.raw.to_string();
    let existing: Option<(i64, String, String, bool)> = tx
        .prepare_cached(
            "SELECT o.id, o.status, o.raw, coalesce(s.tracking_number, '') <> ''
             FROM orders o LEFT JOIN shipments s ON s.order_id = o.id
             WHERE o.shop_id = ?1 AND o.mall_order_id = ?2",
        )?
        .query_row(params![shop_id, o.mall_order_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let now = now_unix();
    let id = match existing {
        None => {
            let status = if o.mall_cancelled {
                Status::Cancelled
            } else {
                o.initial_status.unwrap_or(default_status)
            };
            tx.prepare_cached(
                "INSERT INTO orders(shop_id, mall_order_id, ordered_at, status, mall_status,
                    buyer_name, buyer_kana, buyer_zip, buyer_address, buyer_phone, buyer_email,
                    ship_name, ship_kana, ship_zip, ship_address, ship_phone,
                    payment_method, shipping_fee, total, remark, raw, created_at, updated_at, mall_modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22, ?23)",
            )?
            .execute(params![
                shop_id,
                o.mall_order_id,
                o.ordered_at,
                status.code(),
                o.mall_status,
                o.buyer.name,
                o.buyer.kana,
                o.buyer.zip,
                o.buyer.address,
                o.buyer.phone,
                o.buyer.email,
                o.ship_to.name,
                o.ship_to.kana,
                o.ship_to.zip,
                o.ship_to.address,
                o.ship_to.phone,
                o.payment_method,
                o.shipping_fee,
                o.total,
                o.remark,
                raw,
                now,
                o.mall_modified
            ])?;
            stats.new += 1;
            let id = tx.last_insert_rowid();
            search::index_new(
                tx,
                id,
                &[
                    &o.mall_order_id,
                    &o.buyer.name,
                    &o.ship_to.name,
                    o.buyer.phone.as_deref().unwrap_or(""),
                    o.ship_to.phone.as_deref().unwrap_or(""),
                ],
            )?;
            insert_items(tx, id, o)?;
            return Ok(());
        }
        Some((_, _, ref old_raw, _)) if *old_raw == raw => {
            stats.unchanged += 1;
            return Ok(());
        }
        Some((id, ref status, _, has_tracking)) => {
            tx.prepare_cached(
                "UPDATE orders SET ordered_at = ?2, mall_status = ?3,
                    buyer_name = ?4, buyer_kana = ?5, buyer_zip = ?6, buyer_address = ?7, buyer_phone = ?8, buyer_email = ?9,
                    ship_name = ?10, ship_kana = ?11, ship_zip = ?12, ship_address = ?13, ship_phone = ?14,
                    payment_method = ?15, shipping_fee = ?16, total = ?17, remark = ?18, raw = ?19, updated_at = ?20,
                    mall_modified = ?21
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                o.ordered_at,
                o.mall_status,
                o.buyer.name,
                o.buyer.kana,
                o.buyer.zip,
                o.buyer.address,
                o.buyer.phone,
                o.buyer.email,
                o.ship_to.name,
                o.ship_to.kana,
                o.ship_to.zip,
                o.ship_to.address,
                o.ship_to.phone,
                o.payment_method,
                o.shipping_fee,
                o.total,
                o.remark,
                raw,
                now,
                o.mall_modified
            ])?;
            tx.prepare_cached("DELETE FROM order_items WHERE order_id = ?1")?
                .execute([id])?;
            stats.updated += 1;
            let local = Status::from_code(status).unwrap_or(Status::New);
            if o.mall_cancelled && local != Status::Cancelled {
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
    search::reindex(tx, id)?;
    Ok(())
}

fn insert_items(tx: &Transaction<'_>, order_id: i64, o: &IncomingOrder) -> Result<()> {
    let mut ins = tx.prepare_cached(
        "INSERT INTO order_items(order_id, mall_item_id, sku, name, variation, unit_price, quantity)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for it in &o.items {
        ins.execute(params![
            order_id,
            it.mall_item_id,
            it.sku,
            it.name,
            it.variation,
            it.unit_price,
            it.quantity
        ])?;
    }
    Ok(())
}
