//! Qoo10's client through the conformance suite, against the Qoo10 fake.
//! Run inside `keyctl session -` (keys live in the keyring).

#[macro_use]
mod conformance;

use async_trait::async_trait;
use fakemall::qoo10::{FakeQoo10, Qoo10Config, DEMO_API_KEY, DEMO_PASSWORD, DEMO_USER_ID};
use fakemall::FakeMall;
use juchu_core::domain::{Carrier, IncomingOrder};
use juchu_core::malls::http::HttpOptions;
use juchu_core::malls::qoo10::{keys, Qoo10Client, Qoo10Options};
use juchu_core::malls::{MallClient, ShipmentForExport};
use juchu_core::secrets::Secrets;

const SHOP: i64 = 4;

struct Qoo10 {
    fake: FakeQoo10,
    secrets: Secrets,
    sak: String,
}

#[async_trait]
impl conformance::Harness for Qoo10 {
    async fn start(orders: usize) -> Self {
        let fake = FakeQoo10::start(Qoo10Config {
            orders,
            seed: 5,
            ..Default::default()
        })
        .await
        .expect("start the Qoo10 fake");
        // As production answers: numbers, strings and decimal strings mixed.
        fake.set_mixed_number_types(true);
        let secrets = Secrets::new(&uuid::Uuid::new_v4().to_string());
        let sak = fake.issue_sak();
        for (k, v) in [
            (keys::USER_ID, DEMO_USER_ID),
            (keys::PASSWORD, DEMO_PASSWORD),
            (keys::API_KEY, DEMO_API_KEY),
            (keys::CERTIFICATION_KEY, sak.as_str()),
        ] {
            secrets
                .set(SHOP, k, v)
                .expect("a usable keyring: run inside `keyctl session -`");
        }
        Qoo10 { fake, secrets, sak }
    }

    fn fake(&self) -> &FakeMall {
        &self.fake
    }

    fn label(&self) -> &'static str {
        "Qoo10"
    }

    fn client(&self) -> Box<dyn MallClient> {
        self.client_at(&self.fake.api_base_url())
    }

    fn client_at(&self, api_base: &str) -> Box<dyn MallClient> {
        Box::new(Qoo10Client::with_options(
            SHOP,
            self.secrets.clone(),
            Qoo10Options {
                api_base: api_base.to_string(),
                http: HttpOptions::fast(),
                statuses: vec![2, 3],
                shipping_corps: Default::default(),
            },
        ))
    }

    /// A changed QSM password: the stored key is gone and a new one cannot be issued.
    fn break_credentials(&self) {
        self.secrets
            .set(SHOP, keys::PASSWORD, "changed-on-qsm")
            .unwrap();
        self.secrets.delete(SHOP, keys::CERTIFICATION_KEY).unwrap();
    }

    fn secret_values(&self) -> Vec<String> {
        vec![DEMO_PASSWORD.into(), DEMO_API_KEY.into(), self.sak.clone()]
    }

    fn orders_in_window(&self) -> usize {
        let mut packs: Vec<i64> = self
            .fake
            .rows()
            .iter()
            // Fetched statuses, and the cancelled lines read through claims.
            .filter(|r| matches!(r.hidden.stat, 0 | 2 | 3))
            .map(|r| r.pack_no)
            .collect();
        packs.sort_unstable();
        packs.dedup();
        packs.len()
    }

    fn shipment(&self, order: &IncomingOrder) -> ShipmentForExport {
        ShipmentForExport {
            order_id: 1,
            mall_order_id: order.mall_order_id.clone(),
            shipment_ref: String::new(),
            tracking_number: "123456789012".into(),
            carrier: Carrier::Yamato,
            ship_date: None,
            raw: order.raw.clone(),
        }
    }
}

suite!(Qoo10);
