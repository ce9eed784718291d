//! 自動取得 on a controlled clock, against the Bカート fake: each shop on its
//! own interval, every shop at once with one failing shop leaving the others
//! alone, a second fetch of a shop joining the one running, and the progress
//! the window shows. Runs inside `keyctl session -`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use fakemall::bcart::{BcartConfig, FakeBcart, ALL_SCOPES};
use juchu_core::domain::*;
use juchu_core::progress::{Progress, Task};
use juchu_core::shop_admin::ShopInput;
use juchu_core::{Juchu, Profile};

/// The API base is one per process (`set_api_base`): one test at a time.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn fake() -> FakeBcart {
    let fake = FakeBcart::start(BcartConfig {
        orders: 250,
        seed: 3,
        ..Default::default()
    })
    .await
    .unwrap();
    juchu_core::malls::set_api_base(Mall::Bcart, &fake.api_base_url());
    fake
}

fn add_shop(juchu: &Juchu, name: &str, token: String, interval: &str) -> Shop {
    let mut settings = ShopSettings::for_mall(Mall::Bcart);
    settings.apply("days", "31").unwrap();
    settings.apply("interval", interval).unwrap();
    let credentials: BTreeMap<String, String> = [("access_token".to_string(), token)].into();
    juchu
        .add_shop(&ShopInput {
            mall: Mall::Bcart,
            name: name.into(),
            settings,
            credentials,
        })
        .unwrap()
}

fn orders_calls(fake: &FakeBcart) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.path.ends_with("/orders"))
        .count()
}

#[tokio::test]
async fn each_shop_runs_on_its_own_interval_and_a_failing_shop_stops_no_other() {
    let _one_at_a_time = SERIAL.lock().await;
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    let every_15 = add_shop(&juchu, "15分の店", fake.access_token(), "15");
    let every_60 = add_shop(
        &juchu,
        "60分の店",
        fake.issue_token(ALL_SCOPES, chrono::Duration::days(365)),
        "60",
    );
    let broken_token = fake.issue_token(ALL_SCOPES, chrono::Duration::days(365));
    let broken = add_shop(&juchu, "取り消された店", broken_token.clone(), "15");
    fake.revoke_token(&broken_token);

    let now = juchu_core::time::now_unix();
    let first = juchu.run_due_at(now).await.unwrap();
    assert_eq!(first.syncs.len(), 3, "never fetched: all due");
    let report = |id: i64, run: &juchu_core::auto_run::AutoRun| {
        run.syncs.iter().find(|r| r.shop_id == id).cloned().unwrap()
    };
    assert_eq!(report(every_15.id, &first).error, None);
    assert_eq!(report(every_60.id, &first).error, None);
    assert_eq!(
        report(broken.id, &first).error_code.as_deref(),
        Some("MALL_UNAUTHORIZED"),
        "the revoked shop fails alone"
    );
    assert!(report(every_15.id, &first).new > 0 && report(every_60.id, &first).new > 0);

    assert!(juchu.run_due_at(now + 10 * 60).await.unwrap().is_empty());
    let at_20 = juchu.run_due_at(now + 20 * 60).await.unwrap();
    let ids: Vec<i64> = at_20.syncs.iter().map(|r| r.shop_id).collect();
    assert!(
        ids.contains(&every_15.id) && !ids.contains(&every_60.id),
        "{ids:?}"
    );
    let at_70 = juchu.run_due_at(now + 70 * 60).await.unwrap();
    assert!(at_70.syncs.iter().any(|r| r.shop_id == every_60.id));
}

#[tokio::test]
async fn a_second_fetch_of_a_shop_joins_the_running_one() {
    let _one_at_a_time = SERIAL.lock().await;
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    let shop = add_shop(&juchu, "Bカート 卸", fake.access_token(), "30");
    fake.faults()
        .set_latency(std::time::Duration::from_millis(40));
    fake.clear_requests();
    let (a, b) = tokio::join!(juchu.sync(Some(shop.id)), juchu.sync(Some(shop.id)));
    let (a, b) = (a.unwrap().remove(0), b.unwrap().remove(0));
    assert_eq!(a, b, "the second caller gets the running fetch's report");
    assert_eq!(
        orders_calls(&fake),
        3,
        "one fetch: 250 orders in pages of 100"
    );

    // Once it has finished, a new request fetches again.
    fake.clear_requests();
    juchu.sync(Some(shop.id)).await.unwrap();
    assert_eq!(orders_calls(&fake), 3);
}

#[tokio::test]
async fn progress_counts_pages_orders_and_calls_then_finishes() {
    let _one_at_a_time = SERIAL.lock().await;
    let fake = fake().await;
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    let shop = add_shop(&juchu, "Bカート 卸", fake.access_token(), "30");
    let seen: Arc<Mutex<Vec<Progress>>> = Arc::default();
    let into = seen.clone();
    juchu.on_progress(Arc::new(move |p: &Progress| {
        into.lock().unwrap().push(p.clone())
    }));
    juchu.sync(Some(shop.id)).await.unwrap();
    let seen = seen.lock().unwrap().clone();
    assert!(seen
        .iter()
        .all(|p| p.task == Task::Sync && p.shop_id == shop.id));
    assert_eq!(
        seen.first().map(|p| (p.pages, p.finished)),
        Some((0, false))
    );
    let pages: Vec<u32> = seen.iter().map(|p| p.pages).collect();
    assert_eq!(pages, [0, 1, 2, 3, 3], "one event a page, then the end");
    let last = seen.last().unwrap();
    assert!(last.finished);
    assert_eq!(last.orders, 250);
    assert_eq!(last.calls, 4, "/order_statuses and three pages");
}
