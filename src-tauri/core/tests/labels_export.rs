//! 送り状データ出力: golden files per format (column count and order, codes,
//! byte widths), a round trip through a CP932 decoder, the blocked
//! combinations and the normalisations offered before writing.
//! `UPDATE_GOLDEN=1 cargo test -p juchu-core --test labels_export` rewrites the files.

use std::collections::HashMap;

use chrono::NaiveDate;
use juchu_core::domain::Party;
use juchu_core::labels::cp932;
use juchu_core::labels::export::{plan, render, LabelShipment, WriteOptions};
use juchu_core::labels::layouts::columns;
use juchu_core::labels::settings::{MethodService, Sender};
use juchu_core::labels::{LabelError, LabelFormat, LabelSettings, Service};

fn settings() -> LabelSettings {
    LabelSettings {
        sender: Sender {
            name: "株式会社サンプル商店".into(),
            kana: "ｻﾝﾌﾟﾙｼｮｳﾃﾝ".into(),
            phone: "06-1234-5678".into(),
            zip: "5300001".into(),
            address: "大阪府大阪市北区梅田1-1-1".into(),
            building: "サンプルビル3F".into(),
        },
        b2_billing_code: "012345678901".into(),
        sagawa_customer_code: "123456789012".into(),
        yupri_form_code: "1100780".into(),
        method_services: vec![
            MethodService {
                method: "メール便".into(),
                service: Service::Nekopos,
            },
            MethodService {
                method: "ゆうパケット".into(),
                service: Service::YuPacket,
            },
        ],
        cod_tax_percent: 8,
        ..LabelSettings::default()
    }
}

fn ship(id: i64, name: &str, address: &str, payment: &str, method: Option<&str>) -> LabelShipment {
    LabelShipment {
        key: format!("J{id}"),
        order_id: id,
        shop_id: 1,
        mall_order_id: format!("ORD{id}"),
        shipment_ref: String::new(),
        ship_to: Party {
            name: name.into(),
            kana: None,
            zip: Some("150-0001".into()),
            address: address.into(),
            phone: Some("090-1234-5678".into()),
            email: None,
        },
        item_names: vec!["Tシャツ".into()],
        payment_method: payment.into(),
        total: 3980,
        order_shipments: 1,
        shipping_method: method.map(String::from),
        wish_date: None,
        wish_time: None,
    }
}

fn shipments() -> Vec<LabelShipment> {
    let mut a = ship(
        10001,
        "山田 太郎",
        "東京都渋谷区神宮前1-2-3 サンプルマンション101",
        "クレジットカード",
        None,
    );
    a.wish_date = NaiveDate::from_ymd_opt(2026, 8, 7);
    a.wish_time = Some("14:00～16:00".into());
    let b = ship(
        10002,
        "佐藤 花子",
        "東京都千代田区永田町2-3-4",
        "代金引換",
        None,
    );
    vec![a, b]
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 8, 5).unwrap()
}

fn map() -> HashMap<i64, LabelSettings> {
    HashMap::from([(1, settings())])
}

fn decode_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = cp932::decode(bytes).expect("CP932");
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "CRLF only");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn golden(name: &str, bytes: &[u8]) {
    let path = format!("{}/tests/golden/labels/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, bytes).unwrap();
    }
    let want = std::fs::read(&path).unwrap_or_else(|_| panic!("{path}: run with UPDATE_GOLDEN=1"));
    assert!(want == bytes, "{name} differs from its golden file");
}

fn write(format: LabelFormat, list: &[LabelShipment]) -> Vec<Vec<u8>> {
    let p = plan(format, list, &map(), today());
    assert!(p.blocked.is_empty(), "{:?}", p.blocked);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    render(&p, WriteOptions::default())
        .unwrap()
        .into_iter()
        .map(|f| f.bytes)
        .collect()
}

fn check_widths(format: LabelFormat, rows: &[Vec<String>]) {
    let cols = columns(format);
    assert_eq!(rows[0], cols.iter().map(|c| c.name).collect::<Vec<_>>());
    for r in &rows[1..] {
        assert_eq!(r.len(), cols.len(), "{format:?} column count");
        for (cell, c) in r.iter().zip(cols) {
            assert!(cp932::byte_len(cell).unwrap() <= c.max, "{} {cell}", c.name);
        }
    }
}

#[test]
fn b2_golden_97_columns_codes_and_widths() {
    let mut list = shipments();
    list.push(ship(
        10003,
        "鈴木 一郎",
        "北海道札幌市中央区北一条西1-1",
        "銀行振込",
        Some("メール便"),
    ));
    let files = write(LabelFormat::B2, &list);
    assert_eq!(files.len(), 1);
    golden("b2.csv", &files[0]);
    let rows = decode_rows(&files[0]);
    check_widths(LabelFormat::B2, &rows);
    assert_eq!(rows.len(), 4);
    let (a, b, c) = (&rows[1], &rows[2], &rows[3]);
    assert_eq!(
        &a[..7],
        ["J10001", "0", "0", "", "2026/08/05", "2026/08/07", "1416"]
    );
    assert_eq!(a[10], "150-0001");
    assert_eq!(a[19], "06-1234-5678");
    assert_eq!(a[21], "530-0001");
    assert_eq!(a[27], "雑貨");
    assert_eq!(a[32], "注文番号ORD10001");
    assert_eq!((a[39].as_str(), a[41].as_str()), ("012345678901", "01"));
    // コレクト: 2, amount and the tax included (8%), no 発行枚数.
    assert_eq!(b[1], "2");
    assert_eq!(
        (b[33].as_str(), b[34].as_str(), b[37].as_str()),
        ("3980", "294", "")
    );
    // ネコポス: A, and no date or time.
    assert_eq!((c[1].as_str(), c[5].as_str(), c[6].as_str()), ("A", "", ""));
}

#[test]
fn b2_nekopos_in_the_old_meaning_is_7() {
    let mut st = settings();
    st.b2_nekopos_as_7 = true;
    let list = [ship(
        1,
        "山田 太郎",
        "東京都渋谷区1-1",
        "",
        Some("メール便"),
    )];
    let p = plan(LabelFormat::B2, &list, &HashMap::from([(1, st)]), today());
    assert_eq!(p.rows[0].cells[1], "7");
}

#[test]
fn ehiden3_golden_74_columns_full_width() {
    let files = write(LabelFormat::Ehiden3, &shipments());
    golden("ehiden3.csv", &files[0]);
    let rows = decode_rows(&files[0]);
    check_widths(LabelFormat::Ehiden3, &rows);
    let (a, b) = (&rows[1], &rows[2]);
    assert_eq!(a[4], "東京都渋谷区神宮前１－２－３");
    assert_eq!(a[5], "サンプルマンション１０１");
    assert_eq!(a[9], "J10001");
    assert_eq!(a[10], "123456789012");
    assert_eq!((a[44].as_str(), a[45].as_str()), ("20260807", "14"));
    assert_eq!((a[57].as_str(), a[60].as_str()), ("1", "20260805"));
    assert_eq!(
        (b[47].as_str(), b[48].as_str(), b[49].as_str()),
        ("3980", "294", "1")
    );
}

#[test]
fn yupri_golden_117_columns() {
    let files = write(LabelFormat::Yupri, &shipments());
    golden("yupri.csv", &files[0]);
    let rows = decode_rows(&files[0]);
    check_widths(LabelFormat::Yupri, &rows);
    let (a, b) = (&rows[1], &rows[2]);
    assert_eq!(&a[..2], ["J10001", "20260805"]);
    assert_eq!(
        (a[5].as_str(), a[7].as_str(), a[10].as_str()),
        ("0", "0", "1100780")
    );
    // 14-16 has no confirmed ゆうプリR code: 00 (指定なし).
    assert_eq!((a[64].as_str(), a[65].as_str()), ("20260807", "00"));
    assert_eq!(
        (b[7].as_str(), b[98].as_str(), b[99].as_str()),
        ("2", "3980", "294")
    );
}

#[test]
fn clickpost_golden_and_40_rows_per_file() {
    let list: Vec<_> = (1..=41)
        .map(|i| {
            ship(
                i,
                "山田 太郎",
                "東京都渋谷区神宮前1-2-3 サンプルマンション101",
                "",
                None,
            )
        })
        .collect();
    let files = write(LabelFormat::Clickpost, &list);
    assert_eq!(files.len(), 2);
    let first = decode_rows(&files[0]);
    assert_eq!(first.len(), 41);
    assert_eq!(decode_rows(&files[1]).len(), 2);
    check_widths(LabelFormat::Clickpost, &first);
    golden("clickpost.csv", &files[1]);
    assert_eq!(
        first[1],
        [
            "150-0001",
            "山田 太郎",
            "様",
            "東京都渋谷区神宮前1-2-3",
            "サンプルマンション101",
            "",
            "",
            "雑貨"
        ]
    );
}

#[test]
fn every_blocked_cod_combination_is_listed_not_changed() {
    for (format, method) in [
        (LabelFormat::B2, "メール便"),
        (LabelFormat::Yupri, "ゆうパケット"),
        (LabelFormat::Clickpost, "x"),
    ] {
        let list = [ship(
            5,
            "山田 太郎",
            "東京都渋谷区1-1",
            "代金引換",
            Some(method),
        )];
        let p = plan(format, &list, &map(), today());
        assert!(p.rows.is_empty(), "{format:?}");
        assert_eq!(p.blocked.len(), 1);
        assert!(
            p.blocked[0].reason.contains("代金引換"),
            "{}",
            p.blocked[0].reason
        );
        assert!(matches!(
            render(&p, WriteOptions::default()),
            Err(LabelError::ShipmentsBlocked { count: 1 })
        ));
    }
    // A method mapped to another carrier is blocked too.
    let list = [ship(
        6,
        "山田 太郎",
        "東京都渋谷区1-1",
        "",
        Some("ゆうパケット"),
    )];
    assert_eq!(
        plan(LabelFormat::B2, &list, &map(), today()).blocked.len(),
        1
    );
}

#[test]
fn nothing_is_written_until_normalisations_are_accepted_or_cells_fixed() {
    let list = [ship(7, "山田〜太郎", "東京都渋谷区1-1", "", None)];
    let p = plan(LabelFormat::B2, &list, &map(), today());
    assert_eq!(p.issues.len(), 1);
    assert_eq!(p.issues[0].column_no, 16);
    assert!(
        p.issues[0].message.contains("～"),
        "{}",
        p.issues[0].message
    );
    assert!(matches!(
        render(&p, WriteOptions::default()),
        Err(LabelError::NormalisationsPending { count: 1 })
    ));
    let files = render(
        &p,
        WriteOptions {
            accept_normalisations: true,
            skip_blocked: false,
        },
    )
    .unwrap();
    assert_eq!(decode_rows(&files[0].bytes)[1][15], "山田～太郎");
    assert!(!String::from_utf8_lossy(&files[0].bytes).contains("&#"));

    // 𠮷 and 鷗 are offered as 吉 and 鴎; an address too long for its
    // column needs the order fixed, or the shipment left out of the file.
    let list = [
        ship(8, "𠮷田 鷗外", &"あ".repeat(40), "", None),
        ship(9, "山田 太郎", "東京都渋谷区1-1", "", None),
    ];
    let p = plan(LabelFormat::B2, &list, &map(), today());
    let cols: Vec<(u32, bool)> = p
        .issues
        .iter()
        .map(|i| (i.column_no, i.problem.blocks()))
        .collect();
    assert_eq!(cols, vec![(12, true), (16, false)]);
    assert!(
        p.issues[1].message.contains("吉田 鴎外"),
        "{}",
        p.issues[1].message
    );
    assert!(matches!(
        render(
            &p,
            WriteOptions {
                accept_normalisations: true,
                skip_blocked: false
            }
        ),
        Err(LabelError::CellsToFix { count: 1 })
    ));
    // Left out, the shipment's replacement is no longer asked for.
    let files = render(
        &p,
        WriteOptions {
            accept_normalisations: false,
            skip_blocked: true,
        },
    )
    .unwrap();
    let rows = decode_rows(&files[0].bytes);
    assert_eq!(rows.len(), 2, "the header and 山田's row");
    assert_eq!(rows[1][15], "山田 太郎");

    // With a short address, 𠮷田 is written as 吉田 once accepted.
    let list = [ship(10, "𠮷田 鷗外", "東京都渋谷区1-1", "", None)];
    let p = plan(LabelFormat::B2, &list, &map(), today());
    assert_eq!(p.blocking_issues(), 0);
    let files = render(
        &p,
        WriteOptions {
            accept_normalisations: true,
            skip_blocked: false,
        },
    )
    .unwrap();
    assert_eq!(decode_rows(&files[0].bytes)[1][15], "吉田 鴎外");
}

#[test]
fn missing_settings_are_named() {
    let list = [ship(9, "山田 太郎", "東京都渋谷区1-1", "", None)];
    let p = plan(LabelFormat::B2, &list, &HashMap::new(), today());
    let msgs: Vec<&str> = p.issues.iter().map(|i| i.message.as_str()).collect();
    assert!(
        msgs.iter().any(|m| m.contains("ご請求先顧客コード")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("ご依頼主の電話番号")),
        "{msgs:?}"
    );
    // The shop whose settings lack them is named, for the dialog to open.
    assert_eq!(p.settings_shops, vec![list[0].shop_id]);
    // A filled-in shop with an order missing its receiver's phone: the
    // order is to fix, not the settings.
    let mut no_phone = ship(9, "山田 太郎", "東京都渋谷区1-1", "", None);
    no_phone.ship_to.phone = None;
    let p = plan(LabelFormat::B2, &[no_phone], &map(), today());
    assert!(
        p.issues
            .iter()
            .any(|i| i.message.contains("お届け先の電話番号")),
        "{:?}",
        p.issues
    );
    assert_eq!(p.settings_shops, Vec::<i64>::new());
}
