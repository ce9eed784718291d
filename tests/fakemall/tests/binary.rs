//! The `fakemall` binary prints the env lines and serves BASE until killed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn binary_prints_env_lines_and_serves_base() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fakemall"))
        .args(["--orders", "12", "--seed", "5"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn fakemall");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    let second = lines.next().and_then(Result::ok).unwrap_or_default();
    let url = first
        .strip_prefix("JUCHU_API_BASE_BASE=")
        .map(str::to_string);
    let creds = second
        .strip_prefix("FAKEMALL_CREDENTIALS_BASE=")
        .map(str::to_string);

    let result = async {
        let url = url.ok_or("no JUCHU_API_BASE_BASE line")?;
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let creds: serde_json::Value = serde_json::from_str(&creds.ok_or("no credentials line")?)?;
        let obj = creds.as_object().ok_or("credentials not an object")?;
        assert_eq!(obj.len(), 2);
        let id = obj["client_id"].as_str().ok_or("client_id")?;
        let secret = obj["client_secret"].as_str().ok_or("client_secret")?;
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
        let r = client
            .get(format!("{url}/1/oauth/authorize?response_type=code&client_id={id}&redirect_uri=http%3A%2F%2F127.0.0.1%3A4567%2Foauth%2Fbase&scope=read_orders&state=q"))
            .send()
            .await?;
        assert_eq!(r.status().as_u16(), 302);
        let location = r.headers().get("location").and_then(|v| v.to_str().ok()).ok_or("location")?.to_string();
        let code = url::Url::parse(&location)?
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .ok_or("code")?;
        let token: serde_json::Value = client
            .post(format!("{url}/1/oauth/token"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string([
                ("grant_type", "authorization_code"),
                ("client_id", id),
                ("client_secret", secret),
                ("code", &code),
                ("redirect_uri", "http://127.0.0.1:4567/oauth/base"),
            ])?)
            .send()
            .await?
            .json()
            .await?;
        let access = token["access_token"].as_str().ok_or("access_token")?;
        let orders: serde_json::Value = client
            .get(format!("{url}/1/orders?limit=100"))
            .bearer_auth(access)
            .send()
            .await?
            .json()
            .await?;
        assert_eq!(orders["orders"].as_array().map(Vec::len), Some(12));
        Ok::<(), Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = result {
        panic!("{e}");
    }
}
