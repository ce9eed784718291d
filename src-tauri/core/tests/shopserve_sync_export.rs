//! ショップサーブ through Juchu against its fake, in each of the four body
//! formats the real API might speak (JSON or XML, UTF-8 or CP932; the guess
//! is `malls/shopserve/uncertain.rs`): 受注取得 in windows of at most 7 days
//! with text CP932 lacks, each delivery a shipment, 発送情報の更新 per
//! delivery with the order 発送済 with its last, nothing sent twice, and
//! maintenance read as such. Runs inside `keyctl session -`.

use std::collections::BTreeMap;

use fakemall::shopserve::{
    seed::CHARSET_PROBE_REMARK, Charset as FakeCharset, Codec as FakeCodec, FakeShopserve,
    ShopserveConfig, DEMO_MANAGER_KEY, DEMO_OPEN_KEY, DEMO_SHOP_ID,
};
use juchu_core::domain::*;
use juchu_core::export::{rules::SkipReason, ExportOutcome};
use juchu_core::malls::http::HttpOptions;
use juchu_core::malls::shopserve::wire::{Charset, Codec};
use juchu_core::malls::shopserve::{ShopserveClient, ShopserveOptions};
use juchu_core::shop_admin::ShopInput;
use juchu_core::{Juchu, Profile};

async fn shop() -> (tempfile::TempDir, Juchu, Shop) {
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    let mut settings = ShopSettings::for_mall(Mall::Shopserve);
    settings.apply("days", "31").unwrap();
    let credentials: BTreeMap<String, String> = [
        ("shop_id", DEMO_SHOP_ID),
        ("open_key", DEMO_OPEN_KEY),
        ("manager_key", DEMO_MANAGER_KEY),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let shop = juchu
        .add_shop(&ShopInput {
            mall: Mall::Shopserve,
            name: "ショップサーブ 本店".into(),
            settings,
            credentials,
        })
        .unwrap();
    (dir, juchu, shop)
}

/// A client of the shop (the keys Juchu saved) speaking `codec` in `charset`.
fn client(
    fake: &FakeShopserve,
    juchu: &Juchu,
    shop: &Shop,
    codec: Codec,
    charset: Charset,
) -> ShopserveClient {
    ShopserveClient::with_options(
        shop.id,
        juchu.secrets().clone(),
        ShopserveOptions {
            api_base: fake.api_base_url(),
            http: HttpOptions::fast(),
            codec,
            charset,
        },
    )
}

async fn one_format(codec: Codec, charset: Charset) {
    let fake = FakeShopserve::start(ShopserveConfig {
        orders: 40,
        seed: 9,
        codec: match codec {
            Codec::Json => FakeCodec::Json,
            Codec::Xml => FakeCodec::Xml,
        },
        charset: match charset {
            Charset::Utf8 => FakeCharset::Utf8,
            Charset::Cp932 => FakeCharset::Cp932,
        },
        ..Default::default()
    })
    .await
    .unwrap();
    let (_dir, juchu, shop) = shop().await;
    let c = client(&fake, &juchu, &shop, codec, charset);
    let what = format!("{codec:?} {charset:?}");

    let r = juchu.sync_shop_with(&shop, &c).await.unwrap();
    assert_eq!(r.error, None, "{what}: {:?}", r.error_detail);
    assert_eq!(r.new as usize, fake.orders().len(), "{what}");
    assert!(
        r.calls >= 5,
        "{what}: 31 days in windows of 7 need five calls ({})",
        r.calls
    );

    // Text CP932 lacks survives where the format can carry it.
    let probe = fake
        .orders()
        .into_iter()
        .find(|o| o.remarks.as_deref() == Some(CHARSET_PROBE_REMARK))
        .expect("the fake seeds the charset probe");
    let local = juchu.find_order(&probe.order_no).unwrap();
    let remark = juchu.order_detail(local.id).unwrap().remark;
    match (codec, charset) {
        (Codec::Json, Charset::Cp932) => assert!(
            remark.contains('〓') && remark.contains("①番") && remark.contains("髙島屋"),
            "{what}: {remark}"
        ),
        _ => assert_eq!(remark, CHARSET_PROBE_REMARK, "{what}"),
    }

    // Each delivery's お届け希望日 / 時間帯 reads through to its shipment, in
    // every format (～ survives CP932).
    let mut wishes = 0;
    for o in fake.orders() {
        let local = juchu.find_order(&o.order_no).unwrap();
        let detail = juchu.order_detail(local.id).unwrap();
        for (d, s) in o.deliveries.iter().zip(&detail.shipments) {
            assert_eq!(s.shipment_ref, d.delivery_no.to_string(), "{what}");
            assert_eq!(
                s.delivery,
                DeliveryWish {
                    method: None,
                    date: d.desired_date.clone(),
                    time: d.desired_time.clone(),
                },
                "{what}: {}",
                o.order_no
            );
            wishes += usize::from(!s.delivery.is_empty());
        }
    }
    assert!(wishes > 0, "{what}: the seed has wishes");

    // An order with two destinations, not shipped: a 伝票番号 for each.
    let full = fake
        .orders()
        .into_iter()
        .find(|o| {
            o.deliveries.len() >= 2
                && o.shipping_status == "未発送"
                && o.order_status != "キャンセル"
                && o.deliveries.iter().all(|d| d.tracking_no.is_none())
        })
        .unwrap_or_else(|| panic!("{what}: a multi-destination order not shipped"));
    let order = juchu.find_order(&full.order_no).unwrap();
    juchu
        .move_orders(&[order.id], Status::AwaitingShipment)
        .unwrap();
    let today = juchu_core::time::today_jst();
    let detail = juchu.order_detail(order.id).unwrap();
    assert_eq!(detail.shipments.len(), full.deliveries.len(), "{what}");
    for (i, s) in detail.shipments.iter().enumerate() {
        juchu
            .save_shipment(
                order.id,
                &ShipmentInput {
                    shipment_ref: Some(s.shipment_ref.clone()),
                    tracking_number: Some(format!("66345678901{i}")),
                    ship_date: Some(today.format("%Y-%m-%d").to_string()),
                    carrier: Some(Carrier::Yamato),
                },
            )
            .unwrap();
    }
    fake.clear_requests();
    let lines = juchu.export_shop_with(&shop, &c, today).await.unwrap();
    for l in lines.iter().filter(|l| l.order_id == order.id) {
        assert_eq!(l.outcome, ExportOutcome::Sent, "{what}: {:?}", l.message);
    }
    let now = fake.order(&full.order_no).unwrap();
    assert_eq!(now.shipping_status, "発送済", "{what}");
    for (i, d) in now.deliveries.iter().enumerate() {
        assert_eq!(
            d.tracking_no.as_deref(),
            Some(format!("66345678901{i}").as_str())
        );
        assert_eq!(d.carrier_code.as_deref(), Some("01"));
        assert_eq!(
            d.ship_date.as_deref(),
            Some(today.format("%Y-%m-%d").to_string().as_str())
        );
    }
    let posts = || {
        fake.requests()
            .iter()
            .filter(|r| r.method == "POST")
            .count()
    };
    assert_eq!(
        posts(),
        full.deliveries.len(),
        "{what}: one row per delivery"
    );
    let again = juchu.export_shop_with(&shop, &c, today).await.unwrap();
    assert!(again
        .iter()
        .filter(|l| l.order_id == order.id)
        .all(|l| l.skip == Some(SkipReason::AlreadySent)));
    assert_eq!(posts(), full.deliveries.len(), "{what}: nothing sent twice");

    // Maintenance: named as such, never read as zero orders.
    let now_utc = chrono::Utc::now();
    fake.schedule_maintenance(
        now_utc - chrono::Duration::minutes(1),
        now_utc + chrono::Duration::hours(1),
    );
    let r = juchu.sync_shop_with(&shop, &c).await.unwrap();
    assert_eq!(
        r.error_code.as_deref(),
        Some("MALL_MAINTENANCE"),
        "{what}: {:?}",
        r.error
    );
    assert!(r.error.unwrap_or_default().contains("メンテナンス"));
}

#[tokio::test]
async fn json_utf8() {
    one_format(Codec::Json, Charset::Utf8).await;
}

#[tokio::test]
async fn json_cp932() {
    one_format(Codec::Json, Charset::Cp932).await;
}

#[tokio::test]
async fn xml_utf8() {
    one_format(Codec::Xml, Charset::Utf8).await;
}

#[tokio::test]
async fn xml_cp932() {
    one_format(Codec::Xml, Charset::Cp932).await;
}
