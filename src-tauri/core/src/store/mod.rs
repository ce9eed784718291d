//! The local SQLite store: one file in the data folder, WAL, foreign keys,
//! versioned migrations. Every read and write of orders goes through here.

pub mod activity;
mod error;
pub mod export_candidates;
pub mod export_journal;
pub mod export_moves;
pub mod merge;
mod open;
pub mod order_counts;
pub mod orders;
pub mod schema;
pub mod search;
pub mod shops;
pub mod status_labels;
pub mod sync_state;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use activity::{LogEntry, LogFilter, Run, RunStats};
pub use merge::MergeStats;
pub use open::DB_FILE;
pub use sync_state::SyncState;

use crate::domain::*;
use crate::paths::Profile;
pub use error::{Result, StoreError};

pub struct Store {
    conn: Connection,
    dir: PathBuf,
    profile: Profile,
    install_id: String,
    set_aside: Option<PathBuf>,
}

impl Store {
    /// Opens (creating and migrating as needed) the database in `dir`.
    pub fn open(dir: &Path, profile: Profile) -> Result<Store> {
        let opened = open::open(dir, profile)?;
        let install_id: String =
            opened
                .conn
                .query_row("SELECT value FROM meta WHERE key = 'install_id'", [], |r| {
                    r.get(0)
                })?;
        Ok(Store {
            conn: opened.conn,
            dir: dir.to_path_buf(),
            profile,
            install_id,
            set_aside: opened.set_aside,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn profile(&self) -> Profile {
        self.profile
    }
    /// A random id of this database, so that keyring entries of the demo,
    /// of tests and of the real data never collide.
    pub fn install_id(&self) -> &str {
        &self.install_id
    }
    /// Where a corrupt database was moved when this one was created.
    pub fn set_aside(&self) -> Option<&Path> {
        self.set_aside.as_deref()
    }

    /// Runs a query of this crate's pipelines on the connection, with the
    /// same error handling as every other store call.
    pub(crate) fn run<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        self.seen(f(&self.conn).map_err(Into::into))
    }

    /// Remembers a corrupt page for the next start's integrity check.
    pub(crate) fn seen<T>(&self, r: Result<T>) -> Result<T> {
        if let Err(StoreError::Db(e)) = &r {
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) {
                open::mark_needs_check(&self.dir);
                return Err(StoreError::DbCorrupt {
                    path: self.dir.join(DB_FILE),
                });
            }
        }
        r
    }

    pub fn list_orders(&self, q: &OrderQuery) -> Result<OrderPage> {
        self.seen(orders::list(&self.conn, q))
    }
    pub fn tab_ids(&self, q: &TabQuery) -> Result<TabIds> {
        let mut ids = self.seen(orders::ids(
            &self.conn,
            q.status,
            q.shop_id,
            q.search.as_deref(),
            TAB_IDS_CAP + 1,
        ))?;
        let capped = ids.len() > TAB_IDS_CAP as usize;
        ids.truncate(TAB_IDS_CAP as usize);
        Ok(TabIds { ids, capped })
    }
    pub fn status_counts(&self, f: &CountFilter) -> Result<StatusCounts> {
        self.seen(orders::counts(&self.conn, f))
    }
    pub fn order(&self, id: i64) -> Result<OrderRow> {
        self.seen(orders::row(&self.conn, id))
    }
    /// Orders that have `number` among their other numbers on the mall.
    pub fn orders_with_ref(&self, number: &str) -> Result<Vec<i64>> {
        self.run(|conn| {
            conn.prepare_cached("SELECT order_id FROM order_refs WHERE ref = ?1")?
                .query_map([number], |r| r.get(0))?
                .collect()
        })
    }
    pub fn order_raw(&self, id: i64) -> Result<serde_json::Value> {
        self.seen(orders::raw(&self.conn, id))
    }
    pub fn order_detail(&self, id: i64) -> Result<OrderDetail> {
        self.seen(orders::detail(&self.conn, id))
    }
    pub fn move_orders(&mut self, ids: &[i64], status: Status) -> Result<u32> {
        let r = orders::move_to(&mut self.conn, ids, status);
        self.seen(r)
    }
    pub fn save_shipment(&mut self, id: i64, input: &ShipmentInput) -> Result<OrderRow> {
        let r = orders::save_shipment(&mut self.conn, id, input);
        self.seen(r)
    }
    pub fn merge_orders(&mut self, shop_id: i64, orders: &[IncomingOrder]) -> Result<MergeStats> {
        let shop = shops::get(&self.conn, shop_id)?;
        let r = merge::merge(
            &mut self.conn,
            shop_id,
            shop.settings.initial_status,
            orders,
        );
        self.seen(r)
    }
    pub fn add_shop(&self, mall: Mall, name: &str, settings: &ShopSettings) -> Result<Shop> {
        self.seen(shops::add(&self.conn, mall, name, settings))
    }
    pub fn update_shop(&self, id: i64, name: &str, settings: &ShopSettings) -> Result<Shop> {
        self.seen(shops::update(&self.conn, id, name, settings))
    }
    pub fn shop(&self, id: i64) -> Result<Shop> {
        self.seen(shops::get(&self.conn, id))
    }
    pub fn shops(&self) -> Result<Vec<Shop>> {
        self.seen(shops::list(&self.conn))
    }
    pub fn remove_shop(&mut self, id: i64, keep_orders: bool) -> Result<()> {
        let r = shops::remove(&mut self.conn, id, keep_orders);
        self.seen(r)
    }
    pub fn log(
        &self,
        kind: &str,
        shop_id: Option<i64>,
        order_id: Option<i64>,
        message: &str,
    ) -> Result<()> {
        self.seen(
            activity::record(&self.conn, kind, shop_id, order_id, message).map_err(Into::into),
        )
    }
    /// Records a fetch's or an export's run, ending now.
    pub fn log_run(
        &self,
        kind: &str,
        shop_id: i64,
        run: &activity::Run,
        message: &str,
    ) -> Result<()> {
        self.seen(activity::record_run(&self.conn, kind, shop_id, run, message).map_err(Into::into))
    }

    pub fn recent_log(&self, limit: u32) -> Result<Vec<LogEntry>> {
        self.log_entries(&activity::LogFilter {
            limit,
            ..Default::default()
        })
    }

    pub fn log_entries(&self, filter: &activity::LogFilter) -> Result<Vec<LogEntry>> {
        self.seen(activity::recent(&self.conn, filter).map_err(Into::into))
    }
}
