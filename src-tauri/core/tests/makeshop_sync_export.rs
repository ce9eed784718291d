//! MakeShop through Juchu against its fake: 受注取得 with each delivery a
//! shipment and `slipNumber` read as a tracking number only when it is one,
//! then 発送情報の更新 per delivery in two calls journalled apart (a denied
//! second call is sent alone next time), nothing sent twice, and a per-row
//! `message` shown as that order's failure. Runs inside `keyctl session -`.

use std::collections::BTreeMap;

use fakemall::makeshop::{FakeMakeshop, MakeshopConfig, DEMO_ACCESS_TOKEN, DEMO_API_KEY};
use juchu_core::domain::*;
use juchu_core::export::{rules::SkipReason, ExportOutcome};
use juchu_core::shop_admin::ShopInput;
use juchu_core::{Juchu, Profile};

/// The API base is one per process (`set_api_base`): one test at a time.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn makeshop_shop(orders: usize) -> (FakeMakeshop, tempfile::TempDir, Juchu, Shop) {
    let fake = FakeMakeshop::start(MakeshopConfig {
        orders,
        seed: 5,
        ..Default::default()
    })
    .await
    .unwrap();
    juchu_core::malls::set_api_base(Mall::Makeshop, &fake.api_base_url());
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    let mut settings = ShopSettings::for_mall(Mall::Makeshop);
    settings.apply("days", "31").unwrap();
    let credentials: BTreeMap<String, String> = [
        ("access_token".to_string(), DEMO_ACCESS_TOKEN.to_string()),
        ("api_key".to_string(), DEMO_API_KEY.to_string()),
    ]
    .into();
    let shop = juchu
        .add_shop(&ShopInput {
            mall: Mall::Makeshop,
            name: "MakeShop 本店".into(),
            settings,
            credentials,
        })
        .unwrap();
    (fake, dir, juchu, shop)
}

fn mutations(fake: &FakeMakeshop, operation: &str) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.body.contains(&format!("mutation {operation}")))
        .count()
}

#[tokio::test]
async fn slips_are_read_and_deliveries_sent_in_two_journalled_calls() {
    let _one_at_a_time = SERIAL.lock().await;
    let (fake, _dir, juchu, shop) = makeshop_shop(40).await;
    let r = juchu.sync(Some(shop.id)).await.unwrap().remove(0);
    assert_eq!(r.error, None, "{:?}", r.error_detail);
    assert_eq!(r.new as usize, fake.orders().len());

    // slipNumber: a memo stays a memo, a number on a live delivery is the 伝票番号.
    let (mut wishes, mut own_wishes) = (0, 0);
    for o in fake.orders() {
        let local = juchu.find_order(&o.display_order_number).unwrap();
        let detail = juchu.order_detail(local.id).unwrap();
        own_wishes += usize::from(
            detail.shipments.len() > 1
                && detail.shipments[0].delivery != detail.shipments[1].delivery,
        );
        let cancelled = o.payment_status_code == "0003";
        for d in &o.delivery_infos {
            let s = detail
                .shipments
                .iter()
                .find(|s| s.shipment_ref == d.delivery_id.to_string())
                .expect("each delivery a shipment");
            // The desired date (`--` when unset, YYYY/MM/DD) and time zone
            // read through to the delivery's shipment.
            assert_eq!(
                s.delivery,
                DeliveryWish {
                    method: None,
                    date: (d.desired_delivery_date != "--")
                        .then(|| d.desired_delivery_date.replace('/', "-")),
                    time: Some(d.desired_delivery_timezone.clone()).filter(|t| !t.is_empty()),
                },
                "{}",
                o.display_order_number
            );
            wishes += usize::from(!s.delivery.is_empty());
            match d.slip_number.as_deref() {
                Some(slip)
                    if !cancelled
                        && d.delivery_status != "C"
                        && slip.chars().all(|c| c.is_ascii_digit()) =>
                {
                    assert_eq!(s.tracking_number.as_deref(), Some(slip));
                    assert_eq!(s.mall_note, None);
                }
                Some(slip) => {
                    assert_eq!(s.tracking_number, None, "{slip} is not a tracking number");
                    assert_eq!(s.mall_note.as_deref(), Some(slip));
                }
                None => assert_eq!(
                    (s.tracking_number.as_deref(), s.mall_note.as_deref()),
                    (None, None)
                ),
            }
        }
    }

    assert!(wishes > 0, "the seed has wishes");
    assert!(own_wishes > 0, "a destination's wish is its own");

    // An open order with every delivery 未処理: its 伝票番号 typed in Juchu.
    let full = fake
        .orders()
        .into_iter()
        .find(|o| {
            o.payment_status_code != "0003"
                && o.delivery_infos
                    .iter()
                    .all(|d| d.delivery_status == "N" && d.slip_number.is_none())
        })
        .expect("an order not shipped yet");
    let order = juchu.find_order(&full.display_order_number).unwrap();
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
                    tracking_number: Some(format!("33345678901{i}")),
                    ship_date: Some(today.clone()),
                    carrier: Some(Carrier::Sagawa),
                },
            )
            .unwrap();
    }

    // 配送完了 is not allowed yet: the 送り状番号 goes, the order says why it stopped.
    fake.set_operation_denied("updateOrderDeliveryStatus", true);
    fake.clear_requests();
    let lines = juchu.export(Some(shop.id), false).await.unwrap();
    let mine: Vec<_> = lines.iter().filter(|l| l.order_id == order.id).collect();
    assert!(mine.iter().any(|l| l.outcome == ExportOutcome::Failed
        && l.message
            .as_deref()
            .unwrap_or_default()
            .contains("「updateOrderDeliveryStatus」")));
    assert_eq!(
        mutations(&fake, "updateOrderAttribute"),
        1,
        "the first delivery's 送り状番号"
    );
    let first = &full.delivery_infos[0];
    let now = fake.order(&full.display_order_number).unwrap();
    assert_eq!(
        now.delivery_infos[0].slip_number.as_deref(),
        Some("333456789010")
    );
    assert_eq!(
        now.delivery_infos[0].delivery_company_code.as_deref(),
        Some("003"),
        "佐川"
    );
    assert_eq!(now.delivery_infos[0].delivery_status, first.delivery_status);

    // Allowed again: the 送り状番号 is not sent twice, only what is left.
    fake.set_operation_denied("updateOrderDeliveryStatus", false);
    fake.clear_requests();
    let lines = juchu.export(Some(shop.id), false).await.unwrap();
    assert!(
        lines
            .iter()
            .filter(|l| l.order_id == order.id)
            .all(|l| l.outcome == ExportOutcome::Sent),
        "{lines:?}"
    );
    let n = full.delivery_infos.len();
    assert_eq!(mutations(&fake, "updateOrderAttribute"), n - 1);
    assert_eq!(mutations(&fake, "updateOrderDeliveryStatus"), n);
    for d in fake
        .order(&full.display_order_number)
        .unwrap()
        .delivery_infos
    {
        assert_eq!(d.delivery_status, "Y");
    }

    fake.clear_requests();
    let again = juchu.export(Some(shop.id), false).await.unwrap();
    assert!(again
        .iter()
        .filter(|l| l.order_id == order.id)
        .all(|l| l.skip == Some(SkipReason::AlreadySent)));
    assert_eq!(mutations(&fake, "updateOrder"), 0, "nothing sent twice");
}

/// An order cancelled on MakeShop after the fetch: MakeShop's row message
/// is that order's failure, in the result.
#[tokio::test]
async fn a_row_message_is_that_orders_failure() {
    let _one_at_a_time = SERIAL.lock().await;
    let (fake, _dir, juchu, shop) = makeshop_shop(20).await;
    juchu.sync(Some(shop.id)).await.unwrap();
    let full = fake
        .orders()
        .into_iter()
        .find(|o| {
            o.payment_status_code != "0003"
                && o.delivery_infos.iter().all(|d| d.delivery_status == "N")
        })
        .expect("an open order");
    let order = juchu.find_order(&full.display_order_number).unwrap();
    juchu
        .move_orders(&[order.id], Status::AwaitingShipment)
        .unwrap();
    let s = &juchu.order_detail(order.id).unwrap().shipments[0];
    juchu
        .save_shipment(
            order.id,
            &ShipmentInput {
                shipment_ref: Some(s.shipment_ref.clone()),
                tracking_number: Some("444456789012".into()),
                ship_date: None,
                carrier: Some(Carrier::Yamato),
            },
        )
        .unwrap();
    fake.cancel(&full.display_order_number);
    let lines = juchu.export(Some(shop.id), false).await.unwrap();
    let line = lines
        .iter()
        .find(|l| l.order_id == order.id && l.shipment_ref == s.shipment_ref)
        .unwrap();
    assert_eq!(line.outcome, ExportOutcome::Failed);
    assert!(
        line.message
            .as_deref()
            .unwrap_or_default()
            .contains("キャンセル"),
        "{:?}",
        line.message
    );
}
