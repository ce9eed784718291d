//! The demo's shops: a demo shop of every mall with a client, connected to
//! its fake the way a merchant connects it (BASE by OAuth, Qoo10 by keys),
//! each fetching its orders. Runs inside `keyctl session -`.

use std::collections::BTreeMap;

use fakemall::base::{BaseConfig, FakeBase};
use fakemall::qoo10::{FakeQoo10, Qoo10Config};
use juchu_core::domain::Mall;
use juchu_core::{Juchu, Profile};

#[tokio::test]
async fn every_mall_with_a_client_gets_a_connected_demo_shop() {
    let base = FakeBase::start(BaseConfig {
        orders: 20,
        seed: 2,
        ..Default::default()
    })
    .await
    .unwrap();
    let qoo10 = FakeQoo10::start(Qoo10Config {
        orders: 20,
        seed: 2,
        ..Default::default()
    })
    .await
    .unwrap();
    juchu_core::malls::set_api_base(Mall::Base, &base.base_url());
    juchu_core::malls::set_api_base(Mall::Qoo10, &qoo10.api_base_url());
    let credentials: BTreeMap<String, String> = [
        ("base".to_string(), base.demo_credentials().to_string()),
        ("qoo10".to_string(), qoo10.demo_credentials().to_string()),
    ]
    .into();
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Demo).unwrap();
    assert!(juchu.seed_demo_if_empty().unwrap());
    let shops = juchu.connect_demo_shops(&credentials).await.unwrap();
    assert_eq!(shops.len(), 2, "BASE and Qoo10");
    for id in &shops {
        let r = juchu.sync(Some(*id)).await.unwrap().remove(0);
        assert_eq!(r.error, None, "{}: {:?}", r.shop_name, r.error_detail);
        assert!(r.new > 0, "{} fetched nothing", r.shop_name);
    }
    let names: Vec<String> = juchu.shops().unwrap().into_iter().map(|s| s.name).collect();
    assert!(
        names.contains(&"BASE デモ店".to_string()) && names.contains(&"Qoo10 デモ店".to_string())
    );
    assert!(
        !names.contains(&"Qoo10 サンプル店".to_string()),
        "a mall with a client has no sample shop"
    );
    // A second start connects the same shops again (the fakes forget their tokens).
    assert_eq!(juchu.connect_demo_shops(&credentials).await.unwrap(), shops);
}
