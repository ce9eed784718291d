//! Helpers shared by the Bカート tests.
#![allow(dead_code)]

use fakemall::bcart::FakeBcart;
pub use fakemall::testkit::http;
use fakemall::testkit::{form, send, start_frozen};
use serde_json::Value;

/// A Bカート fake with `orders` generated orders, seed 5, clock frozen at `testkit::t0()`.
pub async fn start(orders: usize) -> FakeBcart {
    start_frozen(orders, 5).await
}

/// Status, `Retry-After` header, body as JSON (or a JSON string of the text).
pub type Answer = (u16, Option<String>, Value);

async fn answer(req: reqwest::RequestBuilder) -> Answer {
    let a = send(req).await;
    (a.status, a.header_string("retry-after"), a.body)
}

/// GET `/api/v1{path_and_query}` with an optional bearer token.
pub async fn get(b: &FakeBcart, token: Option<&str>, path_and_query: &str) -> Answer {
    let mut req = http().get(format!("{}{path_and_query}", b.api_base_url()));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    answer(req).await
}

/// PATCH a JSON body.
pub async fn patch_json(b: &FakeBcart, token: &str, path: &str, body: &Value) -> Answer {
    let req = http()
        .patch(format!("{}{path}", b.api_base_url()))
        .bearer_auth(token)
        .json(body);
    answer(req).await
}

/// PATCH a form body.
pub async fn patch_form(b: &FakeBcart, token: &str, path: &str, fields: &[(&str, &str)]) -> Answer {
    let req = http()
        .patch(format!("{}{path}", b.api_base_url()))
        .bearer_auth(token)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(fields));
    answer(req).await
}

/// Asserts the error shape: that status, `{"errors":[…]}` as the only key, a non-empty list
/// whose entries carry a code and a Japanese message.
pub fn assert_errors(a: &Answer, status: u16, code: &str) {
    assert_eq!(a.0, status, "{a:?}");
    let obj = a.2.as_object().expect("error object");
    assert_eq!(obj.len(), 1, "{obj:?}");
    let errors = obj["errors"].as_array().expect("errors[]");
    assert!(!errors.is_empty());
    assert_eq!(errors[0]["code"], code, "{errors:?}");
    assert!(!errors[0]["message"].as_str().expect("message").is_empty());
}

/// The §B6 example of bcart.md, as one `GET /orders?...&complete=1` answer.
pub fn b6_example() -> Value {
    serde_json::json!({"orders":[{"id":1234,"code":"20240601-0001","customer_comp_name":"株式会社サンプル",
     "payment":"銀行振込","total_price":12000,"tax":1200,"shipping_cost":800,"final_price":14000,
     "ordered_at":"2024-06-01 09:30:00","status":"新規注文",
     "order_products":[{"id":5001,"order_id":1234,"logistics_id":7001,"product_no":"ABC-1",
       "product_name":"タオル","unit_price":1200,"set_quantity":10,"order_pro_count":1,"tax_rate":"0.10"}],
     "logistics":[{"id":7001,"delivery_code":null,"shipping_group_id":1,"zip":"530-0001",
       "pref":"大阪府","shipment_date":null,"status":"未発送"}]}]})
}

/// Every key of `want` is in `got` with the same value (recursively for objects; arrays
/// element by element).
pub fn assert_contains(got: &Value, want: &Value, path: &str) {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (k, v) in w {
                let sub = format!("{path}.{k}");
                let gv = g.get(k).unwrap_or_else(|| panic!("missing {sub} in {got}"));
                assert_contains(gv, v, &sub);
            }
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "length of {path}");
            for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                assert_contains(gv, wv, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(got, want, "at {path}"),
    }
}
