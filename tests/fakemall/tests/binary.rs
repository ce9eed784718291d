//! The `fakemall` binary prints the env lines and serves every mall until killed; `--help`
//! documents the flags that observe and disturb it.

use std::process::Command;

use fakemall::testkit::{form, http, send, FakemallChild};
use fakemall::MallKind;

#[tokio::test]
async fn binary_prints_env_lines_and_serves_base() {
    let fakes = FakemallChild::spawn(
        env!("CARGO_BIN_EXE_fakemall"),
        ["--orders", "12", "--seed", "5"],
    );
    let url = fakes.api_base(MallKind::Base);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let creds = fakes
        .credentials(MallKind::Base)
        .as_object()
        .expect("credentials object");
    assert_eq!(creds.len(), 2);
    let id = creds["client_id"].as_str().expect("client_id");
    let secret = creds["client_secret"].as_str().expect("client_secret");

    let authorize = send(http().get(format!(
        "{url}/1/oauth/authorize?response_type=code&client_id={id}&redirect_uri=http%3A%2F%2F127.0.0.1%3A4567%2Foauth%2Fbase&scope=read_orders&state=q"
    )))
    .await;
    assert_eq!(authorize.status, 302);
    let location = authorize.header("location").expect("location");
    let code = url::Url::parse(location)
        .expect("location URL")
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("code");
    let token = send(
        http()
            .post(format!("{url}/1/oauth/token"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&[
                ("grant_type", "authorization_code"),
                ("client_id", id),
                ("client_secret", secret),
                ("code", &code),
                ("redirect_uri", "http://127.0.0.1:4567/oauth/base"),
            ])),
    )
    .await;
    let access = token.body["access_token"].as_str().expect("access_token");
    let orders = send(
        http()
            .get(format!("{url}/1/orders?limit=100"))
            .bearer_auth(access),
    )
    .await;
    assert_eq!(orders.body["orders"].as_array().map(Vec::len), Some(12));
}

#[test]
fn help_documents_record_latency_and_fault_specs() {
    let out = Command::new(env!("CARGO_BIN_EXE_fakemall"))
        .arg("--help")
        .output()
        .expect("run fakemall --help");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--record <FILE>",
        "--latency-ms <N>",
        "--fault <SPEC>",
        "[MALL:]FAULT[:VALUE][@PATH]",
        "5xx",
        "timeout",
        "malformed",
        "truncated",
        "ratelimit",
        "maintenance",
        "expired",
        "fakemall --fault base:5xx:1@/1/orders",
        "\"status\":200",
    ] {
        assert!(help.contains(needle), "--help lacks {needle:?}:\n{help}");
    }
}

#[test]
fn bad_fault_specs_are_usage_errors() {
    for (args, says) in [
        (&["--fault", "boom"][..], "unknown fault \"boom\""),
        (&["--fault", "5xx:2"][..], "from 0 to 1"),
        (
            &["--fault", "base:5xx@/1/orders", "--latency-ms", "5"][..],
            "same @PATH",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_fakemall"))
            .args(args)
            .output()
            .expect("run fakemall");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} started serving");
    }
}
