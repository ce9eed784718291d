//! Mall clients behind one trait, and the registry that says, per mall, how
//! it connects, what it needs, what it may send and how to build its client.
//! One folder per mall (`base/`); the sync and export pipelines
//! (`crate::sync`, `crate::export`) only know [`MallClient`],
//! `registry::spec` and the mall-neutral [`ExportPolicy`]. Nothing here
//! imports a mall or the registry: a mall's folder and the registry import
//! from here and from the leaf `spec`.
//!
//! Shared by every mall: `http` (requests, retries, charsets), `limit`
//! (rate-limit policies, one limiter per shop), `paging` (the page loop that
//! keeps what it read), `json` (field helpers), `browser_auth` and
//! `loopback` (a mall authorized in the browser).

pub mod base;
pub mod bcart;
pub mod browser_auth;
pub mod error;
pub mod export_policy;
pub mod field_rule;
pub mod http;
pub mod json;
pub mod limit;
pub mod loopback;
pub mod makeshop;
pub mod paging;
pub mod qoo10;
pub mod registry;
pub mod shopserve;
pub mod slip;
pub mod spec;
pub mod wizard;

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;

pub use error::MallError;
pub use export_policy::{ExportPolicy, Stage, StageRule};

use crate::domain::{Carrier, IncomingOrder, Mall, Shop};
use crate::secrets::Secrets;

/// Orders placed between these instants (UNIX seconds) are fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchWindow {
    pub from: i64,
    pub to: i64,
}

/// What the store already has of the orders in a window: mall order id →
/// the mall's change marker (BASE: `modified`). A client whose mall has such
/// a marker skips the costly reads of orders whose marker has not changed;
/// a mall without one gets an empty map.
pub type KnownOrders = HashMap<String, String>;

/// One step of a fetch, handed to the sync pipeline as soon as it is read,
/// so that a fetch stopped half-way (rate limit, crash) keeps what it read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FetchedPage {
    /// New or changed orders (with `mall_modified` where the mall has a marker).
    pub orders: Vec<IncomingOrder>,
    /// Mall order ids seen whose marker had not changed (nothing to merge).
    pub unchanged: Vec<String>,
}

/// One shipment of an order as 発送情報の更新 sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct ShipmentForExport {
    pub order_id: i64,
    pub mall_order_id: String,
    /// The mall's id of the shipment (`""`: the order's only one).
    pub shipment_ref: String,
    /// Half-width letters and digits, no hyphens (already validated for the carrier).
    pub tracking_number: String,
    pub carrier: Carrier,
    /// YYYY-MM-DD, if the merchant set one.
    pub ship_date: Option<String>,
    /// The mall payload the order was last built from (its client may read it).
    pub raw: serde_json::Value,
}

/// What a client is built with: the shop, the keyring, and the shop's
/// limiter, shared by every client of the shop.
#[derive(Debug, Clone)]
pub struct ClientContext {
    pub shop: Shop,
    pub secrets: Secrets,
    pub limiter: Arc<limit::Limiter>,
}

/// A mall's API as Juchu uses it.
///
/// 発送情報の更新 is sent in *units*, one call each, per shipment and stage
/// (BASE: an order item; Qoo10: an OrderNo of the pack; Bカート: a logistics
/// row, 発送指示 then 発送済; MakeShop: a deliveryId). A unit's text is its key
/// in the export journal: unique within the order across shipments and
/// stages. The export pipeline records the intent and the result of each
/// unit, and after a crash or a timeout asks `shipped_units` before sending
/// anything again, so that no unit is sent twice.
#[async_trait]
pub trait MallClient: Send + Sync {
    fn mall(&self) -> Mall;

    /// API requests made so far by this client (retries included).
    fn calls(&self) -> u32;

    /// 接続テスト: proves the credentials work, or says what is wrong.
    async fn test_connection(&self) -> Result<(), MallError>;

    /// Orders placed in `window`, reading details only of new or changed
    /// ones; each page goes to `sink` as soon as it is complete.
    async fn fetch(
        &self,
        window: FetchWindow,
        known: &KnownOrders,
        sink: &mut (dyn FnMut(FetchedPage) + Send),
    ) -> Result<(), MallError>;

    /// The shop's own names for the mall's status values (raw value, label),
    /// as the last `fetch` read them; empty when the mall's are fixed
    /// (Bカート: a shop renames its status slots).
    async fn status_labels(&self) -> Result<Vec<(String, String)>, MallError> {
        Ok(Vec::new())
    }

    /// The units 発送情報の更新 sends for this shipment at `stage`, from its payload.
    fn shipment_units(&self, shipment: &ShipmentForExport, stage: Stage) -> Vec<String>;

    /// Which of the shipment's units at `stage` the mall already has as done,
    /// read from the payload (no call): the merchant dispatched them on the
    /// mall's own page. They are recorded as done by the mall, never sent.
    fn units_done_on_mall(&self, _shipment: &ShipmentForExport, _stage: Stage) -> Vec<String> {
        Vec::new()
    }

    /// The mall refused a unit for a reason that asking again cannot change
    /// (BASE: an order shipped with ヤマトかんたん発送App): 発送情報の更新 stops
    /// offering the shipment and says what to do instead.
    fn refusal_is_settled(&self, _error: &MallError) -> bool {
        false
    }

    /// Which of the shipment's units at `stage` the mall already has, read from the mall now.
    async fn shipped_units(
        &self,
        shipment: &ShipmentForExport,
        stage: Stage,
    ) -> Result<Vec<String>, MallError>;

    /// Sends the shipping info of one unit.
    async fn send_unit(
        &self,
        shipment: &ShipmentForExport,
        stage: Stage,
        unit: &str,
    ) -> Result<(), MallError>;
}

/// A credential the merchant typed for the shop, or which one is missing
/// (`label`, in the merchant's words).
pub fn credential(
    secrets: &Secrets,
    shop_id: i64,
    mall: &'static str,
    key: &str,
    label: &str,
) -> Result<String, MallError> {
    secrets
        .get(shop_id, key)
        .map_err(|e| MallError::keyring(mall, e))?
        .filter(|t| !t.trim().is_empty())
        .ok_or(MallError::MissingCredentials {
            mall,
            missing: label.into(),
        })
}

/// The API base URL of a mall: `JUCHU_API_BASE_<MALL>` when set (tests, the
/// demo and benchmarks point it at tests/fakemall), else the real one.
pub fn api_base(mall: Mall, default: &str) -> String {
    let overridden = API_BASES.read().ok().and_then(|m| m.get(&mall).cloned());
    overridden
        .or_else(|| {
            std::env::var(format!("JUCHU_API_BASE_{}", mall.env_suffix()))
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| default.to_string())
        .trim_end_matches('/')
        .to_string()
}

/// API base URLs set by the running app (the demo's built-in malls), ahead
/// of `JUCHU_API_BASE_<MALL>`; the environment is not written at run time.
static API_BASES: std::sync::RwLock<std::collections::BTreeMap<Mall, String>> =
    std::sync::RwLock::new(std::collections::BTreeMap::new());

/// Points every client of `mall` at `url` from now on (the demo's fakes).
pub fn set_api_base(mall: Mall, url: &str) {
    if let Ok(mut m) = API_BASES.write() {
        m.insert(mall, url.to_string());
    }
}
