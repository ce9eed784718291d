//! 送り状設定's check through `Juchu`, as the window calls it: the problems
//! of each field, the sample row for the shop's newest shipment (or the 見本
//! order), and a save refused while a field is wrong.

use juchu_core::labels::{sample::catalog, LabelError, LabelFormat, LabelSettings, Service};
use juchu_core::{Juchu, Profile};

fn cell<'a>(check: &'a juchu_core::labels::LabelSample, column: &str) -> Option<&'a str> {
    check
        .cells
        .iter()
        .find(|c| c.column == column)
        .map(|c| c.value.as_str())
}

fn settings() -> LabelSettings {
    serde_json::from_str(
        r#"{"sender":{"name":"テスト商店","kana":"テストショウテン","phone":"0312345678","zip":"1500001","address":"東京都渋谷区神宮前1-2-3"},"b2_billing_code":"0312345678"}"#,
    )
    .unwrap()
}

#[test]
fn the_sample_row_follows_unsaved_settings_and_a_wrong_field_blocks_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    juchu.seed_samples(30, 7).unwrap();
    let shop = juchu.shops().unwrap()[0].id;

    let check = juchu
        .check_label_settings(shop, LabelFormat::B2, &settings())
        .unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    let s = &check.sample;
    assert!(
        s.mall_order_id.is_some(),
        "a real order of the shop is shown"
    );
    assert_eq!(cell(s, "ご依頼主名"), Some("テスト商店"));
    assert_eq!(cell(s, "ご依頼主電話番号"), Some("0312345678"));
    assert_eq!(cell(s, "ご依頼主郵便番号"), Some("150-0001"));
    assert_eq!(cell(s, "ご依頼主略称カナ"), Some("ﾃｽﾄｼｮｳﾃﾝ"));
    assert_eq!(cell(s, "ご請求先顧客コード"), Some("0312345678"));
    assert_eq!(cell(s, "運賃管理番号"), Some("01"));
    assert!(s.cells.iter().all(|c| !c.value.is_empty()));

    // Without a billing code the sample says what B2 will refuse.
    let mut no_code = settings();
    no_code.b2_billing_code.clear();
    let check = juchu
        .check_label_settings(shop, LabelFormat::B2, &no_code)
        .unwrap();
    assert!(
        check
            .sample
            .issues
            .iter()
            .any(|i| i.message.contains("ご請求先顧客コード")),
        "{:?}",
        check.sample.issues
    );

    // A wrong field: named by the check, and the save is refused.
    let mut wrong = settings();
    wrong.sagawa_customer_code = "12-34".into();
    let check = juchu
        .check_label_settings(shop, LabelFormat::Ehiden3, &wrong)
        .unwrap();
    assert_eq!(check.problems.len(), 1);
    assert_eq!(check.problems[0].key, "sagawa_customer_code");
    match juchu.set_label_settings(shop, &wrong) {
        Err(LabelError::Settings(p)) => assert_eq!(p[0].key, "sagawa_customer_code"),
        other => panic!("expected the save refused, got {other:?}"),
    }
    assert_eq!(
        juchu.label_settings(shop).unwrap(),
        LabelSettings::default()
    );
    juchu.set_label_settings(shop, &settings()).unwrap();
    assert_eq!(juchu.label_settings(shop).unwrap(), settings());
}

#[test]
fn a_shop_without_orders_shows_the_example_order() {
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    juchu.seed_samples(0, 7).unwrap();
    let shop = juchu.shops().unwrap()[0].id;
    let mut st = settings();
    st.sagawa_customer_code = "123456789012".into();
    let check = juchu
        .check_label_settings(shop, LabelFormat::Ehiden3, &st)
        .unwrap();
    assert_eq!(check.sample.mall_order_id, None);
    assert_eq!(cell(&check.sample, "お届け先名称１"), Some("見本　花子"));
    assert!(check.sample.issues.is_empty(), "{:?}", check.sample.issues);
}

#[test]
fn the_catalog_offers_each_format_its_own_services() {
    let c = catalog();
    assert_eq!(c.formats.len(), 4);
    let b2 = &c.formats[0];
    assert_eq!(b2.format, LabelFormat::B2);
    assert!(b2.services.iter().any(|s| s.service == Service::Nekopos));
    assert!(c.formats[1]
        .services
        .iter()
        .all(|s| s.service == Service::Hikyaku));
    assert_eq!(c.slots.len(), 7);
}
