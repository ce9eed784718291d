//! The record file, in process: every request of every mall sharing one sink becomes one JSON
//! line, written once answered (a hang at once, without a status).

use std::time::Duration;

use fakemall::base::FakeBase;
use fakemall::bcart::FakeBcart;
use fakemall::testkit::{form, frozen_options, http, send, t0, temp_path, wait_for_record_lines};
use fakemall::{Fault, MallFake, RecordSink, StartOptions};
use serde_json::json;

/// The fake `F` on the frozen clock, recording into `sink`.
async fn recording<F: MallFake>(sink: &RecordSink) -> F {
    let start = StartOptions {
        record_sink: Some(sink.clone()),
        ..frozen_options()
    };
    F::start(F::config(2, 1, start))
        .await
        .unwrap_or_else(|e| panic!("start {}: {e}", F::KIND.id()))
}

#[tokio::test]
async fn two_malls_write_their_requests_to_one_file() {
    let path = temp_path("record-two-malls.jsonl");
    let sink = RecordSink::create(&path).expect("create the record file");
    let base: FakeBase = recording(&sink).await;
    let bcart: FakeBcart = recording(&sink).await;

    let token = send(
        http()
            .post(format!("{}/1/oauth/token", base.base_url()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", "nope"),
            ])),
    )
    .await;
    assert_eq!(token.status, 400);
    let patch = send(
        http()
            .patch(format!("{}/orders/1", bcart.api_base_url()))
            .json(&json!({"status": "完了"})),
    )
    .await;
    assert_eq!(patch.status, 401);

    let lines = wait_for_record_lines(&path, 2, Duration::from_secs(5)).await;
    let time = t0().to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    let first = &lines[0];
    assert_eq!(
        (first.mall.as_str(), first.seq, first.time.as_str()),
        ("base", 0, time.as_str())
    );
    assert_eq!(first.route(), "POST /1/oauth/token");
    assert_eq!(
        first.body,
        json!({"grant_type": "refresh_token", "refresh_token": "nope"})
    );
    assert_eq!((first.status, first.fault.as_deref()), (Some(400), None));
    let second = &lines[1];
    assert_eq!(second.mall, "bcart");
    assert_eq!(second.route(), "PATCH /api/v1/orders/1");
    assert_eq!(second.body, json!({"status": "完了"}));
    assert_eq!(second.status, Some(401));
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn faults_are_named_and_a_hang_is_written_at_once_without_a_status() {
    let path = temp_path("record-faults.jsonl");
    let sink = RecordSink::create(&path).expect("create the record file");
    let base: FakeBase = recording(&sink).await;
    base.faults().inject_next(Fault::Status(503));
    base.faults().inject_next(Fault::Hang);
    let url = format!("{}/1/orders?limit=1", base.base_url());
    assert_eq!(send(http().get(&url)).await.status, 503);

    // The client waits for the hung answer while the test reads the file.
    let hung = tokio::spawn(http().get(&url).send());
    let lines = wait_for_record_lines(&path, 2, Duration::from_secs(5)).await;
    assert_eq!(lines[0].fault.as_deref(), Some("status:503"));
    assert_eq!(lines[0].query.as_deref(), Some("limit=1"));
    assert_eq!(lines[0].body, serde_json::Value::Null);
    assert_eq!((lines[1].seq, lines[1].status), (1, None));
    assert_eq!(lines[1].fault.as_deref(), Some("hang"));
    assert!(!hung.is_finished());
    base.stop().await;
    let _ = hung.await;
    let after = fakemall::record_file::read(&path).expect("read the record file");
    assert_eq!(after.len(), 2, "a hang is written once: {after:#?}");
    let _ = std::fs::remove_file(&path);
}
