//! The order list's search (issue 20): what it finds with real-looking
//! Japanese input, and the index following every write — fetch and merge,
//! local edits, moves, deletes — checked against the orders by
//! `search::check` after each; capped counts; newest first.

use juchu_core::domain::*;
use juchu_core::store::{search, Store, DB_FILE};
use juchu_core::Profile;

fn open() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), Profile::Real).unwrap();
    let shop = store
        .add_shop(
            Mall::Base,
            "BASE 1号店",
            &ShopSettings::for_mall(Mall::Base),
        )
        .unwrap();
    (dir, store, shop.id)
}

fn person(name: &str, kana: &str, zip: &str, phone: &str, email: &str) -> Party {
    Party {
        name: name.into(),
        kana: Some(kana.into()),
        zip: Some(zip.into()),
        address: "東京都渋谷区神宮前1-2-3".into(),
        phone: Some(phone.into()),
        email: Some(email.into()),
    }
}

fn order(id: &str, at: i64, buyer: Party) -> IncomingOrder {
    IncomingOrder {
        mall_order_id: id.into(),
        ordered_at: at,
        mall_refs: Vec::new(),
        mall_status: "ordered".into(),
        mall_state: MallState::Open,
        initial_status: None,
        ship_to: buyer.clone(),
        buyer,
        payment_method: "creditcard".into(),
        shipping_fee: 500,
        total: 2500,
        remark: String::new(),
        delivery: DeliveryWish::default(),
        items: vec![IncomingItem {
            mall_item_id: Some("1".into()),
            sku: Some("TW-100".into()),
            name: "今治タオル フェイス".into(),
            variation: None,
            unit_price: 2000,
            quantity: 1,
        }],
        shipments: Vec::new(),
        raw: serde_json::json!({ "id": id, "at": at }),
        mall_modified: None,
    }
}

fn numbers(store: &Store, q: &str) -> Vec<String> {
    found(store, q, None, None)
}

fn found(store: &Store, q: &str, status: Option<Status>, shop_id: Option<i64>) -> Vec<String> {
    let p = store
        .list_orders(&OrderQuery {
            search: Some(q.into()),
            status,
            shop_id,
            limit: 100,
            ..OrderQuery::default()
        })
        .unwrap();
    assert!(!p.capped);
    assert_eq!(p.total as usize, p.rows.len(), "「{q}」");
    let mut n: Vec<String> = p.rows.into_iter().map(|r| r.mall_order_id).collect();
    n.sort();
    n
}

fn assert_index_right(dir: &std::path::Path) {
    let c = rusqlite::Connection::open(dir.join(DB_FILE)).unwrap();
    let problems = search::check(&c).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}

fn sato_and_suzuki() -> Vec<IncomingOrder> {
    vec![
        order(
            "A-1001",
            1_790_000_000,
            person(
                "佐藤 美咲",
                "サトウ ミサキ",
                "150-0001",
                "090-1234-5678",
                "misaki.sato@example.jp",
            ),
        ),
        order(
            "A-1002",
            1_790_000_100,
            person(
                "鈴木 一郎",
                "ｽｽﾞｷ ｲﾁﾛｳ",
                "〒５３０－０００１",
                "０６（６３４１）１２３４",
                "ICHIRO@EXAMPLE.CO.JP",
            ),
        ),
        order(
            "A-1003",
            1_790_000_200,
            person(
                "さとう はなこ",
                "さとう はなこ",
                "1500001",
                "09012345678",
                "hanako@example.jp",
            ),
        ),
    ]
}

#[test]
fn width_kana_hyphens_and_spaces_fold_the_same_way_on_both_sides() {
    let (dir, mut store, shop) = open();
    store.merge_orders(shop, &sato_and_suzuki()).unwrap();
    let both = vec!["A-1001".to_string(), "A-1003".to_string()];
    // Phones: full-width with full-width hyphens, spaces, none.
    assert_eq!(numbers(&store, "０９０－１２３４－５６７８"), both);
    assert_eq!(numbers(&store, "090 1234 5678"), both);
    assert_eq!(numbers(&store, "09012345678"), both);
    assert_eq!(numbers(&store, "1234-5678"), both);
    assert_eq!(numbers(&store, "06-6341-1234"), ["A-1002"]);
    assert_eq!(numbers(&store, "66341"), ["A-1002"]);
    // Postal codes: 〒, hyphen, full-width.
    assert_eq!(numbers(&store, "〒150-0001"), both);
    assert_eq!(numbers(&store, "1500001"), both);
    assert_eq!(numbers(&store, "530-0001"), ["A-1002"]);
    // Kana: half-width, hiragana and katakana find each other.
    assert_eq!(numbers(&store, "ｻﾄｳ"), both);
    assert_eq!(numbers(&store, "サトウ"), both);
    assert_eq!(numbers(&store, "さとう"), both);
    assert_eq!(numbers(&store, "すずき"), ["A-1002"]);
    assert_eq!(numbers(&store, "スズキ イチロウ"), ["A-1002"]);
    // Names with and without the space, two characters.
    assert_eq!(numbers(&store, "佐藤"), ["A-1001"]);
    assert_eq!(numbers(&store, "佐藤美咲"), ["A-1001"]);
    assert_eq!(numbers(&store, "鈴木　一郎"), ["A-1002"]);
    // Email, in any case; item name and SKU; order number fragments.
    assert_eq!(numbers(&store, "ichiro@example.co.jp"), ["A-1002"]);
    assert_eq!(numbers(&store, "Misaki.Sato"), ["A-1001"]);
    assert_eq!(numbers(&store, "今治タオル").len(), 3);
    assert_eq!(numbers(&store, "ｔｗ－１００").len(), 3);
    assert_eq!(numbers(&store, "a1002"), ["A-1002"]);
    assert_eq!(numbers(&store, "100").len(), 3);
    assert!(numbers(&store, "佐藤一郎").is_empty());
    assert!(numbers(&store, "0901234567899").is_empty());
    assert_index_right(dir.path());
}

#[test]
fn a_refetched_order_is_found_by_its_new_fields_only() {
    let (dir, mut store, shop) = open();
    store.merge_orders(shop, &sato_and_suzuki()).unwrap();
    let mut changed = sato_and_suzuki();
    changed[0].buyer = person(
        "山田 太郎",
        "ヤマダ タロウ",
        "106-0032",
        "080-9999-0000",
        "taro@example.jp",
    );
    changed[0].ship_to = changed[0].buyer.clone();
    changed[0].items[0].name = "波佐見焼マグカップ".into();
    // The mall moved the order date: its place in the list follows.
    changed[0].ordered_at = 1_790_000_300;
    changed[0].raw = serde_json::json!({ "changed": true });
    let stats = store.merge_orders(shop, &changed).unwrap();
    assert_eq!(stats.updated, 1);
    assert!(numbers(&store, "佐藤美咲").is_empty());
    assert!(numbers(&store, "misaki").is_empty());
    assert_eq!(numbers(&store, "山田太郎"), ["A-1001"]);
    assert_eq!(numbers(&store, "080-9999"), ["A-1001"]);
    assert_eq!(numbers(&store, "マグカップ"), ["A-1001"]);
    assert_eq!(numbers(&store, "今治タオル"), ["A-1002", "A-1003"]);
    let newest = store
        .list_orders(&OrderQuery {
            search: Some("example".into()),
            limit: 10,
            ..OrderQuery::default()
        })
        .unwrap();
    let order: Vec<&str> = newest
        .rows
        .iter()
        .map(|r| r.mall_order_id.as_str())
        .collect();
    assert_eq!(order, ["A-1001", "A-1003", "A-1002"]);
    assert_index_right(dir.path());
}

#[test]
fn local_edits_and_moves_are_searchable_at_once() {
    let (dir, mut store, shop) = open();
    store.merge_orders(shop, &sato_and_suzuki()).unwrap();
    let id = store
        .list_orders(&OrderQuery {
            search: Some("A-1002".into()),
            limit: 1,
            ..OrderQuery::default()
        })
        .unwrap()
        .rows[0]
        .id;
    store
        .save_shipment(
            id,
            &ShipmentInput {
                shipment_ref: None,
                tracking_number: Some("4412-3456-7890".into()),
                ship_date: Some("2026-12-01".into()),
                carrier: Some(Carrier::Yamato),
            },
        )
        .unwrap();
    assert_eq!(numbers(&store, "441234567890"), ["A-1002"]);
    assert_eq!(numbers(&store, "3456-7890"), ["A-1002"]);
    // The status tab and the shop are part of the search.
    assert_eq!(
        found(&store, "今治", Some(Status::New), Some(shop)).len(),
        3
    );
    store.move_orders(&[id], Status::AwaitingShipment).unwrap();
    assert_eq!(
        found(&store, "今治", Some(Status::New), Some(shop)),
        ["A-1001", "A-1003"]
    );
    assert_eq!(
        found(&store, "今治", Some(Status::AwaitingShipment), None),
        ["A-1002"]
    );
    assert!(found(&store, "今治", None, Some(shop + 1)).is_empty());
    let counts = store
        .status_counts(&CountFilter {
            shop_id: Some(shop),
            search: Some("今治".into()),
        })
        .unwrap();
    assert_eq!(counts.all, 3);
    assert!(!counts.all_capped);
    let of = |s: Status| {
        counts
            .by_status
            .iter()
            .find(|c| c.status == s)
            .unwrap()
            .count
    };
    assert_eq!((of(Status::New), of(Status::AwaitingShipment)), (2, 1));
    assert_index_right(dir.path());
}

#[test]
fn a_removed_shop_leaves_no_entry_and_a_kept_one_stays_found() {
    let (dir, mut store, shop) = open();
    store.merge_orders(shop, &sato_and_suzuki()).unwrap();
    let other = store
        .add_shop(
            Mall::Qoo10,
            "Qoo10 店",
            &ShopSettings::for_mall(Mall::Qoo10),
        )
        .unwrap()
        .id;
    let mut q = sato_and_suzuki();
    for o in &mut q {
        o.mall_order_id = format!("Q{}", o.mall_order_id);
    }
    store.merge_orders(other, &q).unwrap();
    assert_eq!(numbers(&store, "今治").len(), 6);
    store.remove_shop(shop, false).unwrap();
    assert_eq!(numbers(&store, "今治").len(), 3);
    assert_index_right(dir.path());
    store.remove_shop(other, true).unwrap();
    assert_eq!(numbers(&store, "今治").len(), 3);
    assert_index_right(dir.path());
}

#[test]
fn a_count_stops_at_a_thousand_and_pages_stay_newest_first() {
    let (dir, mut store, shop) = open();
    // 1,500 orders in 500 seconds: three to a second, the order of arrival
    // breaking ties as the list does (id).
    let orders: Vec<IncomingOrder> = (0..1500)
        .map(|i| {
            let mut o = order(
                &format!("C{i:05}"),
                1_790_000_000 + i / 3,
                person(
                    "高橋 翔太",
                    "タカハシ ショウタ",
                    "460-0008",
                    "090-0000-0000",
                    "t@example.jp",
                ),
            );
            if i % 5 == 0 {
                o.initial_status = Some(Status::OnHold);
            }
            o
        })
        .collect();
    store.merge_orders(shop, &orders).unwrap();
    let q = |offset: u32, search: Option<&str>| OrderQuery {
        search: search.map(String::from),
        offset,
        limit: 100,
        ..OrderQuery::default()
    };
    let first = store.list_orders(&q(0, Some("高橋"))).unwrap();
    assert_eq!((first.total, first.capped), (1000, true));
    // The same orders in the same order as the list without a search.
    let plain = store.list_orders(&q(0, None)).unwrap();
    let ids = |p: &OrderPage| p.rows.iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&plain));
    let later = store.list_orders(&q(700, Some("高橋"))).unwrap();
    assert_eq!(ids(&later), ids(&store.list_orders(&q(700, None)).unwrap()));
    // Fewer than the cap: exact.
    let hold = store
        .list_orders(&OrderQuery {
            status: Some(Status::OnHold),
            ..q(0, Some("タカハシ"))
        })
        .unwrap();
    assert_eq!((hold.total, hold.capped), (300, false));
    let counts = store
        .status_counts(&CountFilter {
            shop_id: None,
            search: Some("しょうた".into()),
        })
        .unwrap();
    assert!(counts.all_capped);
    assert_eq!(counts.all, 1000);
    let new = &counts.by_status[0];
    assert_eq!(
        (new.status, new.count, new.capped),
        (Status::New, 1000, true)
    );
    let on_hold = counts
        .by_status
        .iter()
        .find(|c| c.status == Status::OnHold)
        .unwrap();
    assert_eq!((on_hold.count, on_hold.capped), (300, false));
    // 「このタブの全件を選択」 with a search: every one, newest first.
    let tab = store
        .tab_ids(&TabQuery {
            status: None,
            shop_id: Some(shop),
            search: Some("高橋".into()),
        })
        .unwrap();
    assert_eq!(tab.ids.len(), 1500);
    assert_eq!(tab.ids[..100], ids(&plain)[..]);
    assert_index_right(dir.path());
}

#[test]
fn a_v10_database_gets_its_search_entries_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut c = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        juchu_core::store::schema::migrations()
            .to_version(&mut c, 10)
            .unwrap();
        c.execute_batch(
            "INSERT INTO shops(id, mall, name, settings, created_at) VALUES (1, 'base', 'BASE 1号店', '{}', 0);
             INSERT INTO orders(id, shop_id, mall_order_id, ordered_at, status, buyer_name, buyer_kana,
                                buyer_zip, buyer_phone, buyer_email, ship_name, created_at, updated_at)
                 VALUES (7, 1, 'B-7777', 1790000000, 'new', '渡辺 結衣', 'ワタナベ ユイ', '220-0012',
                         '045-123-4567', 'yui@example.jp', '渡辺 結衣', 0, 0);
             INSERT INTO order_items(order_id, sku, name, unit_price, quantity)
                 VALUES (7, 'CF-200', '自家焙煎コーヒー豆 200g', 1480, 1);
             INSERT INTO shipments(order_id, shipment_ref, tracking_number, updated_at)
                 VALUES (7, '', '123456789012', 0);
             INSERT INTO order_counts(shop_id, status, n) VALUES (1, 'new', 1);",
        )
        .unwrap();
    }
    let store = Store::open(dir.path(), Profile::Real).unwrap();
    for q in [
        "B-7777",
        "わたなべ",
        "ﾕｲ",
        "2200012",
        "045-123",
        "yui@example",
        "コーヒー豆",
        "cf200",
        "5678901",
    ] {
        assert_eq!(numbers(&store, q), ["B-7777"], "「{q}」");
    }
    assert_index_right(dir.path());
}

#[test]
fn a_v12_database_gets_its_email_entries_rebuilt_and_merges_sooner() {
    let dir = tempfile::tempdir().unwrap();
    let key = 1_790_000_000 * search::KEY_SLOTS;
    {
        let mut c = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        juchu_core::store::schema::migrations()
            .to_version(&mut c, 12)
            .unwrap();
        c.execute_batch(&format!(
            "INSERT INTO shops(id, mall, name, settings, created_at) VALUES (1, 'base', 'BASE 1号店', '{{}}', 0);
             INSERT INTO orders(id, shop_id, mall_order_id, ordered_at, status, buyer_name,
                                buyer_email, ship_name, created_at, updated_at, search_key)
                 VALUES (8, 1, 'B-8888', 1790000000, 'new', '伊藤 さくら',
                         'sakura.ito@example.jp', '伊藤 さくら', 0, 0, {key});
             INSERT INTO order_counts(shop_id, status, n) VALUES (1, 'new', 1);
             -- The entry as V11 wrote it: the local part's grams marked like
             -- any other field's, no ends.
             INSERT INTO order_search(rowid, tokens) VALUES ({key},
                 '_b888 _ _saku _akur _kura _urai _rait _aito _ _exam _ _s_new _p_1 _ps_1_new');"
        ))
        .unwrap();
    }
    let store = Store::open(dir.path(), Profile::Real).unwrap();
    for q in ["sakura.ito@example.jp", "ito@example", "kuraito", "sakura"] {
        assert_eq!(numbers(&store, q), ["B-8888"], "「{q}」");
    }
    assert_index_right(dir.path());
    let c = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    let automerge: i64 = c
        .query_row(
            "SELECT v FROM order_search_config WHERE k = 'automerge'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(automerge, 2);
}

#[test]
fn a_second_with_more_orders_than_slots_keeps_newest_first_around_it() {
    let (dir, mut store, shop) = open();
    let at = 1_790_000_000;
    let buyer = || {
        person(
            "佐藤 美咲",
            "サトウ ミサキ",
            "150-0001",
            "090-1234-5678",
            "m@example.jp",
        )
    };
    let mut orders = vec![order("E-0", at - 1, buyer())];
    orders.extend((1..=70).map(|i| order(&format!("S-{i:02}"), at, buyer())));
    orders.push(order("L-0", at + 1, buyer()));
    store.merge_orders(shop, &orders).unwrap();
    let p = store
        .list_orders(&OrderQuery {
            search: Some("佐藤".into()),
            limit: 100,
            ..OrderQuery::default()
        })
        .unwrap();
    let got: Vec<&str> = p.rows.iter().map(|r| r.mall_order_id.as_str()).collect();
    assert_eq!(got.len(), 72);
    assert_eq!(got[0], "L-0");
    assert_eq!(got[71], "E-0");
    // The second's 64 slots hold its first 64 orders, newest first; the
    // other 6 borrow free keys of the second before.
    let first: Vec<String> = (1..=64).rev().map(|i| format!("S-{i:02}")).collect();
    assert_eq!(
        got[1..65],
        first.iter().map(String::as_str).collect::<Vec<_>>()[..]
    );
    assert_index_right(dir.path());
}
