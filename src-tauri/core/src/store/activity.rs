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
    /// A fetch's or an export's run: when it started, how it ended, what it did.
    pub run: Option<RunStats>,
}

/// What one fetch or export did (the 自動処理ログ's figures).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Type)]
pub struct RunStats {
    /// RFC 3339 in JST; the entry's `at` is its end.
    pub started_at: String,
    pub ok: bool,
    pub new: u32,
    pub updated: u32,
    pub cancelled: u32,
    pub sent: u32,
    pub failed: u32,
    pub calls: u32,
}

/// A run to record: its start (UNIX seconds) and figures.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Run {
    pub started_at: i64,
    pub ok: bool,
    pub new: u32,
    pub updated: u32,
    pub cancelled: u32,
    pub sent: u32,
    pub failed: u32,
    pub calls: u32,
}

/// Which entries the 自動処理ログ shows.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, Type)]
pub struct LogFilter {
    pub limit: u32,
    pub shop_id: Option<i64>,
    /// Only runs that went through (`Some(true)`) or failed (`Some(false)`).
    pub ok: Option<bool>,
}

/// How long entries are kept.
pub const KEEP_DAYS: i64 = 365;

/// A kind of entry in the merchant's words.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "sync" => "受注取得",
        "status" => "ステータス変更",
        "shipment" => "発送情報の入力",
        "attention" => "要確認",
        "export" => "発送情報の更新",
        "auto_export" => "自動書き出し",
        "export_run" => "発送情報の更新（まとめ）",
        "ship_plan" => "発送予定日",
        "shop" => "ショップ設定",
        "demo" => "デモ",
        _ => "その他",
    }
}

/// Records a fetch's or an export's run, ending now.
pub fn record_run(
    conn: &Connection,
    kind: &str,
    shop_id: i64,
    run: &Run,
    message: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO activity_log(at, kind, shop_id, message, started_at, ok, new_orders,
             updated_orders, cancelled_orders, sent, failed, calls)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        now_unix(),
        kind,
        shop_id,
        message,
        run.started_at,
        run.ok,
        run.new,
        run.updated,
        run.cancelled,
        run.sent,
        run.failed,
        run.calls
    ])?;
    Ok(())
}

/// Forgets entries older than [`KEEP_DAYS`].
pub fn prune(conn: &Connection, now: i64) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM activity_log WHERE at < ?1",
        [now - KEEP_DAYS * 86_400],
    )
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

/// Newest first, as `filter` asks.
pub fn recent(conn: &Connection, filter: &LogFilter) -> rusqlite::Result<Vec<LogEntry>> {
    conn.prepare_cached(
        "SELECT a.id, a.at, a.kind, coalesce(a.shop_id, o.shop_id), a.order_id, a.message, o.mall_order_id,
                a.started_at, a.ok, a.new_orders, a.updated_orders, a.cancelled_orders, a.sent, a.failed, a.calls
         FROM activity_log a LEFT JOIN orders o ON o.id = a.order_id
         WHERE (?2 IS NULL OR coalesce(a.shop_id, o.shop_id) = ?2)
           AND (?3 IS NULL OR a.ok = ?3)
         ORDER BY a.id DESC LIMIT ?1",
    )?
    .query_map(params![filter.limit, filter.shop_id, filter.ok], |r| {
        let kind: String = r.get(2)?;
        let started: Option<i64> = r.get(7)?;
        let count = |i: usize| -> rusqlite::Result<u32> { Ok(r.get::<_, Option<u32>>(i)?.unwrap_or(0)) };
        let run = match started {
            None => None,
            Some(t) => Some(RunStats {
                started_at: jst(t).to_rfc3339(),
                ok: r.get::<_, Option<bool>>(8)?.unwrap_or(false),
                new: count(9)?,
                updated: count(10)?,
                cancelled: count(11)?,
                sent: count(12)?,
                failed: count(13)?,
                calls: count(14)?,
            }),
        };
        Ok(LogEntry {
            id: r.get(0)?,
            at: jst(r.get(1)?).to_rfc3339(),
            kind_label: kind_label(&kind).to_string(),
            kind,
            shop_id: r.get(3)?,
            order_id: r.get(4)?,
            message: r.get(5)?,
            order_number: r.get(6)?,
            run,
        })
    })?
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Mall, ShopSettings};
    use crate::paths::Profile;
    use crate::store::Store;

    #[test]
    fn runs_are_kept_with_their_figures_filtered_by_shop_and_result_and_pruned_after_a_year() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(dir.path(), Profile::Real).expect("store");
        let a = store
            .add_shop(Mall::Bcart, "A", &ShopSettings::for_mall(Mall::Bcart))
            .expect("shop")
            .id;
        let b = store
            .add_shop(Mall::Makeshop, "B", &ShopSettings::for_mall(Mall::Makeshop))
            .expect("shop")
            .id;
        let now = now_unix();
        let ok = Run {
            started_at: now - 5,
            ok: true,
            new: 12,
            updated: 3,
            calls: 4,
            ..Run::default()
        };
        store.log_run("sync", a, &ok, "A: 受注取得").expect("log");
        let failed = Run {
            started_at: now - 2,
            ok: false,
            ..Run::default()
        };
        store
            .log_run("sync", b, &failed, "B: 受注取得に失敗しました")
            .expect("log");
        store
            .log("shop", Some(a), None, "A を追加しました")
            .expect("log");

        let all = store
            .log_entries(&LogFilter {
                limit: 10,
                ..LogFilter::default()
            })
            .expect("read");
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].run, None, "not a run");
        let run = all[2].run.clone().expect("a run");
        assert_eq!((run.ok, run.new, run.updated, run.calls), (true, 12, 3, 4));
        assert!(run.started_at < all[2].at, "started before it ended");

        let only_a = LogFilter {
            limit: 10,
            shop_id: Some(a),
            ok: None,
        };
        assert_eq!(store.log_entries(&only_a).expect("read").len(), 2);
        let failures = LogFilter {
            limit: 10,
            shop_id: None,
            ok: Some(false),
        };
        let failed_entries = store.log_entries(&failures).expect("read");
        assert_eq!(failed_entries.len(), 1);
        assert_eq!(failed_entries[0].shop_id, Some(b));

        let pruned = store
            .run(|c| prune(c, now + (KEEP_DAYS + 1) * 86_400))
            .expect("prune");
        assert_eq!(pruned, 3, "a year later, all of it");
    }
}
