//! Mall clients behind one trait. One file (or folder) per mall; the sync and
//! export pipelines (`crate::sync`, `crate::export`) only know this trait.

pub mod base;
mod error;
pub mod http;

use std::collections::HashMap;

use async_trait::async_trait;

pub use error::MallError;

use crate::domain::{Carrier, IncomingOrder, Mall};

/// Orders placed between these instants (UNIX seconds) are fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchWindow {
    pub from: i64,
    pub to: i64,
}

/// What the store already has of the orders in a window: mall order id →
/// the mall's change marker (BASE: `modified`). A client skips the costly
/// reads of orders whose marker has not changed.
pub type KnownOrders = HashMap<String, String>;

/// One step of a fetch, handed to the sync pipeline as soon as it is read,
/// so that a fetch stopped half-way (rate limit, crash) keeps what it read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FetchedPage {
    /// New or changed orders, each with `mall_modified` set.
    pub orders: Vec<IncomingOrder>,
    /// Mall order ids seen whose marker had not changed (nothing to merge).
    pub unchanged: Vec<String>,
}

/// An order as 発送情報の更新 sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderForExport {
    pub order_id: i64,
    pub mall_order_id: String,
    /// Half-width letters and digits, no hyphens (already validated for the carrier).
    pub tracking_number: String,
    pub carrier: Carrier,
    /// YYYY-MM-DD, if the merchant set one.
    pub ship_date: Option<String>,
    /// The mall payload the order was last built from.
    pub raw: serde_json::Value,
}

/// A mall's API as Juchu uses it.
///
/// 発送情報の更新 is sent in *units*, one call each (BASE: an order item;
/// Qoo10: an OrderNo of the pack; Bカート: a logistics row; MakeShop: a
/// deliveryId). The export pipeline records the intent and the result of each
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

    /// The units 発送情報の更新 sends for this order, from its payload.
    fn shipment_units(&self, order: &OrderForExport) -> Vec<String>;

    /// Which of the order's units the mall already has as shipped, read from the mall now.
    async fn shipped_units(&self, order: &OrderForExport) -> Result<Vec<String>, MallError>;

    /// Sends the shipping info of one unit.
    async fn send_unit(&self, order: &OrderForExport, unit: &str) -> Result<(), MallError>;
}

/// The API base URL of a mall: `JUCHU_API_BASE_<MALL>` when set (tests, the
/// demo and benchmarks point it at tests/fakemall), else the real one.
pub fn api_base(mall: Mall, default: &str) -> String {
    std::env::var(format!("JUCHU_API_BASE_{}", mall.env_suffix()))
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_string())
        .trim_end_matches('/')
        .to_string()
}

/// Whether Juchu has a client for the mall yet (checked without building one).
pub fn has_client(mall: Mall) -> bool {
    matches!(mall, Mall::Base)
}

/// The client of a shop's mall.
pub fn client_for(
    shop: &crate::domain::Shop,
    secrets: &crate::secrets::Secrets,
) -> Result<Box<dyn MallClient>, MallError> {
    match shop.mall {
        Mall::Base => Ok(Box::new(base::BaseClient::new(shop.id, secrets.clone()))),
        other => Err(MallError::Refused {
            mall: other.label(),
            code: "not_supported_yet".into(),
            message: format!(
                "{}との連携は準備中です。次のバージョンをお待ちください。",
                other.label()
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Shop, ShopSettings};

    #[test]
    fn has_client_agrees_with_client_for() {
        let secrets = crate::secrets::Secrets::new("test-install");
        for mall in Mall::ALL {
            let shop = Shop {
                id: 1,
                mall,
                name: "x".into(),
                settings: ShopSettings::default(),
            };
            assert_eq!(
                has_client(mall),
                client_for(&shop, &secrets).is_ok(),
                "{mall:?}"
            );
        }
    }
}
