//! ショップサーブ sync benchmark: a fake ショップサーブ shop of 2,000 orders
//! answering each call after 20 ms, at one request a second (our guess at
//! its limit). Prints wall time and calls for the first sync and for a
//! second with nothing changed (31 days in 7-day windows, pages of 100 with
//! deliveries and items inside; unchanged orders are known by `updated_at`).
//! Needs a keyring:
//! `keyctl session - cargo bench -p juchu-core --bench shopserve_sync_bench`.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use fakemall::shopserve::{
    FakeShopserve, ShopserveConfig, DEMO_MANAGER_KEY, DEMO_OPEN_KEY, DEMO_SHOP_ID,
};
use juchu_core::domain::{Mall, ShopSettings};
use juchu_core::shop_admin::ShopInput;
use juchu_core::{Juchu, Profile};

const ORDERS: usize = 2_000;
const LATENCY: Duration = Duration::from_millis(20);

#[tokio::main]
async fn main() {
    let fake = FakeShopserve::start(ShopserveConfig {
        orders: ORDERS,
        seed: 42,
        ..ShopserveConfig::default()
    })
    .await
    .expect("fake ショップサーブ");
    juchu_core::malls::set_api_base(Mall::Shopserve, &fake.api_base_url());
    let dir = tempfile::tempdir().expect("temp dir");
    let juchu = Juchu::open_at(dir.path(), Profile::Real).expect("store");
    let credentials: BTreeMap<String, String> = [
        ("shop_id", DEMO_SHOP_ID),
        ("open_key", DEMO_OPEN_KEY),
        ("manager_key", DEMO_MANAGER_KEY),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut settings = ShopSettings::for_mall(Mall::Shopserve);
    settings.apply("days", "31").expect("days");
    let shop = juchu
        .add_shop(&ShopInput {
            mall: Mall::Shopserve,
            name: "ショップサーブ ベンチ店".into(),
            settings,
            credentials,
        })
        .expect("shop (is a keyring available? run inside `keyctl session -`)");
    fake.faults().set_latency(LATENCY);
    println!(
        "shopserve_sync_bench: {} orders in the fake, {} ms per call, 1 request/s",
        fake.orders().len(),
        LATENCY.as_millis()
    );
    common::first_and_second_sync(&juchu, shop.id, || fake.clear_requests()).await;
}
