//! 受注取得: fetch a shop's orders of the last N days from its mall and merge
//! them into the store (merge rules: `store::merge`). Pages are merged as they
//! arrive, so a fetch stopped by a rate limit or a crash keeps what it read,
//! and the next run converges.

use serde::Serialize;
use specta::Type;

use std::sync::atomic::{AtomicU64, Ordering};

use crate::app::Juchu;
use crate::domain::Shop;
use crate::error::{CoreError, Result};
use crate::malls::{FetchWindow, FetchedPage, MallClient, MallError};
use crate::progress::{Progress, Task};
use crate::store::{status_labels, sync_state, MergeStats};
use crate::time::now_unix;

/// What one shop's fetch did (`juchu-cli sync --json` prints these).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Type)]
pub struct SyncReport {
    pub shop_id: i64,
    pub shop_name: String,
    pub new: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub cancelled: u32,
    pub flagged: u32,
    /// API requests made to the mall.
    pub calls: u32,
    pub error_code: Option<String>,
    /// In Japanese, for the merchant.
    pub error: Option<String>,
    /// The technical part (an OS message, the mall's code), for 「詳細」.
    pub error_detail: Option<String>,
}

impl SyncReport {
    /// Records a failure; `text` is the error's whole text (message and detail).
    fn failed(&mut self, code: &str, text: &str) {
        let (message, detail) = crate::error::split_detail(text);
        self.error_code = Some(code.to_string());
        self.error = Some(message);
        self.error_detail = detail;
    }
}

/// Where a shop's 受注取得 runs: one at a time; a caller who arrives while
/// one runs gets that run's report instead of starting another.
#[derive(Default)]
pub struct SyncSlot {
    /// The last finished run (its number, its report), held while one runs.
    last: tokio::sync::Mutex<Option<(u64, SyncReport)>>,
    finished: AtomicU64,
}

/// A fetch's figures for the 自動処理ログ.
fn run_of(report: &SyncReport, started_at: i64, ok: bool) -> crate::store::Run {
    crate::store::Run {
        started_at,
        ok,
        new: report.new,
        updated: report.updated,
        cancelled: report.cancelled,
        calls: report.calls,
        ..Default::default()
    }
}

/// The window of a shop's fetch: its 受注を取得する日数 up to now.
pub fn window_for(shop: &Shop, now: i64) -> FetchWindow {
    FetchWindow {
        from: now - i64::from(shop.settings.fetch_days) * 86_400,
        to: now,
    }
}

/// Is the shop's automatic fetch due at `now`?
pub fn is_due(shop: &Shop, state: &sync_state::SyncState, now: i64) -> bool {
    if !shop.settings.auto_fetch || state.resume_at.is_some_and(|t| t > now) {
        return false;
    }
    state
        .last_sync_at
        .is_none_or(|last| now - last >= i64::from(shop.settings.fetch_interval_minutes) * 60)
}

impl Juchu {
    pub fn sync_state(&self, shop_id: i64) -> Result<sync_state::SyncState> {
        let store = self.store();
        Ok(store.run(|conn| sync_state::get(conn, shop_id))?)
    }

    /// Fetches one shop with `client`. A mall error is recorded on the shop
    /// and returned in the report; only a store error is an `Err`.
    pub async fn sync_shop_with(&self, shop: &Shop, client: &dyn MallClient) -> Result<SyncReport> {
        let now = now_unix();
        let mut report = SyncReport {
            shop_id: shop.id,
            shop_name: shop.name.clone(),
            ..SyncReport::default()
        };
        let state = self.sync_state(shop.id)?;
        if let Some(resume) = state.resume_at.filter(|t| *t > now) {
            let (message, detail) =
                crate::error::split_detail(&state.last_error.unwrap_or_default());
            report.error_code = state.last_error_code.clone();
            report.error = Some(format!(
                "{message}（{}まで待っています）",
                crate::time::jst(resume).format("%H:%M")
            ));
            report.error_detail = detail;
            return Ok(report);
        }
        let window = window_for(shop, now);
        let known = {
            let store = self.store();
            store.run(|conn| sync_state::known_markers(conn, shop.id, window.from, window.to))?
        };
        let mut merged = MergeStats::default();
        let mut store_error: Option<CoreError> = None;
        let mut progress = Progress::new(shop.id, &shop.name, Task::Sync);
        self.report_progress(&progress);
        let mut sink = |page: FetchedPage| {
            if store_error.is_some() {
                return;
            }
            progress.pages += 1;
            progress.orders += (page.orders.len() + page.unchanged.len()) as u32;
            progress.calls = client.calls();
            self.report_progress(&progress);
            merged.unchanged += page.unchanged.len() as u32;
            // The calls made so far are saved with each page: a run cut off
            // (crash, power) must not hand the next one a fresh budget.
            match self
                .merge_orders(shop.id, &page.orders)
                .and_then(|s| self.save_limits(shop.id).map(|()| s))
            {
                Ok(s) => {
                    merged.new += s.new;
                    merged.updated += s.updated;
                    merged.unchanged += s.unchanged;
                    merged.cancelled += s.cancelled;
                    merged.flagged += s.flagged;
                }
                Err(e) => store_error = Some(e),
            }
        };
        let fetched = client.fetch(window, &known, &mut sink).await;
        progress.calls = client.calls();
        progress.finished = true;
        self.report_progress(&progress);
        if let Some(e) = store_error {
            return Err(e);
        }
        report.new = merged.new;
        report.updated = merged.updated;
        report.unchanged = merged.unchanged;
        report.cancelled = merged.cancelled;
        report.flagged = merged.flagged;
        let labels = match &fetched {
            Ok(()) => client.status_labels().await.ok(),
            Err(_) => None,
        };
        report.calls = client.calls();
        let store = self.store();
        match fetched {
            Ok(()) => {
                store.run(|conn| {
                    if let Some(pairs) = &labels {
                        status_labels::replace(conn, shop.id, pairs)?;
                    }
                    sync_state::record(conn, shop.id, now, None, None)
                })?;
                store.log_run(
                    "sync",
                    shop.id,
                    &run_of(&report, now, true),
                    &format!(
                        "{}: 受注取得 新規 {} 件、更新 {} 件、キャンセル {} 件（API {} 回）",
                        shop.name, report.new, report.updated, report.cancelled, report.calls
                    ),
                )?;
            }
            Err(e) => {
                let resume_at = match &e {
                    MallError::RateLimited { retry_at, .. } => *retry_at,
                    _ => None,
                };
                let message = e.to_string();
                store.run(|conn| {
                    sync_state::record(conn, shop.id, now, Some((e.code(), &message)), resume_at)
                })?;
                store.log_run(
                    "sync",
                    shop.id,
                    &run_of(&report, now, false),
                    &format!("{}: 受注取得に失敗しました。{message}", shop.name),
                )?;
                report.failed(e.code(), &message);
            }
        }
        Ok(report)
    }

    /// 受注取得 for one shop, or every shop at once (one failing shop never
    /// stops the others); a shop already fetching is joined, not fetched twice.
    pub async fn sync(&self, shop_id: Option<i64>) -> Result<Vec<SyncReport>> {
        let shops = match shop_id {
            Some(id) => vec![self.store().shop(id)?],
            None => self.active_shops()?,
        };
        futures::future::join_all(shops.iter().map(|shop| self.sync_joined(shop)))
            .await
            .into_iter()
            .collect()
    }

    /// One shop's 受注取得, or the one already running for it.
    pub async fn sync_joined(&self, shop: &Shop) -> Result<SyncReport> {
        let slot = self.sync_slot(shop.id);
        let arrived = slot.finished.load(Ordering::SeqCst);
        let mut last = slot.last.lock().await;
        if let Some((run, report)) = last.as_ref() {
            if *run > arrived {
                return Ok(report.clone());
            }
        }
        let report = self.sync_shop(shop).await?;
        let run = slot.finished.fetch_add(1, Ordering::SeqCst) + 1;
        *last = Some((run, report.clone()));
        Ok(report)
    }

    /// One shop's 受注取得 with its own client.
    async fn sync_shop(&self, shop: &Shop) -> Result<SyncReport> {
        match self.client_for(shop) {
            Ok(client) => {
                let report = self.sync_shop_with(shop, client.as_ref()).await?;
                self.save_limits(shop.id)?;
                Ok(report)
            }
            Err(e) => {
                let mut report = SyncReport {
                    shop_id: shop.id,
                    shop_name: shop.name.clone(),
                    ..SyncReport::default()
                };
                report.failed(e.code(), &e.to_string());
                Ok(report)
            }
        }
    }

    /// The shops whose automatic fetch is due at `now` (自動取得).
    pub fn shops_due(&self, now: i64) -> Result<Vec<Shop>> {
        let mut due = Vec::new();
        for shop in self.active_shops()? {
            if is_due(&shop, &self.sync_state(shop.id)?, now) {
                due.push(shop);
            }
        }
        Ok(due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Mall, ShopSettings};
    use crate::malls::{KnownOrders, ShipmentForExport, Stage};
    use crate::store::SyncState;

    /// A client whose fetch spends three calls, delivers a page, then is cut
    /// off (a crash, the power) before the run ends.
    struct CutOff(std::sync::Arc<crate::malls::limit::Limiter>);

    #[async_trait::async_trait]
    impl MallClient for CutOff {
        fn mall(&self) -> Mall {
            Mall::Base
        }
        fn calls(&self) -> u32 {
            3
        }
        async fn test_connection(&self) -> std::result::Result<(), MallError> {
            Ok(())
        }
        async fn fetch(
            &self,
            _: FetchWindow,
            _: &KnownOrders,
            sink: &mut (dyn FnMut(FetchedPage) + Send),
        ) -> std::result::Result<(), MallError> {
            for _ in 0..3 {
                self.0.acquire(now_unix()).await?;
            }
            sink(FetchedPage {
                orders: Vec::new(),
                unchanged: vec!["1".into()],
            });
            panic!("cut off mid-run");
        }
        fn shipment_units(&self, _: &ShipmentForExport, _: Stage) -> Vec<String> {
            Vec::new()
        }
        async fn shipped_units(
            &self,
            _: &ShipmentForExport,
            _: Stage,
        ) -> std::result::Result<Vec<String>, MallError> {
            Ok(Vec::new())
        }
        async fn send_unit(
            &self,
            _: &ShipmentForExport,
            _: Stage,
            _: &str,
        ) -> std::result::Result<(), MallError> {
            Ok(())
        }
    }

    /// The calls of a run cut off after a page still count after a restart.
    #[tokio::test]
    async fn calls_are_saved_with_each_page_not_only_at_the_end() {
        use futures::FutureExt;
        let dir = tempfile::tempdir().unwrap();
        let shop = {
            let juchu = Juchu::open_at(dir.path(), crate::Profile::Real).unwrap();
            let shop = juchu
                .store()
                .add_shop(
                    Mall::Base,
                    "BASE 1号店",
                    &ShopSettings::for_mall(Mall::Base),
                )
                .unwrap();
            let client = CutOff(juchu.limiter(&shop).unwrap());
            let run = std::panic::AssertUnwindSafe(juchu.sync_shop_with(&shop, &client));
            assert!(run.catch_unwind().await.is_err(), "the run was cut off");
            shop
        };
        let reopened = Juchu::open_at(dir.path(), crate::Profile::Real).unwrap();
        let used = reopened.limiter(&shop).unwrap().used(now_unix());
        assert_eq!(
            used, 3,
            "the budget spent before the cut is not handed out again"
        );
    }

    fn shop(auto: bool, interval: u32) -> Shop {
        Shop {
            id: 1,
            mall: Mall::Base,
            name: "BASE 1号店".into(),
            settings: ShopSettings {
                auto_fetch: auto,
                fetch_interval_minutes: interval,
                ..ShopSettings::for_mall(Mall::Base)
            },
        }
    }

    #[test]
    fn due_follows_interval_auto_flag_and_rate_limit() {
        let now = 1_800_000_000;
        let never = SyncState::default();
        assert!(is_due(&shop(true, 30), &never, now));
        assert!(!is_due(&shop(false, 30), &never, now));
        let recent = SyncState {
            last_sync_at: Some(now - 29 * 60),
            ..SyncState::default()
        };
        assert!(!is_due(&shop(true, 30), &recent, now));
        let old = SyncState {
            last_sync_at: Some(now - 30 * 60),
            ..SyncState::default()
        };
        assert!(is_due(&shop(true, 30), &old, now));
        let limited = SyncState {
            last_sync_at: Some(now - 3600),
            resume_at: Some(now + 60),
            ..SyncState::default()
        };
        assert!(!is_due(&shop(true, 30), &limited, now));
    }

    #[test]
    fn window_is_the_shops_days() {
        let w = window_for(&shop(true, 30), 1_000_000);
        assert_eq!(w.to - w.from, 7 * 86_400);
    }
}
