//! Five shops at once, one per mall, each fake serving 2,000 orders over 30
//! days and answering every call after 20 ms: the first full sync of every
//! shop (`Juchu::sync(None)`, shops concurrently) and the re-sync with
//! nothing changed. Prints the wall time, each mall's calls, and the bound:
//! the slowest mall's calls × its slot (20 ms, or 1 s where the mall is
//! paced at one request a second) ÷ the requests it runs at once (BASE reads
//! its order details several at a time; the others one by one).
//! Needs a keyring:
//! `keyctl session - cargo bench -p juchu-core --bench all_malls_sync_bench`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use fakemall::demo::{start_demo_mall_with, DemoControls, DemoOptions};
use fakemall::faults::FaultPlan;
use fakemall::MallKind;
use juchu_core::domain::Mall;
use juchu_core::malls::limit::LimitPolicy;
use juchu_core::malls::registry;
use juchu_core::{Juchu, Profile};

const ORDERS: usize = 2_000;
const LATENCY: Duration = Duration::from_millis(20);

/// How long one request of `mall` takes at the least: the latency, or its pace.
fn slot(mall: Mall) -> Duration {
    registry::spec(mall)
        .limits
        .iter()
        .filter_map(|l| match l {
            LimitPolicy::Pace { per_second } => Some(Duration::from_secs(1) / *per_second),
            LimitPolicy::Window { .. } => None,
        })
        .fold(LATENCY, Duration::max)
}

/// How many requests of `mall` run at once.
fn at_once(mall: Mall) -> u32 {
    match mall {
        Mall::Base => juchu_core::malls::base::uncertain::DETAILS_AT_ONCE as u32,
        _ => 1,
    }
}

#[tokio::main]
async fn main() {
    let options = DemoOptions {
        orders: ORDERS,
        seed: 42,
        port_base: None,
    };
    let controls = DemoControls {
        faults: FaultPlan::new(LATENCY, &[]).expect("latency"),
        ..DemoControls::default()
    };
    let mut malls = Vec::new();
    let mut credentials = BTreeMap::new();
    for kind in MallKind::ALL {
        let m = start_demo_mall_with(kind, &options, &controls)
            .await
            .expect("fake")
            .expect("every mall has a fake");
        let mall = Mall::parse(kind.id()).expect("mall");
        juchu_core::malls::set_api_base(mall, &m.api_base_url);
        credentials.insert(kind.id().to_string(), m.credentials.to_string());
        malls.push(m);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let juchu = Juchu::open_at(dir.path(), Profile::Real).expect("store");
    for mall in Mall::ALL {
        let mut settings = vec![("days".to_string(), "31".to_string())];
        if mall == Mall::Base {
            settings.push(("oauth_redirect".into(), "loopback".into()));
        }
        juchu
            .add_shop_from_text(
                mall,
                &format!("{} デモ店", mall.label()),
                &settings,
                &credentials[mall.code()],
            )
            .expect("shop (is a keyring available? run inside `keyctl session -`)");
    }
    let shops = juchu
        .connect_demo_shops(&credentials)
        .await
        .expect("connect");
    assert_eq!(shops.len(), 5, "five shops connected");
    println!(
        "all_malls_sync_bench: five shops, {ORDERS} orders in each fake, {} ms per call",
        LATENCY.as_millis()
    );
    for run in ["first sync", "second sync, nothing changed"] {
        let t = Instant::now();
        let reports = juchu.sync(None).await.expect("sync");
        let wall = t.elapsed();
        let mut bound = Duration::ZERO;
        let mut per_mall = Vec::new();
        for r in &reports {
            assert!(r.error.is_none(), "{}: {:?}", r.shop_name, r.error);
            let mall = juchu.shop(r.shop_id).expect("shop").mall;
            bound = bound.max(slot(mall) * r.calls / at_once(mall));
            per_mall.push(format!(
                "{} {} calls (new {}, unchanged {})",
                mall.label(),
                r.calls,
                r.new,
                r.unchanged
            ));
        }
        println!(
            "{run}: {:.2} s; bound {:.2} s (×{:.2}); {}",
            wall.as_secs_f64(),
            bound.as_secs_f64(),
            wall.as_secs_f64() / bound.as_secs_f64().max(f64::EPSILON),
            per_mall.join(", ")
        );
    }
    drop(malls);
}
