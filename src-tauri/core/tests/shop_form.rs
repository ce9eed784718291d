//! The setup wizard's checks, as core runs them for the window, the CLI and
//! the tests: one sentence per field, full-width digits read as half-width,
//! a mall account connected once only, blank keys kept on an edit.

use std::collections::BTreeMap;

use juchu_core::domain::{Mall, Status};
use juchu_core::shop_admin::ConnectionState;
use juchu_core::shop_form::{FieldError, ShopForm};
use juchu_core::{Juchu, Profile};

const ID: &str = "0123456789abcdef0123456789abcdef";
const SECRET: &str = "fedcba9876543210fedcba9876543210";

fn form(pairs: &[(&str, &str)]) -> ShopForm {
    ShopForm {
        mall: Mall::Base,
        values: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
    }
}

fn message(errors: &[FieldError], key: &str) -> String {
    errors
        .iter()
        .find(|e| e.key == key)
        .map(|e| e.message.clone())
        .unwrap_or_else(|| panic!("no error for {key}: {errors:?}"))
}

fn open() -> (tempfile::TempDir, Juchu) {
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    (dir, juchu)
}

#[test]
fn a_new_shop_starts_from_the_mall_defaults_and_a_free_name() {
    let (_dir, juchu) = open();
    let start = juchu.wizard_start(Mall::Base, None).unwrap();
    assert_eq!(start.values["name"], "BASE 1号店");
    assert_eq!(start.values["days"], "7");
    assert_eq!(start.values["auto"], "on");
    assert_eq!(start.values["interval"], "30");
    assert_eq!(start.values["initial_status"], "新規受付");
    assert_eq!(start.values["client_id"], "");
    assert!(!start.stored["client_secret"]);
    assert!(!start.connected);
    let titles: Vec<&str> = start
        .wizard
        .steps
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "BASE Developers に登録",
            "アプリを作成",
            "client_id と client_secret",
            "設定",
            "アクセスキーを取得"
        ]
    );
}

#[test]
fn each_field_gets_its_own_sentence() {
    let (_dir, juchu) = open();
    let errors = juchu
        .check_shop_form(
            &form(&[
                ("name", " "),
                ("client_id", "クライアント"),
                ("client_secret", ""),
                ("days", "0"),
                ("interval", "30"),
            ]),
            None,
        )
        .unwrap();
    assert!(message(&errors, "name").contains("ショップ名を入力してください"));
    assert!(message(&errors, "client_id").contains("半角の英数字"));
    assert!(message(&errors, "client_secret")
        .contains("BASE Developers のアプリ情報に表示されています"));
    assert!(message(&errors, "days").contains("1〜90"));
    assert!(!errors.iter().any(|e| e.key == "interval"), "{errors:?}");
    let half = juchu
        .check_shop_form(&form(&[("client_id", "0123456789")]), None)
        .unwrap();
    assert!(message(&half, "client_id").contains("いまは10文字"));
}

#[test]
fn full_width_numbers_and_keys_are_accepted_and_stored_half_width() {
    let (_dir, juchu) = open();
    let full_width_id: String = ID
        .chars()
        .map(|c| char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap())
        .collect();
    let f = form(&[
        ("name", "BASE 本店"),
        ("client_id", &full_width_id),
        ("client_secret", SECRET),
        ("days", "１４"),
        ("interval", "６０"),
        ("initial_status", "保留"),
        ("export_scope", "done_only"),
    ]);
    assert_eq!(juchu.check_shop_form(&f, None).unwrap(), vec![]);
    let shop = juchu.save_shop_form(&f, None).unwrap();
    assert_eq!(shop.settings.fetch_days, 14);
    assert_eq!(shop.settings.fetch_interval_minutes, 60);
    assert_eq!(shop.settings.initial_status, Status::OnHold);
    assert_eq!(
        juchu
            .secrets()
            .get(shop.id, "client_id")
            .unwrap()
            .as_deref(),
        Some(ID)
    );
}

#[test]
fn the_same_account_cannot_be_connected_twice() {
    let (_dir, juchu) = open();
    let first = juchu
        .save_shop_form(
            &form(&[
                ("name", "BASE 1号店"),
                ("client_id", ID),
                ("client_secret", SECRET),
            ]),
            None,
        )
        .unwrap();
    let second = form(&[
        ("name", "BASE 2号店"),
        ("client_id", &format!(" {ID} ")),
        ("client_secret", SECRET),
    ]);
    let errors = juchu.check_shop_form(&second, None).unwrap();
    assert!(message(&errors, "client_id").contains("「BASE 1号店」で使われています"));
    let e = juchu.save_shop_form(&second, None).unwrap_err();
    assert_eq!(e.code(), "INVALID_FIELDS");
    // Its own shop may keep (or retype) its id.
    let same = form(&[("name", "BASE 1号店"), ("client_id", ID)]);
    assert_eq!(
        juchu.check_shop_form(&same, Some(first.id)).unwrap(),
        vec![]
    );
    let renamed = form(&[("name", "BASE 1号店")]);
    assert_eq!(
        juchu.check_shop_form(&renamed, Some(first.id)).unwrap(),
        vec![]
    );
}

#[test]
fn an_edit_keeps_stored_keys_and_the_wizard_reads_them_as_stored() {
    let (_dir, juchu) = open();
    let shop = juchu
        .save_shop_form(
            &form(&[
                ("name", "BASE 1号店"),
                ("client_id", ID),
                ("client_secret", SECRET),
                ("days", "10"),
            ]),
            None,
        )
        .unwrap();
    let start = juchu.wizard_start(Mall::Base, Some(shop.id)).unwrap();
    assert_eq!(start.values["days"], "10");
    assert_eq!(
        start.values["client_secret"], "",
        "a secret is never read back"
    );
    assert!(start.stored["client_id"] && start.stored["client_secret"]);
    let edited = juchu
        .save_shop_form(
            &form(&[
                ("name", "BASE 本店"),
                ("client_id", ""),
                ("client_secret", ""),
                ("auto", "off"),
            ]),
            Some(shop.id),
        )
        .unwrap();
    assert!(!edited.settings.auto_fetch);
    assert_eq!(
        juchu
            .secrets()
            .get(shop.id, "client_secret")
            .unwrap()
            .as_deref(),
        Some(SECRET)
    );
    // Saved keys without an access key: the list says 設定の途中, not 未設定.
    let statuses = juchu.shop_statuses().unwrap();
    assert_eq!(statuses[0].state, ConnectionState::Incomplete);
    assert_eq!(statuses[0].state_label, "設定の途中");
}
