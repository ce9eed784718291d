//! The demo ショップサーブ (what the `fakemall` binary prints and serves).

use fakemall::demo::{start_demo_mall, DemoOptions};
use fakemall::MallKind;

#[tokio::test]
async fn demo_shopserve_prints_its_env_lines_and_the_keys_work() {
    let options = DemoOptions {
        orders: 12,
        seed: 3,
        port_base: None,
    };
    let mall = start_demo_mall(MallKind::Shopserve, &options)
        .await
        .expect("start")
        .expect("a ショップサーブ demo");
    let [base, creds] = mall.env_lines();
    let url = base
        .strip_prefix("JUCHU_API_BASE_SHOPSERVE=")
        .expect("base line");
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with('/'),
        "{url}"
    );
    assert!(
        !url["http://".len()..].contains('/'),
        "all paths below the host: {url}"
    );
    let json = creds
        .strip_prefix("FAKEMALL_CREDENTIALS_SHOPSERVE=")
        .expect("credentials line");
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    let mut keys: Vec<&String> = v.as_object().expect("object").keys().collect();
    keys.sort();
    assert_eq!(keys, vec!["manager_key", "open_key", "shop_id"]);
    let r = reqwest::Client::new()
        .get(format!("{url}/api/v1/carriers"))
        .basic_auth(
            v["shop_id"].as_str().expect("id"),
            v["manager_key"].as_str(),
        )
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 200);
}
