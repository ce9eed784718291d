#![recursion_limit = "256"]
//! 受注取得 and 発送情報の更新 for a BASE shop, end to end in juchu-core:
//! the real OAuth flow (loopback), the fetch-and-merge pipeline and the
//! exactly-once export, against the BASE fake of tests/fakemall, with the
//! real keyring (run inside `keyctl session -`).

use std::collections::BTreeMap;

use fakemall::base::{BaseConfig, FakeBase, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use fakemall::Fault;
use juchu_core::domain::*;
use juchu_core::export::{rules::SkipReason, ExportOutcome};
use juchu_core::shop_admin::{ConnectionState, ShopInput};
use juchu_core::{Juchu, Profile};
use serde_json::json;

/// `JUCHU_API_BASE_BASE` is process-wide: one test at a time in this file.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Switches a fault on.
type FaultSetup = Box<dyn Fn(&FakeBase)>;

struct World {
    fake: FakeBase,
    juchu: Juchu,
    shop: Shop,
    _dir: tempfile::TempDir,
}

async fn world(orders: usize, days: u32) -> World {
    let fake = FakeBase::start(BaseConfig {
        orders,
        seed: 7,
        ..BaseConfig::default()
    })
    .await
    .unwrap();
    std::env::set_var("JUCHU_API_BASE_BASE", fake.base_url());
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    let settings = ShopSettings {
        fetch_days: days,
        mall: MallSettings::Base(BaseSettings {
            oauth_redirect: OAuthRedirect::Loopback,
            ..BaseSettings::default()
        }),
        ..ShopSettings::for_mall(Mall::Base)
    };
    let credentials: BTreeMap<String, String> = [
        ("client_id".to_string(), DEMO_CLIENT_ID.to_string()),
        ("client_secret".to_string(), DEMO_CLIENT_SECRET.to_string()),
    ]
    .into();
    let shop = juchu
        .add_shop(&ShopInput {
            mall: Mall::Base,
            name: "BASE 1号店".into(),
            settings,
            credentials,
        })
        .unwrap();
    World {
        fake,
        juchu,
        shop,
        _dir: dir,
    }
}

/// The merchant's part of the OAuth dance: open the URL; the fake approves
/// and redirects the browser to the loopback receiver.
async fn authorize(w: &World) {
    let receiver = juchu_core::malls::loopback::listen_on(Mall::Base, 0).unwrap();
    let auth = w
        .juchu
        .begin_authorization(w.shop.id, &receiver.redirect_uri)
        .unwrap();
    let url = auth.url.clone();
    let browser = tokio::spawn(async move { reqwest::get(url).await.map(|r| r.status()) });
    let redirected = receiver
        .wait(std::time::Duration::from_secs(10))
        .await
        .unwrap();
    assert!(browser.await.unwrap().unwrap().is_success());
    w.juchu
        .finish_authorization(w.shop.id, &auth, &redirected)
        .await
        .unwrap();
}

fn in_window(w: &World, days: i64) -> usize {
    let from = w.fake.clock().now().timestamp() - days * 86_400;
    w.fake.orders().iter().filter(|o| o.ordered >= from).count()
}

#[tokio::test]
async fn oauth_then_first_sync_reads_details_and_second_only_lists() {
    let _g = SERIAL.lock().await;
    let w = world(250, 30).await;
    // client_id / client_secret saved, no access key yet: 設定の途中.
    assert_eq!(
        w.juchu.shop_statuses().unwrap()[0].state,
        ConnectionState::Incomplete
    );
    authorize(&w).await;
    assert_eq!(
        w.juchu.shop_statuses().unwrap()[0].state,
        ConnectionState::Connected
    );

    let expected = in_window(&w, 30);
    let pages = expected.div_ceil(100) as u32 + u32::from(expected.is_multiple_of(100));
    w.fake.clear_requests();
    let first = w.juchu.sync(Some(w.shop.id)).await.unwrap().remove(0);
    assert_eq!(first.error, None);
    assert_eq!(first.new as usize, expected);
    assert_eq!(
        first.calls,
        pages + expected as u32,
        "list pages + one detail per order"
    );
    let all = w.juchu.status_counts(&CountFilter::default()).unwrap().all;
    assert_eq!(all as usize, expected);

    // The buyer's wish reads through to the order's shipment: the method,
    // delivery_date and the delivery_time_zone code as BASE sends them.
    let from = w.fake.clock().now().timestamp() - 30 * 86_400;
    let fetched: Vec<_> = w
        .fake
        .orders()
        .into_iter()
        .filter(|o| o.ordered >= from)
        .collect();
    let wish_of = |key: &str| {
        w.juchu.order_detail(order_id(&w, key)).unwrap().shipments[0]
            .delivery
            .clone()
    };
    let wished = fetched
        .iter()
        .find(|o| {
            o.shipping_method.is_some()
                && o.delivery_date.is_some()
                && o.delivery_time_zone.is_some()
        })
        .expect("the seed has an order with a full wish");
    let wish = wish_of(&wished.unique_key);
    assert_eq!(
        wish,
        DeliveryWish {
            method: wished.shipping_method.clone(),
            date: wished.delivery_date.clone(),
            time: wished.delivery_time_zone.clone(),
        }
    );
    let plain = fetched
        .iter()
        .find(|o| o.delivery_date.is_none() && o.delivery_time_zone.is_none())
        .expect("the seed has an order without a wished date or time");
    let wish = wish_of(&plain.unique_key);
    assert_eq!((&wish.date, &wish.time), (&None, &None));
    // Shipping set per item: the order's method is null, the first item's counts.
    let per_item = fetched
        .iter()
        .find(|o| o.shipping_method.is_none())
        .expect("the seed has an order with shipping set per item");
    let wish = wish_of(&per_item.unique_key);
    assert_eq!(wish.method, per_item.order_items[0].shipping_method);
    assert!(wish.method.is_some());

    w.fake.clear_requests();
    let second = w.juchu.sync(Some(w.shop.id)).await.unwrap().remove(0);
    assert_eq!((second.new, second.updated), (0, 0));
    assert_eq!(
        second.calls, pages,
        "unchanged orders cost only the list pages"
    );
    assert!(w.fake.requests().iter().all(|r| r.path == "/1/orders"));

    // A change on the mall is read again, and only that one.
    let key = w.fake.orders()[0].unique_key.clone();
    w.fake.update_order(&key, |o| {
        o.remark = Some("住所を変更しました 🏠".into());
        o.modified += 10;
    });
    let third = w.juchu.sync(Some(w.shop.id)).await.unwrap().remove(0);
    assert_eq!((third.updated, third.calls), (1, pages + 1));
}

#[tokio::test]
async fn a_redirect_with_another_state_is_refused() {
    let _g = SERIAL.lock().await;
    let w = world(0, 7).await;
    let auth = w
        .juchu
        .begin_authorization(w.shop.id, "http://127.0.0.1:9/oauth/base")
        .unwrap();
    let forged = "http://127.0.0.1:9/oauth/base?code=abc&state=not-the-one";
    let e = w
        .juchu
        .finish_authorization(w.shop.id, &auth, forged)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "OAUTH_STATE_MISMATCH");
    w.fake.set_deny_authorization(true);
    let denied = format!(
        "http://127.0.0.1:9/oauth/base?error=access_denied&state={}",
        auth.state
    );
    let e = w
        .juchu
        .finish_authorization(w.shop.id, &auth, &denied)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "MALL_ACCESS_DENIED");
    assert!(e.to_string().contains("アプリを認証する"), "{e}");
}

#[tokio::test]
async fn tokens_are_refreshed_during_a_sync_and_an_expired_refresh_asks_to_authorize_again() {
    let _g = SERIAL.lock().await;
    let w = world(30, 30).await;
    authorize(&w).await;
    let before = w.juchu.secrets().get(w.shop.id, "refresh_token").unwrap();
    w.fake.clock().advance(chrono::Duration::hours(2));
    let r = w.juchu.sync(Some(w.shop.id)).await.unwrap().remove(0);
    assert_eq!(r.error, None);
    assert!(w.fake.requests().iter().any(|r| r.path == "/1/oauth/token"));
    let after = w.juchu.secrets().get(w.shop.id, "refresh_token").unwrap();
    assert_ne!(before, after, "the newest refresh token is kept");

    w.fake.expire_access_tokens();
    w.fake.expire_refresh_tokens();
    let r = w.juchu.sync(Some(w.shop.id)).await.unwrap().remove(0);
    assert_eq!(r.error_code.as_deref(), Some("MALL_REFRESH_EXPIRED"));
    assert!(r.error.unwrap().contains("アクセスキーを取得する"));
    let status = &w.juchu.shop_statuses().unwrap()[0];
    assert_eq!(status.state, ConnectionState::AuthError);
    assert_eq!(status.state_label, "認証エラー");
}

#[tokio::test]
async fn the_hour_limit_stops_the_fetch_keeps_what_was_read_and_waits() {
    let _g = SERIAL.lock().await;
    let w = world(120, 30).await;
    authorize(&w).await;
    w.fake.reset_limits();
    w.fake.set_hour_limit(10);
    let r = w.juchu.sync(Some(w.shop.id)).await.unwrap().remove(0);
    assert_eq!(r.error_code.as_deref(), Some("MALL_RATE_LIMITED"));
    assert!(r.new > 0, "orders read before the limit are kept");
    let state = w.juchu.sync_state(w.shop.id).unwrap();
    assert!(state.resume_at.is_some());
    w.fake.clear_requests();
    let again = w.juchu.sync(Some(w.shop.id)).await.unwrap().remove(0);
    assert_eq!(again.calls, 0, "no call before the limit resets");
    assert!(w.fake.requests().is_empty());
    assert!(again.error.unwrap().contains("待っています"));
}

#[tokio::test]
async fn mall_errors_become_japanese_messages_naming_base() {
    let _g = SERIAL.lock().await;
    let w = world(5, 30).await;
    authorize(&w).await;
    let cases: Vec<(&str, FaultSetup)> = vec![
        (
            "MALL_SERVER_ERROR",
            Box::new(|f: &FakeBase| f.faults().update(|c| c.server_error_rate = 1.0)),
        ),
        (
            "MALL_MALFORMED",
            Box::new(|f: &FakeBase| f.faults().update(|c| c.malformed_json_rate = 1.0)),
        ),
        (
            "MALL_MAINTENANCE",
            Box::new(|f: &FakeBase| f.faults().set_maintenance(true)),
        ),
        (
            "MALL_RATE_LIMITED",
            Box::new(|f: &FakeBase| f.faults().set_force_rate_limit(true)),
        ),
    ];
    for (code, setup) in cases {
        w.fake.faults().clear();
        setup(&w.fake);
        let e = w.juchu.test_connection(w.shop.id).await.unwrap_err();
        assert_eq!(e.code(), code, "{e}");
        let msg = e.to_string();
        assert!(msg.contains("BASE") && !msg.is_ascii(), "{msg}");
    }
    // A fetch that fails while the mall is down: the card says 取得エラー,
    // with BASE's state in Japanese and the technical part apart.
    w.fake.faults().clear();
    w.fake.faults().update(|c| c.server_error_rate = 1.0);
    let r = w.juchu.sync(Some(w.shop.id)).await.unwrap().remove(0);
    assert_eq!(r.error_code.as_deref(), Some("MALL_SERVER_ERROR"));
    let card = w.juchu.shop_statuses().unwrap().remove(0);
    assert_eq!(card.state, ConnectionState::SyncError);
    assert_eq!(card.state_label, "取得エラー");
    assert!(card
        .last_error
        .as_deref()
        .is_some_and(|m| m.contains("BASE")));
    assert!(card.last_sync_at.is_some());
    w.fake.faults().clear();
    w.juchu.sync(Some(w.shop.id)).await.unwrap();
    assert_eq!(
        w.juchu.shop_statuses().unwrap()[0].state,
        ConnectionState::Connected
    );
    // One 503 and one truncated body on a GET are retried transparently.
    w.fake.faults().inject_next(Fault::Status(503));
    w.fake.faults().inject_next(Fault::TruncatedBody);
    w.juchu.test_connection(w.shop.id).await.unwrap();
}

/// Loads the example order of base.md §5.2 (two items), placed yesterday.
fn load_example(fake: &FakeBase, key: &str, payment: &str, status: &str) {
    let ordered = fake.clock().now().timestamp() - 86_400;
    let mut o = json!({"order": {
        "unique_key": key, "ordered": ordered, "cancelled": null, "dispatched": null,
        "payment": payment, "shipping_method": "ヤマト運輸", "shipping_fee": 500, "cod_fee": 0, "total": 7500,
        "first_name": "太郎", "last_name": "山田", "country": "Japan", "country_code": "JP", "zip_code": "106-0032",
        "prefecture": "東京都", "address": "港区六本木", "address2": "4-11-4 六本木ビル 301",
        "mail_address": "mail@example.com", "tel": "03-1234-5678", "remark": "午前中の配送を希望します。",
        "add_comment": null, "delivery_company_id": 0, "tracking_number": null,
        "delivery_date": "2018-03-19", "delivery_time_zone": "0812", "terminated": false,
        "dispatch_status": status, "modified": ordered,
        "order_receiver": {"first_name": "花子", "last_name": "山田", "zip_code": "150-0043", "prefecture": "東京都",
            "address": "渋谷区道玄坂", "address2": "2-10-12 新大宗ビル3号館 531号", "tel": "03-1234-5678"},
        "order_discount": {"discount": 0, "note": null, "is_allocate_user_balance_log": 0},
        "order_charge": {"collected_fee": 100},
        "c_c_payment_transaction": {"collected_fee": 200, "status": "creditable"},
        "cvs_payment_transaction": {"collected_fee": null, "status": if payment == "cvs" { json!("unpaid") } else { json!(null) }},
        "user_balance_logs": [],
        "order_items": [
            {"order_item_id": 19749229, "item_id": 23245394, "variation_id": 101, "title": "Tシャツ", "variation": "サイズM",
             "price": 2000, "amount": 2, "total": 4000, "item_tax_type": 1, "consumption_tax_rate": 10, "status": "ordered",
             "shipping_method": null, "shipping_fee": 0, "shipping_start": null, "shipping_end": null, "modified": ordered},
            {"order_item_id": 19749230, "item_id": 23245395, "variation_id": null, "title": "ロングTシャツ", "variation": "",
             "price": 3000, "amount": 1, "total": 3000, "status": "ordered", "modified": ordered}],
        "subscription": {"unique_key": null, "repeat_number": null, "repeat_times": null}}});
    // Item ids must be unique across orders.
    let base_id = 19_749_229 + 10 * (key.bytes().map(i64::from).sum::<i64>() % 1000);
    for (i, it) in o["order"]["order_items"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        it["order_item_id"] = json!(base_id + i as i64);
    }
    fake.load_json(o).unwrap();
}

fn order_id(w: &World, key: &str) -> i64 {
    let rows = w
        .juchu
        .list_orders(&OrderQuery {
            search: Some(key.into()),
            limit: 5,
            ..OrderQuery::default()
        })
        .unwrap()
        .rows;
    rows.into_iter()
        .find(|r| r.mall_order_id == key)
        .unwrap()
        .id
}

fn ship(w: &World, key: &str, status: Status, tracking: Option<&str>, date: Option<String>) -> i64 {
    let id = order_id(w, key);
    w.juchu.move_orders(&[id], status).unwrap();
    w.juchu
        .save_shipment(
            id,
            &ShipmentInput {
                shipment_ref: None,
                tracking_number: tracking.map(String::from),
                ship_date: date,
                carrier: Some(Carrier::Yamato),
            },
        )
        .unwrap();
    id
}

#[tokio::test]
async fn preview_says_why_and_export_dispatches_every_item_exactly_once() {
    let _g = SERIAL.lock().await;
    let w = world(0, 7).await;
    for (key, payment, status) in [
        ("READY0000000001", "creditcard", "ordered"),
        ("FUTURE000000001", "creditcard", "ordered"),
        ("NEWSTATUS000001", "creditcard", "ordered"),
        ("UNPAIDCVS000001", "cvs", "ordered"),
        ("DISPATCHED00001", "creditcard", "dispatched"),
        ("NOTRACKING00001", "creditcard", "ordered"),
    ] {
        load_example(&w.fake, key, payment, status);
    }
    authorize(&w).await;
    let r = w.juchu.sync(Some(w.shop.id)).await.unwrap().remove(0);
    assert_eq!(r.new, 6);
    let today = juchu_core::time::today_jst();
    let tomorrow = (today + chrono::Days::new(1))
        .format("%Y-%m-%d")
        .to_string();
    let ready = ship(
        &w,
        "READY0000000001",
        Status::AwaitingShipment,
        Some("1234-5678-9012"),
        Some(today.format("%Y-%m-%d").to_string()),
    );
    ship(
        &w,
        "FUTURE000000001",
        Status::AwaitingShipment,
        Some("123456789013"),
        Some(tomorrow),
    );
    ship(
        &w,
        "NEWSTATUS000001",
        Status::New,
        Some("123456789014"),
        None,
    );
    ship(
        &w,
        "UNPAIDCVS000001",
        Status::AwaitingShipment,
        Some("123456789015"),
        None,
    );
    ship(
        &w,
        "DISPATCHED00001",
        Status::Done,
        Some("123456789016"),
        None,
    );
    ship(&w, "NOTRACKING00001", Status::AwaitingShipment, None, None);

    let preview = w.juchu.export(Some(w.shop.id), true).await.unwrap();
    let reason = |key: &str| {
        preview
            .iter()
            .find(|l| l.mall_order_id == key)
            .map(|l| (l.outcome.clone(), l.skip.clone()))
    };
    assert_eq!(
        reason("READY0000000001"),
        Some((ExportOutcome::WillSend, None))
    );
    assert_eq!(
        reason("FUTURE000000001"),
        Some((ExportOutcome::Skipped, Some(SkipReason::FutureShipDate)))
    );
    assert_eq!(
        reason("NEWSTATUS000001"),
        Some((ExportOutcome::Skipped, Some(SkipReason::StatusNotExported)))
    );
    assert_eq!(
        reason("UNPAIDCVS000001"),
        Some((ExportOutcome::Skipped, Some(SkipReason::UnpaidOnMall)))
    );
    assert_eq!(
        reason("DISPATCHED00001"),
        Some((ExportOutcome::Skipped, Some(SkipReason::ShippedOnMall)))
    );
    assert_eq!(
        reason("NOTRACKING00001"),
        Some((ExportOutcome::Skipped, Some(SkipReason::NoTrackingNumber)))
    );
    assert!(preview.iter().all(|l| l.outcome == ExportOutcome::WillSend
        || l.message.as_deref().is_some_and(|m| !m.is_ascii())));
    assert!(
        w.fake
            .requests()
            .iter()
            .all(|r| r.path != "/1/orders/edit_status"),
        "a preview sends nothing"
    );

    w.fake.clear_requests();
    let sent = w.juchu.export(Some(w.shop.id), false).await.unwrap();
    let line = sent
        .iter()
        .find(|l| l.mall_order_id == "READY0000000001")
        .unwrap();
    assert_eq!(line.outcome, ExportOutcome::Sent, "{:?}", line.message);
    let posts: Vec<_> = w
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.path == "/1/orders/edit_status")
        .collect();
    assert_eq!(posts.len(), 2, "one call per order item");
    for p in &posts {
        assert_eq!(p.form_param("status").as_deref(), Some("dispatched"));
        assert_eq!(
            p.form_param("tracking_number").as_deref(),
            Some("123456789012"),
            "hyphens removed"
        );
        assert_eq!(
            p.form_param("delivery_company_id").as_deref(),
            Some("1"),
            "クロネコヤマト"
        );
    }
    let on_mall = w.fake.order("READY0000000001").unwrap();
    assert_eq!(on_mall.dispatch_status, "dispatched");
    assert!(on_mall.order_items.iter().all(|i| i.status == "dispatched"));

    // Sending again sends nothing: the journal says it was accepted.
    w.fake.clear_requests();
    let again = w.juchu.export(Some(w.shop.id), false).await.unwrap();
    let line = again.iter().find(|l| l.order_id == ready).unwrap();
    assert_eq!(line.skip, Some(SkipReason::AlreadySent));
    assert!(w
        .fake
        .requests()
        .iter()
        .all(|r| r.path != "/1/orders/edit_status"));

    // A sent order says so, moved to 送信後のステータス (処理済 by default),
    // with the slip BASE received and BASE's status in Japanese.
    let detail = w.juchu.order_detail(ready).unwrap();
    assert_eq!(detail.row.status, Status::Done);
    assert!(detail.row.sent_at.is_some());
    let sent = detail.shipments[0].sent.clone().unwrap();
    assert_eq!(sent.tracking_number, "123456789012");
    assert_eq!(sent.carrier, Some(Carrier::Yamato));
    assert_eq!(detail.mall_status, "ordered");
    assert_eq!(detail.mall_status_label, "未対応");
    assert!(!detail.shipments[0].changed_since_sent());

    // A number corrected after sending: the detail and the preview say BASE
    // still has the old one, and what to do on BASE's admin page.
    w.juchu
        .save_shipment(
            ready,
            &ShipmentInput {
                shipment_ref: None,
                tracking_number: Some("999988887777".into()),
                ship_date: detail.row.ship_date.clone(),
                carrier: Some(Carrier::Yamato),
            },
        )
        .unwrap();
    let detail = w.juchu.order_detail(ready).unwrap();
    assert!(detail.shipments[0].changed_since_sent());
    assert!(detail.shipments[0]
        .after_send_fix
        .contains("BASE の管理画面"));
    let preview = w.juchu.export(Some(w.shop.id), true).await.unwrap();
    let line = preview.iter().find(|l| l.order_id == ready).unwrap();
    assert_eq!(line.skip, Some(SkipReason::ChangedAfterSent));
    let m = line.message.clone().unwrap();
    assert!(
        m.contains("123456789012") && m.contains("BASE の管理画面"),
        "{m}"
    );
}

#[tokio::test]
async fn after_a_crash_between_call_and_record_the_mall_is_asked_first() {
    let _g = SERIAL.lock().await;
    let w = world(0, 7).await;
    load_example(&w.fake, "CRASHED00000001", "creditcard", "ordered");
    load_example(&w.fake, "NEVERSENT000001", "creditcard", "ordered");
    authorize(&w).await;
    w.juchu.sync(Some(w.shop.id)).await.unwrap();
    let crashed = ship(
        &w,
        "CRASHED00000001",
        Status::AwaitingShipment,
        Some("123456789012"),
        None,
    );
    let never = ship(
        &w,
        "NEVERSENT000001",
        Status::AwaitingShipment,
        Some("123456789013"),
        None,
    );

    // Both orders' items are dispatched on the mall as the first run did…
    w.juchu.export(Some(w.shop.id), false).await.unwrap();
    // …but the process died before recording: the journal says 'pending'.
    // For NEVERSENT the call never reached BASE: undo it on the fake.
    let db = rusqlite::Connection::open(w._dir.path().join("juchu.sqlite3")).unwrap();
    db.execute("UPDATE export_units SET state = 'pending'", [])
        .unwrap();
    w.fake.update_order("NEVERSENT000001", |o| {
        o.dispatch_status = "ordered".into();
        o.dispatched = None;
        o.tracking_number = None;
        for i in &mut o.order_items {
            i.status = "ordered".into();
        }
    });

    w.fake.clear_requests();
    let lines = w.juchu.export(Some(w.shop.id), false).await.unwrap();
    for id in [crashed, never] {
        assert_eq!(
            lines.iter().find(|l| l.order_id == id).unwrap().outcome,
            ExportOutcome::Sent
        );
    }
    let posts: Vec<String> = w
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.path == "/1/orders/edit_status")
        .filter_map(|r| r.form_param("tracking_number"))
        .collect();
    assert_eq!(
        posts,
        vec!["123456789013".to_string(), "123456789013".to_string()],
        "only the order BASE never got is sent again"
    );
    assert!(
        w.fake
            .requests()
            .iter()
            .any(|r| r.path.starts_with("/1/orders/detail/")),
        "read back first"
    );
}

/// Issue 12 §11–12: an order partly dispatched on BASE's own page sends only
/// its other items; an order BASE refuses for good (ヤマトかんたん発送App) is
/// tried once, then shown as refused and never sent again.
#[tokio::test]
async fn partly_dispatched_orders_send_the_rest_and_refusals_for_good_are_not_retried() {
    let _g = SERIAL.lock().await;
    let w = world(0, 7).await;
    load_example(&w.fake, "PARTIAL00000001", "creditcard", "ordered");
    load_example(&w.fake, "YAMATOKANTAN001", "creditcard", "ordered");
    let first_item = w.fake.order("PARTIAL00000001").unwrap().order_items[0].order_item_id;
    assert!(w.fake.update_order("PARTIAL00000001", |o| {
        o.order_items[0].status = "dispatched".into();
    }));
    assert!(w.fake.update_order("YAMATOKANTAN001", |o| {
        o.hidden.yamato_kantan = true;
    }));
    authorize(&w).await;
    w.juchu.sync(Some(w.shop.id)).await.unwrap();
    let today = Some(juchu_core::time::today_jst().format("%Y-%m-%d").to_string());
    let partial = ship(
        &w,
        "PARTIAL00000001",
        Status::AwaitingShipment,
        Some("223456789012"),
        today.clone(),
    );
    let yamato = ship(
        &w,
        "YAMATOKANTAN001",
        Status::AwaitingShipment,
        Some("323456789012"),
        today,
    );

    let preview = w.juchu.export(Some(w.shop.id), true).await.unwrap();
    let of = |lines: &[juchu_core::export::ExportLine], id: i64| {
        lines.iter().find(|l| l.order_id == id).unwrap().clone()
    };
    let p = of(&preview, partial);
    assert_eq!(p.outcome, ExportOutcome::WillSend);
    assert_eq!(
        p.message.as_deref(),
        Some("1点はBASEで発送済みのため送らず、残りだけを送ります")
    );

    w.fake.clear_requests();
    let sent = w.juchu.export(Some(w.shop.id), false).await.unwrap();
    assert_eq!(
        of(&sent, partial).outcome,
        ExportOutcome::Sent,
        "{:?}",
        of(&sent, partial).message
    );
    let posts: Vec<_> = w
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.path == "/1/orders/edit_status")
        .collect();
    let partial_posts: Vec<_> = posts
        .iter()
        .filter(|r| {
            w.fake
                .order("PARTIAL00000001")
                .unwrap()
                .order_items
                .iter()
                .any(|i| r.form_param("order_item_id") == Some(i.order_item_id.to_string()))
        })
        .collect();
    assert_eq!(
        partial_posts.len(),
        1,
        "only the item still 'ordered' is sent"
    );
    assert_ne!(
        partial_posts[0].form_param("order_item_id"),
        Some(first_item.to_string())
    );
    assert_eq!(
        w.fake.order("PARTIAL00000001").unwrap().dispatch_status,
        "dispatched"
    );
    let y = of(&sent, yamato);
    assert_eq!(y.outcome, ExportOutcome::Failed);
    assert!(
        y.message
            .as_deref()
            .unwrap()
            .contains("ヤマトかんたん発送App"),
        "{y:?}"
    );

    // Next time: the partial order is done, the refused one is a skip with BASE's words.
    w.fake.clear_requests();
    let again = w.juchu.export(Some(w.shop.id), false).await.unwrap();
    assert_eq!(of(&again, partial).skip, Some(SkipReason::AlreadySent));
    let y = of(&again, yamato);
    assert_eq!(y.outcome, ExportOutcome::Skipped);
    assert_eq!(y.skip, Some(SkipReason::RefusedByMall));
    let m = y.message.unwrap();
    assert!(
        m.contains("ヤマトかんたん発送App") && m.contains("BASEの管理画面"),
        "{m}"
    );
    assert!(
        w.fake
            .requests()
            .iter()
            .all(|r| r.path != "/1/orders/edit_status"),
        "nothing is sent again"
    );
}
