//! BASE's client through the conformance suite, against the BASE fake.
//! Run inside `keyctl session -` (tokens live in the keyring).

#[macro_use]
mod conformance;

use async_trait::async_trait;
use fakemall::base::{BaseConfig, FakeBase, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use fakemall::FakeMall;
use juchu_core::domain::{Carrier, IncomingOrder};
use juchu_core::malls::base::oauth::DEEP_LINK_REDIRECT;
use juchu_core::malls::base::{BaseClient, BaseOptions};
use juchu_core::malls::http::HttpOptions;
use juchu_core::malls::{MallClient, ShipmentForExport};
use juchu_core::secrets::Secrets;

const SHOP: i64 = 3;

struct Base {
    fake: FakeBase,
    secrets: Secrets,
    tokens: Vec<String>,
}

#[async_trait]
impl conformance::Harness for Base {
    async fn start(orders: usize) -> Self {
        let fake = FakeBase::start(BaseConfig {
            orders,
            seed: 11,
            ..Default::default()
        })
        .await
        .expect("start the BASE fake");
        let secrets = Secrets::new(&uuid::Uuid::new_v4().to_string());
        let t = fake.issue_tokens("read_users read_orders write_orders");
        let now = chrono::Utc::now().timestamp();
        for (k, v) in [
            ("client_id", DEMO_CLIENT_ID.to_string()),
            ("client_secret", DEMO_CLIENT_SECRET.to_string()),
            ("access_token", t.access_token.clone()),
            ("refresh_token", t.refresh_token.clone()),
            ("token_expires_at", (now + 3600).to_string()),
            ("redirect_uri", DEEP_LINK_REDIRECT.to_string()),
        ] {
            secrets
                .set(SHOP, k, &v)
                .expect("a usable keyring: run inside `keyctl session -`");
        }
        Base {
            fake,
            secrets,
            tokens: vec![t.access_token, t.refresh_token],
        }
    }

    fn fake(&self) -> &FakeMall {
        &self.fake
    }

    fn label(&self) -> &'static str {
        "BASE"
    }

    fn client(&self) -> Box<dyn MallClient> {
        self.client_at(&self.fake.base_url())
    }

    fn client_at(&self, api_base: &str) -> Box<dyn MallClient> {
        Box::new(BaseClient::with_options(
            SHOP,
            self.secrets.clone(),
            BaseOptions {
                api_base: api_base.to_string(),
                http: HttpOptions::fast(),
                hour_budget: 4_900,
            },
        ))
    }

    fn break_credentials(&self) {
        self.fake.expire_access_tokens();
        self.fake.expire_refresh_tokens();
    }

    fn secret_values(&self) -> Vec<String> {
        let mut v = self.tokens.clone();
        v.push(DEMO_CLIENT_SECRET.to_string());
        v
    }

    fn orders_in_window(&self) -> usize {
        let from = chrono::Utc::now().timestamp() - 31 * 86_400;
        self.fake
            .orders()
            .iter()
            .filter(|o| o.ordered >= from)
            .count()
    }

    fn shipment(&self, order: &IncomingOrder) -> ShipmentForExport {
        ShipmentForExport {
            order_id: 1,
            mall_order_id: order.mall_order_id.clone(),
            shipment_ref: String::new(),
            tracking_number: "123412341234".into(),
            carrier: Carrier::Yamato,
            ship_date: None,
            raw: order.raw.clone(),
        }
    }
}

suite!(Base);
