//! `Juchu`: the use cases the window and `juchu-cli` share. A Tauri command
//! or a CLI subcommand is a few lines over one of these methods.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use specta::Type;

use crate::domain::*;
use crate::error::{CoreError, Result};
use crate::paths::{data_dir, Profile};
use crate::secrets::Secrets;
use crate::store::{LogEntry, MergeStats, Store};

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct MallInfo {
    pub mall: Mall,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AppInfo {
    pub version: String,
    pub demo: bool,
    pub data_dir: String,
    pub statuses: Vec<Status>,
    pub carriers: Vec<Carrier>,
    pub malls: Vec<MallInfo>,
    /// Something the merchant must be told at start (e.g. a corrupt database was set aside).
    pub notice: Option<String>,
}

pub struct Juchu {
    store: Mutex<Store>,
    secrets: Secrets,
}

impl Juchu {
    /// Opens the data folder of the profile (see `paths::data_dir`).
    pub fn open(profile: Profile) -> Result<Juchu> {
        Juchu::open_at(&data_dir(profile)?, profile)
    }

    pub fn open_at(dir: &Path, profile: Profile) -> Result<Juchu> {
        let store = Store::open(dir, profile)?;
        let secrets = Secrets::new(store.install_id());
        Ok(Juchu {
            store: Mutex::new(store),
            secrets,
        })
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
            malls: Mall::ALL
                .into_iter()
                .map(|mall| MallInfo {
                    mall,
                    label: mall.label().to_string(),
                })
                .collect(),
            notice: store.set_aside().map(|p| {
                format!(
                    "データベースが壊れていたため、元のファイルを {} に保管し、新しいデータベースで始めました。受注はモールから取得し直せます。保管したファイルはサポートにお送りいただければ復旧を試みます。",
                    p.display()
                )
            }),
        }
    }

    pub fn list_orders(&self, q: &OrderQuery) -> Result<OrderPage> {
        self.store().list_orders(q)
    }

    pub fn status_counts(&self, f: &CountFilter) -> Result<StatusCounts> {
        self.store().status_counts(f)
    }

    pub fn order_detail(&self, id: i64) -> Result<OrderDetail> {
        self.store().order_detail(id)
    }

    pub fn move_orders(&self, ids: &[i64], status: Status) -> Result<u32> {
        self.store().move_orders(ids, status)
    }

    pub fn save_shipment(&self, id: i64, input: &ShipmentInput) -> Result<OrderRow> {
        self.store().save_shipment(id, input)
    }

    /// An order by its local id or, failing that, by the mall's order number.
    pub fn find_order(&self, key: &str) -> Result<OrderRow> {
        let store = self.store();
        if let Ok(id) = key.trim().parse::<i64>() {
            if let Ok(row) = store.order(id) {
                return Ok(row);
            }
        }
        let page = store.list_orders(&OrderQuery {
            search: Some(key.to_string()),
            limit: 1000,
            ..OrderQuery::default()
        })?;
        let mut exact = page
            .rows
            .into_iter()
            .filter(|r| r.mall_order_id == key.trim());
        match (exact.next(), exact.next()) {
            (Some(row), None) => Ok(row),
            (Some(_), Some(_)) => Err(CoreError::AmbiguousOrderNumber(key.trim().to_string())),
            (None, _) => Err(CoreError::OrderNumberNotFound(key.trim().to_string())),
        }
    }

    pub fn merge_orders(&self, shop_id: i64, orders: &[IncomingOrder]) -> Result<MergeStats> {
        self.store().merge_orders(shop_id, orders)
    }

    pub fn shops(&self) -> Result<Vec<Shop>> {
        self.store().shops()
    }

    pub fn recent_log(&self, limit: u32) -> Result<Vec<LogEntry>> {
        self.store().recent_log(limit)
    }
}
