//! `Juchu`: the use cases the window and `juchu-cli` share. A Tauri command
//! or a CLI subcommand is a few lines over one of these methods.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use specta::Type;

use crate::domain::*;
use crate::error::{CoreError, Result};
use crate::malls::browser_auth::Pending;
use crate::malls::limit::{LimitState, Limiter};
use crate::malls::registry::{self, MallView};
use crate::malls::{ClientContext, MallClient, MallError};
use crate::paths::{data_dir, Profile};
use crate::secrets::Secrets;
use crate::store::{status_labels, sync_state};
use crate::store::{LogEntry, MergeStats, Store};

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AppInfo {
    pub version: String,
    pub demo: bool,
    pub data_dir: String,
    pub statuses: Vec<Status>,
    pub carriers: Vec<Carrier>,
    pub malls: Vec<MallView>,
    /// Something the merchant must be told at start (e.g. a corrupt database was set aside).
    pub notice: Option<String>,
}

pub struct Juchu {
    store: Mutex<Store>,
    /// The window's reads: a connection of their own, so that a list never
    /// waits for a fetch's merge (WAL lets it read while the other writes).
    reader: Mutex<Store>,
    secrets: Secrets,
    /// Browser authorizations waiting for their redirect.
    pending: Pending,
    /// One rate limiter per shop, shared by every client of the shop.
    limiters: Mutex<HashMap<i64, Arc<Limiter>>>,
    /// One 発送情報の更新 at a time per shop (the merchant's and 自動書き出し).
    export_locks: Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>,
    /// One 受注取得 at a time per shop; a second caller joins the running one.
    sync_slots: Mutex<HashMap<i64, Arc<crate::sync::SyncSlot>>>,
    progress: Mutex<Option<crate::progress::ProgressSink>>,
}

impl Juchu {
    /// Opens the data folder of the profile (see `paths::data_dir`).
    pub fn open(profile: Profile) -> Result<Juchu> {
        Juchu::open_at(&data_dir(profile)?, profile)
    }

    pub fn open_at(dir: &Path, profile: Profile) -> Result<Juchu> {
        let store = Store::open(dir, profile)?;
        store.run(|conn| crate::store::activity::prune(conn, crate::time::now_unix()))?;
        let reader = Store::open(dir, profile)?;
        let secrets = Secrets::new(store.install_id());
        Ok(Juchu {
            store: Mutex::new(store),
            reader: Mutex::new(reader),
            secrets,
            pending: Pending::default(),
            limiters: Mutex::new(HashMap::new()),
            export_locks: Mutex::new(HashMap::new()),
            sync_slots: Mutex::new(HashMap::new()),
            progress: Mutex::new(None),
        })
    }

    /// The slot a shop's 受注取得 runs in.
    pub(crate) fn sync_slot(&self, shop_id: i64) -> Arc<crate::sync::SyncSlot> {
        let mut slots = self.sync_slots.lock().unwrap_or_else(|p| p.into_inner());
        slots.entry(shop_id).or_default().clone()
    }

    pub(crate) fn progress_sink(&self) -> MutexGuard<'_, Option<crate::progress::ProgressSink>> {
        self.progress.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The lock a shop's 発送情報の更新 holds while it sends.
    pub(crate) fn export_lock(&self, shop_id: i64) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.export_locks.lock().unwrap_or_else(|p| p.into_inner());
        locks.entry(shop_id).or_default().clone()
    }

    /// Every shop's export lock made so far (a shop that never exported has none yet).
    pub(crate) fn export_locks(&self) -> Vec<(i64, Arc<tokio::sync::Mutex<()>>)> {
        let locks = self.export_locks.lock().unwrap_or_else(|p| p.into_inner());
        locks.iter().map(|(id, l)| (*id, l.clone())).collect()
    }

    pub(crate) fn pending(&self) -> &Pending {
        &self.pending
    }

    /// The shop's limiter: made on first use from its mall's limits and the
    /// state saved by the last run, then shared by every client of the shop.
    pub fn limiter(&self, shop: &Shop) -> Result<Arc<Limiter>> {
        let mut limiters = self.limiters.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(l) = limiters.get(&shop.id) {
            return Ok(l.clone());
        }
        let limiter = Limiter::new(shop.mall.label(), registry::spec(shop.mall).limits);
        if let Some((window_start, used, locked_until)) = self
            .store()
            .run(|conn| sync_state::saved_limit(conn, shop.id))?
        {
            limiter.restore(LimitState {
                window_start,
                used,
                locked_until,
            });
        }
        let limiter = Arc::new(limiter);
        limiters.insert(shop.id, limiter.clone());
        Ok(limiter)
    }

    /// Keeps the shop's limiter state, so a restart does not reset its budget.
    pub(crate) fn save_limits(&self, shop_id: i64) -> Result<()> {
        let state = {
            let limiters = self.limiters.lock().unwrap_or_else(|p| p.into_inner());
            match limiters.get(&shop_id) {
                Some(l) => l.state(),
                None => return Ok(()),
            }
        };
        let saved = (state.window_start, state.used, state.locked_until);
        Ok(self
            .store()
            .run(|conn| sync_state::save_limit(conn, shop_id, saved))?)
    }

    /// The client of a shop's mall, drawing on the shop's limiter.
    pub fn client_for(&self, shop: &Shop) -> Result<Box<dyn MallClient>> {
        let ctx = ClientContext {
            shop: shop.clone(),
            secrets: self.secrets.clone(),
            limiter: self.limiter(shop)?,
        };
        registry::client_for(&ctx).map_err(|e: MallError| e.into())
    }

    /// The connection for what the window reads (lists, counts, details).
    pub(crate) fn reader(&self) -> MutexGuard<'_, Store> {
        self.reader.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave SQLite half-written
        // (transactions roll back), so a poisoned lock is safe to reuse.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    pub fn app_info(&self) -> AppInfo {
        let store = self.store();
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            demo: store.profile() == Profile::Demo,
            data_dir: store.dir().display().to_string(),
            statuses: Status::ALL.to_vec(),
            carriers: Carrier::ALL.to_vec(),
            malls: MallView::all(),
            notice: store.set_aside().map(|p| {
                format!(
                    "データベースが壊れていたため、元のファイルを {} に保管し、新しいデータベースで始めました。受注はモールから取得し直せます。保管したファイルはサポートにお送りいただければ復旧を試みます。",
                    p.display()
                )
            }),
        }
    }

    pub fn list_orders(&self, q: &OrderQuery) -> Result<OrderPage> {
        Ok(self.reader().list_orders(q)?)
    }

    /// 「このタブの全件を選択」: every order of a tab, not only the rows on screen.
    pub fn tab_ids(&self, q: &TabQuery) -> Result<TabIds> {
        Ok(self.reader().tab_ids(q)?)
    }

    pub fn status_counts(&self, f: &CountFilter) -> Result<StatusCounts> {
        Ok(self.reader().status_counts(f)?)
    }

    /// An order's detail, its mall's statuses in Japanese (the raw value
    /// stays beside them) and what its mall asks after a slip changed.
    pub fn order_detail(&self, id: i64) -> Result<OrderDetail> {
        let mut d = self.reader().order_detail(id)?;
        let spec = registry::spec(d.row.mall);
        let shop_labels = self
            .reader()
            .run(|conn| status_labels::of_shop(conn, d.row.shop_id))?;
        let label = |raw: &str| {
            shop_labels
                .get(raw)
                .cloned()
                .or_else(|| (spec.status_label)(raw).map(str::to_string))
        };
        d.mall_status_label = label(&d.mall_status).unwrap_or_else(|| d.mall_status.clone());
        let shop = self.reader().shop(d.row.shop_id)?;
        let fix = (spec.export_policy)(&shop.settings).after_send_fix;
        if let Some(plan) = spec.ship_plan {
            d.ship_plan_available = (plan.applies)(&self.reader().order_raw(id)?);
        }
        for s in &mut d.shipments {
            s.mall_status_label = s
                .mall_status
                .as_deref()
                .map(|m| label(m).unwrap_or(m.to_string()));
            s.after_send_fix = fix.to_string();
        }
        Ok(d)
    }

    pub fn move_orders(&self, ids: &[i64], status: Status) -> Result<u32> {
        Ok(self.store().move_orders(ids, status)?)
    }

    pub fn save_shipment(&self, id: i64, input: &ShipmentInput) -> Result<OrderRow> {
        Ok(self.store().save_shipment(id, input)?)
    }

    /// An order by its local id or, failing that, by any of its numbers on
    /// its mall (the order number, or another: a Qoo10 OrderNo of the pack,
    /// a Bカート code, a MakeShop display number).
    pub fn find_order(&self, key: &str) -> Result<OrderRow> {
        let store = self.store();
        let key = key.trim();
        if let Ok(id) = key.parse::<i64>() {
            if let Ok(row) = store.order(id) {
                return Ok(row);
            }
        }
        let page = store.list_orders(&OrderQuery {
            search: Some(key.to_string()),
            limit: 1000,
            ..OrderQuery::default()
        })?;
        let mut ids: Vec<i64> = page
            .rows
            .iter()
            .filter(|r| r.mall_order_id == key)
            .map(|r| r.id)
            .collect();
        for id in store.orders_with_ref(key)? {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        match ids.as_slice() {
            [id] => Ok(store.order(*id)?),
            [] => Err(CoreError::OrderNumberNotFound(key.to_string())),
            _ => Err(CoreError::AmbiguousOrderNumber(key.to_string())),
        }
    }

    pub fn merge_orders(&self, shop_id: i64, orders: &[IncomingOrder]) -> Result<MergeStats> {
        Ok(self.store().merge_orders(shop_id, orders)?)
    }

    /// `juchu-cli import`: orders as a JSON array of [`IncomingOrder`].
    pub fn import_orders(&self, shop_id: i64, json: &str) -> Result<MergeStats> {
        let orders: Vec<IncomingOrder> =
            serde_json::from_str(json).map_err(|e| CoreError::OrdersNotJson(e.to_string()))?;
        self.shop(shop_id)?;
        self.merge_orders(shop_id, &orders)
    }

    pub fn shop(&self, id: i64) -> Result<Shop> {
        Ok(self.store().shop(id)?)
    }

    pub fn shops(&self) -> Result<Vec<Shop>> {
        Ok(self.store().shops()?)
    }

    pub fn recent_log(&self, limit: u32) -> Result<Vec<LogEntry>> {
        Ok(self.reader().recent_log(limit)?)
    }

    /// The 自動処理ログ as the screen filters it.
    pub fn log_entries(&self, filter: &crate::store::LogFilter) -> Result<Vec<LogEntry>> {
        Ok(self.reader().log_entries(filter)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window's reads never wait for the writer: with the writer's
    /// connection held (a fetch merging), the list, the counts and a detail
    /// still answer, and see what was committed.
    #[test]
    fn reads_do_not_wait_for_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
        juchu.seed_samples(20, 1).unwrap();
        let writing = juchu.store();
        let page = juchu
            .list_orders(&OrderQuery {
                status: None,
                shop_id: None,
                search: None,
                sort_by: Default::default(),
                sort: Default::default(),
                offset: 0,
                limit: 50,
            })
            .unwrap();
        assert_eq!(page.total, 100, "five sample shops of 20");
        juchu.order_detail(page.rows[0].id).unwrap();
        juchu.status_counts(&CountFilter::default()).unwrap();
        drop(writing);
    }

    #[tokio::test]
    async fn a_shops_limiter_is_shared_and_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let now = crate::time::now_unix();
        let shop = {
            let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
            let shop = juchu
                .store()
                .add_shop(
                    Mall::Base,
                    "BASE 1号店",
                    &ShopSettings::for_mall(Mall::Base),
                )
                .unwrap();
            let sync = juchu.limiter(&shop).unwrap();
            let export = juchu.limiter(&shop).unwrap();
            assert!(Arc::ptr_eq(&sync, &export), "one limiter per shop");
            for _ in 0..3 {
                sync.acquire(now).await.unwrap();
            }
            export.acquire(now).await.unwrap();
            juchu.save_limits(shop.id).unwrap();
            shop
        };
        let reopened = Juchu::open_at(dir.path(), Profile::Real).unwrap();
        let limiter = reopened.limiter(&shop).unwrap();
        assert_eq!(limiter.used(now), 4, "the budget is not reset by a restart");
    }
}
