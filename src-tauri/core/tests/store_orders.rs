//! The store as the order screen uses it: paging, counts, search, moves,
//! shipment info, and the merge rules of DESIGN.md.

use juchu_core::domain::*;
use juchu_core::store::Store;
use juchu_core::{sample, Profile};

fn store_with(n: usize) -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), Profile::Real).unwrap();
    let shop = store
        .add_shop(
            Mall::Base,
            "BASE 1号店",
            &ShopSettings::for_mall(Mall::Base),
        )
        .unwrap();
    let orders = sample::orders(Mall::Base, n, 7, 1_790_000_000, 30);
    store.merge_orders(shop.id, &orders).unwrap();
    (dir, store, shop.id)
}

fn incoming(id: &str, buyer: &str) -> IncomingOrder {
    IncomingOrder {
        mall_order_id: id.into(),
        ordered_at: 1_790_000_000,
        mall_refs: Vec::new(),
        mall_status: "ordered".into(),
        mall_state: MallState::Open,
        initial_status: None,
        buyer: Party {
            name: buyer.into(),
            phone: Some("090-1111-2222".into()),
            ..Party::default()
        },
        ship_to: Party {
            name: "受取 人".into(),
            ..Party::default()
        },
        payment_method: "creditcard".into(),
        shipping_fee: 500,
        total: 2500,
        remark: String::new(),
        delivery: DeliveryWish::default(),
        items: vec![IncomingItem {
            mall_item_id: Some("1".into()),
            sku: None,
            name: "Tシャツ".into(),
            variation: Some("M".into()),
            unit_price: 2000,
            quantity: 1,
        }],
        shipments: Vec::new(),
        raw: serde_json::json!({ "id": id, "buyer": buyer }),
        mall_modified: None,
    }
}

#[test]
fn counts_follow_inserts_moves_and_removal() {
    let (_d, mut store, shop) = store_with(500);
    let c = store.status_counts(&CountFilter::default()).unwrap();
    assert_eq!(c.all, 500);
    assert_eq!(c.by_status.len(), 7);
    let new_before = c.by_status[0].count;
    let page = store
        .list_orders(&OrderQuery {
            status: Some(Status::New),
            limit: 3,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, new_before);
    let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
    assert_eq!(
        store.move_orders(&ids, Status::AwaitingShipment).unwrap(),
        3
    );
    // Moving again to the same status changes nothing.
    assert_eq!(
        store.move_orders(&ids, Status::AwaitingShipment).unwrap(),
        0
    );
    let c2 = store.status_counts(&CountFilter::default()).unwrap();
    assert_eq!(c2.by_status[0].count, new_before - 3);
    assert_eq!(c2.by_status[2].count, c.by_status[2].count + 3);
    assert_eq!(c2.all, 500);
    // Counts agree with a plain count(*) for every status.
    for sc in &c2.by_status {
        let p = store
            .list_orders(&OrderQuery {
                status: Some(sc.status),
                search: Some("B".into()),
                limit: 1,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(p.total, sc.count, "{}", sc.status);
    }
    assert!(store.move_orders(&[999_999], Status::Done).is_err());
    store.remove_shop(shop, false).unwrap();
    assert_eq!(store.status_counts(&CountFilter::default()).unwrap().all, 0);
}

#[test]
fn pages_are_sorted_by_order_date_and_disjoint() {
    let (_d, store, shop) = store_with(250);
    let mut seen = Vec::new();
    for offset in [0, 100, 200] {
        let p = store
            .list_orders(&OrderQuery {
                shop_id: Some(shop),
                offset,
                limit: 100,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(p.total, 250);
        seen.extend(p.rows);
    }
    assert_eq!(seen.len(), 250);
    assert!(seen.windows(2).all(|w| w[0].ordered_at >= w[1].ordered_at));
    let mut ids: Vec<i64> = seen.iter().map(|r| r.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 250);
    let asc = store
        .list_orders(&OrderQuery {
            sort: SortDir::Asc,
            limit: 5,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(asc.rows[0].ordered_at, seen.last().unwrap().ordered_at);
    assert!(asc.rows[0].ordered_at.ends_with("+09:00"));
}

#[test]
fn search_finds_order_number_names_phone_and_tracking() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), Profile::Real).unwrap();
    let shop = store
        .add_shop(
            Mall::Base,
            "BASE 1号店",
            &ShopSettings::for_mall(Mall::Base),
        )
        .unwrap();
    store
        .merge_orders(
            shop.id,
            &[
                incoming("154D88A39E454289", "山田 太郎"),
                incoming("9CD3594222D78673", "田中 花子"),
            ],
        )
        .unwrap();
    fn find_in(store: &Store, q: &str) -> Vec<String> {
        store
            .list_orders(&OrderQuery {
                search: Some(q.into()),
                limit: 50,
                ..Default::default()
            })
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.mall_order_id)
            .collect()
    }
    let find = |q: &str| find_in(&store, q);
    assert_eq!(find("154d88"), vec!["154D88A39E454289"]);
    assert_eq!(find("田太"), vec!["154D88A39E454289"]);
    assert_eq!(find("受取"), find("人").into_iter().collect::<Vec<_>>());
    assert_eq!(find("09011112222").len(), 2);
    assert!(find("存在しない").is_empty());
    assert!(find("---").is_empty());
    let id = store
        .list_orders(&OrderQuery {
            limit: 10,
            search: Some("山田".into()),
            ..Default::default()
        })
        .unwrap()
        .rows[0]
        .id;
    store
        .save_shipment(
            id,
            &ShipmentInput {
                shipment_ref: None,
                tracking_number: Some("1234-5678-9012".into()),
                ship_date: None,
                carrier: Some(Carrier::Yamato),
            },
        )
        .unwrap();
    assert_eq!(find_in(&store, "123456789012"), vec!["154D88A39E454289"]);
    let counts = store
        .status_counts(&CountFilter {
            shop_id: None,
            search: Some("田中".into()),
        })
        .unwrap();
    assert_eq!(counts.all, 1);
}

#[test]
fn shipment_is_validated_and_saved() {
    let (_d, mut store, _) = store_with(5);
    let id = store
        .list_orders(&OrderQuery {
            limit: 1,
            ..Default::default()
        })
        .unwrap()
        .rows[0]
        .id;
    let e = store
        .save_shipment(
            id,
            &ShipmentInput {
                shipment_ref: None,
                tracking_number: Some("123".into()),
                ship_date: None,
                carrier: Some(Carrier::Sagawa),
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_TRACKING");
    let e = store
        .save_shipment(
            id,
            &ShipmentInput {
                shipment_ref: None,
                tracking_number: Some("123456789012".into()),
                ship_date: None,
                carrier: None,
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "CARRIER_REQUIRED");
    let e = store
        .save_shipment(
            id,
            &ShipmentInput {
                shipment_ref: None,
                tracking_number: None,
                ship_date: Some("2026-02-30".into()),
                carrier: None,
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_DATE");
    assert!(e.to_string().contains("2026-02-30"));
    let row = store
        .save_shipment(
            id,
            &ShipmentInput {
                shipment_ref: None,
                tracking_number: Some("１２３４-５６７８-９０１２".into()),
                ship_date: Some("2026/11/23".into()),
                carrier: Some(Carrier::Yamato),
            },
        )
        .unwrap();
    assert_eq!(row.tracking_number.as_deref(), Some("123456789012"));
    assert_eq!(row.ship_date.as_deref(), Some("2026-11-23"));
    assert_eq!(row.carrier, Some(Carrier::Yamato));
    assert!(store
        .save_shipment(424_242, &ShipmentInput::default())
        .is_err());
    // Clearing works too.
    let row = store.save_shipment(id, &ShipmentInput::default()).unwrap();
    assert_eq!(row.tracking_number, None);
}

#[test]
fn changes_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let id;
    {
        let mut store = Store::open(dir.path(), Profile::Real).unwrap();
        let shop = store
            .add_shop(
                Mall::Qoo10,
                "Qoo10 本店",
                &ShopSettings::for_mall(Mall::Qoo10),
            )
            .unwrap();
        store
            .merge_orders(shop.id, &[incoming("1062428737", "佐藤 花子")])
            .unwrap();
        id = store
            .list_orders(&OrderQuery {
                limit: 1,
                ..Default::default()
            })
            .unwrap()
            .rows[0]
            .id;
        store.move_orders(&[id], Status::AwaitingShipment).unwrap();
    }
    let store = Store::open(dir.path(), Profile::Real).unwrap();
    assert_eq!(store.order(id).unwrap().status, Status::AwaitingShipment);
    let d = store.order_detail(id).unwrap();
    assert_eq!(d.items.len(), 1);
    assert_eq!(d.items[0].subtotal, 2000);
    assert_eq!(d.buyer.name, "佐藤 花子");
}

#[test]
fn refetch_never_duplicates_nor_overwrites_local_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), Profile::Real).unwrap();
    let settings = ShopSettings {
        initial_status: Status::OnHold,
        ..ShopSettings::for_mall(Mall::Base)
    };
    let shop = store.add_shop(Mall::Base, "BASE 1号店", &settings).unwrap();
    let first = store
        .merge_orders(shop.id, &[incoming("A1", "山田 太郎")])
        .unwrap();
    assert_eq!(first.new, 1);
    let id = store
        .list_orders(&OrderQuery {
            limit: 1,
            ..Default::default()
        })
        .unwrap()
        .rows[0]
        .id;
    assert_eq!(
        store.order(id).unwrap().status,
        Status::OnHold,
        "lands in 格納先ステータス"
    );
    store.move_orders(&[id], Status::AwaitingShipment).unwrap();
    store
        .save_shipment(
            id,
            &ShipmentInput {
                shipment_ref: None,
                tracking_number: None,
                ship_date: Some("2026-11-30".into()),
                carrier: Some(Carrier::Sagawa),
            },
        )
        .unwrap();

    let same = store
        .merge_orders(shop.id, &[incoming("A1", "山田 太郎")])
        .unwrap();
    assert_eq!((same.new, same.updated, same.unchanged), (0, 0, 1));
    let mut changed = incoming("A1", "山田 太郎（住所変更）");
    changed.mall_status = "unpaid".into();
    let upd = store.merge_orders(shop.id, &[changed]).unwrap();
    assert_eq!((upd.new, upd.updated), (0, 1));
    let row = store.order(id).unwrap();
    assert_eq!(row.status, Status::AwaitingShipment, "local status kept");
    assert_eq!(row.carrier, Some(Carrier::Sagawa), "local shipment kept");
    assert_eq!(
        row.buyer_name, "山田 太郎（住所変更）",
        "mall snapshot updated"
    );
    assert_eq!(
        store.order_detail(id).unwrap().items.len(),
        1,
        "items replaced, not doubled"
    );
    assert_eq!(store.status_counts(&CountFilter::default()).unwrap().all, 1);
    // The same mall order number in another shop is another order.
    let other = store
        .add_shop(
            Mall::Base,
            "BASE 2号店",
            &ShopSettings::for_mall(Mall::Base),
        )
        .unwrap();
    assert_eq!(
        store
            .merge_orders(other.id, &[incoming("A1", "別人")])
            .unwrap()
            .new,
        1
    );
}

#[test]
fn mall_cancellation_cancels_or_flags_when_shipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), Profile::Real).unwrap();
    let shop = store
        .add_shop(
            Mall::Base,
            "BASE 1号店",
            &ShopSettings::for_mall(Mall::Base),
        )
        .unwrap();
    store
        .merge_orders(
            shop.id,
            &[incoming("C1", "未発送 さん"), incoming("C2", "発送済 さん")],
        )
        .unwrap();
    let rows = store
        .list_orders(&OrderQuery {
            limit: 10,
            sort: SortDir::Asc,
            ..Default::default()
        })
        .unwrap()
        .rows;
    let (c1, c2) = (
        rows.iter().find(|r| r.mall_order_id == "C1").unwrap().id,
        rows.iter().find(|r| r.mall_order_id == "C2").unwrap().id,
    );
    store.move_orders(&[c2], Status::Done).unwrap();
    let cancel = |id: &str, buyer: &str| {
        let mut o = incoming(id, buyer);
        o.mall_state = MallState::Cancelled;
        o.mall_status = "cancelled".into();
        o.raw = serde_json::json!({ "id": id, "dispatch_status": "cancelled" });
        o
    };
    let s = store
        .merge_orders(
            shop.id,
            &[cancel("C1", "未発送 さん"), cancel("C2", "発送済 さん")],
        )
        .unwrap();
    assert_eq!((s.cancelled, s.flagged), (1, 1));
    assert_eq!(store.order(c1).unwrap().status, Status::Cancelled);
    let flagged = store.order(c2).unwrap();
    assert_eq!(flagged.status, Status::Done);
    assert!(flagged.attention.unwrap().contains("発送済み"));
    let log = store.recent_log(10).unwrap();
    assert!(log.iter().any(|e| e.kind == "attention"));
}

#[test]
fn duplicate_shop_names_are_refused_per_mall() {
    let (_d, store, _) = store_with(0);
    let e = store
        .add_shop(
            Mall::Base,
            "BASE 1号店",
            &ShopSettings::for_mall(Mall::Base),
        )
        .unwrap_err();
    assert_eq!(e.code(), "DUPLICATE_SHOP_NAME");
    store
        .add_shop(
            Mall::Qoo10,
            "BASE 1号店",
            &ShopSettings::for_mall(Mall::Qoo10),
        )
        .unwrap();
}

#[test]
fn removing_a_shop_can_keep_its_orders() {
    let (_d, mut store, shop) = store_with(20);
    store.remove_shop(shop, true).unwrap();
    assert!(store.shops().unwrap().is_empty());
    let page = store
        .list_orders(&OrderQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 20);
    assert_eq!(page.rows[0].shop_name, "BASE 1号店");
}

#[test]
fn pages_sort_by_any_column_and_a_tab_gives_all_its_ids() {
    let (_d, mut store, _shop) = store_with(300);
    let page = |store: &Store, key: SortKey, dir: SortDir| {
        store
            .list_orders(&OrderQuery {
                sort_by: key,
                sort: dir,
                limit: 300,
                ..OrderQuery::default()
            })
            .unwrap()
            .rows
    };
    let by_total = page(&store, SortKey::Total, SortDir::Desc);
    assert_eq!(by_total.len(), 300);
    assert!(by_total.windows(2).all(|w| w[0].total >= w[1].total));
    let by_shop_name = page(&store, SortKey::Shop, SortDir::Asc);
    assert!(by_shop_name
        .windows(2)
        .all(|w| w[0].shop_name <= w[1].shop_name));
    let by_status = page(&store, SortKey::Status, SortDir::Asc);
    let rank = |s: Status| Status::ALL.iter().position(|x| *x == s).unwrap();
    assert!(by_status
        .windows(2)
        .all(|w| rank(w[0].status) <= rank(w[1].status)));
    // 出荷日: orders with a date first (either direction), then the rest.
    let first = page(&store, SortKey::OrderedAt, SortDir::Desc)[0].id;
    store
        .save_shipment(
            first,
            &ShipmentInput {
                shipment_ref: None,
                tracking_number: None,
                ship_date: Some("2026-12-01".into()),
                carrier: None,
            },
        )
        .unwrap();
    let by_date = page(&store, SortKey::ShipDate, SortDir::Asc);
    assert_eq!(by_date[0].id, first);
    assert!(by_date[1..].iter().all(|r| r.ship_date.is_none()));

    // 「このタブの全件を選択」: every order of the tab, not only a page.
    let waiting = store
        .list_orders(&OrderQuery {
            status: Some(Status::AwaitingShipment),
            limit: 1000,
            ..OrderQuery::default()
        })
        .unwrap();
    let ids = store
        .tab_ids(&TabQuery {
            status: Some(Status::AwaitingShipment),
            ..TabQuery::default()
        })
        .unwrap();
    assert!(!ids.capped);
    assert_eq!(ids.ids.len() as u32, waiting.total);
    assert_eq!(
        ids.ids,
        waiting.rows.iter().map(|r| r.id).collect::<Vec<_>>()
    );
}
