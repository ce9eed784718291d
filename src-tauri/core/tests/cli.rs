//! `juchu-cli` against a real data folder and the real keyring (run the tests
//! inside `keyctl session -` on Linux, as the README's test command does).

use std::io::Write;
use std::process::{Command, Output, Stdio};

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_juchu-cli"))
            .args(args)
            .env("JUCHU_DATA_DIR", self.dir.path())
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
        child.wait_with_output().unwrap()
    }
    fn ok(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args, "")).unwrap()
    }
    fn fails(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run(args, stdin);
        assert!(!out.status.success(), "{args:?} should fail");
        String::from_utf8(out.stderr).unwrap()
    }
}

#[test]
fn shops_are_added_with_credentials_from_stdin_and_removed() {
    let cli = Cli::new();
    let added = cli.json_with_stdin(
        &[
            "shop",
            "add",
            "--mall",
            "base",
            "--name",
            "BASE 1号店",
            "--set",
            "days=１４",
            "--json",
        ],
        r#"{"client_id":"cid-1234567890abcdef","client_secret":"very-secret-value"}"#,
    );
    let id = added["id"].as_i64().unwrap();
    let shops = cli.json(&["shops", "--json"]);
    assert_eq!(shops[0]["name"], "BASE 1号店");
    assert_eq!(shops[0]["mall"], "base");
    assert_eq!(shops[0]["settings"]["fetch_days"], 14);
    // The secret went to the keyring, not to SQLite.
    let db = std::fs::read(cli.dir.path().join("juchu.sqlite3")).unwrap();
    let wal = std::fs::read(cli.dir.path().join("juchu.sqlite3-wal")).unwrap_or_default();
    for bytes in [&db, &wal] {
        assert!(
            !bytes.windows(17).any(|w| w == b"very-secret-value"),
            "secret found in the database"
        );
    }
    let err = cli.fails(
        &["shop", "add", "--mall", "base", "--name", "BASE 2号店"],
        r#"{"client_id":"x"}"#,
    );
    assert!(
        err.contains("MISSING_CREDENTIALS") && err.contains("client_secret"),
        "{err}"
    );
    // The same BASE app twice would fetch every order twice.
    let err = cli.fails(
        &["shop", "add", "--mall", "base", "--name", "BASE 2号店"],
        r#"{"client_id":"ｃｉｄ-1234567890abcdef","client_secret":"another-secret-value"}"#,
    );
    assert!(
        err.contains("INVALID_FIELDS") && err.contains("「BASE 1号店」で使われています"),
        "{err}"
    );
    let err = cli.fails(
        &["shop", "add", "--mall", "base", "--name", "BASE 2号店"],
        r#"{"client_id":"クライアントID","client_secret":"another-secret-value"}"#,
    );
    assert!(err.contains("client_idは半角の英数字です"), "{err}");
    let err = cli.fails(&["shop", "add", "--mall", "rakuten", "--name", "x"], "{}");
    assert!(err.contains("対応していません"), "{err}");
    cli.ok(&["shop", "remove", &id.to_string()], "");
    assert_eq!(cli.json(&["shops", "--json"]).as_array().unwrap().len(), 0);
}

#[test]
fn orders_move_and_ship_follow_the_contract() {
    let cli = Cli::new();
    cli.ok(&["seed", "--orders", "20", "--seed", "3"], "");
    let orders = cli.json(&["orders", "--json"]);
    let orders = orders.as_array().unwrap();
    assert_eq!(orders.len(), 100);
    for key in [
        "id",
        "shop_id",
        "mall",
        "mall_order_id",
        "status",
        "ordered_at",
        "buyer_name",
        "total",
        "tracking_number",
        "ship_date",
        "carrier",
    ] {
        assert!(orders[0].get(key).is_some(), "missing {key}");
    }
    assert!(
        chrono::DateTime::parse_from_rfc3339(orders[0]["ordered_at"].as_str().unwrap()).is_ok()
    );
    let target = orders.iter().find(|o| o["status"] == "新規受付").unwrap();
    let mall_no = target["mall_order_id"].as_str().unwrap();

    cli.ok(&["move", mall_no, "発送待ち"], "");
    let waiting = cli.json(&["orders", "--status", "発送待ち", "--json"]);
    assert!(waiting
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["mall_order_id"] == mall_no));
    let err = cli.fails(&["move", "NO-SUCH-ORDER", "発送待ち"], "");
    assert!(
        err.contains("ORDER_NOT_FOUND") && err.contains("NO-SUCH-ORDER"),
        "{err}"
    );
    let err = cli.fails(&["move", mall_no, "発送済"], "");
    assert!(err.contains("UNKNOWN_STATUS"), "{err}");

    let err = cli.fails(
        &[
            "ship",
            mall_no,
            "--tracking",
            "12-34",
            "--date",
            "2026-11-23",
            "--carrier",
            "ヤマト運輸",
        ],
        "",
    );
    assert!(
        err.contains("INVALID_TRACKING") && err.contains("12桁"),
        "{err}"
    );
    let err = cli.fails(
        &[
            "ship",
            mall_no,
            "--tracking",
            "123456789012",
            "--date",
            "11月23日",
            "--carrier",
            "ヤマト運輸",
        ],
        "",
    );
    assert!(err.contains("INVALID_DATE"), "{err}");
    // 123456789012 fails ヤマト's check digit (7DR): saved, with a warning.
    let out = cli.run(
        &[
            "ship",
            mall_no,
            "--tracking",
            "1234-5678-9012",
            "--date",
            "2026/11/23",
            "--carrier",
            "ヤマト運輸",
        ],
        "",
    );
    assert!(out.status.success());
    let warned = String::from_utf8(out.stderr).unwrap();
    assert!(
        warned.contains("注意") && warned.contains("チェックディジット"),
        "{warned}"
    );
    let found = cli.json(&["orders", "--search", "123456789012", "--json"]);
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["tracking_number"], "123456789012");
    assert_eq!(found[0]["ship_date"], "2026-11-23");
    assert_eq!(found[0]["carrier"], "ヤマト運輸");

    let log = cli.json(&["log", "--json"]);
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["message"].as_str().unwrap().contains("発送待ち")));
}

#[test]
fn a_newer_database_is_refused_with_a_japanese_message() {
    let cli = Cli::new();
    {
        let c = rusqlite::Connection::open(cli.dir.path().join("juchu.sqlite3")).unwrap();
        c.execute_batch("PRAGMA user_version = 42;").unwrap();
    }
    let err = cli.fails(&["orders"], "");
    assert!(
        err.contains("DB_TOO_NEW") && err.contains("最新版"),
        "{err}"
    );
}

impl Cli {
    fn json_with_stdin(&self, args: &[&str], stdin: &str) -> serde_json::Value {
        serde_json::from_str(&self.ok(args, stdin)).unwrap()
    }
}

/// The `FAKEMALL_CREDENTIALS_<MALL>` line the fakemall binary prints for each
/// mall is exactly what `juchu-cli shop add --mall <mall>` reads on stdin.
#[tokio::test]
async fn fakemall_credentials_are_what_shop_add_accepts() {
    use fakemall::demo::{start_demo_mall, DemoOptions};
    use fakemall::MallKind;
    let cli = Cli::new();
    let options = DemoOptions {
        orders: 1,
        seed: 1,
        port_base: None,
    };
    for kind in MallKind::ALL {
        let Some(mall) = start_demo_mall(kind, &options).await.unwrap() else {
            panic!("no demo fake for {kind:?}");
        };
        let [api, creds] = mall.env_lines();
        assert!(
            api.starts_with(&format!(
                "JUCHU_API_BASE_{}=http://127.0.0.1:",
                kind.env_suffix()
            )),
            "{api}"
        );
        let (name, json) = creds.split_once('=').unwrap();
        assert_eq!(name, format!("FAKEMALL_CREDENTIALS_{}", kind.env_suffix()));
        let added = cli.json_with_stdin(
            &[
                "shop",
                "add",
                "--mall",
                kind.id(),
                "--name",
                &format!("{} デモ", kind.id()),
                "--json",
            ],
            json,
        );
        assert!(added["id"].as_i64().is_some(), "{kind:?}");
    }
    assert_eq!(cli.json(&["shops", "--json"]).as_array().unwrap().len(), 5);
}

#[test]
fn orders_are_imported_from_json_with_their_shipments() {
    let cli = Cli::new();
    cli.ok(&["seed", "--orders", "1", "--seed", "2"], "");
    let shop = cli.json(&["shops", "--json"])[0]["id"].as_i64().unwrap();
    let party = |name: &str| serde_json::json!({ "name": name, "kana": null, "zip": "530-0001", "address": "大阪府大阪市北区梅田1-1-1", "phone": "06-1111-2222", "email": null });
    let order = serde_json::json!([{
        "mall_order_id": "FIX-2SHIP", "mall_refs": [], "ordered_at": 1764547200,
        "mall_status": "ordered", "mall_state": "open", "initial_status": "発送待ち",
        "buyer": party("山田 太郎"), "ship_to": party("山田 太郎"),
        "payment_method": "クレジットカード決済", "shipping_fee": 0, "total": 3000, "remark": "",
        "items": [
            { "mall_item_id": "1", "sku": null, "name": "緑茶", "variation": null, "unit_price": 1000, "quantity": 1 },
            { "mall_item_id": "2", "sku": null, "name": "煎茶", "variation": null, "unit_price": 2000, "quantity": 1 }
        ],
        "shipments": [
            { "shipment_ref": "A", "ship_to": party("山田 本店"), "mall_status": "未発送", "mall_state": "open", "item_ids": ["1"] },
            { "shipment_ref": "B", "ship_to": party("山田 支店"), "mall_status": "未発送", "mall_state": "open", "item_ids": ["2"] }
        ],
        "raw": {}, "mall_modified": null
    }]);
    let out = cli.ok(&["import", "--shop", &shop.to_string()], &order.to_string());
    assert!(out.contains("新規 1件"), "{out}");
    let found = cli.json(&["orders", "--search", "山田 支店", "--json"]);
    assert_eq!(found[0]["mall_order_id"], "FIX-2SHIP");
    assert_eq!(found[0]["shipment_count"], 2);
    let err = cli.fails(&["import", "--shop", &shop.to_string()], "{}");
    assert!(err.contains("ORDERS_NOT_JSON"), "{err}");
}
