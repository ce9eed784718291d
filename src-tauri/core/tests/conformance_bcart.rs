//! Bカート's client through the conformance suite, against the Bカート fake.
//! Run inside `keyctl session -` (the token lives in the keyring).

#[macro_use]
mod conformance;

use async_trait::async_trait;
use fakemall::bcart::{BcartConfig, FakeBcart};
use fakemall::FakeMall;
use juchu_core::domain::{Carrier, IncomingOrder};
use juchu_core::malls::bcart::{keys, BcartClient, BcartOptions};
use juchu_core::malls::http::HttpOptions;
use juchu_core::malls::{MallClient, ShipmentForExport};
use juchu_core::secrets::Secrets;

const SHOP: i64 = 5;

struct Bcart {
    fake: FakeBcart,
    secrets: Secrets,
    token: String,
}

#[async_trait]
impl conformance::Harness for Bcart {
    async fn start(orders: usize) -> Self {
        let fake = FakeBcart::start(BcartConfig {
            orders,
            seed: 7,
            ..Default::default()
        })
        .await
        .expect("start the Bカート fake");
        let secrets = Secrets::new(&uuid::Uuid::new_v4().to_string());
        let token = fake.access_token();
        secrets
            .set(SHOP, keys::ACCESS_TOKEN, &token)
            .expect("a usable keyring: run inside `keyctl session -`");
        Bcart {
            fake,
            secrets,
            token,
        }
    }

    fn fake(&self) -> &FakeMall {
        &self.fake
    }

    fn label(&self) -> &'static str {
        "Bカート"
    }

    fn client(&self) -> Box<dyn MallClient> {
        self.client_at(&self.fake.api_base_url())
    }

    fn client_at(&self, api_base: &str) -> Box<dyn MallClient> {
        Box::new(BcartClient::with_options(
            SHOP,
            self.secrets.clone(),
            BcartOptions {
                api_base: api_base.to_string(),
                http: HttpOptions::fast(),
                cancel_label: None,
                complete_order: true,
            },
        ))
    }

    /// A token revoked on Bカート.
    fn break_credentials(&self) {
        self.secrets
            .set(
                SHOP,
                keys::ACCESS_TOKEN,
                "eyJhbGciOiJSUzI1NiJ9.revoked.token",
            )
            .unwrap();
    }

    fn secret_values(&self) -> Vec<String> {
        vec![self.token.clone()]
    }

    fn orders_in_window(&self) -> usize {
        self.fake.orders().len()
    }

    /// The order's first logistics row still 未発送.
    fn shipment(&self, order: &IncomingOrder) -> ShipmentForExport {
        let row = order
            .shipments
            .iter()
            .find(|s| s.mall_status == "未発送")
            .or(order.shipments.first())
            .expect("a logistics row");
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

suite!(Bcart);
