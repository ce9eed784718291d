//! 自動取得 and 自動書き出し: what the app runs every minute. Each shop whose
//! interval has passed is fetched; a shop with 自動書き出し on then sends its
//! shipping info by itself, as the merchant's 発送情報の更新 would. Both end
//! up in the 自動処理ログ.

use serde::Serialize;
use specta::Type;

use crate::app::Juchu;
use crate::domain::Shop;
use crate::error::Result;
use crate::export::ExportOutcome;
use crate::sync::SyncReport;

/// What one 自動書き出し did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Type)]
pub struct AutoExport {
    pub shop_id: i64,
    pub shop_name: String,
    pub sent: u32,
    pub failed: u32,
    /// Another 発送情報の更新 of the shop was under way: this one waited for
    /// the next interval instead of running beside it.
    pub already_running: bool,
}

/// What one round of the scheduler did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Type)]
pub struct AutoRun {
    pub syncs: Vec<SyncReport>,
    pub exports: Vec<AutoExport>,
}

impl AutoRun {
    pub fn is_empty(&self) -> bool {
        self.syncs.is_empty() && self.exports.is_empty()
    }
}

impl Juchu {
    /// Fetches every shop whose 自動取得 is due now, all at once, then runs
    /// 自動書き出し for the ones that ask for it and whose fetch went through.
    pub async fn run_due(&self) -> Result<AutoRun> {
        self.run_due_at(crate::time::now_unix()).await
    }

    /// [`Self::run_due`] on a given clock (tests move it).
    pub async fn run_due_at(&self, now: i64) -> Result<AutoRun> {
        let due = self.shops_due(now)?;
        let runs = futures::future::join_all(due.iter().map(|shop| self.run_shop(shop))).await;
        let mut run = AutoRun::default();
        for r in runs {
            let (sync, export) = r?;
            run.syncs.push(sync);
            run.exports.extend(export);
        }
        Ok(run)
    }

    /// One due shop: its fetch (joining one already running), then its
    /// 自動書き出し if it asks for it and the fetch went through.
    async fn run_shop(&self, shop: &Shop) -> Result<(SyncReport, Option<AutoExport>)> {
        let report = self.sync_joined(shop).await?;
        let export = if report.error.is_none() && shop.settings.auto_export() {
            Some(self.auto_export(shop).await?)
        } else {
            None
        };
        Ok((report, export))
    }

    /// 自動書き出し for one shop: 発送情報の更新 without a preview, unless one
    /// is already under way for the shop (then it waits for the next round).
    pub async fn auto_export(&self, shop: &Shop) -> Result<AutoExport> {
        let mut done = AutoExport {
            shop_id: shop.id,
            shop_name: shop.name.clone(),
            ..AutoExport::default()
        };
        let started_at = crate::time::now_unix();
        let lock = self.export_lock(shop.id);
        let Ok(_running) = lock.try_lock() else {
            done.already_running = true;
            self.store().log(
                "auto_export",
                Some(shop.id),
                None,
                &format!(
                    "{}: 発送情報の更新が実行中だったため、今回の自動書き出しは見送りました（次の自動取得のあとに行います）",
                    shop.name
                ),
            )?;
            return Ok(done);
        };
        let lines = self.export_shop(shop, crate::time::today_jst()).await?;
        for l in &lines {
            match l.outcome {
                ExportOutcome::Sent => done.sent += 1,
                ExportOutcome::Failed => done.failed += 1,
                _ => {}
            }
        }
        self.log_export_run("auto_export", shop, started_at, &lines)?;
        Ok(done)
    }
}
