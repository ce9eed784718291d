//! Helpers shared by the Qoo10 tests (`mod qoo10_common;`).
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use fakemall::qoo10::{FakeQoo10, Qoo10Config, GATEWAY_PATH};
use fakemall::{Clock, StartOptions};
use serde_json::Value;

/// 2024-06-30 12:00 JST.
pub fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-06-30T12:00:00+09:00")
        .map(|t| t.with_timezone(&Utc))
        .expect("valid time")
}

/// A Qoo10 fake with `orders` generated packs, seed 5, clock frozen at [`t0`].
pub async fn start(orders: usize) -> FakeQoo10 {
    FakeQoo10::start(Qoo10Config {
        orders,
        seed: 5,
        start: StartOptions {
            clock: Clock::frozen_at(t0()),
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .expect("start Qoo10")
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .expect("client")
}

/// Status and body; the body parsed as JSON when it is JSON.
pub async fn read(r: reqwest::Response) -> (u16, Value) {
    let status = r.status().as_u16();
    let text = r.text().await.expect("body");
    let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, json)
}

/// POST a UTF-8 form to `…/ebayjapan.qapi/{method}` with the key in `GiosisCertificationKey`.
pub async fn call(
    q: &FakeQoo10,
    key: Option<&str>,
    method: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let mut req = http()
        .post(format!("{}{GATEWAY_PATH}/{method}", q.base_url()))
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        )
        .header("QAPIVersion", "1.0")
        .body(serde_urlencoded::to_string(form).expect("form"));
    if let Some(k) = key {
        req = req.header("GiosisCertificationKey", k);
    }
    read(req.send().await.expect("send")).await
}

/// The legacy `GET …/ebayjapan.qapi?…`.
pub async fn legacy_get(q: &FakeQoo10, query: &[(&str, &str)]) -> (u16, Value) {
    let url = format!(
        "{}{GATEWAY_PATH}?{}",
        q.base_url(),
        serde_urlencoded::to_string(query).expect("query")
    );
    read(http().get(url).send().await.expect("send")).await
}

/// Asserts HTTP 200 and exactly `{"ResultCode": code, "ResultMsg": …}`.
pub fn assert_code(answer: &(u16, Value), code: i64) {
    assert_eq!(answer.0, 200, "{answer:?}");
    let obj = answer.1.as_object().expect("envelope object");
    assert_eq!(obj["ResultCode"], code, "{obj:?}");
    assert!(
        obj["ResultMsg"].as_str().is_some_and(|m| !m.is_empty()),
        "{obj:?}"
    );
    assert_eq!(obj.len(), 2, "an error has no ResultObject: {obj:?}");
}

/// `GetShippingInfo_v2` over a window, rows (empty for null).
pub async fn search(q: &FakeQoo10, sak: &str, form: &[(&str, &str)]) -> Vec<Value> {
    let answer = call(q, Some(sak), "ShippingBasic.GetShippingInfo_v2", form).await;
    assert_eq!(answer.0, 200);
    assert_eq!(answer.1["ResultCode"], 0, "{:?}", answer.1);
    assert_eq!(answer.1["ResultMsg"], "SUCCESS");
    match &answer.1["ResultObject"] {
        Value::Null => Vec::new(),
        Value::Array(a) => a.clone(),
        other => panic!("ResultObject {other:?}"),
    }
}

/// The whole 30 days before t0, every status.
pub const WINDOW: &[(&str, &str)] = &[("search_Sdate", "20240530"), ("search_Edate", "20240630")];
