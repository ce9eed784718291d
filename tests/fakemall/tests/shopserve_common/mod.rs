//! Helpers shared by the ショップサーブ tests.
#![allow(dead_code)]

use chrono::{DateTime, Duration, Utc};
use fakemall::shopserve::{FakeShopserve, ShopserveConfig};
use fakemall::{Clock, StartOptions};
use serde_json::Value;

/// 2024-06-30 12:00 JST.
pub fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-06-30T12:00:00+09:00")
        .map(|t| t.with_timezone(&Utc))
        .expect("valid time")
}

/// A fake with `orders` generated orders, seed 9, clock frozen at [`t0`].
pub async fn start(orders: usize) -> FakeShopserve {
    FakeShopserve::start(ShopserveConfig {
        orders,
        seed: 9,
        start: StartOptions {
            clock: Clock::frozen_at(t0()),
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .expect("start ショップサーブ")
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .expect("client")
}

/// Status, `Retry-After`, content type, JSON body (or the text as a JSON string).
pub type Answer = (u16, Option<String>, String, Value);

pub async fn read(r: reqwest::Response) -> Answer {
    let status = r.status().as_u16();
    let h = |n: &str| {
        r.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let retry = h("retry-after");
    let ct = h("content-type").unwrap_or_default();
    let text = r.text().await.expect("body");
    let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, retry, ct, json)
}

/// GET with Basic `shop_id:key` (the manager key unless given).
pub async fn get_with(s: &FakeShopserve, key: Option<&str>, path_and_query: &str) -> Answer {
    let c = s.credentials();
    let mut req = http().get(format!("{}{path_and_query}", s.api_base_url()));
    if let Some(k) = key {
        req = req.basic_auth(&c.shop_id, Some(k));
    }
    read(req.send().await.expect("send")).await
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
        .json(body)
        .send()
        .await
        .expect("send");
    read(r).await
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
