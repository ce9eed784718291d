//! The journal of 発送情報の更新: intent before each call, result after it.
//! Nothing a mall accepted is ever sent again. A unit is keyed by its text
//! within the order (the mall's client makes it unique across the order's
//! shipments and stages) and remembers its shipment and stage.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use crate::time::now_unix;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitState {
    /// The call was (maybe) made; its outcome was never recorded.
    Pending,
    Sent,
    Failed,
    /// Refused by the mall for good ([`SETTLED_REFUSAL`]): never sent again.
    Refused,
}

/// The error code a unit the mall refused for good is journalled with.
pub const SETTLED_REFUSAL: &str = "MALL_REFUSED_SETTLED";

pub fn states(conn: &Connection, order_id: i64) -> rusqlite::Result<HashMap<String, UnitState>> {
    conn.prepare_cached("SELECT unit, state, error_code FROM export_units WHERE order_id = ?1")?
        .query_map([order_id], |r| {
            let state: String = r.get(1)?;
            let code: Option<String> = r.get(2)?;
            let state = match state.as_str() {
                "sent" => UnitState::Sent,
                "failed" if code.as_deref() == Some(SETTLED_REFUSAL) => UnitState::Refused,
                "failed" => UnitState::Failed,
                _ => UnitState::Pending,
            };
            Ok((r.get(0)?, state))
        })?
        .collect()
}

/// The journal's note on a unit the merchant dispatched on the mall itself.
pub const DONE_ON_MALL_NOTE: &str =
    "モールの管理画面で発送済みでした（Juchu からは送っていません）";

/// What a sent unit carried, and when it was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentUnit {
    /// UNIX seconds.
    pub at: i64,
    pub tracking: String,
    /// `Carrier::code`.
    pub carrier: String,
    pub ship_date: Option<String>,
}

/// The slip last sent for one shipment (units the mall had as done itself
/// do not count).
pub fn sent_slip(
    conn: &Connection,
    order_id: i64,
    shipment_ref: &str,
) -> rusqlite::Result<Option<SentUnit>> {
    conn.prepare_cached(
        "SELECT updated_at, tracking_number, carrier, ship_date FROM export_units
         WHERE order_id = ?1 AND coalesce(shipment_ref, '') = ?2 AND state = 'sent'
           AND coalesce(message, '') <> ?3
         ORDER BY updated_at DESC, id DESC LIMIT 1",
    )?
    .query_row(params![order_id, shipment_ref, DONE_ON_MALL_NOTE], |r| {
        Ok(SentUnit {
            at: r.get(0)?,
            tracking: r.get(1)?,
            carrier: r.get(2)?,
            ship_date: r.get(3)?,
        })
    })
    .optional()
}

/// The mall's words for a unit of the order it refused for good.
pub fn refusal(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached(
        "SELECT message FROM export_units WHERE order_id = ?1 AND state = 'failed' AND error_code = ?2 LIMIT 1",
    )?
    .query_row(params![order_id, SETTLED_REFUSAL], |r| r.get(0))
    .optional()
}

/// What a unit was about to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Intent<'a> {
    pub order_id: i64,
    pub shipment_ref: &'a str,
    pub stage: &'a str,
    pub unit: &'a str,
    pub tracking: &'a str,
    pub carrier: &'a str,
    pub ship_date: Option<&'a str>,
}

/// Written (and committed) before the call is made.
pub fn intend(conn: &Connection, i: &Intent<'_>) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO export_units(order_id, unit, tracking_number, carrier, ship_date, state, created_at, updated_at, shipment_ref, stage)
         VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?6, ?7, ?8)
         ON CONFLICT(order_id, unit) DO UPDATE SET tracking_number = ?3, carrier = ?4, ship_date = ?5,
             state = 'pending', error_code = NULL, message = NULL, updated_at = ?6, shipment_ref = ?7, stage = ?8",
    )?
    .execute(params![
        i.order_id,
        i.unit,
        i.tracking,
        i.carrier,
        i.ship_date,
        now_unix(),
        i.shipment_ref,
        i.stage
    ])?;
    Ok(())
}

pub fn sent(
    conn: &Connection,
    order_id: i64,
    unit: &str,
    note: Option<&str>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE export_units SET state = 'sent', error_code = NULL, message = ?3, updated_at = ?4 WHERE order_id = ?1 AND unit = ?2",
    )?
    .execute(params![order_id, unit, note, now_unix()])?;
    Ok(())
}

pub fn failed(
    conn: &Connection,
    order_id: i64,
    unit: &str,
    code: &str,
    message: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE export_units SET state = 'failed', error_code = ?3, message = ?4, updated_at = ?5 WHERE order_id = ?1 AND unit = ?2",
    )?
    .execute(params![order_id, unit, code, message, now_unix()])?;
    Ok(())
}

/// A unit of the shop whose outcome is unknown (a crash or timeout mid-call).
#[derive(Debug, Clone, PartialEq)]
pub struct PendingUnit {
    pub order_id: i64,
    pub mall_order_id: String,
    pub shipment_ref: String,
    pub stage: String,
    pub unit: String,
    pub tracking: String,
    pub carrier: String,
    pub ship_date: Option<String>,
    pub raw: String,
}

pub fn pending_of_shop(conn: &Connection, shop_id: i64) -> rusqlite::Result<Vec<PendingUnit>> {
    conn.prepare_cached(
        "SELECT u.order_id, o.mall_order_id, u.shipment_ref, u.stage, u.unit,
                u.tracking_number, u.carrier, u.ship_date, o.raw
         FROM export_units u JOIN orders o ON o.id = u.order_id
         WHERE u.state = 'pending' AND o.shop_id = ?1
         ORDER BY u.order_id, u.id",
    )?
    .query_map([shop_id], |r| {
        Ok(PendingUnit {
            order_id: r.get(0)?,
            mall_order_id: r.get(1)?,
            shipment_ref: r.get(2)?,
            stage: r.get(3)?,
            unit: r.get(4)?,
            tracking: r.get(5)?,
            carrier: r.get(6)?,
            ship_date: r.get(7)?,
            raw: r.get(8)?,
        })
    })?
    .collect()
}
