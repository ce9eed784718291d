//! Qoo10 sync benchmark: a fake Qoo10 seller of 2,000 orders answering each
//! call after 20 ms. Prints wall time and calls for the first sync and for a
//! second with nothing changed. Qoo10 serves a whole window in one answer
//! (qoo10.md A2), so the calls are per status and per window (and the claims),
//! not per order. Needs a keyring:
//! `keyctl session - cargo bench -p juchu-core --bench qoo10_sync_bench`.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use fakemall::qoo10::{FakeQoo10, Qoo10Config, DEMO_API_KEY, DEMO_PASSWORD, DEMO_USER_ID};
use juchu_core::domain::{Mall, ShopSettings};
use juchu_core::shop_admin::ShopInput;
use juchu_core::{Juchu, Profile};

const ORDERS: usize = 2_000;
const LATENCY: Duration = Duration::from_millis(20);

#[tokio::main]
async fn main() {
    let fake = FakeQoo10::start(Qoo10Config {
        orders: ORDERS,
        seed: 42,
        ..Qoo10Config::default()
    })
    .await
    .expect("fake Qoo10");
    juchu_core::malls::set_api_base(Mall::Qoo10, &fake.api_base_url());
    let dir = tempfile::tempdir().expect("temp dir");
    let juchu = Juchu::open_at(dir.path(), Profile::Real).expect("store");
    let credentials: BTreeMap<String, String> = [
        ("user_id", DEMO_USER_ID),
        ("password", DEMO_PASSWORD),
        ("api_key", DEMO_API_KEY),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut settings = ShopSettings::for_mall(Mall::Qoo10);
    settings.apply("days", "31").expect("days");
    let shop = juchu
        .add_shop(&ShopInput {
            mall: Mall::Qoo10,
            name: "Qoo10 ベンチ店".into(),
            settings,
            credentials,
        })
        .expect("shop (is a keyring available? run inside `keyctl session -`)");
    fake.faults().set_latency(LATENCY);
    println!(
        "qoo10_sync_bench: {} order lines in the fake, {} ms per call",
        fake.rows().len(),
        LATENCY.as_millis()
    );
    common::first_and_second_sync(&juchu, shop.id, || fake.clear_requests()).await;
}
