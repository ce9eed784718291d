//! Schema V4 on a database written by the previous version (V3, BASE shops
//! only): settings reshaped into the common part and BASE's own, the single
//! shipment row kept as the order's shipment '', and `mall_state` computed in
//! SQL exactly as the BASE mapping computes it for a fresh fetch.

use juchu_core::domain::{ExportScope, MallState, OAuthRedirect, ShopSettings, Status};
use juchu_core::malls::base::mapping;
use juchu_core::store::schema::migrations;
use rusqlite::{params, Connection};
use serde_json::{json, Value};

fn v3() -> Connection {
    let mut c = Connection::open_in_memory().unwrap();
    migrations().to_version(&mut c, 3).unwrap();
    c
}

#[test]
fn a_v3_database_migrates_without_losing_anything() {
    let mut c = v3();
    // Flat settings as V3 wrote them, and an older row missing keys.
    let flat = json!({"fetch_days": 14, "auto_fetch": false, "fetch_interval_minutes": 60,
        "initial_status": "発送待ち", "export_scope": "done_only", "oauth_redirect": "loopback",
        "qoo10_fetch_status": 2, "auto_export": false, "endpoint": null});
    c.execute(
        "INSERT INTO shops(id, mall, name, settings, created_at) VALUES (1, 'base', 'BASE 1号店', ?1, 0)",
        [flat.to_string()],
    )
    .unwrap();
    c.execute(
        "INSERT INTO shops(id, mall, name, settings, created_at) VALUES (2, 'base', 'BASE 2号店', '{\"fetch_days\": 3}', 0)",
        [],
    )
    .unwrap();

    // One BASE order per payment / dispatch combination the export rules care about.
    let cases: Vec<(&str, Value)> = vec![
        ("ordered", json!({"payment": "creditcard"})),
        ("dispatched", json!({"payment": "creditcard"})),
        ("shipping", json!({"payment": "atobarai"})),
        ("cancelled", json!({"payment": "creditcard"})),
        ("unshippable", json!({"payment": "creditcard"})),
        ("unpaid", json!({"payment": "creditcard"})),
        (
            "ordered",
            json!({"payment": "cvs", "cvs_payment_transaction": {"status": "unpaid"}}),
        ),
        (
            "ordered",
            json!({"payment": "cvs", "cvs_payment_transaction": {"status": "paid"}}),
        ),
        ("ordered", json!({"payment": "cvs"})),
        (
            "ordered",
            json!({"payment": "base_bt", "bt_payment_transaction": {"status": "unpaid"}}),
        ),
        (
            "ordered",
            json!({"payment": "base_bt", "bt_payment_transaction": {"status": "paid"}}),
        ),
    ];
    for (i, (status, raw)) in cases.iter().enumerate() {
        c.execute(
            "INSERT INTO orders(id, shop_id, mall_order_id, ordered_at, status, mall_status, raw, created_at, updated_at)
             VALUES (?1, 1, ?2, 0, 'awaiting_shipment', ?3, ?4, 0, 0)",
            params![i as i64 + 1, format!("K{i}"), status, raw.to_string()],
        )
        .unwrap();
    }
    c.execute(
        "INSERT INTO shipments(order_id, tracking_number, ship_date, carrier, updated_at) VALUES (1, '123456789012', '2026-11-20', 'yamato', 5)",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO export_units(order_id, unit, tracking_number, carrier, state, created_at, updated_at)
         VALUES (1, '501', '123456789012', 'yamato', 'sent', 5, 5)",
        [],
    )
    .unwrap();

    migrations().to_latest(&mut c).unwrap();

    let settings = |id: i64| -> ShopSettings {
        let text: String = c
            .query_row("SELECT settings FROM shops WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
    };
    let s = settings(1);
    assert_eq!(
        (s.fetch_days, s.auto_fetch, s.fetch_interval_minutes),
        (14, false, 60)
    );
    assert_eq!(s.initial_status, Status::AwaitingShipment);
    let b = s.base().unwrap();
    assert_eq!(b.export_scope, ExportScope::DoneOnly);
    assert_eq!(b.oauth_redirect, OAuthRedirect::Loopback);
    let text: String = c
        .query_row("SELECT settings FROM shops WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert!(
        !text.contains("qoo10_fetch_status") && !text.contains("endpoint"),
        "{text}"
    );
    let old: Value = c
        .query_row("SELECT settings FROM shops WHERE id = 2", [], |r| {
            r.get::<_, String>(0)
        })
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap();
    assert_eq!(old["mall"]["export_scope"], "all_but_new_and_hold", "{old}");
    assert_eq!(old["fetch_days"], 3);

    for (i, (status, raw)) in cases.iter().enumerate() {
        let stored: String = c
            .query_row(
                "SELECT mall_state FROM orders WHERE id = ?1",
                [i as i64 + 1],
                |r| r.get(0),
            )
            .unwrap();
        let mapped = mapping::mall_state(raw, status);
        assert_eq!(
            MallState::from_code(&stored),
            Some(mapped),
            "{status} {raw}"
        );
    }

    let (r, tracking, carrier): (String, String, String) = c
        .query_row(
            "SELECT shipment_ref, tracking_number, carrier FROM shipments WHERE order_id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (r.as_str(), tracking.as_str(), carrier.as_str()),
        ("", "123456789012", "yamato")
    );
    let (unit_ref, stage): (String, String) = c
        .query_row(
            "SELECT shipment_ref, stage FROM export_units WHERE order_id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((unit_ref.as_str(), stage.as_str()), ("", "shipped"));
}
