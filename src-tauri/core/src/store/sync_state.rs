//! Per-shop fetch state and the mall change markers a re-fetch compares.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

/// What the shop list shows of a shop's last fetch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Type)]
pub struct SyncState {
    /// UNIX seconds of the last fetch attempt.
    pub last_sync_at: Option<i64>,
    pub last_sync_ok: Option<bool>,
    pub last_error_code: Option<String>,
    pub last_error: Option<String>,
    /// No call before this instant (a mall's rate limit).
    pub resume_at: Option<i64>,
}

/// Mall order id → change marker, for the shop's orders placed in [from, to].
pub fn known_markers(
    conn: &Connection,
    shop_id: i64,
    from: i64,
    to: i64,
) -> rusqlite::Result<HashMap<String, String>> {
    conn.prepare_cached(
        "SELECT mall_order_id, mall_modified FROM orders
         WHERE shop_id = ?1 AND ordered_at BETWEEN ?2 AND ?3 AND mall_modified IS NOT NULL",
    )?
    .query_map(params![shop_id, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
    .collect()
}

pub fn get(conn: &Connection, shop_id: i64) -> rusqlite::Result<SyncState> {
    Ok(conn
        .prepare_cached("SELECT last_sync_at, last_sync_ok, last_error_code, last_error, resume_at FROM shops WHERE id = ?1")?
        .query_row([shop_id], |r| {
            Ok(SyncState {
                last_sync_at: r.get(0)?,
                last_sync_ok: r.get(1)?,
                last_error_code: r.get(2)?,
                last_error: r.get(3)?,
                resume_at: r.get(4)?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

pub fn record(
    conn: &Connection,
    shop_id: i64,
    at: i64,
    error: Option<(&str, &str)>,
    resume_at: Option<i64>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE shops SET last_sync_at = ?2, last_sync_ok = ?3, last_error_code = ?4, last_error = ?5, resume_at = ?6 WHERE id = ?1",
    )?
    .execute(params![shop_id, at, error.is_none(), error.map(|e| e.0), error.map(|e| e.1), resume_at])?;
    Ok(())
}

/// After a successful authorization or connection test.
pub fn clear_error(conn: &Connection, shop_id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE shops SET last_sync_ok = CASE WHEN last_sync_at IS NULL THEN NULL ELSE 1 END, last_error_code = NULL, last_error = NULL, resume_at = NULL WHERE id = ?1")?
        .execute([shop_id])?;
    Ok(())
}

/// What is kept of a shop's rate limiter between runs and restarts: the
/// start of the window its count belongs to, the calls counted, and the end
/// of a lockout (the limiter itself is the mall layer's; the store only
/// keeps its numbers).
pub type SavedLimit = (Option<i64>, u32, Option<i64>);

pub fn saved_limit(conn: &Connection, shop_id: i64) -> rusqlite::Result<Option<SavedLimit>> {
    conn.prepare_cached(
        "SELECT window_start, used, locked_until FROM shop_limits WHERE shop_id = ?1",
    )?
    .query_row([shop_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .optional()
}

pub fn save_limit(conn: &Connection, shop_id: i64, l: SavedLimit) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO shop_limits(shop_id, window_start, used, locked_until) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(shop_id) DO UPDATE SET window_start = ?2, used = ?3, locked_until = ?4",
    )?
    .execute(params![shop_id, l.0, l.1, l.2])?;
    Ok(())
}
