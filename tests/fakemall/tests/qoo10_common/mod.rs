//! Helpers shared by the Qoo10 tests (`mod qoo10_common;`).
#![allow(dead_code)]

use fakemall::qoo10::{FakeQoo10, GATEWAY_PATH};
pub use fakemall::testkit::http;
use fakemall::testkit::{form, send, start_frozen};
use serde_json::Value;

/// A Qoo10 fake with `orders` generated packs, seed 5, clock frozen at `testkit::t0()`.
pub async fn start(orders: usize) -> FakeQoo10 {
    start_frozen(orders, 5).await
}

/// POST a UTF-8 form to `…/ebayjapan.qapi/{method}` with the key in `GiosisCertificationKey`.
pub async fn call(
    q: &FakeQoo10,
    key: Option<&str>,
    method: &str,
    fields: &[(&str, &str)],
) -> (u16, Value) {
    let mut req = http()
        .post(format!("{}{GATEWAY_PATH}/{method}", q.base_url()))
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        )
        .header("QAPIVersion", "1.0")
        .body(form(fields));
    if let Some(k) = key {
        req = req.header("GiosisCertificationKey", k);
    }
    send(req).await.into()
}

/// The legacy `GET …/ebayjapan.qapi?…`.
pub async fn legacy_get(q: &FakeQoo10, query: &[(&str, &str)]) -> (u16, Value) {
    let url = format!("{}{GATEWAY_PATH}?{}", q.base_url(), form(query));
    send(http().get(url)).await.into()
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
