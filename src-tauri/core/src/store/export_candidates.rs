//! The shipments 発送情報の更新 looks at for a shop: one per shipment of
//! each order (an order without shipment rows has its one implicit shipment,
//! ref '').

use rusqlite::{params, Connection};

use crate::domain::{Carrier, MallState, Status};

/// A shipment of an order with what the export rules need to decide.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub order_id: i64,
    pub shop_id: i64,
    pub shop_name: String,
    pub mall_order_id: String,
    /// `""`: the order's only shipment.
    pub shipment_ref: String,
    /// UNIX seconds.
    pub ordered_at: i64,
    pub status: Status,
    pub mall_status: String,
    /// The shipment's state on the mall (the order's when it has none of its own).
    pub mall_state: MallState,
    pub tracking_number: Option<String>,
    pub carrier: Option<Carrier>,
    pub ship_date: Option<String>,
    pub raw: serde_json::Value,
}

/// Orders of the shop that have a tracking number, or that wait for one
/// (発送待ち / 発送後入金待ち / 処理済 without one, so the preview can say so).
pub fn for_shop(conn: &Connection, shop_id: i64) -> rusqlite::Result<Vec<Candidate>> {
    conn.prepare_cached(
        "SELECT o.id, o.shop_id, sh.name, o.mall_order_id, o.status,
                coalesce(s.mall_status, o.mall_status),
                s.tracking_number, s.carrier, s.ship_date, o.raw,
                coalesce(s.shipment_ref, ''), o.ordered_at, coalesce(s.mall_state, o.mall_state)
         FROM orders o JOIN shops sh ON sh.id = o.shop_id
         LEFT JOIN shipments s ON s.order_id = o.id
         WHERE o.shop_id = ?1
           AND (coalesce(s.tracking_number, '') <> ''
                OR o.status IN ('awaiting_shipment', 'awaiting_payment_after_shipping'))
         ORDER BY o.ordered_at, s.id",
    )?
    .query_map(params![shop_id], |r| {
        let status: String = r.get(4)?;
        let carrier: Option<String> = r.get(7)?;
        let raw: String = r.get(9)?;
        let state: String = r.get(12)?;
        Ok(Candidate {
            order_id: r.get(0)?,
            shop_id: r.get(1)?,
            shop_name: r.get(2)?,
            mall_order_id: r.get(3)?,
            shipment_ref: r.get(10)?,
            ordered_at: r.get(11)?,
            status: Status::from_code(&status).unwrap_or(Status::OnHold),
            mall_status: r.get(5)?,
            mall_state: MallState::from_code(&state).unwrap_or_default(),
            tracking_number: r.get::<_, Option<String>>(6)?.filter(|t| !t.is_empty()),
            carrier: carrier.as_deref().and_then(Carrier::from_code),
            ship_date: r.get(8)?,
            raw: serde_json::from_str(&raw).unwrap_or(serde_json::Value::Null),
        })
    })?
    .collect()
}
