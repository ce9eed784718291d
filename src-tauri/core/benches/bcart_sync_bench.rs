//! Bカート sync benchmark: a fake Bカート shop of 2,000 orders answering each
//! call after 20 ms. Prints wall time and calls for the first sync and for a
//! second with nothing changed (pages of 100 with products and logistics
//! embedded: no call per order). Needs a keyring:
//! `keyctl session - cargo bench -p juchu-core --bench bcart_sync_bench`.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use fakemall::bcart::{BcartConfig, FakeBcart};
use juchu_core::domain::{Mall, ShopSettings};
use juchu_core::shop_admin::ShopInput;
use juchu_core::{Juchu, Profile};

const ORDERS: usize = 2_000;
const LATENCY: Duration = Duration::from_millis(20);

#[tokio::main]
async fn main() {
    let fake = FakeBcart::start(BcartConfig {
        orders: ORDERS,
        seed: 42,
        ..BcartConfig::default()
    })
    .await
    .expect("fake Bカート");
    juchu_core::malls::set_api_base(Mall::Bcart, &fake.api_base_url());
    let dir = tempfile::tempdir().expect("temp dir");
    let juchu = Juchu::open_at(dir.path(), Profile::Real).expect("store");
    let credentials: BTreeMap<String, String> =
        [("access_token".to_string(), fake.access_token())].into();
    let mut settings = ShopSettings::for_mall(Mall::Bcart);
    settings.apply("days", "31").expect("days");
    let shop = juchu
        .add_shop(&ShopInput {
            mall: Mall::Bcart,
            name: "Bカート ベンチ店".into(),
            settings,
            credentials,
        })
        .expect("shop (is a keyring available? run inside `keyctl session -`)");
    fake.faults().set_latency(LATENCY);
    println!(
        "bcart_sync_bench: {} orders in the fake, {} ms per call",
        fake.orders().len(),
        LATENCY.as_millis()
    );
    common::first_and_second_sync(&juchu, shop.id, || fake.clear_requests()).await;
}
