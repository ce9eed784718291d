//! Helpers shared by the BASE tests.
#![allow(dead_code)]

use fakemall::base::FakeBase;
pub use fakemall::testkit::http;
use fakemall::testkit::{form, send, start_frozen};
use serde_json::Value;

/// A BASE fake with `orders` generated orders, seed 11, clock frozen at `testkit::t0()`.
pub async fn start(orders: usize) -> FakeBase {
    start_frozen(orders, 11).await
}

/// GET with an optional bearer token.
pub async fn get(base: &FakeBase, token: Option<&str>, path_and_query: &str) -> (u16, Value) {
    let mut req = http().get(format!("{}{path_and_query}", base.base_url()));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    send(req).await.into()
}

/// POST a form with an optional bearer token.
pub async fn post_form(
    base: &FakeBase,
    token: Option<&str>,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, Value) {
    let mut req = http()
        .post(format!("{}{path}", base.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(fields));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    send(req).await.into()
}

/// Asserts BASE's error shape: 400 and exactly `{"error","error_description"}`.
pub fn assert_error(answer: &(u16, Value), code: &str, description: Option<&str>) {
    assert_eq!(answer.0, 400, "{answer:?}");
    let obj = answer.1.as_object().expect("error object");
    assert_eq!(obj.len(), 2, "{obj:?}");
    assert_eq!(obj["error"], code, "{obj:?}");
    let desc = obj["error_description"].as_str().expect("description");
    assert!(!desc.is_empty());
    if let Some(d) = description {
        assert_eq!(desc, d);
    }
}

/// A BASE order JSON with the given payment, status and items `(order_item_id, status)`.
pub fn order_json(key: &str, payment: &str, status: &str, items: &[(i64, &str)]) -> Value {
    let items: Vec<Value> = items
        .iter()
        .map(|(id, s)| {
            serde_json::json!({"order_item_id": id, "item_id": 1, "variation_id": null, "title": "手ぬぐい",
                "variation": "", "price": 1000, "amount": 1, "total": 1000, "status": s, "modified": 1719700000})
        })
        .collect();
    serde_json::json!({
        "unique_key": key, "ordered": 1719700000, "payment": payment, "dispatch_status": status,
        "total": 1000 * items.len() as i64, "modified": 1719700000, "order_items": items,
        "cvs_payment_transaction": {"collected_fee": if payment == "cvs" { Value::from(100) } else { Value::Null },
            "status": if payment == "cvs" { Value::from(if status == "unpaid" { "unpaid" } else { "paid" }) } else { Value::Null }},
        "bt_payment_transaction": {"collected_fee": null,
            "status": if payment == "base_bt" { Value::from(if status == "unpaid" { "unpaid" } else { "paid" }) } else { Value::Null }},
    })
}
