//! MakeShop sync benchmark: a fake MakeShop shop of 2,000 orders answering
//! each call after 20 ms, at its real limit of one request a second. Prints
//! wall time and calls for the first sync and for a second with nothing
//! changed (pages of 100 with deliveries and items inside: no call per
//! order; the pace, not the latency, sets the time). Needs a keyring:
//! `keyctl session - cargo bench -p juchu-core --bench makeshop_sync_bench`.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use fakemall::makeshop::{FakeMakeshop, MakeshopConfig, DEMO_ACCESS_TOKEN, DEMO_API_KEY};
use juchu_core::domain::{Mall, ShopSettings};
use juchu_core::shop_admin::ShopInput;
use juchu_core::{Juchu, Profile};

const ORDERS: usize = 2_000;
const LATENCY: Duration = Duration::from_millis(20);

#[tokio::main]
async fn main() {
    let fake = FakeMakeshop::start(MakeshopConfig {
        orders: ORDERS,
        seed: 42,
        ..MakeshopConfig::default()
    })
    .await
    .expect("fake MakeShop");
    juchu_core::malls::set_api_base(Mall::Makeshop, &fake.api_base_url());
    let dir = tempfile::tempdir().expect("temp dir");
    let juchu = Juchu::open_at(dir.path(), Profile::Real).expect("store");
    let credentials: BTreeMap<String, String> = [
        ("access_token".to_string(), DEMO_ACCESS_TOKEN.to_string()),
        ("api_key".to_string(), DEMO_API_KEY.to_string()),
    ]
    .into();
    let mut settings = ShopSettings::for_mall(Mall::Makeshop);
    settings.apply("days", "31").expect("days");
    let shop = juchu
        .add_shop(&ShopInput {
            mall: Mall::Makeshop,
            name: "MakeShop ベンチ店".into(),
            settings,
            credentials,
        })
        .expect("shop (is a keyring available? run inside `keyctl session -`)");
    fake.faults().set_latency(LATENCY);
    println!(
        "makeshop_sync_bench: {} orders in the fake, {} ms per call, 1 request/s",
        fake.orders().len(),
        LATENCY.as_millis()
    );
    common::first_and_second_sync(&juchu, shop.id, || fake.clear_requests()).await;
}
