//! `juchu-cli labels export / import` over a real data folder: a B2 file is
//! written, the label software's issued data is read back, applied once,
//! and a second import of the same file changes nothing.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(dir: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_juchu-cli"))
        .args(args)
        .env("JUCHU_DATA_DIR", dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json(dir: &std::path::Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&run(dir, args, "").stdout).unwrap()
}

#[test]
fn export_then_import_issued_data_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    run(dir, &["seed", "--orders", "4"], "");
    run(
        dir,
        &["labels", "settings", "--shop", "1", "--set"],
        r#"{"sender":{"name":"サンプル商店","phone":"06-1234-5678","zip":"5300001","address":"大阪府大阪市北区梅田1-1-1"},"b2_billing_code":"012345678901"}"#,
    );
    let out = dir.join("b2.csv");
    let v = json(
        dir,
        &[
            "labels",
            "export",
            "--format",
            "b2",
            "--shop",
            "1",
            "--out",
            out.to_str().unwrap(),
            "--accept-normalisations",
            "--skip-blocked",
            "--json",
        ],
    );
    let rows = v["plan"]["rows"].as_array().unwrap().len();
    assert!(rows >= 4, "{v}");
    let text = juchu_core::labels::cp932::decode(&std::fs::read(&out).unwrap()).unwrap();
    let mut issued = String::new();
    for (i, line) in text
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        assert_eq!(cells.len(), 97, "{line}");
        let body = 38_971_107_401u64 + i as u64 * 13;
        cells[3] = format!("{body}{}", body % 7);
        issued.push_str(&format!("\"{}\"\r\n", cells.join("\",\"")));
    }
    let file = dir.join("issued.csv");
    std::fs::write(&file, juchu_core::labels::cp932::encode(&issued).unwrap()).unwrap();
    let f = file.to_str().unwrap();

    let dry = json(dir, &["labels", "import", f, "--dry-run", "--json"]);
    assert_eq!(dry["preview"]["matched"].as_array().unwrap().len(), rows);
    assert!(dry["applied"].is_null());
    let applied = json(
        dir,
        &["labels", "import", f, "--status", "発送待ち", "--json"],
    );
    assert_eq!(applied["applied"]["updated"], rows);
    let again = json(dir, &["labels", "import", f, "--json"]);
    assert_eq!(again["applied"]["already_imported"], true);
    assert_eq!(again["applied"]["updated"], 0);

    let orders = json(dir, &["orders", "--shop", "1", "--json"]);
    for o in orders.as_array().unwrap() {
        if o["tracking_number"].is_string() {
            assert_eq!(o["carrier"], "ヤマト運輸");
            assert_ne!(o["status"], "新規受付", "{o}");
        }
    }
}
