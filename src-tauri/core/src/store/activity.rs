//! The activity log (自動処理ログ): what was done, when, to which shop or order.

use rusqlite::{params, Connection};
use serde::Serialize;
use specta::Type;

use crate::time::{jst, now_unix};

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct LogEntry {
    pub id: i64,
    /// RFC 3339 in JST.
    pub at: String,
    pub kind: String,
    pub shop_id: Option<i64>,
    pub order_id: Option<i64>,
    pub message: String,
}

pub fn record(
    conn: &Connection,
    kind: &str,
    shop_id: Option<i64>,
    order_id: Option<i64>,
    message: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO activity_log(at, kind, shop_id, order_id, message) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![now_unix(), kind, shop_id, order_id, message])?;
    Ok(())
}

/// Newest first.
pub fn recent(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<LogEntry>> {
    conn.prepare_cached(
        "SELECT id, at, kind, shop_id, order_id, message FROM activity_log ORDER BY id DESC LIMIT ?1",
    )?
    .query_map([limit], |r| {
        Ok(LogEntry {
            id: r.get(0)?,
            at: jst(r.get(1)?).to_rfc3339(),
            kind: r.get(2)?,
            shop_id: r.get(3)?,
            order_id: r.get(4)?,
            message: r.get(5)?,
        })
    })?
    .collect()
}
