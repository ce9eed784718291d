//! What the labels read from and write to the store.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::export::{BlockedShipment, LabelShipment};
use super::rules::shipment_key;
use super::settings::LabelSettings;
use crate::domain::{read_date, Status};
use crate::store::orders;

pub(crate) fn sql(e: crate::store::StoreError) -> rusqlite::Error {
    match e {
        crate::store::StoreError::Db(e) => e,
        other => rusqlite::Error::ToSqlConversionFailure(Box::new(std::io::Error::other(
            other.to_string(),
        ))),
    }
}

/// The shipments of the orders that still need a label, and those left out
/// (cancelled orders, shipments that already have a tracking number).
pub fn collect(
    conn: &Connection,
    order_ids: &[i64],
) -> rusqlite::Result<(Vec<LabelShipment>, Vec<BlockedShipment>)> {
    let mut out = Vec::with_capacity(order_ids.len());
    let mut skipped = Vec::new();
    for &id in order_ids {
        let d = orders::detail(conn, id).map_err(sql)?;
        let n = d.shipments.len();
        for (i, s) in d.shipments.iter().enumerate() {
            let key = shipment_key(id, i, n);
            let skip = |reason: &str| BlockedShipment {
                key: key.clone(),
                order_id: id,
                mall_order_id: d.row.mall_order_id.clone(),
                reason: reason.to_string(),
            };
            if d.row.status == Status::Cancelled {
                skipped.push(skip("キャンセルの注文のため出力しません。"));
                continue;
            }
            if s.tracking_number.is_some() {
                skipped.push(skip("伝票番号が入っているため出力しません。"));
                continue;
            }
            let items = d
                .items
                .iter()
                .filter(|it| s.item_ids.contains(&it.id))
                .map(|it| it.name.clone())
                .collect();
            out.push(LabelShipment {
                key,
                order_id: id,
                shop_id: d.row.shop_id,
                mall_order_id: d.row.mall_order_id.clone(),
                shipment_ref: s.shipment_ref.clone(),
                ship_to: s.ship_to.clone().unwrap_or_else(|| d.ship_to.clone()),
                item_names: items,
                payment_method: d.payment_method.clone(),
                total: d.row.total,
                order_shipments: n,
                shipping_method: s.delivery.method.clone(),
                wish_date: s.delivery.date.as_deref().and_then(read_date),
                wish_time: s.delivery.time.clone(),
            });
        }
    }
    Ok((out, skipped))
}

/// A shop's label settings (the defaults until the merchant saves some).
pub fn settings(conn: &Connection, shop_id: i64) -> rusqlite::Result<LabelSettings> {
    let text: Option<String> = conn
        .prepare_cached("SELECT settings FROM label_settings WHERE shop_id = ?1")?
        .query_row([shop_id], |r| r.get(0))
        .optional()?;
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

pub fn settings_of(
    conn: &Connection,
    shops: impl Iterator<Item = i64>,
) -> rusqlite::Result<HashMap<i64, LabelSettings>> {
    let mut map = HashMap::new();
    for shop in shops {
        if let std::collections::hash_map::Entry::Vacant(e) = map.entry(shop) {
            e.insert(settings(conn, shop)?);
        }
    }
    Ok(map)
}

pub fn save_settings(
    conn: &Connection,
    shop_id: i64,
    settings: &LabelSettings,
) -> rusqlite::Result<()> {
    let text = serde_json::to_string(settings).unwrap_or_else(|_| "{}".into());
    conn.execute(
        "INSERT INTO label_settings(shop_id, settings) VALUES (?1, ?2)
         ON CONFLICT(shop_id) DO UPDATE SET settings = ?2",
        params![shop_id, text],
    )?;
    Ok(())
}
