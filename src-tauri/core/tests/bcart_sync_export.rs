//! Bカート through Juchu against its fake: 受注取得 with each logistics row a
//! shipment, then 発送情報の更新 in its two stages (発送指示 with the 送り状番号,
//! 発送済 with the 出荷日), nothing sent twice, and the order set to 完了 when
//! every row is 発送済 (the shop's setting). Runs inside `keyctl session -`.

use std::collections::BTreeMap;

use fakemall::bcart::{BcartConfig, FakeBcart};
use juchu_core::domain::*;
use juchu_core::export::{rules::SkipReason, ExportOutcome};
use juchu_core::shop_admin::ShopInput;
use juchu_core::{Juchu, Profile};

/// The API base is one per process (`set_api_base`): one test at a time.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A fake Bカート of 30 orders and a Juchu with one Bカート shop on it.
async fn bcart_shop(
    settings: &[(&str, &str)],
) -> (
    FakeBcart,
    tempfile::TempDir,
    Juchu,
    juchu_core::domain::Shop,
) {
    let fake = FakeBcart::start(BcartConfig {
        orders: 30,
        seed: 4,
        ..Default::default()
    })
    .await
    .unwrap();
    juchu_core::malls::set_api_base(Mall::Bcart, &fake.api_base_url());
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    let mut shop_settings = ShopSettings::for_mall(Mall::Bcart);
    shop_settings.apply("days", "31").unwrap();
    for (k, v) in settings {
        shop_settings.apply(k, v).unwrap();
    }
    let credentials: BTreeMap<String, String> =
        [("access_token".to_string(), fake.access_token())].into();
    let shop = juchu
        .add_shop(&ShopInput {
            mall: Mall::Bcart,
            name: "Bカート 卸".into(),
            settings: shop_settings,
            credentials,
        })
        .unwrap();
    (fake, dir, juchu, shop)
}

#[tokio::test]
async fn logistics_rows_are_instructed_then_shipped_and_the_order_completed() {
    let _one_at_a_time = SERIAL.lock().await;
    let (fake, _dir, juchu, shop) = bcart_shop(&[("complete_order", "on")]).await;
    let r = juchu.sync(Some(shop.id)).await.unwrap().remove(0);
    assert_eq!(r.error, None, "{:?}", r.error_detail);
    assert_eq!(r.new as usize, fake.orders().len());

    // Each logistics row's due_date / due_time reads through to its shipment;
    // a second destination does not take the first one's wish.
    let wishes = |id: i64| -> Vec<DeliveryWish> {
        let order = juchu.find_order(&id.to_string()).unwrap();
        let detail = juchu.order_detail(order.id).unwrap();
        detail.shipments.into_iter().map(|s| s.delivery).collect()
    };
    let wished = fake
        .orders()
        .into_iter()
        .find(|o| o.logistics.len() > 1 && o.logistics[0].due_date.is_some())
        .expect("the seed has a wish on an order of two destinations");
    let (first, second) = (&wished.logistics[0], &wished.logistics[1]);
    assert_eq!((&second.due_date, &second.due_time), (&None, &None));
    assert_eq!(
        wishes(wished.order.id)[..2],
        [
            DeliveryWish {
                method: None,
                date: first.due_date.clone(),
                time: first.due_time.clone(),
            },
            DeliveryWish::default()
        ]
    );
    let timed = fake
        .orders()
        .into_iter()
        .find(|o| o.logistics.first().is_some_and(|l| l.due_time.is_some()))
        .expect("the seed has a wished time");
    assert_eq!(wishes(timed.order.id)[0].time, timed.logistics[0].due_time);

    // A 送り状番号 already on Bカート is the shipment's tracking number here.
    let coded = fake
        .orders()
        .into_iter()
        .find(|o| o.logistics.iter().any(|l| l.delivery_code.is_some()))
        .expect("the seed has rows with a 送り状番号");
    let order = juchu.find_order(&coded.order.id.to_string()).unwrap();
    let tracking: Vec<Option<String>> = juchu
        .order_detail(order.id)
        .unwrap()
        .shipments
        .into_iter()
        .map(|s| s.tracking_number)
        .collect();
    let codes: Vec<Option<String>> = coded
        .logistics
        .iter()
        .map(|l| l.delivery_code.clone())
        .collect();
    assert_eq!(tracking, codes);

    // An order whose every row is still 未発送.
    let full = fake
        .orders()
        .into_iter()
        .find(|o| {
            !o.logistics.is_empty()
                && o.logistics.iter().all(|l| l.status == "未発送")
                && o.order.status != "完了"
        })
        .expect("an order not shipped yet");
    let order = juchu.find_order(&full.order.id.to_string()).unwrap();
    let detail = juchu.order_detail(order.id).unwrap();
    assert_eq!(
        detail.shipments.len(),
        full.logistics.len(),
        "each logistics row a shipment"
    );
    juchu
        .move_orders(&[order.id], Status::AwaitingShipment)
        .unwrap();
    let today = juchu_core::time::today_jst().format("%Y-%m-%d").to_string();
    for (i, s) in detail.shipments.iter().enumerate() {
        juchu
            .save_shipment(
                order.id,
                &ShipmentInput {
                    shipment_ref: Some(s.shipment_ref.clone()),
                    tracking_number: Some(format!("12345678901{i}")),
                    ship_date: Some(today.clone()),
                    carrier: Some(Carrier::Yamato),
                },
            )
            .unwrap();
    }
    fake.clear_requests();
    let lines = juchu.export(Some(shop.id), false).await.unwrap();
    for l in lines.iter().filter(|l| l.order_id == order.id) {
        assert_eq!(l.outcome, ExportOutcome::Sent, "{:?}", l.message);
    }
    let patches: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "PATCH" && r.path.contains("/logistics/"))
        .collect();
    assert_eq!(
        patches.len(),
        2 * full.logistics.len(),
        "発送指示 then 発送済, per row"
    );
    for l in &full.logistics {
        let now = fake.logistic(l.id).unwrap();
        assert_eq!(now.status, "発送済");
        assert_eq!(now.shipment_date.as_deref(), Some(today.as_str()));
    }
    assert_eq!(
        fake.order(full.order.id).unwrap().order.status,
        "完了",
        "every row 発送済: 完了"
    );

    fake.clear_requests();
    let again = juchu.export(Some(shop.id), false).await.unwrap();
    assert!(again
        .iter()
        .filter(|l| l.order_id == order.id)
        .all(|l| l.skip == Some(SkipReason::AlreadySent)));
    assert!(
        fake.requests().iter().all(|r| r.method != "PATCH"),
        "nothing sent twice"
    );
}

/// bcart.md "Seen in production": an order in a shop-defined status carries
/// the slot name; Juchu shows the shop's label beside the raw value, follows
/// a rename, and the キャンセル setting reads either name.
#[tokio::test]
async fn shop_defined_statuses_show_the_shops_label() {
    let _one_at_a_time = SERIAL.lock().await;
    let (fake, _dir, juchu, shop) = bcart_shop(&[("cancel_status", "キャンセル")]).await;
    let r = juchu.sync(Some(shop.id)).await.unwrap().remove(0);
    assert_eq!(r.error, None, "{:?}", r.error_detail);
    let with = |label: &str| {
        fake.orders()
            .into_iter()
            .find(|o| o.order.status == label)
            .unwrap_or_else(|| panic!("an order in {label}"))
    };
    let busy = juchu
        .find_order(&with("処理中").order.id.to_string())
        .unwrap();
    let d = juchu.order_detail(busy.id).unwrap();
    assert_eq!(
        (d.mall_status.as_str(), d.mall_status_label.as_str()),
        ("カスタム1", "処理中")
    );
    let cancelled = juchu
        .find_order(&with("キャンセル").order.id.to_string())
        .unwrap();
    assert_eq!(
        cancelled.status,
        Status::Cancelled,
        "カスタム2 is the shop's キャンセル"
    );

    let mut statuses = fake.order_statuses();
    for s in &mut statuses {
        if s.name == "処理中" {
            s.name = "出荷準備中".into();
        }
    }
    fake.set_order_statuses(statuses);
    let r = juchu.sync(Some(shop.id)).await.unwrap().remove(0);
    assert_eq!(r.error, None, "{:?}", r.error_detail);
    let d = juchu.order_detail(busy.id).unwrap();
    assert_eq!(
        d.mall_status_label, "出荷準備中",
        "the shop renamed the slot"
    );
}

/// A token without `order_statuses-read`: the fetch stops and names the scope.
#[tokio::test]
async fn a_missing_scope_is_named() {
    let _one_at_a_time = SERIAL.lock().await;
    let (fake, _dir, juchu, shop) = bcart_shop(&[]).await;
    let scopes: Vec<&str> = fakemall::bcart::ALL_SCOPES
        .iter()
        .copied()
        .filter(|s| *s != "order_statuses-read")
        .collect();
    let token = fake.issue_token(&scopes, chrono::Duration::days(365));
    let credentials: BTreeMap<String, String> = [("access_token".to_string(), token)].into();
    juchu
        .update_shop(
            shop.id,
            &ShopInput {
                mall: Mall::Bcart,
                name: shop.name.clone(),
                settings: shop.settings.clone(),
                credentials,
            },
        )
        .unwrap();
    let r = juchu.sync(Some(shop.id)).await.unwrap().remove(0);
    assert_eq!(r.error_code.as_deref(), Some("MALL_ACCESS_DENIED"));
    let message = r.error.unwrap_or_default();
    assert!(message.contains("「order_statuses-read」"), "{message}");
}

/// 自動書き出し: after the automatic fetch the shop's rows go out by
/// themselves; a round finding the merchant's 発送情報の更新 under way waits
/// instead of running beside it; nothing is sent twice; the 自動処理ログ says
/// what each round did.
#[tokio::test]
async fn auto_export_follows_the_automatic_fetch_and_never_runs_twice_at_once() {
    let _one_at_a_time = SERIAL.lock().await;
    let (fake, _dir, juchu, shop) = bcart_shop(&[("auto_export", "on")]).await;
    let first = juchu.run_due().await.unwrap();
    assert_eq!(first.syncs.len(), 1, "a shop never fetched is due");
    assert_eq!(first.exports.len(), 1);
    assert_eq!((first.exports[0].sent, first.exports[0].failed), (0, 0));
    assert!(
        juchu.run_due().await.unwrap().is_empty(),
        "not due again before its interval"
    );

    // The merchant types a 送り状番号 for every row of an order.
    let full = fake
        .orders()
        .into_iter()
        .find(|o| !o.logistics.is_empty() && o.logistics.iter().all(|l| l.status == "未発送"))
        .expect("an order not shipped yet");
    let order = juchu.find_order(&full.order.id.to_string()).unwrap();
    juchu
        .move_orders(&[order.id], Status::AwaitingShipment)
        .unwrap();
    let today = juchu_core::time::today_jst().format("%Y-%m-%d").to_string();
    for (i, s) in juchu
        .order_detail(order.id)
        .unwrap()
        .shipments
        .iter()
        .enumerate()
    {
        juchu
            .save_shipment(
                order.id,
                &ShipmentInput {
                    shipment_ref: Some(s.shipment_ref.clone()),
                    tracking_number: Some(format!("22345678901{i}")),
                    ship_date: Some(today.clone()),
                    carrier: Some(Carrier::Sagawa),
                },
            )
            .unwrap();
    }

    // The merchant's 発送情報の更新 and a round of 自動書き出し at once.
    fake.faults()
        .set_latency(std::time::Duration::from_millis(30));
    fake.clear_requests();
    let (manual, auto) = tokio::join!(juchu.export(Some(shop.id), false), juchu.auto_export(&shop));
    let auto = auto.unwrap();
    assert!(auto.already_running, "waits instead of running beside it");
    assert_eq!(auto.sent, 0);
    assert!(manual
        .unwrap()
        .iter()
        .filter(|l| l.order_id == order.id)
        .all(|l| l.outcome == ExportOutcome::Sent));
    let patches = || {
        fake.requests()
            .iter()
            .filter(|r| r.method == "PATCH" && r.path.contains("/logistics/"))
            .count()
    };
    assert_eq!(
        patches(),
        2 * full.logistics.len(),
        "each row once per stage"
    );

    // The next round: nothing left to send, nothing sent twice.
    fake.faults().set_latency(std::time::Duration::ZERO);
    let next = juchu.auto_export(&shop).await.unwrap();
    assert_eq!(
        (next.sent, next.failed, next.already_running),
        (0, 0, false)
    );
    assert_eq!(patches(), 2 * full.logistics.len());
    for l in &full.logistics {
        assert_eq!(fake.logistic(l.id).unwrap().status, "発送済");
    }

    let log: Vec<String> = juchu
        .recent_log(20)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == "auto_export")
        .map(|e| e.message)
        .collect();
    assert_eq!(log.len(), 3, "{log:?}");
    assert!(log[1].contains("見送りました"), "{log:?}");
    assert!(log[2].contains("自動書き出し 送信 0 件"), "{log:?}");
}
