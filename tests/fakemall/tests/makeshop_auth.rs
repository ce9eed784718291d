//! MakeShop GraphQL: the three auth headers, timestamp age, the 1 req/s limit, the 5 MB cap,
//! introspection, per-operation permissions, GraphQL errors with HTTP 200 (makeshop.md 1b).

mod makeshop_common;

use chrono::Duration;
use fakemall::makeshop::{uncertain, DEMO_ACCESS_TOKEN, DEMO_API_KEY};
use makeshop_common::{assert_gql_error, auth_headers, gql, post_raw, start};
use serde_json::json;

const Q: &str = "query { searchOrder(input: {page: 1, limit: 1}) { searchedCount } }";

fn body(q: &str) -> String {
    json!({ "query": q, "variables": {}, "operationName": null }).to_string()
}

#[tokio::test]
async fn valid_headers_pass_and_each_bad_header_is_a_graphql_error() {
    let ms = start(3).await;
    let (status, ok) = gql(&ms, Q, json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(ok, json!({"data": {"searchOrder": {"searchedCount": 3}}}));
    let now = ms.clock().now().timestamp();
    let cases: Vec<Vec<(&str, String)>> = vec![
        vec![
            ("x-api-key", DEMO_API_KEY.into()),
            ("x-timestamp", now.to_string()),
        ],
        vec![
            ("authorization", "Bearer PAT.wrong".into()),
            ("x-api-key", DEMO_API_KEY.into()),
            ("x-timestamp", now.to_string()),
        ],
        vec![
            ("authorization", DEMO_ACCESS_TOKEN.into()),
            ("x-api-key", DEMO_API_KEY.into()),
            ("x-timestamp", now.to_string()),
        ],
        vec![
            ("authorization", format!("Bearer {DEMO_ACCESS_TOKEN}")),
            ("x-timestamp", now.to_string()),
        ],
        vec![
            ("authorization", format!("Bearer {DEMO_ACCESS_TOKEN}")),
            ("x-api-key", "other".into()),
            ("x-timestamp", now.to_string()),
        ],
        vec![
            ("authorization", format!("Bearer {DEMO_ACCESS_TOKEN}")),
            ("x-api-key", DEMO_API_KEY.into()),
        ],
        vec![
            ("authorization", format!("Bearer {DEMO_ACCESS_TOKEN}")),
            ("x-api-key", DEMO_API_KEY.into()),
            ("x-timestamp", "yesterday".into()),
        ],
        vec![
            ("authorization", format!("Bearer {DEMO_ACCESS_TOKEN}")),
            ("x-api-key", DEMO_API_KEY.into()),
            ("x-timestamp", (now - 3601).to_string()),
        ],
        vec![
            ("authorization", format!("Bearer {DEMO_ACCESS_TOKEN}")),
            ("x-api-key", DEMO_API_KEY.into()),
            ("x-timestamp", (now + 3600).to_string()),
        ],
    ];
    for h in cases {
        ms.clock().advance(Duration::seconds(1));
        let answer = post_raw(&ms, &h, body(Q)).await;
        assert_gql_error(&answer, "UNAUTHENTICATED");
        assert_eq!(answer.1["data"], serde_json::Value::Null);
    }
    // 59 minutes old is still fine.
    ms.clock().advance(Duration::seconds(1));
    let mut h = auth_headers(&ms);
    h[2].1 = (ms.clock().now().timestamp() - 3599).to_string();
    let answer = post_raw(&ms, &h, body(Q)).await;
    assert!(answer.1.get("errors").is_none(), "{answer:?}");
    // Headers are recorded for the tests of clients.
    let r = ms.requests().pop().expect("recorded");
    assert_eq!(
        r.headers.get("x-api-key").map(String::as_str),
        Some(DEMO_API_KEY)
    );
    assert!(r.headers.contains_key("x-timestamp"));
    assert!(r
        .json_body()
        .is_some_and(|b| b.get("operationName").is_some()));
}

#[tokio::test]
async fn revoked_token_and_expired_fault_are_refused() {
    let ms = start(1).await;
    ms.revoke_token(true);
    assert_gql_error(&gql(&ms, Q, json!({})).await, "UNAUTHENTICATED");
    ms.revoke_token(false);
    assert!(gql(&ms, Q, json!({})).await.1.get("errors").is_none());
    ms.faults().set_credentials_expired(true);
    assert_gql_error(&gql(&ms, Q, json!({})).await, "UNAUTHENTICATED");
    ms.faults().set_credentials_expired(false);
    assert!(gql(&ms, Q, json!({})).await.1.get("errors").is_none());
}

#[tokio::test]
async fn one_request_per_second_then_graphql_errors_with_http_200() {
    let ms = start(1).await;
    assert!(gql(&ms, Q, json!({})).await.1.get("errors").is_none());
    // Same second: refused, whatever the operation.
    let again = post_raw(&ms, &auth_headers(&ms), body(Q)).await;
    assert_gql_error(&again, uncertain::RATE_LIMIT_CODE);
    assert_eq!(
        again.1["errors"][0]["message"],
        uncertain::RATE_LIMIT_MESSAGE
    );
    ms.clock().advance(Duration::milliseconds(999));
    assert_gql_error(
        &post_raw(&ms, &auth_headers(&ms), body(Q)).await,
        uncertain::RATE_LIMIT_CODE,
    );
    ms.clock().advance(Duration::milliseconds(1));
    assert!(post_raw(&ms, &auth_headers(&ms), body(Q))
        .await
        .1
        .get("errors")
        .is_none());
    ms.faults().set_force_rate_limit(true);
    assert_gql_error(&gql(&ms, Q, json!({})).await, uncertain::RATE_LIMIT_CODE);
    ms.faults().set_force_rate_limit(false);
    assert!(gql(&ms, Q, json!({})).await.1.get("errors").is_none());
}

#[tokio::test]
async fn introspection_is_forbidden() {
    let ms = start(0).await;
    for q in [
        "{ __schema { types { name } } }",
        "query { __type(name: \"Order\") { fields { name } } }",
        "query { ...F } fragment F on Query { __schema { queryType { name } } }",
    ] {
        let answer = gql(&ms, q, json!({})).await;
        assert_gql_error(&answer, "FORBIDDEN");
    }
    // __typename is ordinary.
    let answer = gql(&ms, "{ __typename }", json!({})).await;
    assert_eq!(answer.1, json!({"data": {"__typename": "Query"}}));
}

#[tokio::test]
async fn graphql_level_problems_come_in_errors_with_http_200() {
    let ms = start(2).await;
    // Unknown field.
    let answer = gql(
        &ms,
        "{ searchOrder(input: {}) { orders { buyerEmail } } }",
        json!({}),
    )
    .await;
    assert_eq!(answer.0, 200);
    assert!(
        answer.1["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("buyerEmail")),
        "{answer:?}"
    );
    assert!(answer.1["data"].is_null());
    // Bad enum value.
    let answer = gql(
        &ms,
        "mutation { updateOrderDeliveryStatus(input: {updateOrderDeliveryStatusRequests: [{displayOrderNumber: \"P1\", deliveryId: 1, deliveryStatus: SHIPPED}]}) { updateOrderDeliveryStatusResults { message } } }",
        json!({}),
    )
    .await;
    assert_eq!(answer.0, 200);
    assert!(
        answer.1["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("SHIPPED")),
        "{answer:?}"
    );
    // Missing required variable.
    let answer = gql(
        &ms,
        "query($input: SearchOrderRequest!) { searchOrder(input: $input) { page } }",
        json!({}),
    )
    .await;
    assert_eq!(answer.0, 200);
    assert!(answer.1["errors"].as_array().is_some_and(|e| !e.is_empty()));
    // Syntax error.
    let answer = gql(&ms, "{ searchOrder(input: {}) { page ", json!({})).await;
    assert_eq!(answer.0, 200);
    assert!(answer.1["errors"].as_array().is_some_and(|e| !e.is_empty()));
    // Not JSON at all.
    ms.clock().advance(Duration::seconds(1));
    assert_gql_error(
        &post_raw(&ms, &auth_headers(&ms), "query { x }".into()).await,
        "BAD_REQUEST",
    );
}

#[tokio::test]
async fn denied_operations_and_oversized_requests() {
    let ms = start(2).await;
    ms.set_operation_denied("searchOrder", true);
    let answer = gql(&ms, Q, json!({})).await;
    assert_gql_error(&answer, "FORBIDDEN");
    assert_eq!(answer.1["errors"][0]["path"], json!(["searchOrder"]));
    ms.set_operation_denied("searchOrder", false);
    assert!(gql(&ms, Q, json!({})).await.1.get("errors").is_none());
    // Over 5 MB: refused before GraphQL.
    ms.clock().advance(Duration::seconds(1));
    let big =
        json!({ "query": Q, "variables": { "pad": "x".repeat(uncertain::MAX_REQUEST_BYTES) } })
            .to_string();
    let answer = post_raw(&ms, &auth_headers(&ms), big).await;
    assert_eq!(answer.0, 413);
    assert_eq!(answer.1["message"], uncertain::TOO_LARGE_MESSAGE);
    // Just under 5 MB is served.
    ms.clock().advance(Duration::seconds(1));
    let fits = json!({ "query": Q, "variables": { "pad": "x".repeat(uncertain::MAX_REQUEST_BYTES - 200) } }).to_string();
    assert!(post_raw(&ms, &auth_headers(&ms), fits)
        .await
        .1
        .get("errors")
        .is_none());
}
