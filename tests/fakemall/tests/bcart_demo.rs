//! The demo Bカート (what the `fakemall` binary prints and serves).

use fakemall::demo::{start_demo_mall, DemoOptions};
use fakemall::MallKind;

#[tokio::test]
async fn demo_bcart_prints_its_env_lines_and_the_token_works() {
    let options = DemoOptions {
        orders: 12,
        seed: 3,
        port_base: None,
    };
    let mall = start_demo_mall(MallKind::Bcart, &options)
        .await
        .expect("start")
        .expect("a Bカート demo");
    let [base, creds] = mall.env_lines();
    let url = base
        .strip_prefix("JUCHU_API_BASE_BCART=")
        .expect("base line");
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/api/v1"),
        "{url}"
    );
    let json = creds
        .strip_prefix("FAKEMALL_CREDENTIALS_BCART=")
        .expect("credentials line");
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    assert_eq!(v.as_object().map(|o| o.len()), Some(1));
    let token = v["access_token"].as_str().expect("access_token");
    let r = reqwest::Client::new()
        .get(format!("{url}/orders?limit=100"))
        .bearer_auth(token)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 200);
    let body: serde_json::Value = r.json().await.expect("json");
    assert_eq!(body["orders"].as_array().map(Vec::len), Some(12));
}
