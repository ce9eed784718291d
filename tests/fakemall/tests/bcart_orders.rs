//! Bカート orders, order_products, order_statuses: lists, filters, paging, the §B6 example,
//! seeded data, live state (bcart.md §B2, §B3, §B6).

mod bcart_common;

use std::collections::{BTreeSet, HashSet};

use bcart_common::{
    assert_contains, assert_errors, b6_example, get, patch_form, patch_json, start,
};
use fakemall::bcart::{seed, uncertain};
use fakemall::testkit::t0;
use serde_json::{json, Value};

const ORDER_KEYS: &[&str] = &[
    "id",
    "code",
    "customer_id",
    "customer_ext_id",
    "customer_comp_name",
    "customer_department",
    "customer_name",
    "customer_tel",
    "customer_email",
    "customer_zip",
    "customer_pref",
    "customer_address1",
    "customer_address2",
    "customer_address3",
    "payment",
    "payment_at",
    "total_price",
    "tax",
    "cod_cost",
    "shipping_cost",
    "final_price",
    "use_point",
    "order_totals",
    "customer_message",
    "admin_message",
    "memo",
    "ordered_at",
    "status",
];
const PRODUCT_KEYS: &[&str] = &[
    "id",
    "order_id",
    "logistics_id",
    "product_no",
    "jan_code",
    "product_name",
    "product_set_id",
    "set_name",
    "unit_price",
    "set_quantity",
    "order_pro_count",
    "tax_rate",
    "tax_type_id",
    "tax_incl",
    "item_type",
];
const LOGISTIC_KEYS: &[&str] = &[
    "id",
    "shipment_code",
    "delivery_code",
    "destination_code",
    "shipping_group_id",
    "comp_name",
    "department",
    "name",
    "zip",
    "pref",
    "address1",
    "address2",
    "address3",
    "tel",
    "due_date",
    "due_time",
    "memo",
    "shipment_date",
    "arrival_date",
    "status",
];

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("object").keys().cloned().collect()
}

fn set(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| (*s).to_string()).collect()
}

fn rows<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key}[] in {v}"))
}

#[tokio::test]
async fn list_pages_by_limit_and_offset_with_exact_keys() {
    let b = start(45).await;
    let t = b.access_token();
    let (status, _, page) = get(&b, Some(&t), "/orders").await;
    assert_eq!(status, 200);
    let orders = rows(&page, "orders");
    assert_eq!(orders.len(), uncertain::DEFAULT_LIMIT);
    assert_eq!(page["meta"]["total"], 45);
    for o in orders {
        assert_eq!(
            keys(o),
            set(ORDER_KEYS),
            "no embedded rows without complete=1"
        );
    }
    let mut ids = Vec::new();
    let mut offset = 0;
    loop {
        let (s, _, page) = get(&b, Some(&t), &format!("/orders?limit=7&offset={offset}")).await;
        assert_eq!(s, 200);
        let n = rows(&page, "orders").len();
        ids.extend(
            rows(&page, "orders")
                .iter()
                .map(|o| o["id"].as_i64().expect("id")),
        );
        if n < 7 {
            break;
        }
        offset += 7;
    }
    assert_eq!(ids.len(), 45);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ascending id");
    let (_, _, hundred) = get(&b, Some(&t), "/orders?limit=100").await;
    assert_eq!(rows(&hundred, "orders").len(), 45);
    let (_, _, past) = get(&b, Some(&t), "/orders?offset=45").await;
    assert!(rows(&past, "orders").is_empty());
    assert_errors(
        &get(&b, Some(&t), "/orders?limit=101").await,
        400,
        "invalid_parameter",
    );
    assert_errors(
        &get(&b, Some(&t), "/orders?limit=0").await,
        400,
        "invalid_parameter",
    );
    assert_errors(
        &get(&b, Some(&t), "/orders?limit=x").await,
        400,
        "invalid_parameter",
    );
    assert_errors(
        &get(&b, Some(&t), "/orders?offset=-1").await,
        400,
        "invalid_parameter",
    );
}

#[tokio::test]
async fn complete_embeds_products_and_every_shipment() {
    let b = start(30).await;
    let t = b.access_token();
    let (_, _, page) = get(&b, Some(&t), "/orders?complete=1&limit=100").await;
    let orders = rows(&page, "orders");
    assert_eq!(orders.len(), 30);
    let mut multi = 0;
    for o in orders {
        let mut want = set(ORDER_KEYS);
        want.insert("order_products".into());
        want.insert("logistics".into());
        assert_eq!(keys(o), want);
        let products = rows(o, "order_products");
        let logistics = rows(o, "logistics");
        assert!(!products.is_empty() && !logistics.is_empty());
        for p in products {
            assert_eq!(keys(p), set(PRODUCT_KEYS));
            assert_eq!(p["order_id"], o["id"]);
        }
        let lids: HashSet<i64> = logistics
            .iter()
            .map(|l| {
                assert_eq!(keys(l), set(LOGISTIC_KEYS));
                l["id"].as_i64().expect("id")
            })
            .collect();
        // Every goods row joins one of the order's shipments; every shipment has goods.
        for p in products.iter().filter(|p| p["item_type"] == "product") {
            assert!(lids.contains(&p["logistics_id"].as_i64().expect("logistics_id")));
        }
        for l in &lids {
            assert!(products.iter().any(|p| p["logistics_id"] == *l));
        }
        if logistics.len() > 1 {
            multi += 1;
        }
        // The detail with complete=1 is the same order.
        let id = o["id"].as_i64().expect("id");
        let (s, _, d) = get(&b, Some(&t), &format!("/orders/{id}?complete=1")).await;
        assert_eq!(s, 200);
        assert_eq!(&d["order"], o);
        let (_, _, plain) = get(&b, Some(&t), &format!("/orders/{id}")).await;
        assert_eq!(keys(&plain["order"]), set(ORDER_KEYS));
    }
    assert!(multi >= 3, "several orders with several shipments");
}

#[tokio::test]
async fn seeded_data_covers_every_label_and_adds_up() {
    let b = start(60).await;
    let t = b.access_token();
    let mut all = Vec::new();
    for offset in [0, 100] {
        let (_, _, page) = get(
            &b,
            Some(&t),
            &format!("/orders?complete=1&limit=100&offset={offset}"),
        )
        .await;
        all.extend(rows(&page, "orders").iter().cloned());
    }
    assert_eq!(all.len(), 60);
    let payments: HashSet<&str> = all
        .iter()
        .map(|o| o["payment"].as_str().expect("p"))
        .collect();
    for p in uncertain::PAYMENTS {
        assert!(payments.contains(p), "payment {p}");
    }
    let statuses: HashSet<&str> = all
        .iter()
        .map(|o| o["status"].as_str().expect("s"))
        .collect();
    // bcart.md "Seen in production": shop-defined statuses come as their slot names.
    for s in ["新規注文", "カスタム1", "カスタム2", "カスタム3", "完了"] {
        assert!(statuses.contains(s), "status {s}");
    }
    assert!(!statuses.contains("処理中") && !statuses.contains("キャンセル"));
    let ship: HashSet<String> = all
        .iter()
        .flat_map(|o| {
            rows(o, "logistics")
                .iter()
                .map(|l| l["status"].as_str().expect("s").to_string())
        })
        .collect();
    for s in uncertain::LOGISTICS_STATUSES {
        assert!(ship.contains(*s), "logistics status {s}");
    }
    let item_types: HashSet<String> = all
        .iter()
        .flat_map(|o| {
            rows(o, "order_products")
                .iter()
                .map(|p| p["item_type"].as_str().expect("t").to_string())
        })
        .collect();
    for k in ["product", "shipping", "payment_fees"] {
        assert!(item_types.contains(k), "item_type {k}");
    }
    let text = serde_json::to_string(&all).expect("json");
    for c in ["𠮷", "髙", "①", "🎁", "株式会社", "有限会社"] {
        assert!(text.contains(c), "missing {c}");
    }
    // A partly shipped order: one shipment 発送済, another 未発送.
    assert!(all.iter().any(|o| {
        let s: Vec<&str> = rows(o, "logistics")
            .iter()
            .map(|l| l["status"].as_str().expect("s"))
            .collect();
        s.contains(&"発送済") && s.contains(&"未発送")
    }));
    for o in &all {
        let goods: i64 = rows(o, "order_products")
            .iter()
            .filter(|p| p["item_type"] == "product")
            .map(|p| {
                p["unit_price"].as_i64().expect("u")
                    * p["set_quantity"].as_i64().expect("s")
                    * p["order_pro_count"].as_i64().expect("c")
            })
            .sum();
        let n = |k: &str| o[k].as_i64().unwrap_or_else(|| panic!("{k}"));
        assert_eq!(n("total_price"), goods);
        let totals = rows(o, "order_totals");
        assert_eq!(
            totals
                .iter()
                .map(|t| t["total"].as_i64().expect("t"))
                .sum::<i64>(),
            goods
        );
        assert_eq!(
            totals
                .iter()
                .map(|t| t["tax"].as_i64().expect("t"))
                .sum::<i64>(),
            n("tax")
        );
        for tt in totals {
            assert!(tt["tax_rate"] == "0.10" || tt["tax_rate"] == "0.08");
            assert_eq!(
                tt["total_incl_tax"].as_i64(),
                Some(tt["total"].as_i64().expect("t") + tt["tax"].as_i64().expect("t"))
            );
        }
        assert_eq!(
            n("final_price"),
            n("total_price") + n("tax") + n("shipping_cost") + n("cod_cost") - n("use_point")
        );
        let ordered = o["ordered_at"].as_str().expect("ordered_at");
        assert!(chrono::NaiveDateTime::parse_from_str(ordered, "%Y-%m-%d %H:%M:%S").is_ok());
        let code = o["code"].as_str().expect("code");
        assert_eq!(
            &code[..8],
            ordered[..10].replace('-', ""),
            "code starts with the JST date"
        );
    }
    assert!(seed::COVERAGE.len() <= 60);
}

#[tokio::test]
async fn status_filter_takes_japanese_labels() {
    let b = start(40).await;
    let t = b.access_token();
    let want = b
        .orders()
        .iter()
        .filter(|o| o.order.status == "新規注文")
        .count();
    assert!(want > 0);
    let (s, _, page) = get(
        &b,
        Some(&t),
        "/orders?status=%E6%96%B0%E8%A6%8F%E6%B3%A8%E6%96%87&limit=100",
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(rows(&page, "orders").len(), want);
    assert!(rows(&page, "orders")
        .iter()
        .all(|o| o["status"] == "新規注文"));
    let (_, _, none) = get(&b, Some(&t), "/orders?status=%E7%99%BA%E9%80%81%E6%B8%88").await;
    assert!(rows(&none, "orders").is_empty(), "an order is never 発送済");
}

#[tokio::test]
async fn ordered_at_range_is_jst_and_inclusive() {
    let b = start(0).await;
    let t = b.access_token();
    for (id, at) in [
        (1, "2024-06-09 23:59:59"),
        (2, "2024-06-10 00:00:00"),
        (3, "2024-06-10 23:59:59"),
        (4, "2024-06-11 00:00:00"),
    ] {
        b.load_json(json!({"id": id, "ordered_at": at, "status": "新規注文"}))
            .expect("load");
    }
    let q = "/orders?ordered_at__gte=2024-06-10%2000:00:00&ordered_at__lte=2024-06-10%2023:59:59";
    let (s, _, page) = get(&b, Some(&t), q).await;
    assert_eq!(s, 200);
    let ids: Vec<i64> = rows(&page, "orders")
        .iter()
        .map(|o| o["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids, vec![2, 3]);
    let (_, _, gt) = get(
        &b,
        Some(&t),
        "/orders?ordered_at__gt=2024-06-10+00%3A00%3A00",
    )
    .await;
    let ids: Vec<i64> = rows(&gt, "orders")
        .iter()
        .map(|o| o["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids, vec![3, 4]);
    assert_errors(
        &get(&b, Some(&t), "/orders?ordered_at__gte=2024-06-10").await,
        400,
        "invalid_parameter",
    );
    assert_errors(
        &get(
            &b,
            Some(&t),
            "/orders?ordered_at__gte=2024-06-10T00:00:00%2B09:00",
        )
        .await,
        400,
        "invalid_parameter",
    );
}

#[tokio::test]
async fn doc_example_b6_is_served_back_field_for_field() {
    let b = start(0).await;
    let t = b.access_token();
    let example = b6_example();
    assert_eq!(b.load_json(example.clone()).expect("load"), vec![1234]);
    let (s, _, page) = get(
        &b,
        Some(&t),
        "/orders?status=%E6%96%B0%E8%A6%8F%E6%B3%A8%E6%96%87&complete=1&limit=100&offset=0",
    )
    .await;
    assert_eq!(s, 200);
    assert_contains(&page, &example, "");
    let (_, _, d) = get(&b, Some(&t), "/orders/1234?complete=1").await;
    assert_contains(&d["order"], &example["orders"][0], "order");
    let (_, _, l) = get(&b, Some(&t), "/logistics/7001").await;
    assert_contains(
        &l["logistic"],
        &example["orders"][0]["logistics"][0],
        "logistic",
    );
    let (_, _, p) = get(&b, Some(&t), "/order_products?order_id=1234").await;
    assert_contains(
        &p["order_products"],
        &example["orders"][0]["order_products"],
        "order_products",
    );

    // PATCH /logistics/7001 {"delivery_code":"123456789012","shipment_date":"2024-06-03","status":"発送済"}
    let body =
        json!({"delivery_code":"123456789012","shipment_date":"2024-06-03","status":"発送済"});
    let a = patch_json(&b, &t, "/logistics/7001", &body).await;
    assert_eq!(a.0, 200, "{a:?}");
    assert_eq!(keys(&a.2), set(&["logistic"]));
    assert_contains(
        &a.2["logistic"],
        &json!({"id":7001,"delivery_code":"123456789012","status":"発送済"}),
        "logistic",
    );
    assert_eq!(a.2["logistic"]["shipment_date"], "2024-06-03");
    assert_eq!(
        a.2["logistic"]["zip"], "530-0001",
        "the rest of the row is kept"
    );
    // Then the order goes to 完了 (bcart.md §B4).
    let a = patch_json(&b, &t, "/orders/1234", &json!({"status":"完了"})).await;
    assert_eq!(a.0, 200, "{a:?}");
    assert_eq!(a.2["order"]["status"], "完了");
    let (_, _, page) = get(&b, Some(&t), "/orders?complete=1").await;
    let o = &rows(&page, "orders")[0];
    assert_eq!(o["status"], "完了");
    assert_eq!(o["logistics"][0]["delivery_code"], "123456789012");
    assert_eq!(o["logistics"][0]["status"], "発送済");
}

#[tokio::test]
async fn order_products_and_logistics_join_through_logistics_id() {
    let b = start(20).await;
    let t = b.access_token();
    let full = b
        .orders()
        .into_iter()
        .find(|o| o.logistics.len() > 1)
        .expect("an order with two shipments");
    let id = full.order.id;
    let (s, _, p) = get(&b, Some(&t), &format!("/order_products?order_id={id}")).await;
    assert_eq!(s, 200);
    let products = rows(&p, "order_products");
    assert_eq!(products.len(), full.order_products.len());
    let lids: BTreeSet<i64> = products
        .iter()
        .filter_map(|p| p["logistics_id"].as_i64())
        .collect();
    assert_eq!(lids.len(), 2);
    let list: Vec<String> = lids.iter().map(i64::to_string).collect();
    let (_, _, comma) = get(&b, Some(&t), &format!("/logistics?id={}", list.join(","))).await;
    let (_, _, repeated) = get(
        &b,
        Some(&t),
        &format!("/logistics?id={}&id={}", list[0], list[1]),
    )
    .await;
    assert_eq!(rows(&comma, "logistics").len(), 2);
    assert_eq!(comma["logistics"], repeated["logistics"]);
    let (_, _, one) = get(&b, Some(&t), &format!("/logistics?id={}", list[0])).await;
    assert_eq!(rows(&one, "logistics").len(), 1);
    assert_eq!(one["meta"]["total"], 1);
    let (_, _, by_l) = get(
        &b,
        Some(&t),
        &format!("/order_products?logistics_id={}", list[1]),
    )
    .await;
    assert!(rows(&by_l, "order_products")
        .iter()
        .all(|p| p["logistics_id"].as_i64() == Some(lids.iter().copied().nth(1).expect("2nd"))));
    assert_errors(
        &get(&b, Some(&t), "/order_products?order_id=abc").await,
        400,
        "invalid_parameter",
    );
    let (_, _, none) = get(&b, Some(&t), "/order_products?order_id=999999").await;
    assert!(rows(&none, "order_products").is_empty());
}

#[tokio::test]
async fn order_detail_and_patch_are_the_live_state() {
    let b = start(10).await;
    let t = b.access_token();
    let id = b.orders()[0].order.id;
    let (s, _, d) = get(&b, Some(&t), &format!("/orders/{id}")).await;
    assert_eq!(s, 200);
    assert_eq!(keys(&d), set(&["order"]));
    assert_eq!(d["order"]["id"], id);
    assert_errors(&get(&b, Some(&t), "/orders/99999").await, 404, "not_found");
    assert_errors(&get(&b, Some(&t), "/orders/abc").await, 404, "not_found");

    // A shop-defined label is accepted, as form or JSON; an unknown one is refused.
    let a = patch_form(&b, &t, &format!("/orders/{id}"), &[("status", "処理中")]).await;
    assert_eq!(a.0, 200, "{a:?}");
    assert_eq!(b.order(id).expect("order").order.status, "処理中");
    assert_errors(
        &patch_json(
            &b,
            &t,
            &format!("/orders/{id}"),
            &json!({"status":"発送済"}),
        )
        .await,
        422,
        "validation_error",
    );
    assert_errors(
        &patch_json(&b, &t, &format!("/orders/{id}"), &json!({"status":null})).await,
        422,
        "validation_error",
    );
    assert_errors(
        &patch_json(&b, &t, "/orders/99999", &json!({"status":"完了"})).await,
        404,
        "not_found",
    );
    let a = patch_json(
        &b,
        &t,
        &format!("/orders/{id}"),
        &json!({"status":"完了","memo":"🎁 請求書別送"}),
    )
    .await;
    assert_eq!(a.2["order"]["memo"], "🎁 請求書別送");
    let (_, _, d) = get(&b, Some(&t), &format!("/orders/{id}")).await;
    assert_eq!(d["order"]["status"], "完了");
    assert_eq!(d["order"]["memo"], "🎁 請求書別送");
    // Broken bodies get the errors shape too.
    let bad = bcart_common::http()
        .patch(format!("{}/orders/{id}", b.api_base_url()))
        .bearer_auth(&t)
        .header("content-type", "application/json")
        .body("{\"status\":")
        .send()
        .await
        .expect("send");
    assert_eq!(bad.status().as_u16(), 422);
    let v: Value = bad.json().await.expect("json");
    assert!(v["errors"].is_array());

    // The shop renames a slot: the new label is what PATCH accepts.
    let (_, _, st) = get(&b, Some(&t), "/order_statuses").await;
    let names: Vec<&str> = rows(&st, "order_statuses")
        .iter()
        .map(|s| s["name"].as_str().expect("n"))
        .collect();
    assert_eq!(
        names,
        vec!["新規注文", "処理中", "キャンセル", "カスタム3", "完了"]
    );
    let mut statuses = b.order_statuses();
    statuses[3].name = "入金待ち".into();
    b.set_order_statuses(statuses);
    let a = patch_json(
        &b,
        &t,
        &format!("/orders/{id}"),
        &json!({"status":"入金待ち"}),
    )
    .await;
    assert_eq!(a.0, 200);
    assert_eq!(a.2["order"]["status"], "カスタム3", "shown as its slot");
    assert_eq!(b.order(id).expect("order").order.status, "入金待ち");
    // The slot name is accepted too, and filters by it.
    let a = patch_json(
        &b,
        &t,
        &format!("/orders/{id}"),
        &json!({"status":"カスタム1"}),
    )
    .await;
    assert_eq!(a.0, 200);
    assert_eq!(b.order(id).expect("order").order.status, "処理中");
    let (_, _, listed) = get(&b, Some(&t), "/orders?status=カスタム1&limit=100").await;
    assert!(rows(&listed, "orders")
        .iter()
        .all(|o| o["status"] == "カスタム1"));
    assert!(rows(&listed, "orders").iter().any(|o| o["id"] == id));
}

#[tokio::test]
async fn orders_added_while_running_are_listed() {
    let b = start(5).await;
    let t = b.access_token();
    let (_, _, page) = get(&b, Some(&t), "/orders?limit=100").await;
    assert_eq!(rows(&page, "orders").len(), 5);
    let added = b.generate_orders(3);
    let (_, _, page) = get(&b, Some(&t), "/orders?limit=100").await;
    let ids: Vec<i64> = rows(&page, "orders")
        .iter()
        .map(|o| o["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids.len(), 8);
    for a in &added {
        assert!(ids.contains(&a.order.id));
        assert!(a.order.ordered_at <= fakemall::bcart::format_time(t0()));
    }
    let unique_products: HashSet<i64> = b
        .orders()
        .iter()
        .flat_map(|o| o.order_products.iter().map(|p| p.id))
        .collect();
    let all_products: usize = b.orders().iter().map(|o| o.order_products.len()).sum();
    assert_eq!(unique_products.len(), all_products, "no id reused");
    b.update_order(added[0].order.id, |o| o.status = "キャンセル".into());
    let (_, _, d) = get(&b, Some(&t), &format!("/orders/{}", added[0].order.id)).await;
    assert_eq!(d["order"]["status"], "カスタム2", "the slot, not the label");
}
