//! Orders with several shipments (Bカート logistics rows, MakeShop
//! deliveryInfos) through the store and 発送情報の更新, with a client that
//! sends one unit per shipment: stored with their own destinations, every
//! number of the order found, one line and one tracking number per
//! shipment, a shipment the mall adds later still sent, and a unit left
//! pending by a timeout resolved by a read-back once its shipment no longer
//! qualifies. Runs inside `keyctl session -` (shops keep secrets).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Mutex;

use async_trait::async_trait;
use juchu_core::domain::*;
use juchu_core::export::{rules::SkipReason, ExportOutcome};
use juchu_core::malls::{
    FetchWindow, FetchedPage, KnownOrders, MallClient, MallError, ShipmentForExport, Stage,
};
use juchu_core::shop_admin::ShopInput;
use juchu_core::{Juchu, Profile};

/// A mall whose unit is the shipment itself.
#[derive(Default)]
struct PerShipmentMall {
    shipped: Mutex<Vec<String>>,
    timeout_next: AtomicBool,
    readbacks: AtomicU32,
}

#[async_trait]
impl MallClient for PerShipmentMall {
    fn mall(&self) -> Mall {
        Mall::Bcart
    }
    fn calls(&self) -> u32 {
        0
    }
    async fn test_connection(&self) -> Result<(), MallError> {
        Ok(())
    }
    async fn fetch(
        &self,
        _: FetchWindow,
        _: &KnownOrders,
        _: &mut (dyn FnMut(FetchedPage) + Send),
    ) -> Result<(), MallError> {
        Ok(())
    }
    fn shipment_units(&self, s: &ShipmentForExport, stage: Stage) -> Vec<String> {
        match stage {
            Stage::Shipped => vec![format!("logistics:{}", s.shipment_ref)],
            Stage::Instructed => Vec::new(),
        }
    }
    async fn shipped_units(
        &self,
        s: &ShipmentForExport,
        stage: Stage,
    ) -> Result<Vec<String>, MallError> {
        self.readbacks.fetch_add(1, Ordering::Relaxed);
        let mine = self.shipment_units(s, stage);
        Ok(self
            .shipped
            .lock()
            .unwrap()
            .iter()
            .filter(|u| mine.contains(u))
            .cloned()
            .collect())
    }
    async fn send_unit(
        &self,
        _: &ShipmentForExport,
        _: Stage,
        unit: &str,
    ) -> Result<(), MallError> {
        if self.timeout_next.swap(false, Ordering::Relaxed) {
            return Err(MallError::Timeout { mall: "Bカート" });
        }
        self.shipped.lock().unwrap().push(unit.to_string());
        Ok(())
    }
}

fn party(name: &str, phone: &str) -> Party {
    Party {
        name: name.into(),
        address: "東京都港区六本木4-11-4".into(),
        phone: Some(phone.into()),
        ..Party::default()
    }
}

fn shipment(r: &str, name: &str, phone: &str, items: &[&str]) -> IncomingShipment {
    IncomingShipment {
        shipment_ref: r.into(),
        ship_to: party(name, phone),
        mall_status: "未発送".into(),
        mall_state: MallState::Open,
        item_ids: items.iter().map(|s| s.to_string()).collect(),
        mall_tracking: None,
        mall_note: None,
        delivery: DeliveryWish::default(),
    }
}

fn item(id: &str, name: &str) -> IncomingItem {
    IncomingItem {
        mall_item_id: Some(id.into()),
        sku: None,
        name: name.into(),
        variation: None,
        unit_price: 1000,
        quantity: 1,
    }
}

fn order(shipments: Vec<IncomingShipment>) -> IncomingOrder {
    IncomingOrder {
        mall_order_id: "1001".into(),
        mall_refs: vec!["B-2026-0042".into()],
        ordered_at: juchu_core::time::now_unix() - 86_400,
        mall_status: "新規注文".into(),
        mall_state: MallState::Open,
        initial_status: None,
        buyer: party("株式会社 山田商店", "03-1111-2222"),
        ship_to: party("山田 本店", "03-1111-2222"),
        payment_method: "銀行振込".into(),
        shipping_fee: 0,
        total: 3000,
        remark: String::new(),
        delivery: DeliveryWish::default(),
        items: vec![
            item("p1", "緑茶"),
            item("p2", "ほうじ茶"),
            item("p3", "煎茶"),
        ],
        raw: serde_json::json!({ "id": 1001, "logistics": shipments.len() }),
        shipments,
        mall_modified: None,
    }
}

fn setup() -> (tempfile::TempDir, Juchu, Shop) {
    let dir = tempfile::tempdir().unwrap();
    let juchu = Juchu::open_at(dir.path(), Profile::Real).unwrap();
    let credentials: BTreeMap<String, String> = [(
        "access_token".to_string(),
        "eyJhbGciOiJSUzI1NiJ9.test-token".to_string(),
    )]
    .into();
    let shop = juchu
        .add_shop(&ShopInput {
            mall: Mall::Bcart,
            name: "Bカート 本店".into(),
            settings: ShopSettings::for_mall(Mall::Bcart),
            credentials,
        })
        .unwrap();
    (dir, juchu, shop)
}

fn ship(juchu: &Juchu, id: i64, r: &str, tracking: Option<&str>) {
    juchu
        .save_shipment(
            id,
            &ShipmentInput {
                shipment_ref: Some(r.into()),
                tracking_number: tracking.map(String::from),
                ship_date: None,
                carrier: Some(Carrier::Yamato),
            },
        )
        .unwrap();
}

fn today() -> chrono::NaiveDate {
    juchu_core::time::today_jst()
}

#[tokio::test]
async fn each_shipment_is_stored_found_and_sent_once() {
    let (_d, juchu, shop) = setup();
    let first = order(vec![
        shipment("7001", "山田 本店", "03-1111-2222", &["p1", "p2"]),
        shipment("7002", "山田 大阪支店", "06-3333-4444", &["p3"]),
    ]);
    juchu
        .merge_orders(shop.id, std::slice::from_ref(&first))
        .unwrap();

    // Every number of the order finds it, and a shipment's receiver too.
    let by_number = juchu.find_order("1001").unwrap();
    assert_eq!(juchu.find_order("B-2026-0042").unwrap().id, by_number.id);
    let page = juchu
        .list_orders(&OrderQuery {
            search: Some("大阪支店".into()),
            limit: 10,
            ..OrderQuery::default()
        })
        .unwrap();
    assert_eq!(
        page.rows.len(),
        1,
        "listed once, found by its second destination"
    );
    let id = by_number.id;
    juchu.move_orders(&[id], Status::AwaitingShipment).unwrap();

    ship(&juchu, id, "7001", Some("1234-5678-9012"));
    // The detail shows each shipment with its destination, items and slip;
    // the list shows the order once, with how many of its shipments have one.
    let detail = juchu.order_detail(id).unwrap();
    let names = |ids: &[i64]| -> Vec<String> {
        ids.iter()
            .map(|i| {
                detail
                    .items
                    .iter()
                    .find(|it| it.id == *i)
                    .unwrap()
                    .name
                    .clone()
            })
            .collect()
    };
    assert_eq!(detail.shipments.len(), 2);
    let (a, b) = (&detail.shipments[0], &detail.shipments[1]);
    assert_eq!(
        (a.shipment_ref.as_str(), b.shipment_ref.as_str()),
        ("7001", "7002")
    );
    assert_eq!(a.ship_to.as_ref().unwrap().name, "山田 本店");
    assert_eq!(
        b.ship_to.as_ref().unwrap().phone.as_deref(),
        Some("06-3333-4444")
    );
    assert_eq!(names(&a.item_ids), ["緑茶", "ほうじ茶"]);
    assert_eq!(names(&b.item_ids), ["煎茶"]);
    assert_eq!(a.tracking_number.as_deref(), Some("123456789012"));
    assert_eq!(b.tracking_number, None);
    assert_eq!(b.mall_status.as_deref(), Some("未発送"));
    assert_eq!(
        (detail.row.shipment_count, detail.row.shipments_tracked),
        (2, 1)
    );
    let client = PerShipmentMall::default();
    let lines = juchu
        .export_shop_with(&shop, &client, today())
        .await
        .unwrap();
    assert_eq!(lines.len(), 2, "one line per shipment");
    let by_ref = |r: &str| lines.iter().find(|l| l.shipment_ref == r).unwrap().clone();
    assert_eq!(by_ref("7001").outcome, ExportOutcome::Sent);
    assert_eq!(
        by_ref("7001").tracking_number.as_deref(),
        Some("123456789012")
    );
    assert_eq!(by_ref("7002").skip, Some(SkipReason::NoTrackingNumber));

    // The second destination gets its own slip.
    ship(&juchu, id, "7002", Some("2234-5678-9013"));
    let lines = juchu
        .export_shop_with(&shop, &client, today())
        .await
        .unwrap();
    assert_eq!(
        by_ref_of(&lines, "7001").skip,
        Some(SkipReason::AlreadySent)
    );
    assert_eq!(by_ref_of(&lines, "7002").outcome, ExportOutcome::Sent);

    // The mall adds a third destination later: it is sent, the others are not again.
    let mut later = order(vec![
        shipment("7001", "山田 本店", "03-1111-2222", &["p1"]),
        shipment("7002", "山田 大阪支店", "06-3333-4444", &["p3"]),
        shipment("7003", "山田 福岡支店", "092-555-6666", &["p2"]),
    ]);
    later.raw = serde_json::json!({ "id": 1001, "logistics": 3 });
    juchu.merge_orders(shop.id, &[later]).unwrap();
    ship(&juchu, id, "7003", Some("3234-5678-9014"));
    let lines = juchu
        .export_shop_with(&shop, &client, today())
        .await
        .unwrap();
    assert_eq!(by_ref_of(&lines, "7003").outcome, ExportOutcome::Sent);
    assert_eq!(
        client.shipped.lock().unwrap().clone(),
        vec!["logistics:7001", "logistics:7002", "logistics:7003"],
        "each shipment's unit sent exactly once"
    );
    // The tracking numbers the merchant typed survive the re-fetch.
    let lines = juchu.export(Some(shop.id), true).await.unwrap();
    assert!(
        lines.iter().all(|l| l.tracking_number.is_some()),
        "{lines:?}"
    );
}

fn by_ref_of(lines: &[juchu_core::export::ExportLine], r: &str) -> juchu_core::export::ExportLine {
    lines.iter().find(|l| l.shipment_ref == r).unwrap().clone()
}

#[tokio::test]
async fn a_pending_unit_of_a_shipment_that_no_longer_qualifies_is_read_back() {
    let (_d, juchu, shop) = setup();
    juchu
        .merge_orders(
            shop.id,
            &[order(vec![
                shipment("7001", "山田 本店", "03-1111-2222", &["p1"]),
                shipment("7002", "山田 大阪支店", "06-3333-4444", &["p2", "p3"]),
            ])],
        )
        .unwrap();
    let id = juchu.find_order("1001").unwrap().id;
    juchu.move_orders(&[id], Status::AwaitingShipment).unwrap();
    ship(&juchu, id, "7001", Some("1234-5678-9012"));

    // The call times out: its outcome is unknown, the unit stays pending.
    let client = PerShipmentMall::default();
    client.timeout_next.store(true, Ordering::Relaxed);
    let lines = juchu
        .export_shop_with(&shop, &client, today())
        .await
        .unwrap();
    assert_eq!(by_ref_of(&lines, "7001").outcome, ExportOutcome::Failed);

    // The merchant takes the tracking number away: the shipment no longer
    // qualifies, and the pending unit is resolved by asking the mall.
    ship(&juchu, id, "7001", None);
    let before = client.readbacks.load(Ordering::Relaxed);
    juchu
        .export_shop_with(&shop, &client, today())
        .await
        .unwrap();
    assert_eq!(client.readbacks.load(Ordering::Relaxed), before + 1);
    // Resolved as not sent: typed again, it is sent without another read-back.
    ship(&juchu, id, "7001", Some("1234-5678-9012"));
    let lines = juchu
        .export_shop_with(&shop, &client, today())
        .await
        .unwrap();
    assert_eq!(by_ref_of(&lines, "7001").outcome, ExportOutcome::Sent);
    assert_eq!(client.readbacks.load(Ordering::Relaxed), before + 1);
    assert_eq!(
        client.shipped.lock().unwrap().clone(),
        vec!["logistics:7001"]
    );
}

/// The buyer's delivery wish is kept per shipment (its own where the mall
/// gives one, the order's for the rest), read again for an order stored
/// before it was kept, and reaches the label file as the carrier's codes.
#[test]
fn delivery_wishes_are_kept_and_reach_the_label_file() {
    use juchu_core::labels::settings::{MethodService, Sender};
    use juchu_core::labels::{LabelFormat, LabelSelection, LabelSettings, Service};

    let (dir, juchu, shop) = setup();
    let mut o = order(vec![
        shipment("7001", "山田 本店", "03-1111-2222", &["p1", "p2"]),
        shipment("7002", "山田 大阪支店", "06-3333-4444", &["p3"]),
    ]);
    o.delivery = DeliveryWish::from_mall(
        Some("宅急便コンパクト"),
        Some("2026/12/10"),
        Some("14時～16時"),
    );
    o.shipments[1].delivery = DeliveryWish::from_mall(None, Some("2026-12-12"), Some("午前中"));
    let stats = juchu
        .merge_orders(shop.id, std::slice::from_ref(&o))
        .unwrap();
    assert_eq!(stats.new, 1);
    let id = juchu.find_order("1001").unwrap().id;
    let wishes = |juchu: &Juchu| -> Vec<DeliveryWish> {
        juchu
            .order_detail(id)
            .unwrap()
            .shipments
            .into_iter()
            .map(|s| s.delivery)
            .collect()
    };
    let expected = vec![
        DeliveryWish::from_mall(
            Some("宅急便コンパクト"),
            Some("2026-12-10"),
            Some("14時～16時"),
        ),
        DeliveryWish::from_mall(Some("宅急便コンパクト"), Some("2026-12-12"), Some("午前中")),
    ];
    assert_eq!(wishes(&juchu), expected);

    // Stored before the wish was kept: the same payload fetched again
    // fills it in once, then is unchanged again.
    let db = rusqlite::Connection::open(dir.path().join("juchu.sqlite3")).unwrap();
    db.execute_batch(
        "UPDATE orders SET delivery_method = NULL, delivery_date = NULL, delivery_time = NULL;
         UPDATE shipments SET delivery_method = NULL, delivery_date = NULL, delivery_time = NULL;",
    )
    .unwrap();
    assert!(wishes(&juchu).iter().all(DeliveryWish::is_empty));
    let again = juchu
        .merge_orders(shop.id, std::slice::from_ref(&o))
        .unwrap();
    assert_eq!((again.updated, again.unchanged), (1, 0));
    assert_eq!(wishes(&juchu), expected);
    let third = juchu
        .merge_orders(shop.id, std::slice::from_ref(&o))
        .unwrap();
    assert_eq!((third.updated, third.unchanged), (0, 1));

    // The shop maps its method to 宅急便コンパクト: the B2 rows carry the
    // service code, each shipment's date and the slot codes.
    juchu
        .set_label_settings(
            shop.id,
            &LabelSettings {
                sender: Sender {
                    name: "山田商店".into(),
                    phone: "03-1111-2222".into(),
                    zip: "1000001".into(),
                    address: "東京都千代田区千代田1-1".into(),
                    ..Sender::default()
                },
                b2_billing_code: "012345678901".into(),
                method_services: vec![MethodService {
                    method: "宅急便コンパクト".into(),
                    service: Service::Compact,
                }],
                ..LabelSettings::default()
            },
        )
        .unwrap();
    let plan = juchu
        .label_plan(LabelFormat::B2, &LabelSelection::Orders(vec![id]))
        .unwrap();
    let cells: Vec<(&str, &str, &str)> = plan
        .rows
        .iter()
        .map(|r| {
            (
                r.cells[1].as_str(),
                r.cells[5].as_str(),
                r.cells[6].as_str(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        vec![("8", "2026/12/10", "1416"), ("8", "2026/12/12", "0812")]
    );
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
}

/// A number the mall already holds (Bカート `delivery_code`, MakeShop
/// `slipNumber`) fills a shipment that has none here, and never replaces
/// what the merchant typed.
#[test]
fn a_number_on_the_mall_fills_an_empty_shipment_only() {
    let (_d, juchu, shop) = setup();
    let mut o = order(vec![
        shipment("7001", "山田 本店", "03-1111-2222", &["p1", "p2"]),
        shipment("7002", "山田 大阪支店", "06-3333-4444", &["p3"]),
    ]);
    juchu
        .merge_orders(shop.id, std::slice::from_ref(&o))
        .unwrap();
    let id = juchu.find_order("1001").unwrap().id;
    ship(&juchu, id, "7001", Some("1234-5678-9012"));

    // The mall now holds a number on both rows (its payload changed).
    o.shipments[0].mall_tracking = Some("223456789013".into());
    o.shipments[1].mall_tracking = Some("323456789014".into());
    o.raw = serde_json::json!({ "id": 1001, "delivery_codes": 2 });
    let stats = juchu
        .merge_orders(shop.id, std::slice::from_ref(&o))
        .unwrap();
    assert_eq!(stats.updated, 1);
    let tracking: Vec<Option<String>> = juchu
        .order_detail(id)
        .unwrap()
        .shipments
        .into_iter()
        .map(|s| s.tracking_number)
        .collect();
    assert_eq!(
        tracking,
        vec![Some("123456789012".into()), Some("323456789014".into())],
        "the merchant's number stays; the empty shipment takes the mall's"
    );
}
