//! `fakemall --fault SPEC` and `--latency-ms N` take effect through the binary.

use std::time::{Duration, Instant};

use fakemall::testkit::{http, send, temp_path, wait_for_record_lines, FakemallChild};
use fakemall::MallKind;

const SERVER_ERRORS: [u16; 3] = [500, 502, 503];

#[tokio::test]
async fn a_mall_scoped_5xx_fault_and_latency_hit_every_call() {
    let path = temp_path("binary-faults.jsonl");
    let record = path.to_string_lossy().into_owned();
    let fakes = FakemallChild::spawn(
        env!("CARGO_BIN_EXE_fakemall"),
        [
            "--orders",
            "2",
            "--fault",
            "base:5xx:1",
            "--latency-ms",
            "300",
            "--record",
            &record,
        ],
    );
    let base = fakes.api_base(MallKind::Base).to_string();
    for path in ["/1/orders", "/1/oauth/authorize", "/1/delivery_companies"] {
        let started = Instant::now();
        let answer = send(http().get(format!("{base}{path}"))).await;
        assert!(SERVER_ERRORS.contains(&answer.status), "{path}: {answer:?}");
        assert!(started.elapsed() >= Duration::from_millis(300), "{path}");
    }
    // Bカート has no fault but the latency: its own 401 for a missing token, late.
    let started = Instant::now();
    let bcart = send(http().get(format!("{}/orders", fakes.api_base(MallKind::Bcart)))).await;
    assert_eq!(bcart.status, 401);
    assert!(started.elapsed() >= Duration::from_millis(300));

    let lines = wait_for_record_lines(&path, 4, Duration::from_secs(5)).await;
    for line in &lines[..3] {
        let fault = line.fault.as_deref().unwrap_or_default();
        assert!(fault.starts_with("status:5"), "{line:?}");
        assert_eq!(
            line.status.map(|s| format!("status:{s}")).as_deref(),
            Some(fault)
        );
    }
    assert_eq!(
        (lines[3].mall.as_str(), lines[3].fault.as_deref()),
        ("bcart", None)
    );
    drop(fakes);
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn path_scoped_faults_and_mall_switches() {
    let fakes = FakemallChild::spawn(
        env!("CARGO_BIN_EXE_fakemall"),
        [
            "--orders",
            "2",
            "--fault",
            "base:5xx@/1/orders",
            "--fault",
            "bcart:ratelimit",
            "--fault",
            "shopserve:maintenance",
        ],
    );
    let base = fakes.api_base(MallKind::Base);
    let orders = send(http().get(format!("{base}/1/orders"))).await;
    assert!(SERVER_ERRORS.contains(&orders.status), "{orders:?}");
    let companies = send(http().get(format!("{base}/1/delivery_companies"))).await;
    assert_eq!(companies.status, 400, "outside the path: BASE's own answer");

    let token = fakes.credentials(MallKind::Bcart)["access_token"]
        .as_str()
        .expect("access_token")
        .to_string();
    let limited = send(
        http()
            .get(format!("{}/orders", fakes.api_base(MallKind::Bcart)))
            .bearer_auth(token),
    )
    .await;
    assert_eq!(limited.status, 429, "{limited:?}");
    assert!(limited.header("retry-after").is_some());

    let shopserve = send(http().get(format!(
        "{}/api/v1/orders",
        fakes.api_base(MallKind::Shopserve)
    )))
    .await;
    assert_eq!(shopserve.status, 503);
    assert_eq!(shopserve.body["result"], "error", "{shopserve:?}");

    let qoo10 = send(http().get(fakes.api_base(MallKind::Qoo10))).await;
    assert!(qoo10.status < 500, "no fault for Qoo10: {qoo10:?}");
}
