//! `fakemall --record FILE`: the requests of every mall, read back from the file while the
//! binary still runs.

use std::time::Duration;

use fakemall::testkit::{form, http, send, temp_path, wait_for_record_lines, FakemallChild};
use fakemall::{MallKind, RecordLine};
use serde_json::json;

const REDIRECT: &str = "http://127.0.0.1:4567/oauth/base";
const REDIRECT_ENCODED: &str = "http%3A%2F%2F127.0.0.1%3A4567%2Foauth%2Fbase";

#[tokio::test]
async fn every_mall_writes_each_request_as_it_is_answered() {
    let path = temp_path("binary-record.jsonl");
    let record = path.to_string_lossy().into_owned();
    let mut fakes = FakemallChild::spawn(
        env!("CARGO_BIN_EXE_fakemall"),
        ["--orders", "3", "--seed", "2", "--record", &record],
    );
    let base = fakes.api_base(MallKind::Base).to_string();
    let creds = fakes.credentials(MallKind::Base).clone();
    let id = creds["client_id"].as_str().expect("client_id");
    let secret = creds["client_secret"].as_str().expect("client_secret");

    // BASE: a page that needs no token, an API call without one, the token form.
    let query = format!(
        "response_type=code&client_id={id}&redirect_uri={REDIRECT_ENCODED}&scope=read_orders&state=q"
    );
    let authorize = send(http().get(format!("{base}/1/oauth/authorize?{query}"))).await;
    assert_eq!(authorize.status, 302);
    let no_token = send(http().get(format!("{base}/1/orders?limit=5"))).await;
    assert_eq!(no_token.status, 400, "BASE answers every error with 400");
    let token_form = [
        ("grant_type", "authorization_code"),
        ("client_id", id),
        ("client_secret", secret),
        ("code", "not-a-code"),
        ("redirect_uri", REDIRECT),
    ];
    let token = send(
        http()
            .post(format!("{base}/1/oauth/token"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&token_form)),
    )
    .await;
    assert_eq!(token.status, 400);
    // Bカート without its token: 401. Qoo10: a form with its key header.
    let bcart = send(http().get(format!("{}/orders", fakes.api_base(MallKind::Bcart)))).await;
    assert_eq!(bcart.status, 401);
    let qoo10_key = fakes.credentials(MallKind::Qoo10)["api_key"]
        .as_str()
        .expect("api_key")
        .to_string();
    let qoo10 = send(
        http()
            .post(format!(
                "{}/CertificationAPI.CreateCertificationKey",
                fakes.api_base(MallKind::Qoo10)
            ))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("GiosisCertificationKey", &qoo10_key)
            .body(form(&[("user_id", "nobody"), ("pwd", "x")])),
    )
    .await;
    assert_eq!(qoo10.status, 200);

    let lines = wait_for_record_lines(&path, 5, Duration::from_secs(5)).await;
    assert!(fakes.is_running(), "read while fakemall still runs");
    assert_eq!(lines.len(), 5, "{lines:#?}");
    let shape = |l: &RecordLine| {
        (
            l.mall.clone(),
            l.method.clone(),
            l.path.clone(),
            l.query.clone(),
            l.status,
        )
    };
    let qoo10_path =
        "/GMKT.INC.Front.QAPIService/ebayjapan.qapi/CertificationAPI.CreateCertificationKey";
    assert_eq!(
        lines.iter().map(shape).collect::<Vec<_>>(),
        vec![
            (
                "base".into(),
                "GET".into(),
                "/1/oauth/authorize".into(),
                Some(query),
                Some(302)
            ),
            (
                "base".into(),
                "GET".into(),
                "/1/orders".into(),
                Some("limit=5".into()),
                Some(400)
            ),
            (
                "base".into(),
                "POST".into(),
                "/1/oauth/token".into(),
                None,
                Some(400)
            ),
            (
                "bcart".into(),
                "GET".into(),
                "/api/v1/orders".into(),
                None,
                Some(401)
            ),
            (
                "qoo10".into(),
                "POST".into(),
                qoo10_path.into(),
                None,
                Some(200)
            ),
        ]
    );
    let form_fields: serde_json::Map<_, _> = token_form
        .iter()
        .map(|(k, v)| ((*k).to_string(), json!(v)))
        .collect();
    assert_eq!(lines[2].body, serde_json::Value::Object(form_fields));
    assert_eq!(lines[4].body, json!({"user_id": "nobody", "pwd": "x"}));
    assert_eq!(
        lines[4].header("giosiscertificationkey"),
        Some(qoo10_key.as_str())
    );
    assert_eq!(lines[0].body, serde_json::Value::Null);
    assert!(lines.iter().all(|l| l.fault.is_none()));
    assert_eq!(
        lines.iter().map(|l| l.seq).collect::<Vec<_>>(),
        vec![0, 1, 2, 0, 0],
        "seq counts per mall"
    );
    assert!(
        lines
            .iter()
            .all(|l| chrono::DateTime::parse_from_rfc3339(&l.time).is_ok()),
        "{lines:#?}"
    );
    drop(fakes);
    let _ = std::fs::remove_file(&path);
}
