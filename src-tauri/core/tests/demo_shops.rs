//! The demo's shops: a demo shop of every mall, connected to its fake the
//! way a merchant connects it (BASE by OAuth, the others by keys), each
//! fetching its orders. The fakes are started as the app's demo starts them.
//! Runs inside `keyctl session -`.

use std::collections::BTreeMap;

use fakemall::demo::{start_demo_mall, DemoOptions};
use fakemall::MallKind;
use juchu_core::domain::Mall;
use juchu_core::{Juchu, Profile};

#[tokio::test]
async fn every_mall_gets_a_connected_demo_shop() {
    let options = DemoOptions {
        orders: 60,
        seed: 2,
        port_base: None,
    };
    let mut malls = Vec::new();
    let mut credentials = BTreeMap::new();
    for kind in MallKind::ALL {
        let m = start_demo_mall(kind, &options)
            .await
            .unwrap()
            .expect("every mall has a fake");
        let mall = Mall::parse(kind.id()).unwrap();
        juchu_core::malls::set_api_base(mall, &m.api_base_url);
        credentials.insert(kind.id().to_string(), m.credentials.to_string());
        malls.push(m);
    }
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Demo).unwrap();
    assert!(juchu.seed_demo_if_empty().unwrap());
    let shops = juchu.connect_demo_shops(&credentials).await.unwrap();
    assert_eq!(shops.len(), Mall::ALL.len(), "a demo shop of every mall");
    for id in &shops {
        let r = juchu.sync(Some(*id)).await.unwrap().remove(0);
        assert_eq!(r.error, None, "{}: {:?}", r.shop_name, r.error_detail);
        assert!(r.new > 0, "{} fetched nothing", r.shop_name);
    }
    let names: Vec<String> = juchu.shops().unwrap().into_iter().map(|s| s.name).collect();
    for mall in Mall::ALL {
        assert!(
            names.contains(&format!("{} デモ店", mall.label())),
            "{names:?}"
        );
        assert!(
            !names.contains(&format!("{} サンプル店", mall.label())),
            "a mall with a client has no sample shop"
        );
    }
    // A second start connects the same shops again (the fakes forget their tokens).
    assert_eq!(juchu.connect_demo_shops(&credentials).await.unwrap(), shops);
    drop(malls);
}
