//! ショップサーブ's client through the conformance suite, against the
//! ショップサーブ fake in its default body format (JSON, UTF-8); the other
//! three formats are in `shopserve_sync_export.rs`. Run inside
//! `keyctl session -` (the keys live in the keyring).

#[macro_use]
mod conformance;

use async_trait::async_trait;
use fakemall::shopserve::{
    FakeShopserve, ShopserveConfig, DEMO_MANAGER_KEY, DEMO_OPEN_KEY, DEMO_SHOP_ID,
};
use fakemall::FakeMall;
use juchu_core::domain::{Carrier, IncomingOrder};
use juchu_core::malls::http::HttpOptions;
use juchu_core::malls::shopserve::{keys, ShopserveClient, ShopserveOptions};
use juchu_core::malls::{MallClient, ShipmentForExport};
use juchu_core::secrets::Secrets;

const SHOP: i64 = 7;

struct Shopserve {
    fake: FakeShopserve,
    secrets: Secrets,
}

#[async_trait]
impl conformance::Harness for Shopserve {
    async fn start(orders: usize) -> Self {
        let fake = FakeShopserve::start(ShopserveConfig {
            orders,
            seed: 7,
            ..Default::default()
        })
        .await
        .expect("start the ショップサーブ fake");
        let secrets = Secrets::new(&uuid::Uuid::new_v4().to_string());
        secrets
            .set(SHOP, keys::SHOP_ID, DEMO_SHOP_ID)
            .expect("a usable keyring: run inside `keyctl session -`");
        secrets.set(SHOP, keys::OPEN_KEY, DEMO_OPEN_KEY).unwrap();
        secrets
            .set(SHOP, keys::MANAGER_KEY, DEMO_MANAGER_KEY)
            .unwrap();
        Shopserve { fake, secrets }
    }

    fn fake(&self) -> &FakeMall {
        &self.fake
    }

    fn label(&self) -> &'static str {
        "ショップサーブ"
    }

    fn client(&self) -> Box<dyn MallClient> {
        self.client_at(&self.fake.api_base_url())
    }

    fn client_at(&self, api_base: &str) -> Box<dyn MallClient> {
        Box::new(ShopserveClient::with_options(
            SHOP,
            self.secrets.clone(),
            ShopserveOptions {
                api_base: api_base.to_string(),
                http: HttpOptions::fast(),
                ..ShopserveOptions::default()
            },
        ))
    }

    /// The merchant re-issued the マネジャー認証キー on ショップサーブ.
    fn break_credentials(&self) {
        self.fake.reissue_manager_key();
    }

    fn secret_values(&self) -> Vec<String> {
        vec![DEMO_OPEN_KEY.into(), DEMO_MANAGER_KEY.into()]
    }

    fn orders_in_window(&self) -> usize {
        self.fake.orders().len()
    }

    /// The order's first delivery.
    fn shipment(&self, order: &IncomingOrder) -> ShipmentForExport {
        let row = order.shipments.first().expect("a delivery");
        ShipmentForExport {
            order_id: 1,
            mall_order_id: order.mall_order_id.clone(),
            shipment_ref: row.shipment_ref.clone(),
            tracking_number: "123456789012".into(),
            carrier: Carrier::Yamato,
            ship_date: None,
            raw: order.raw.clone(),
        }
    }
}

suite!(Shopserve);
