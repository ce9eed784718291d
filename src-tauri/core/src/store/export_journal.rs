//! The journal of 発送情報の更新: intent before each call, result after it.
//! Nothing a mall accepted is ever sent again.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use crate::time::now_unix;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitState {
    /// The call was (maybe) made; its outcome was never recorded.
    Pending,
    Sent,
    Failed,
}

pub fn states(conn: &Connection, order_id: i64) -> rusqlite::Result<HashMap<String, UnitState>> {
    conn.prepare_cached("SELECT unit, state FROM export_units WHERE order_id = ?1")?
        .query_map([order_id], |r| {
            let state: String = r.get(1)?;
            let state = match state.as_str() {
                "sent" => UnitState::Sent,
                "failed" => UnitState::Failed,
                _ => UnitState::Pending,
            };
            Ok((r.get(0)?, state))
        })?
        .collect()
}

/// Written (and committed) before the call is made.
pub fn intend(
    conn: &Connection,
    order_id: i64,
    unit: &str,
    tracking: &str,
    carrier: &str,
    ship_date: Option<&str>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO export_units(order_id, unit, tracking_number, carrier, ship_date, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?6)
         ON CONFLICT(order_id, unit) DO UPDATE SET tracking_number = ?3, carrier = ?4, ship_date = ?5,
             state = 'pending', error_code = NULL, message = NULL, updated_at = ?6",
    )?
    .execute(params![order_id, unit, tracking, carrier, ship_date, now_unix()])?;
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

/// Orders with a unit whose outcome is unknown (a crash or timeout mid-call).
pub fn orders_with_pending(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached("SELECT DISTINCT order_id FROM export_units WHERE state = 'pending'")?
        .query_map([], |r| r.get(0))?
        .collect()
}
