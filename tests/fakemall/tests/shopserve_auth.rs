//! ショップサーブ credentials (shop id + manager key, open key refused for orders, 再発行),
//! maintenance (the framework fault and a scheduled window), carriers.

mod shopserve_common;

use chrono::Duration;
use fakemall::shopserve::uncertain as u;
use fakemall::testkit::t0;
use shopserve_common::{assert_error, get, get_with, start, window};

#[tokio::test]
async fn manager_key_opens_the_order_api_and_nothing_else_does() {
    let s = start(3).await;
    let c = s.credentials();
    let path = format!("/api/v1/orders?{}", window(t0(), 7));
    assert_eq!(get(&s, &path).await.0, 200);
    assert_error(&get_with(&s, None, &path).await, 401, "E4010");
    assert_error(&get_with(&s, Some("wrong"), &path).await, 401, "E4010");
    assert_error(&get_with(&s, Some(&c.open_key), &path).await, 403, "E4030");
    let r = shopserve_common::http()
        .get(format!("{}{path}", s.api_base_url()))
        .basic_auth("other-shop", Some(&c.manager_key))
        .send()
        .await
        .expect("send");
    assert_error(&shopserve_common::read(r).await, 401, "E4010");
    let r = shopserve_common::http()
        .get(format!("{}{path}", s.api_base_url()))
        .bearer_auth(&c.manager_key)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 401);
    // 再発行: the old key stops working at once.
    let new_key = s.reissue_manager_key();
    assert_ne!(new_key, c.manager_key);
    assert_error(
        &get_with(&s, Some(&c.manager_key), &path).await,
        401,
        "E4010",
    );
    assert_eq!(get_with(&s, Some(&new_key), &path).await.0, 200);
    assert_eq!(s.demo_credentials()["manager_key"], new_key.as_str());
    // Faults in the mall's shape.
    s.faults().set_credentials_expired(true);
    assert_error(&get(&s, &path).await, 401, "E4010");
    s.faults().set_credentials_expired(false);
    s.faults().set_force_rate_limit(true);
    assert_error(&get(&s, &path).await, 429, "E4290");
    s.faults().set_force_rate_limit(false);
    assert_eq!(get(&s, &path).await.0, 200);
}

#[tokio::test]
async fn maintenance_fault_answers_the_mall_error_everywhere() {
    let s = start(3).await;
    s.faults().set_maintenance(true);
    for path in [
        format!("/api/v1/orders?{}", window(t0(), 7)),
        "/api/v1/orders/100001".into(),
        "/api/v1/carriers".into(),
    ] {
        let a = get(&s, &path).await;
        assert_error(&a, 503, "E9000");
        assert!(a.2.starts_with("application/json"));
    }
    let a = shopserve_common::update(
        &s,
        &serde_json::json!({"orders":[{"order_no":"100001","tracking_no":"1"}]}),
    )
    .await;
    assert_error(&a, 503, "E9000");
    s.faults().set_maintenance(false);
    assert_eq!(get(&s, "/api/v1/carriers").await.0, 200);
}

#[tokio::test]
async fn scheduled_maintenance_window_follows_the_test_clock() {
    let s = start(3).await;
    let path = format!("/api/v1/orders?{}", window(t0(), 7));
    s.schedule_maintenance(t0() + Duration::hours(1), t0() + Duration::hours(3));
    assert_eq!(get(&s, &path).await.0, 200);
    s.clock().advance(Duration::hours(1));
    let a = get(&s, &path).await;
    assert_error(&a, 503, "E9000");
    assert_eq!(a.1.as_deref(), Some("7200"));
    // Even a bad key gets the maintenance answer first.
    assert_error(&get_with(&s, Some("wrong"), &path).await, 503, "E9000");
    s.clock().advance(Duration::minutes(90));
    assert_eq!(get(&s, &path).await.1.as_deref(), Some("1800"));
    s.clock().advance(Duration::minutes(30));
    let a = get(&s, &path).await;
    assert_eq!(a.0, 200);
    assert_eq!(a.1, None);
    s.schedule_maintenance(t0(), t0() + Duration::days(1));
    assert_eq!(get(&s, &path).await.0, 503);
    s.clear_maintenance();
    assert_eq!(get(&s, &path).await.0, 200);
}

#[tokio::test]
async fn carriers_list_the_codes_updates_accept() {
    let s = start(1).await;
    let a = get(&s, "/api/v1/carriers").await;
    assert_eq!(a.0, 200);
    let list = a.3["carriers"].as_array().expect("carriers");
    assert_eq!(list.len(), u::CARRIERS.len());
    assert!(list
        .iter()
        .any(|c| c["carrier_code"] == "01" && c["carrier_name"] == "ヤマト運輸"));
    assert!(s.api_base_url().starts_with("http://127.0.0.1:"));
    assert!(!s.api_base_url().ends_with('/'));
}
