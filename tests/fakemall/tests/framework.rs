//! The shared server layer, exercised through a tiny mall: recording, transport faults,
//! maintenance, shutdown.

use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use fakemall::{FakeMall, Fault, MallContext, MallKind, MallProfile, StartOptions};

struct Tiny;
impl MallProfile for Tiny {
    fn kind(&self) -> MallKind {
        MallKind::Shopserve
    }
}

async fn tiny() -> FakeMall {
    let options = StartOptions {
        fault_seed: 3,
        ..Default::default()
    };
    let ctx = MallContext::new(&options);
    let router = Router::new()
        .route(
            "/ping",
            get(|| async { axum::Json(serde_json::json!({"pong": "🎁𠮷"})) }),
        )
        .route("/echo", post(|body: String| async move { body }));
    FakeMall::serve(options.addr, ctx, Arc::new(Tiny), router)
        .await
        .expect("start")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()
        .expect("client")
}

#[tokio::test]
async fn records_every_request_with_status_and_clears() {
    let mall = tiny().await;
    assert!(mall.base_url().starts_with("http://127.0.0.1:"));
    let c = client();
    let r = c
        .post(format!("{}/echo?a=1&b=%E5%90%89", mall.base_url()))
        .header("Authorization", "Bearer abc")
        .header("X-Secret-Other", "not recorded")
        .body("x=髙")
        .send()
        .await
        .expect("send");
    assert_eq!(r.text().await.expect("body"), "x=髙");
    c.get(format!("{}/ping", mall.base_url()))
        .send()
        .await
        .expect("send");
    let reqs = mall.requests();
    assert_eq!(mall.recorder().routes(), vec!["POST /echo", "GET /ping"]);
    assert_eq!(reqs[0].query.as_deref(), Some("a=1&b=%E5%90%89"));
    assert_eq!(reqs[0].query_param("b").as_deref(), Some("吉"));
    assert_eq!(reqs[0].header("Authorization"), Some("Bearer abc"));
    assert_eq!(reqs[0].header("x-secret-other"), None);
    assert_eq!(reqs[0].form_param("x").as_deref(), Some("髙"));
    assert_eq!(reqs[0].status, Some(200));
    assert_eq!(reqs[1].seq, 1);
    mall.clear_requests();
    assert!(mall.recorder().is_empty());
    c.get(format!("{}/nope", mall.base_url()))
        .send()
        .await
        .expect("send");
    assert_eq!(mall.requests()[0].status, Some(404));
    assert_eq!(mall.requests()[0].seq, 2);
}

#[tokio::test]
async fn transport_faults_damage_answers_as_announced() {
    let mall = tiny().await;
    let c = client();
    let url = format!("{}/ping", mall.base_url());
    mall.faults().inject_next(Fault::Status(502));
    mall.faults().inject_next(Fault::MalformedJson);
    mall.faults().inject_next(Fault::HtmlErrorPage(503));
    mall.faults().inject_next(Fault::TruncatedBody);

    let r = c.get(&url).send().await.expect("send");
    assert_eq!(r.status().as_u16(), 502);

    let r = c.get(&url).send().await.expect("send");
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.json::<serde_json::Value>().await.is_err());

    let r = c.get(&url).send().await.expect("send");
    assert_eq!(r.status().as_u16(), 503);
    assert!(r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html")));
    assert!(r.text().await.expect("body").contains("<html"));

    let r = c.get(&url).send().await.expect("send");
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.bytes().await.is_err(),
        "a truncated body must fail to read"
    );

    let r = c.get(&url).send().await.expect("send");
    assert_eq!(
        r.json::<serde_json::Value>().await.expect("json")["pong"],
        "🎁𠮷"
    );

    let faults: Vec<_> = mall.requests().into_iter().map(|r| r.fault).collect();
    assert_eq!(
        faults,
        vec![
            Some(Fault::Status(502)),
            Some(Fault::MalformedJson),
            Some(Fault::HtmlErrorPage(503)),
            Some(Fault::TruncatedBody),
            None
        ]
    );
}

#[tokio::test]
async fn hang_outlasts_the_client_timeout_and_latency_delays() {
    let mall = tiny().await;
    let c = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let url = format!("{}/ping", mall.base_url());
    mall.faults().inject_next(Fault::Hang);
    let err = c.get(&url).send().await.expect_err("must time out");
    assert!(err.is_timeout());
    assert_eq!(mall.requests()[0].status, None);

    mall.faults().set_latency(Duration::from_millis(150));
    let t = std::time::Instant::now();
    client().get(&url).send().await.expect("send");
    assert!(t.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn random_rates_and_maintenance() {
    let mall = tiny().await;
    let c = client();
    let url = format!("{}/ping", mall.base_url());
    mall.faults().update(|f| f.server_error_rate = 1.0);
    for _ in 0..6 {
        let s = c.get(&url).send().await.expect("send").status().as_u16();
        assert!([500, 502, 503].contains(&s), "{s}");
    }
    mall.faults().clear();
    mall.faults().set_maintenance(true);
    let r = c.get(&url).send().await.expect("send");
    assert_eq!(r.status().as_u16(), 503);
    assert!(r.text().await.expect("body").contains("メンテナンス"));
    mall.faults().set_maintenance(false);
    assert_eq!(
        c.get(&url).send().await.expect("send").status().as_u16(),
        200
    );
}

#[tokio::test]
async fn stop_closes_the_port() {
    let mall = tiny().await;
    let url = format!("{}/ping", mall.base_url());
    mall.stop().await;
    assert!(client().get(&url).send().await.is_err());
}
