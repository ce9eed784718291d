//! BASE sync benchmark: a fake BASE shop of 2,000 orders answering each call
//! after 20 ms. Prints wall time and calls for the first sync and for a second
//! with nothing changed, beside the calls a naive client (list + every detail)
//! would make. Needs a keyring: `keyctl session - cargo bench -p juchu-core --bench base_sync_bench`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use fakemall::base::{BaseConfig, FakeBase, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use juchu_core::domain::{BaseSettings, Mall, MallSettings, OAuthRedirect, ShopSettings};
use juchu_core::shop_admin::ShopInput;
use juchu_core::{Juchu, Profile};

const ORDERS: usize = 2_000;
const LATENCY: Duration = Duration::from_millis(20);

#[tokio::main]
async fn main() {
    let fake = FakeBase::start(BaseConfig {
        orders: ORDERS,
        seed: 42,
        ..BaseConfig::default()
    })
    .await
    .expect("fake BASE");
    std::env::set_var("JUCHU_API_BASE_BASE", fake.base_url());
    let dir = tempfile::tempdir().expect("temp dir");
    let juchu = Juchu::open_at(dir.path(), Profile::Real).expect("store");
    let credentials: BTreeMap<String, String> = [
        ("client_id".to_string(), DEMO_CLIENT_ID.to_string()),
        ("client_secret".to_string(), DEMO_CLIENT_SECRET.to_string()),
    ]
    .into();
    let settings = ShopSettings {
        fetch_days: 30,
        mall: MallSettings::Base(BaseSettings {
            oauth_redirect: OAuthRedirect::Loopback,
            ..BaseSettings::default()
        }),
        ..ShopSettings::for_mall(Mall::Base)
    };
    let shop = juchu
        .add_shop(&ShopInput {
            mall: Mall::Base,
            name: "BASE ベンチ店".into(),
            settings,
            credentials,
        })
        .expect("shop (is a keyring available? run inside `keyctl session -`)");
    let receiver = juchu_core::malls::loopback::listen_on(Mall::Base, 0).expect("loopback");
    let auth = juchu
        .begin_authorization(shop.id, &receiver.redirect_uri)
        .expect("begin");
    let url = auth.url.clone();
    tokio::spawn(async move { reqwest::get(url).await.ok() });
    let redirected = receiver
        .wait(Duration::from_secs(10))
        .await
        .expect("redirect");
    juchu
        .finish_authorization(shop.id, &auth, &redirected)
        .await
        .expect("tokens");

    let from = fake.clock().now().timestamp() - 30 * 86_400;
    let in_window = fake.orders().iter().filter(|o| o.ordered >= from).count();
    let naive = in_window.div_ceil(100) + in_window;
    fake.faults().set_latency(LATENCY);
    println!(
        "base_sync_bench: {in_window} orders in the 30-day window, {} ms per call",
        LATENCY.as_millis()
    );
    for run in ["first sync", "second sync, nothing changed"] {
        fake.clear_requests();
        let t = Instant::now();
        let report = juchu.sync(Some(shop.id)).await.expect("sync").remove(0);
        let wall = t.elapsed();
        assert!(report.error.is_none(), "{:?}", report.error);
        println!(
            "{run}: {:.1} s, {} calls (naive client: {naive}), new {}, updated {}",
            wall.as_secs_f64(),
            report.calls,
            report.new,
            report.updated
        );
    }
}
