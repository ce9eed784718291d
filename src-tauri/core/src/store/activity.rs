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
    /// The kind in the merchant's words (受注取得, 自動書き出し…).
    pub kind_label: String,
    /// The entry's shop, or its order's.
    pub shop_id: Option<i64>,
    pub order_id: Option<i64>,
    /// The order's number on its mall, when the entry is about one order.
    pub order_number: Option<String>,
    pub message: String,
}

/// A kind of entry in the merchant's words.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "sync" => "受注取得",
        "status" => "ステータス変更",
        "shipment" => "発送情報の入力",
        "attention" => "要確認",
        "export" => "発送情報の更新",
        "auto_export" => "自動書き出し",
        "ship_plan" => "発送予定日",
        "shop" => "ショップ設定",
        "demo" => "デモ",
        _ => "その他",
    }
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
        "SELECT a.id, a.at, a.kind, coalesce(a.shop_id, o.shop_id), a.order_id, a.message, o.mall_order_id
         FROM activity_log a LEFT JOIN orders o ON o.id = a.order_id
         ORDER BY a.id DESC LIMIT ?1",
    )?
    .query_map([limit], |r| {
        Ok(LogEntry {
            id: r.get(0)?,
            at: jst(r.get(1)?).to_rfc3339(),
            kind_label: kind_label(&r.get::<_, String>(2)?).to_string(),
            kind: r.get(2)?,
            shop_id: r.get(3)?,
            order_id: r.get(4)?,
            message: r.get(5)?,
            order_number: r.get(6)?,
        })
    })?
    .collect()
}
