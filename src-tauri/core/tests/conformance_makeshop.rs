//! MakeShop's client through the conformance suite, against the MakeShop
//! fake (1 request a second, errors inside HTTP 200, pages capped at 200).
//! Run inside `keyctl session -` (the keys live in the keyring).

#[macro_use]
mod conformance;

use async_trait::async_trait;
use fakemall::makeshop::{FakeMakeshop, MakeshopConfig, DEMO_ACCESS_TOKEN, DEMO_API_KEY};
use fakemall::FakeMall;
use juchu_core::domain::{Carrier, IncomingOrder};
use juchu_core::malls::http::HttpOptions;
use juchu_core::malls::makeshop::{keys, MakeshopClient, MakeshopOptions};
use juchu_core::malls::{MallClient, ShipmentForExport};
use juchu_core::secrets::Secrets;

const SHOP: i64 = 6;

struct Makeshop {
    fake: FakeMakeshop,
    secrets: Secrets,
}

#[async_trait]
impl conformance::Harness for Makeshop {
    async fn start(orders: usize) -> Self {
        let fake = FakeMakeshop::start(MakeshopConfig {
            orders,
            seed: 7,
            ..Default::default()
        })
        .await
        .expect("start the MakeShop fake");
        let secrets = Secrets::new(&uuid::Uuid::new_v4().to_string());
        secrets
            .set(SHOP, keys::ACCESS_TOKEN, DEMO_ACCESS_TOKEN)
            .expect("a usable keyring: run inside `keyctl session -`");
        secrets.set(SHOP, keys::API_KEY, DEMO_API_KEY).unwrap();
        Makeshop { fake, secrets }
    }

    fn fake(&self) -> &FakeMall {
        &self.fake
    }

    fn label(&self) -> &'static str {
        "MakeShop"
    }

    fn client(&self) -> Box<dyn MallClient> {
        self.client_at(&self.fake.api_base_url())
    }

    fn client_at(&self, api_base: &str) -> Box<dyn MallClient> {
        Box::new(MakeshopClient::with_options(
            SHOP,
            self.secrets.clone(),
            MakeshopOptions {
                endpoint: api_base.to_string(),
                http: HttpOptions::fast(),
                carrier_codes: Default::default(),
            },
        ))
    }

    /// The app was uninstalled on MakeShop: its 永続トークン is dead.
    fn break_credentials(&self) {
        self.fake.revoke_token(true);
    }

    fn secret_values(&self) -> Vec<String> {
        vec![DEMO_ACCESS_TOKEN.into(), DEMO_API_KEY.into()]
    }

    fn orders_in_window(&self) -> usize {
        self.fake.orders().len()
    }

    /// The order's first delivery still 未処理.
    fn shipment(&self, order: &IncomingOrder) -> ShipmentForExport {
        let row = order
            .shipments
            .iter()
            .find(|s| s.mall_status == "N")
            .or(order.shipments.first())
            .expect("a delivery");
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

suite!(Makeshop);
