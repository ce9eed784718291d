//! Helpers shared by the ショップサーブ tests.
#![allow(dead_code)]

use chrono::{DateTime, Duration, Utc};
use fakemall::shopserve::FakeShopserve;
pub use fakemall::testkit::http;
use fakemall::testkit::{self, start_frozen};
use serde_json::Value;

/// A fake with `orders` generated orders, seed 9, clock frozen at `testkit::t0()`.
pub async fn start(orders: usize) -> FakeShopserve {
    start_frozen(orders, 9).await
}

/// Status, `Retry-After`, content type, JSON body (or the text as a JSON string).
pub type Answer = (u16, Option<String>, String, Value);

pub async fn read(r: reqwest::Response) -> Answer {
    shape(testkit::Answer::read(r).await)
}

fn shape(a: testkit::Answer) -> Answer {
    let ct = a.header_string("content-type").unwrap_or_default();
    (a.status, a.header_string("retry-after"), ct, a.body)
}

/// GET with Basic `shop_id:key` (the manager key unless given).
pub async fn get_with(s: &FakeShopserve, key: Option<&str>, path_and_query: &str) -> Answer {
    let c = s.credentials();
    let mut req = http().get(format!("{}{path_and_query}", s.api_base_url()));
    if let Some(k) = key {
        req = req.basic_auth(&c.shop_id, Some(k));
    }
    shape(testkit::send(req).await)
}

/// GET with the manager key.
pub async fn get(s: &FakeShopserve, path_and_query: &str) -> Answer {
    let key = s.credentials().manager_key;
    get_with(s, Some(&key), path_and_query).await
}

/// POST JSON to the update endpoint.
pub async fn update(s: &FakeShopserve, body: &Value) -> Answer {
    let c = s.credentials();
    let r = http()
        .post(format!("{}/api/v1/orders/update", s.api_base_url()))
        .basic_auth(&c.shop_id, Some(&c.manager_key))
        .json(body);
    shape(testkit::send(r).await)
}

/// `from`/`to` query for the window `[t - days, t]`.
pub fn window(t: DateTime<Utc>, days: i64) -> String {
    let f = |t: DateTime<Utc>| fakemall::shopserve::orders::format_time(t).replace(' ', "%20");
    format!("from={}&to={}", f(t - Duration::days(days)), f(t))
}

/// The error shape: status, `result: error`, first error code.
pub fn assert_error(a: &Answer, status: u16, code: &str) {
    assert_eq!(a.0, status, "{a:?}");
    assert_eq!(a.3["result"], "error", "{a:?}");
    assert_eq!(a.3["errors"][0]["code"], code, "{a:?}");
    assert!(!a.3["errors"][0]["message"]
        .as_str()
        .expect("message")
        .is_empty());
}
