//! Qoo10 QAPI: CreateCertificationKey, SAK use and expiry, key errors, the envelope, the legacy
//! GET, the gateway's `{"ErrorCode","ErrorMsg"}`, faults (qoo10.md A1, A4).

mod qoo10_common;

use chrono::Duration;
use fakemall::qoo10::{uncertain, DEMO_API_KEY, DEMO_PASSWORD, DEMO_USER_ID};
use qoo10_common::{assert_code, call, legacy_get, start, WINDOW};
use serde_json::Value;

const CREATE: &str = "CertificationAPI.CreateCertificationKey";
const GET: &str = "ShippingBasic.GetShippingInfo_v2";

async fn create(q: &fakemall::qoo10::FakeQoo10) -> (u16, Value) {
    call(
        q,
        Some(DEMO_API_KEY),
        CREATE,
        &[
            ("user_id", DEMO_USER_ID),
            ("pwd", DEMO_PASSWORD),
            ("returnType", "application/json"),
        ],
    )
    .await
}

#[tokio::test]
async fn create_key_returns_the_sak_as_a_plain_string_and_it_works() {
    let q = start(5).await;
    let (status, body) = create(&q).await;
    assert_eq!(status, 200);
    let obj = body.as_object().expect("object");
    assert_eq!(obj.len(), 3, "{obj:?}");
    assert_eq!(body["ResultCode"], 0);
    assert_eq!(body["ResultMsg"], "成功", "A5 example");
    let sak = body["ResultObject"]
        .as_str()
        .expect("SAK string")
        .to_string();
    assert!(sak.contains("_g_1_"), "{sak}");
    assert_ne!(sak, DEMO_API_KEY);
    let (_, rows) = call(&q, Some(&sak), GET, WINDOW).await;
    assert_eq!(rows["ResultCode"], 0, "{rows:?}");
    // Each call issues a new key; the old one keeps working (no revocation guessed).
    let (_, again) = create(&q).await;
    assert_ne!(again["ResultObject"], body["ResultObject"]);
    assert_eq!(call(&q, Some(&sak), GET, WINDOW).await.1["ResultCode"], 0);
    // The request carried both headers, recorded.
    let r = q
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with(CREATE))
        .expect("recorded");
    assert_eq!(
        r.headers.get("giosiscertificationkey").map(String::as_str),
        Some(DEMO_API_KEY)
    );
    assert_eq!(
        r.headers.get("qapiversion").map(String::as_str),
        Some("1.0")
    );
    assert_eq!(r.form_param("user_id").as_deref(), Some(DEMO_USER_ID));
}

#[tokio::test]
async fn key_errors_have_the_documented_codes_with_http_200() {
    let q = start(1).await;
    // Wrong API key.
    assert_code(
        &call(
            &q,
            Some("nope"),
            CREATE,
            &[("user_id", DEMO_USER_ID), ("pwd", DEMO_PASSWORD)],
        )
        .await,
        -10000,
    );
    // No key at all.
    assert_code(
        &call(
            &q,
            None,
            CREATE,
            &[("user_id", DEMO_USER_ID), ("pwd", DEMO_PASSWORD)],
        )
        .await,
        -10000,
    );
    // Wrong password, unknown user: no seller.
    assert_code(
        &call(
            &q,
            Some(DEMO_API_KEY),
            CREATE,
            &[("user_id", DEMO_USER_ID), ("pwd", "wrong")],
        )
        .await,
        -10001,
    );
    assert_code(
        &call(
            &q,
            Some(DEMO_API_KEY),
            CREATE,
            &[("user_id", "someone"), ("pwd", DEMO_PASSWORD)],
        )
        .await,
        -10001,
    );
    // The API key is not a seller key: "API doesn't exist".
    assert_code(&call(&q, Some(DEMO_API_KEY), GET, WINDOW).await, -90001);
    // Unknown key for a data call.
    assert_code(
        &call(&q, Some("xxxx_g_1_unknown"), GET, WINDOW).await,
        -10000,
    );
    let sak = q.issue_sak();
    // Unknown method.
    assert_code(
        &call(&q, Some(&sak), "ShippingBasic.NoSuchMethod", &[]).await,
        -90001,
    );
    // `null` sent instead of "".
    let mut form = WINDOW.to_vec();
    form.push(("ShippingStat", "null"));
    assert_code(&call(&q, Some(&sak), GET, &form).await, -90001);
    // A method the key is not authorized for.
    q.set_method_denied(GET, true);
    assert_code(&call(&q, Some(&sak), GET, WINDOW).await, -90002);
    q.set_method_denied(GET, false);
    assert_eq!(call(&q, Some(&sak), GET, WINDOW).await.1["ResultCode"], 0);
}

#[tokio::test]
async fn sak_expires_after_one_year_with_the_documented_answer() {
    let q = start(1).await;
    let sak = create(&q).await.1["ResultObject"]
        .as_str()
        .expect("sak")
        .to_string();
    q.clock().advance(Duration::days(364));
    assert_eq!(call(&q, Some(&sak), GET, WINDOW).await.1["ResultCode"], 0);
    q.clock().advance(Duration::days(1));
    let expired = call(&q, Some(&sak), GET, WINDOW).await;
    assert_eq!(expired.0, 200);
    // A5, field for field.
    assert_eq!(
        expired.1,
        serde_json::json!({"ResultCode":-90004,"ResultMsg":"Seller authorization key is expired. Use a new key."})
    );
    // Re-issuing with the stored API key, user and password recovers.
    let fresh = create(&q).await.1["ResultObject"]
        .as_str()
        .expect("sak")
        .to_string();
    assert_eq!(call(&q, Some(&fresh), GET, WINDOW).await.1["ResultCode"], 0);
    q.expire_saks();
    assert_code(&call(&q, Some(&fresh), GET, WINDOW).await, -90004);
    // The fault switch.
    let other = q.issue_sak();
    q.faults().set_credentials_expired(true);
    assert_code(
        &call(&q, Some(&other), GET, WINDOW).await,
        uncertain::EXPIRED_CODE,
    );
    q.faults().set_credentials_expired(false);
    assert_eq!(call(&q, Some(&other), GET, WINDOW).await.1["ResultCode"], 0);
}

#[tokio::test]
async fn legacy_get_and_case_insensitive_names_work() {
    let q = start(3).await;
    let sak = q.issue_sak();
    let (status, body) = legacy_get(
        &q,
        &[
            ("v", "1.0"),
            ("returnType", "json"),
            ("method", GET),
            ("key", &sak),
            ("search_Sdate", "20240530"),
            ("search_Edate", "20240630"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["ResultCode"], 0, "{body:?}");
    assert!(body["ResultObject"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
    // The certification call through the legacy GET too.
    let (_, key) = legacy_get(
        &q,
        &[
            ("v", "1.0"),
            ("returnType", "json"),
            ("method", CREATE),
            ("key", DEMO_API_KEY),
            ("user_id", DEMO_USER_ID),
            ("pwd", DEMO_PASSWORD),
        ],
    )
    .await;
    assert_eq!(key["ResultCode"], 0, "{key:?}");
    // Method and parameter names are matched case-insensitively (ASP.NET).
    let lower = call(
        &q,
        Some(&sak),
        "shippingbasic.getshippinginfo_V2",
        &[("SEARCH_SDATE", "20240530"), ("search_edate", "20240630")],
    )
    .await;
    assert_eq!(lower.1["ResultCode"], 0, "{lower:?}");
}

#[tokio::test]
async fn gateway_failures_use_the_error_code_shape() {
    let q = start(0).await;
    let sak = q.issue_sak();
    for answer in [
        legacy_get(&q, &[("v", "1.0"), ("returnType", "json"), ("key", &sak)]).await,
        call(
            &q,
            Some(&sak),
            GET,
            &[
                ("returnType", "text/csv"),
                ("search_Sdate", "20240601"),
                ("search_Edate", "20240602"),
            ],
        )
        .await,
    ] {
        assert_eq!(answer.0, 200);
        let obj = answer.1.as_object().expect("object");
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, vec!["ErrorCode", "ErrorMsg"], "{obj:?}");
        assert!(obj["ErrorMsg"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test]
async fn rate_limit_and_faults_follow_the_framework() {
    let q = start(1).await;
    let sak = q.issue_sak();
    q.faults().set_force_rate_limit(true);
    assert_code(
        &call(&q, Some(&sak), GET, WINDOW).await,
        uncertain::RATE_LIMIT_CODE,
    );
    q.faults().set_force_rate_limit(false);
    q.set_per_second_limit(Some(2));
    assert_eq!(call(&q, Some(&sak), GET, WINDOW).await.1["ResultCode"], 0);
    assert_eq!(call(&q, Some(&sak), GET, WINDOW).await.1["ResultCode"], 0);
    assert_code(
        &call(&q, Some(&sak), GET, WINDOW).await,
        uncertain::RATE_LIMIT_CODE,
    );
    q.clock().advance(Duration::seconds(1));
    assert_eq!(call(&q, Some(&sak), GET, WINDOW).await.1["ResultCode"], 0);
    q.set_per_second_limit(None);
    q.faults().inject_next(fakemall::Fault::Status(503));
    assert_eq!(call(&q, Some(&sak), GET, WINDOW).await.0, 503);
    q.faults().set_maintenance(true);
    assert_eq!(call(&q, Some(&sak), GET, WINDOW).await.0, 503);
    q.faults().set_maintenance(false);
    assert_eq!(call(&q, Some(&sak), GET, WINDOW).await.1["ResultCode"], 0);
}
