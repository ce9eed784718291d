//! Bカート personal access tokens, scopes, and the 300 requests / 300 s limit with its 300 s
//! lockout and `Retry-After` (bcart.md §B1, §B2, §B5).

mod bcart_common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use bcart_common::{assert_errors, get, start};
use chrono::Duration;
use fakemall::bcart::ALL_SCOPES;
use fakemall::testkit::t0;
use serde_json::Value;

#[tokio::test]
async fn token_is_an_rs256_jwt_with_scopes_valid_366_days() {
    let b = start(0).await;
    let t = b.access_token();
    let parts: Vec<&str> = t.split('.').collect();
    assert_eq!(parts.len(), 3);
    let header: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).expect("b64")).expect("json");
    assert_eq!(header["alg"], "RS256");
    let claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("b64")).expect("json");
    let scopes: Vec<&str> = claims["scopes"]
        .as_array()
        .expect("scopes")
        .iter()
        .map(|s| s.as_str().expect("s"))
        .collect();
    assert_eq!(scopes, ALL_SCOPES);
    assert_eq!(claims["iat"].as_i64(), Some(t0().timestamp()));
    assert_eq!(
        claims["exp"].as_i64().expect("exp") - claims["iat"].as_i64().expect("iat"),
        366 * 86400
    );
    assert_eq!(
        b.demo_credentials(),
        serde_json::json!({ "access_token": t })
    );
}

#[tokio::test]
async fn missing_bad_expired_and_revoked_tokens_are_401_errors() {
    let b = start(3).await;
    let t = b.access_token();
    assert_eq!(get(&b, Some(&t), "/orders").await.0, 200);
    assert_errors(&get(&b, None, "/orders").await, 401, "unauthenticated");
    assert_errors(
        &get(&b, Some("eyJ0eXAi.bad.token"), "/orders").await,
        401,
        "unauthenticated",
    );
    let basic = bcart_common::http()
        .get(format!("{}/orders", b.api_base_url()))
        .header("authorization", format!("Token {t}"))
        .send()
        .await
        .expect("send");
    assert_eq!(basic.status().as_u16(), 401, "only the Bearer scheme");

    let short = b.issue_token(ALL_SCOPES, Duration::hours(1));
    assert_eq!(get(&b, Some(&short), "/orders").await.0, 200);
    b.clock().advance(Duration::hours(1));
    assert_errors(
        &get(&b, Some(&short), "/orders").await,
        401,
        "token_expired",
    );
    assert_eq!(
        get(&b, Some(&t), "/orders").await.0,
        200,
        "the yearly one still works"
    );
    b.clock().advance(Duration::days(366));
    assert_errors(&get(&b, Some(&t), "/logistics").await, 401, "token_expired");
    b.clock().set(t0());

    b.faults().set_credentials_expired(true);
    assert_errors(&get(&b, Some(&t), "/orders").await, 401, "token_expired");
    b.faults().set_credentials_expired(false);

    let other = b.issue_token(ALL_SCOPES, Duration::days(30));
    assert!(b.revoke_token(&other));
    assert_errors(
        &get(&b, Some(&other), "/orders").await,
        401,
        "unauthenticated",
    );
}

#[tokio::test]
async fn each_endpoint_needs_its_scope() {
    let b = start(3).await;
    let id = b.orders()[0].order.id;
    let lid = b.orders()[0].logistics[0].id;
    let orders_only = b.issue_token(&["orders-read"], Duration::days(1));
    assert_eq!(get(&b, Some(&orders_only), "/orders").await.0, 200);
    assert_eq!(
        get(&b, Some(&orders_only), &format!("/orders/{id}"))
            .await
            .0,
        200
    );
    for path in [
        format!("/order_products?order_id={id}"),
        format!("/logistics?id={lid}"),
        format!("/logistics/{lid}"),
        "/order_statuses".to_string(),
        "/shipping_groups".to_string(),
    ] {
        assert_errors(&get(&b, Some(&orders_only), &path).await, 403, "forbidden");
    }
    let a = bcart_common::patch_json(
        &b,
        &orders_only,
        &format!("/orders/{id}"),
        &serde_json::json!({"status":"完了"}),
    )
    .await;
    assert_errors(&a, 403, "forbidden");
    let a = bcart_common::patch_json(
        &b,
        &orders_only,
        &format!("/logistics/{lid}"),
        &serde_json::json!({"status":"発送済"}),
    )
    .await;
    assert_errors(&a, 403, "forbidden");
    assert_eq!(
        b.order(id).expect("o").order.status,
        b.orders()[0].order.status
    );
}

#[tokio::test]
async fn three_hundred_requests_then_a_300_second_lockout_with_retry_after() {
    let b = start(2).await;
    let t = b.access_token();
    // 300 requests over every endpoint within the window are fine, and carry no Retry-After.
    let paths = [
        "/orders",
        "/order_statuses",
        "/shipping_groups",
        "/logistics",
        "/order_products",
    ];
    for i in 0..300 {
        let a = get(&b, Some(&t), paths[i % paths.len()]).await;
        assert_eq!(a.0, 200, "request {i}");
        assert_eq!(a.1, None, "no Retry-After before the limit");
        if i == 150 {
            b.clock().advance(Duration::seconds(200));
        }
    }
    // The 301st (still within 300 s of the first) is refused and starts the lockout.
    let a = get(&b, Some(&t), "/orders").await;
    assert_errors(&a, 429, "too_many_requests");
    assert_eq!(a.1.as_deref(), Some("300"));
    // The window would have ended 100 s later; the lockout runs 300 s from the refusal.
    b.clock().advance(Duration::seconds(120));
    let a = get(&b, Some(&t), "/logistics").await;
    assert_errors(&a, 429, "too_many_requests");
    assert_eq!(a.1.as_deref(), Some("180"));
    // Another token of the same shop is locked out too.
    let other = b.issue_token(ALL_SCOPES, Duration::days(1));
    assert_eq!(get(&b, Some(&other), "/orders").await.0, 429);
    // Requests without a valid token are refused as such, not counted.
    assert_eq!(get(&b, None, "/orders").await.0, 401);
    b.clock().advance(Duration::seconds(180));
    let a = get(&b, Some(&t), "/orders").await;
    assert_eq!(a.0, 200);
    assert_eq!(a.1, None);
}

#[tokio::test]
async fn lowered_limit_window_resets_from_the_first_call() {
    let b = start(1).await;
    let t = b.access_token();
    b.set_rate_limit(3);
    for _ in 0..3 {
        assert_eq!(get(&b, Some(&t), "/orders").await.0, 200);
    }
    // A new window opens 300 s after the first call: no lockout if the limit was not passed.
    b.clock().advance(Duration::seconds(300));
    for _ in 0..3 {
        assert_eq!(get(&b, Some(&t), "/orders").await.0, 200);
    }
    let a = get(&b, Some(&t), "/orders").await;
    assert_eq!((a.0, a.1.as_deref()), (429, Some("300")));
    b.reset_rate_limit();
    assert_eq!(get(&b, Some(&t), "/orders").await.0, 200);
    // Unauthenticated requests do not use up the allowance.
    b.reset_rate_limit();
    for _ in 0..5 {
        assert_eq!(get(&b, Some("nope"), "/orders").await.0, 401);
    }
    assert_eq!(get(&b, Some(&t), "/orders").await.0, 200);
}

#[tokio::test]
async fn forced_rate_limit_fault_answers_429_with_retry_after() {
    let b = start(1).await;
    let t = b.access_token();
    b.faults().set_force_rate_limit(true);
    let a = get(&b, Some(&t), "/orders").await;
    assert_errors(&a, 429, "too_many_requests");
    assert_eq!(a.1.as_deref(), Some("300"));
    b.faults().set_force_rate_limit(false);
    assert_eq!(get(&b, Some(&t), "/orders").await.0, 200);
    // Transport faults come from the framework, in front of the mall.
    b.faults().inject_next(fakemall::Fault::Status(503));
    assert_eq!(get(&b, Some(&t), "/orders").await.0, 503);
    let reqs = b.requests();
    assert_eq!(reqs.last().map(|r| r.path.as_str()), Some("/api/v1/orders"));
    assert_eq!(
        reqs.last()
            .and_then(|r| r.headers.get("authorization"))
            .map(String::as_str),
        Some(format!("Bearer {t}").as_str())
    );
}
