//! Helpers shared by the MakeShop tests (`mod makeshop_common;`).
#![allow(dead_code)]

use chrono::Duration;
use fakemall::makeshop::{uncertain, FakeMakeshop, DEMO_ACCESS_TOKEN, DEMO_API_KEY, GRAPHQL_PATH};
pub use fakemall::testkit::http;
use fakemall::testkit::{send, start_frozen};
use serde_json::{json, Value};

/// A MakeShop fake with `orders` generated orders, seed 9, clock frozen at `testkit::t0()`, the real
/// 1 request/second limit.
pub async fn start(orders: usize) -> FakeMakeshop {
    start_frozen(orders, 9).await
}

/// POSTs `body` with the given headers (name, value); no clock move.
pub async fn post_raw(ms: &FakeMakeshop, headers: &[(&str, String)], body: String) -> (u16, Value) {
    let mut req = http()
        .post(format!("{}{GRAPHQL_PATH}", ms.base_url()))
        .header("content-type", "application/json")
        .body(body);
    for (k, v) in headers {
        req = req.header(*k, v);
    }
    send(req).await.into()
}

/// The three auth headers, timestamp = the fake's now.
pub fn auth_headers(ms: &FakeMakeshop) -> Vec<(&'static str, String)> {
    vec![
        ("authorization", format!("Bearer {DEMO_ACCESS_TOKEN}")),
        ("x-api-key", DEMO_API_KEY.to_string()),
        ("x-timestamp", ms.clock().now().timestamp().to_string()),
    ]
}

/// Waits one second on the test clock (the 1 req/s limit), then POSTs a GraphQL request.
pub async fn gql(ms: &FakeMakeshop, query: &str, variables: Value) -> (u16, Value) {
    ms.clock().advance(Duration::seconds(1));
    let body = json!({ "query": query, "variables": variables, "operationName": null });
    post_raw(ms, &auth_headers(ms), body.to_string()).await
}

/// Asserts HTTP 200 with one top-level error whose `extensions.code` is `code`.
pub fn assert_gql_error(answer: &(u16, Value), code: &str) {
    assert_eq!(answer.0, 200, "{answer:?}");
    let errors = answer.1["errors"].as_array().expect("errors[]");
    assert!(!errors.is_empty());
    assert_eq!(errors[0]["extensions"]["code"], code, "{answer:?}");
    assert!(errors[0]["message"].as_str().is_some_and(|m| !m.is_empty()));
}

/// Every field of makeshop.md's order, for full reads.
pub const FULL_ORDER: &str = "systemOrderNumber displayOrderNumber orderDate memberId senderName senderPrefecture payMethod paymentStatusCode sumPrice message discountPerTax { taxRate discountPrice } deliveryInfos { deliveryId deliveryStatus desiredDeliveryDate desiredDeliveryTimezone receiverName receiverPost receiverPrefecture receiverAddress receiverAddress2 receiverTel shippingCharge deliverySumPrice wmsStatus deliveryMessage deliveryMethodIds slipNumber deliveryDate estimatedShipmentDate basketInfos { productCode productCustomCode variationCustomCode productName variationName amount price janCode } }";

/// `searchOrder` with `input`, every field; returns `data.searchOrder`.
pub async fn search(ms: &FakeMakeshop, input: Value) -> Value {
    let q = format!("query Search($input: SearchOrderRequest!) {{ searchOrder(input: $input) {{ searchedCount page orders {{ {FULL_ORDER} }} }} }}");
    let (status, body) = gql(ms, &q, json!({ "input": input })).await;
    assert_eq!(status, 200);
    assert!(body.get("errors").is_none(), "{body:?}");
    body["data"]["searchOrder"].clone()
}

/// Every order, oldest first: pages of `uncertain::PAGE_CAP` (one request up to 200 orders)
/// until `searchedCount` is reached.
pub async fn all_orders(ms: &FakeMakeshop) -> Vec<Value> {
    let mut all = Vec::new();
    let mut page = 1;
    loop {
        let r = search(ms, json!({ "page": page, "limit": uncertain::PAGE_CAP })).await;
        let rows = r["orders"].as_array().cloned().unwrap_or_default();
        let count = r["searchedCount"].as_u64().unwrap_or(0) as usize;
        let empty = rows.is_empty();
        all.extend(rows);
        if all.len() >= count || empty {
            return all;
        }
        page += 1;
    }
}
