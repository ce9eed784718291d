//! Qoo10 through Juchu against the Qoo10 fake: a shop added with the
//! merchant's keys, 受注取得 (the 販売認証キー issued by Juchu, and issued
//! again when it expires), and 発送情報の更新 once per OrderNo of a pack,
//! never twice. Runs inside `keyctl session -`.

use std::collections::BTreeMap;

use fakemall::qoo10::{FakeQoo10, Qoo10Config, DEMO_API_KEY, DEMO_PASSWORD, DEMO_USER_ID};
use juchu_core::domain::*;
use juchu_core::export::{rules::SkipReason, ExportOutcome};
use juchu_core::shop_admin::ShopInput;
use juchu_core::{Juchu, Profile};

/// The API base is one per process (`set_api_base`): one test at a time.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn calls(fake: &FakeQoo10, method: &str) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.path.ends_with(method))
        .count()
}

/// A Qoo10 fake (numbers in mixed types, as production answers) and a Juchu
/// with one Qoo10 shop of the demo seller, its settings as `key=value`.
async fn qoo10_shop(
    orders: usize,
    seed: u64,
    set: &[(&str, &str)],
) -> (FakeQoo10, tempfile::TempDir, Juchu, Shop) {
    let fake = FakeQoo10::start(Qoo10Config {
        orders,
        seed,
        ..Default::default()
    })
    .await
    .unwrap();
    fake.set_mixed_number_types(true);
    juchu_core::malls::set_api_base(Mall::Qoo10, &fake.api_base_url());
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    let mut settings = ShopSettings::for_mall(Mall::Qoo10);
    for (k, v) in set {
        settings.apply(k, v).unwrap();
    }
    let credentials: BTreeMap<String, String> = [
        ("user_id", DEMO_USER_ID),
        ("password", DEMO_PASSWORD),
        ("api_key", DEMO_API_KEY),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let shop = juchu
        .add_shop(&ShopInput {
            mall: Mall::Qoo10,
            name: "Qoo10 本店".into(),
            settings,
            credentials,
        })
        .unwrap();
    (fake, dir, juchu, shop)
}

#[tokio::test]
async fn keys_fetch_renewal_and_sending_once_per_order_no() {
    let _one_at_a_time = SERIAL.lock().await;
    // The merchant's own name for a carrier goes to Qoo10 instead of the table's.
    let (fake, _dir, juchu, shop) =
        qoo10_shop(60, 8, &[("days", "31"), ("corp_yamato", "ヤマト運輸")]).await;

    // 接続テスト issues the key; the list shows its age.
    juchu.test_connection(shop.id).await.unwrap();
    assert_eq!(calls(&fake, "CreateCertificationKey"), 1);
    let card = juchu.shop_statuses().unwrap().remove(0);
    assert_eq!(card.state_label, "接続済み");
    assert!(card
        .key_note
        .unwrap()
        .starts_with("販売認証キー: 発行から0日"));

    let r = juchu.sync(Some(shop.id)).await.unwrap().remove(0);
    assert_eq!(r.error, None);
    let mut packs: Vec<i64> = fake
        .rows()
        .iter()
        .filter(|row| matches!(row.hidden.stat, 0 | 2 | 3))
        .map(|row| row.pack_no)
        .collect();
    packs.sort_unstable();
    packs.dedup();
    assert_eq!(
        r.new as usize,
        packs.len(),
        "one order per pack, cancelled ones too"
    );
    assert_eq!(calls(&fake, "CreateCertificationKey"), 1, "the key is kept");

    // The buyer's hopeDate and the listing's DeliveryCompany read through to
    // the order's shipment (Qoo10 sends no time wish).
    let wish_of = |pack: i64| {
        let order = juchu.find_order(&pack.to_string()).unwrap();
        juchu.order_detail(order.id).unwrap().shipments[0]
            .delivery
            .clone()
    };
    let fetched: Vec<_> = fake
        .rows()
        .into_iter()
        .filter(|row| matches!(row.hidden.stat, 2 | 3))
        .collect();
    let wished = fetched
        .iter()
        .find(|row| !row.hope_date.is_empty())
        .expect("the seed has an order with a hopeDate");
    assert_eq!(
        wish_of(wished.pack_no),
        DeliveryWish {
            method: Some(wished.delivery_company.clone()),
            date: Some(wished.hope_date.clone()),
            time: None,
        }
    );
    let plain = fetched
        .iter()
        .find(|row| row.hope_date.is_empty())
        .expect("the seed has an order without one");
    assert_eq!(wish_of(plain.pack_no).date, None, "\"\" is no wish");

    // A pack of two lines: shipped once per OrderNo, then never again.
    let pack = fake
        .rows()
        .iter()
        .filter(|row| row.hidden.stat == 2)
        .map(|row| row.pack_no)
        .find(|p| fake.pack(*p).len() > 1)
        .or_else(|| {
            fake.rows()
                .iter()
                .find(|row| row.hidden.stat == 2)
                .map(|row| row.pack_no)
        })
        .expect("an order on request");
    let order = juchu.find_order(&pack.to_string()).unwrap();
    juchu
        .move_orders(&[order.id], Status::AwaitingShipment)
        .unwrap();
    juchu
        .save_shipment(
            order.id,
            &ShipmentInput {
                shipment_ref: None,
                tracking_number: Some("1234-5678-9012".into()),
                ship_date: None,
                carrier: Some(Carrier::Yamato),
            },
        )
        .unwrap();
    let detail = juchu.order_detail(order.id).unwrap();
    assert_eq!(detail.mall_status_label, "配送要請");
    fake.clear_requests();
    let lines = juchu.export(Some(shop.id), false).await.unwrap();
    let line = lines.iter().find(|l| l.order_id == order.id).unwrap();
    assert_eq!(line.outcome, ExportOutcome::Sent, "{:?}", line.message);
    let sends: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("SetSendingInfo"))
        .collect();
    assert_eq!(sends.len(), fake.pack(pack).len(), "one call per OrderNo");
    for s in &sends {
        assert_eq!(s.form_param("ShippingCorp").as_deref(), Some("ヤマト運輸"));
        assert_eq!(s.form_param("TrackingNo").as_deref(), Some("123456789012"));
    }
    for no in fake.pack(pack) {
        assert_eq!(fake.row(no).unwrap().hidden.stat, 4, "配送中 on Qoo10");
    }
    fake.clear_requests();
    let again = juchu.export(Some(shop.id), false).await.unwrap();
    let line = again.iter().find(|l| l.order_id == order.id).unwrap();
    assert_eq!(line.skip, Some(SkipReason::AlreadySent));
    assert_eq!(calls(&fake, "SetSendingInfo"), 0);

    // An order cancelled on Qoo10 vanishes from the shipping lists; its claim
    // moves it to キャンセル.
    let victim = fake
        .rows()
        .iter()
        .find(|row| row.hidden.stat == 3 && fake.pack(row.pack_no).len() == 1)
        .map(|row| (row.order_no, row.pack_no))
        .expect("a one-line order in 配送準備");
    assert!(fake.cancel(victim.0));
    juchu.sync(Some(shop.id)).await.unwrap();
    let cancelled = juchu.find_order(&victim.1.to_string()).unwrap();
    assert_eq!(cancelled.status, Status::Cancelled);

    // A year later the key has expired: Juchu issues a new one by itself.
    fake.expire_saks();
    let r = juchu.sync(Some(shop.id)).await.unwrap().remove(0);
    assert_eq!(r.error, None, "{:?}", r.error_detail);
    assert_eq!(calls(&fake, "CreateCertificationKey"), 1, "renewed once");
}

#[tokio::test]
async fn a_ship_plan_set_from_juchu_moves_the_order_to_seller_confirm_and_keeps_it_fetched() {
    let _one_at_a_time = SERIAL.lock().await;
    // Only 配送要請: the trap GoQSystem merchants fall into.
    let (fake, _dir, juchu, shop) =
        qoo10_shop(40, 9, &[("days", "31"), ("fetch_seller_confirm", "off")]).await;
    juchu.sync(Some(shop.id)).await.unwrap();
    let row = fake
        .rows()
        .into_iter()
        .find(|r| r.hidden.stat == 2 && fake.pack(r.pack_no).len() == 1)
        .expect("a one-line order on request");
    let order = juchu.find_order(&row.pack_no.to_string()).unwrap();
    let date = (juchu_core::time::today_jst() + chrono::Days::new(2))
        .format("%Y-%m-%d")
        .to_string();
    let results = juchu
        .set_ship_plan(&juchu_core::ship_plan::ShipPlanInput {
            order_ids: vec![order.id],
            date: date.clone(),
            reason: 1,
            memo: "入荷待ち".into(),
        })
        .await
        .unwrap();
    assert!(results[0].ok, "{:?}", results[0]);
    assert!(results[0].message.contains("配送準備"));
    let on_qoo10 = fake.row(row.order_no).unwrap();
    assert_eq!(on_qoo10.hidden.stat, 3);
    assert!(on_qoo10.est_shipping_date.starts_with(&date));
    // The shop now fetches 配送準備 too, so the order is not lost.
    let shop = juchu.shop(shop.id).unwrap();
    assert_eq!(
        shop.settings
            .values()
            .into_iter()
            .find(|(k, _)| *k == "fetch_seller_confirm")
            .unwrap()
            .1,
        "on"
    );
    juchu.sync(Some(shop.id)).await.unwrap();
    let detail = juchu.order_detail(order.id).unwrap();
    assert_eq!(detail.mall_status_label, "配送準備");
    // A second time: Qoo10 says it is already confirmed, in the result.
    let again = juchu
        .set_ship_plan(&juchu_core::ship_plan::ShipPlanInput {
            order_ids: vec![order.id],
            date,
            reason: 1,
            memo: String::new(),
        })
        .await
        .unwrap();
    assert!(!again[0].ok);
}
