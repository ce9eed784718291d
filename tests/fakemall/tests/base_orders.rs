//! BASE orders: list, detail, edit_status, delivery companies, limits, live state (base.md §2–§3).

mod common;

use std::collections::HashSet;

use chrono::Duration;
use common::{assert_error, get, order_json, post_form, start};
use fakemall::base::model::{DISPATCH_STATUSES, PAYMENTS};
use fakemall::testkit::t0;
use serde_json::Value;

const SUMMARY_KEYS: &[&str] = &[
    "unique_key",
    "ordered",
    "cancelled",
    "dispatched",
    "payment",
    "first_name",
    "last_name",
    "total",
    "delivery_date",
    "delivery_time_zone",
    "terminated",
    "dispatch_status",
    "modified",
    "subscription",
];

fn keys(v: &Value) -> Vec<String> {
    v["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .map(|o| o["unique_key"].as_str().expect("key").to_string())
        .collect()
}

#[tokio::test]
async fn list_pages_newest_first_with_summaries_only() {
    let base = start(45).await;
    let t = base.issue_tokens("read_orders");
    let (status, page) = get(&base, Some(&t.access_token), "/1/orders").await;
    assert_eq!(status, 200);
    let orders = page["orders"].as_array().expect("orders");
    assert_eq!(orders.len(), 20, "default limit 20");
    for o in orders {
        let mut k: Vec<&str> = o
            .as_object()
            .expect("obj")
            .keys()
            .map(String::as_str)
            .collect();
        k.sort_unstable();
        let mut want = SUMMARY_KEYS.to_vec();
        want.sort_unstable();
        assert_eq!(k, want);
    }
    let mut all = Vec::new();
    let mut offset = 0;
    loop {
        let (_, page) = get(
            &base,
            Some(&t.access_token),
            &format!("/1/orders?limit=7&offset={offset}"),
        )
        .await;
        let n = page["orders"].as_array().expect("orders").len();
        all.extend(
            page["orders"]
                .as_array()
                .expect("orders")
                .iter()
                .map(|o| (o["ordered"].as_i64().expect("ts"), o["unique_key"].clone())),
        );
        if n < 7 {
            break;
        }
        offset += 7;
    }
    assert_eq!(all.len(), 45);
    assert!(all.windows(2).all(|w| w[0].0 >= w[1].0), "newest first");
    assert_eq!(
        all.iter()
            .map(|o| o.1.to_string())
            .collect::<HashSet<_>>()
            .len(),
        45
    );
    let (_, hundred) = get(&base, Some(&t.access_token), "/1/orders?limit=100").await;
    assert_eq!(hundred["orders"].as_array().expect("orders").len(), 45);
    assert_error(
        &get(&base, Some(&t.access_token), "/1/orders?limit=101").await,
        "bad_params",
        None,
    );
    assert_error(
        &get(&base, Some(&t.access_token), "/1/orders?limit=abc").await,
        "bad_params",
        None,
    );
    assert_error(
        &get(&base, Some(&t.access_token), "/1/orders?offset=-1").await,
        "bad_params",
        None,
    );
}

#[tokio::test]
async fn date_window_is_jst_and_accepts_both_formats() {
    let base = start(0).await;
    // 2024-06-10 00:00:00 JST = 1717945200; 23:59:59 JST = 1718031599.
    for (key, ts) in [
        ("A", 1717945199),
        ("B", 1717945200),
        ("C", 1718031599),
        ("D", 1718031600),
    ] {
        let mut o = order_json(key, "creditcard", "ordered", &[(1, "ordered")]);
        o["ordered"] = ts.into();
        base.load_json(o).expect("load");
    }
    let t = base.issue_tokens("read_orders");
    let (_, day) = get(
        &base,
        Some(&t.access_token),
        "/1/orders?start_ordered=2024-06-10&end_ordered=2024-06-10",
    )
    .await;
    assert_eq!(keys(&day), vec!["C", "B"]);
    let (_, times) = get(
        &base,
        Some(&t.access_token),
        "/1/orders?start_ordered=2024-06-09%2023:59:59&end_ordered=2024-06-10%2000:00:00",
    )
    .await;
    assert_eq!(keys(&times), vec!["B", "A"]);
    assert_error(
        &get(
            &base,
            Some(&t.access_token),
            "/1/orders?start_ordered=2024/06/10",
        )
        .await,
        "bad_params",
        None,
    );
}

#[tokio::test]
async fn detail_serves_the_full_order_and_errors() {
    let base = start(20).await;
    let t = base.issue_tokens("read_orders");
    let key = base.orders()[0].unique_key.clone();
    let (status, body) = get(
        &base,
        Some(&t.access_token),
        &format!("/1/orders/detail/{key}"),
    )
    .await;
    assert_eq!(status, 200);
    let o = &body["order"];
    for k in [
        "shipping_method",
        "shipping_fee",
        "cod_fee",
        "country",
        "country_code",
        "zip_code",
        "prefecture",
        "address",
        "address2",
        "mail_address",
        "tel",
        "remark",
        "add_comment",
        "delivery_company_id",
        "tracking_number",
        "order_receiver",
        "order_discount",
        "order_amount_adjustment",
        "order_header_coin",
        "order_charge",
        "c_c_payment_transaction",
        "cvs_payment_transaction",
        "bt_payment_transaction",
        "atobarai_payment_transaction",
        "carrier_payment_transaction",
        "coin_payment_transaction",
        "paypal_payment_transaction",
        "user_balance_logs",
        "order_items",
        "subscription",
    ] {
        assert!(o.get(k).is_some(), "missing {k}");
    }
    let item = &o["order_items"][0];
    for k in [
        "order_item_id",
        "item_id",
        "variation_id",
        "title",
        "variation",
        "price",
        "amount",
        "total",
        "status",
        "modified",
    ] {
        assert!(item.get(k).is_some(), "missing item {k}");
    }
    assert_eq!(
        o["c_c_payment_transaction"]
            .as_object()
            .map(|m| m.contains_key("status")),
        Some(true)
    );
    assert_error(
        &get(
            &base,
            Some(&t.access_token),
            "/1/orders/detail/FFFFFFFFFFFFFFFF",
        )
        .await,
        "no_order",
        None,
    );
    assert_error(
        &get(&base, Some(&t.access_token), "/1/orders/detail/").await,
        "no_unique_key",
        None,
    );
    assert_error(
        &get(&base, None, &format!("/1/orders/detail/{key}")).await,
        "invalid_request",
        Some("アクセストークンが無効です。"),
    );
    let users_only = base.issue_tokens("read_users");
    assert_error(
        &get(
            &base,
            Some(&users_only.access_token),
            &format!("/1/orders/detail/{key}"),
        )
        .await,
        "invalid_scope",
        None,
    );
}

#[tokio::test]
async fn generated_data_covers_every_payment_status_and_ugly_part() {
    let base = start(60).await;
    let orders = base.orders();
    let payments: HashSet<&str> = orders.iter().map(|o| o.payment.as_str()).collect();
    let statuses: HashSet<&str> = orders.iter().map(|o| o.dispatch_status.as_str()).collect();
    for p in PAYMENTS {
        assert!(payments.contains(p), "payment {p}");
    }
    for s in DISPATCH_STATUSES {
        assert!(statuses.contains(s), "status {s}");
    }
    assert!(orders.iter().any(|o| o.order_items.len() > 1));
    assert!(orders.iter().any(|o| o.order_receiver.first_name.is_none()));
    assert!(orders.iter().any(|o| o.order_receiver.first_name.is_some()));
    let oldest = t0() - Duration::days(30);
    assert!(orders
        .iter()
        .all(|o| o.ordered >= oldest.timestamp() && o.ordered <= t0().timestamp()));
    assert!(orders.iter().all(|o| o.modified >= o.ordered));
    // Deterministic for a seed and clock.
    let again = start(60).await;
    assert_eq!(again.orders(), orders);
}

#[tokio::test]
async fn what_a_client_writes_is_what_the_next_read_returns() {
    let base = start(0).await;
    base.load_json(order_json(
        "AAAA000000000001",
        "creditcard",
        "ordered",
        &[(11, "ordered"), (12, "ordered")],
    ))
    .expect("load");
    let t = base.issue_tokens("read_orders write_orders");
    base.clock().advance(Duration::minutes(5));
    let now = base.clock().now().timestamp();

    let (status, body) = post_form(
        &base,
        Some(&t.access_token),
        "/1/orders/edit_status",
        &[
            ("order_item_id", "11"),
            ("status", "dispatched"),
            ("delivery_company_id", "1"),
            ("tracking_number", "123412341234"),
            ("add_comment", "ありがとうございました🎁"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let o = &body["order"];
    assert_eq!(o["dispatch_status"], "ordered", "one item left");
    assert_eq!(o["order_items"][0]["status"], "dispatched");
    assert_eq!(o["order_items"][1]["status"], "ordered");
    assert_eq!(o["modified"], now);
    assert_eq!(o["tracking_number"], "123412341234");
    assert_eq!(o["delivery_company_id"], 1);
    assert_eq!(o["dispatched"], Value::Null);

    let again = post_form(
        &base,
        Some(&t.access_token),
        "/1/orders/edit_status",
        &[("order_item_id", "11"), ("status", "dispatched")],
    )
    .await;
    assert_error(
        &again,
        "not_change_status",
        Some("この注文のステータスは変更できません。"),
    );

    let (_, body) = post_form(
        &base,
        Some(&t.access_token),
        "/1/orders/edit_status",
        &[("order_item_id", "12"), ("status", "dispatched")],
    )
    .await;
    assert_eq!(body["order"]["dispatch_status"], "dispatched");
    assert_eq!(body["order"]["dispatched"], now);

    let (_, detail) = get(
        &base,
        Some(&t.access_token),
        "/1/orders/detail/AAAA000000000001",
    )
    .await;
    assert_eq!(detail["order"], body["order"]);
    assert_eq!(detail["order"]["add_comment"], "ありがとうございました🎁");
    let (_, list) = get(&base, Some(&t.access_token), "/1/orders").await;
    assert_eq!(list["orders"][0]["dispatch_status"], "dispatched");
    assert_eq!(list["orders"][0]["modified"], now);

    // An order added while the server runs is served at once.
    base.load_json(order_json(
        "BBBB000000000002",
        "cod",
        "ordered",
        &[(21, "ordered")],
    ))
    .expect("load");
    let (_, list) = get(&base, Some(&t.access_token), "/1/orders").await;
    assert!(keys(&list).contains(&"BBBB000000000002".to_string()));
}

#[tokio::test]
async fn edit_status_payment_rules() {
    let base = start(0).await;
    for (key, payment, status, item) in [
        ("CV00000000000001", "cvs", "unpaid", 31),
        ("BT00000000000001", "base_bt", "unpaid", 41),
        ("CC00000000000001", "creditcard", "ordered", 51),
        ("CD00000000000001", "cod", "ordered", 61),
        ("UN00000000000001", "bt", "unshippable", 71),
        ("AT00000000000001", "atobarai", "ordered", 81),
    ] {
        base.load_json(order_json(
            key,
            payment,
            status,
            &[(item, "ordered"), (item + 1, "ordered")],
        ))
        .expect("load");
    }
    let t = base.issue_tokens("read_orders write_orders");
    let tok = Some(t.access_token.as_str());
    let edit = |item: &'static str, status: &'static str| {
        let base = &base;
        async move {
            post_form(
                base,
                tok,
                "/1/orders/edit_status",
                &[("order_item_id", item), ("status", status)],
            )
            .await
        }
    };

    assert_error(
        &edit("31", "dispatched").await,
        "not_change_status_cvs",
        None,
    );
    assert_error(
        &edit("41", "dispatched").await,
        "not_change_status_base_bt",
        None,
    );
    assert!(base.mark_paid("CV00000000000001"));
    assert_eq!(edit("31", "dispatched").await.0, 200);
    assert_eq!(
        base.order("CV00000000000001")
            .map(|o| o.cvs_payment_transaction.status),
        Some(Some("paid".into()))
    );

    assert_error(
        &edit("51", "cancelled").await,
        "not_cancel_credit_card",
        None,
    );
    assert_error(&edit("41", "cancelled").await, "not_cancel_base_bt", None);
    let (_, one) = edit("61", "cancelled").await;
    assert_eq!(one["order"]["dispatch_status"], "ordered");
    let (_, both) = edit("62", "cancelled").await;
    assert_eq!(both["order"]["dispatch_status"], "cancelled");
    assert!(both["order"]["cancelled"].is_i64());
    assert_eq!(both["order"]["terminated"], true);

    assert_error(&edit("71", "dispatched").await, "not_change_status", None);
    assert_error(
        &edit("81", "dispatched").await,
        "not_change_status_atobarai",
        None,
    );
    let no_tracking = post_form(
        &base,
        tok,
        "/1/orders/edit_status",
        &[("order_item_id", "81"), ("atobarai_status", "shipping")],
    )
    .await;
    assert_error(&no_tracking, "bad_params", None);
    let (status, ship) = post_form(
        &base,
        tok,
        "/1/orders/edit_status",
        &[
            ("order_item_id", "81"),
            ("atobarai_status", "shipping"),
            ("delivery_company_id", "2"),
            ("tracking_number", "987654321098"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(ship["order"]["dispatch_status"], "shipping");
    assert_eq!(
        ship["order"]["atobarai_payment_transaction"]["status"],
        "shipping"
    );
    assert!(base.mark_arrived("AT00000000000001"));
    assert_eq!(
        base.order("AT00000000000001").map(|o| o.dispatch_status),
        Some("dispatched".into())
    );
}

#[tokio::test]
async fn edit_status_input_errors() {
    let base = start(0).await;
    base.load_json(order_json(
        "CC00000000000002",
        "creditcard",
        "ordered",
        &[(91, "ordered")],
    ))
    .expect("load");
    let t = base.issue_tokens("read_orders write_orders");
    let tok = Some(t.access_token.as_str());
    let e = |form: &'static [(&'static str, &'static str)]| {
        let base = &base;
        async move { post_form(base, tok, "/1/orders/edit_status", form).await }
    };
    assert_error(
        &e(&[
            ("order_item_id", "91"),
            ("status", "dispatched"),
            ("tracking_number", "1234-5678"),
        ])
        .await,
        "bad_params",
        None,
    );
    assert_error(
        &e(&[
            ("order_item_id", "91"),
            ("status", "dispatched"),
            ("delivery_company_id", "99"),
        ])
        .await,
        "bad_params",
        None,
    );
    assert_error(
        &e(&[("order_item_id", "91"), ("status", "shipping")]).await,
        "bad_params",
        None,
    );
    assert_error(
        &e(&[("order_item_id", "abc"), ("status", "dispatched")]).await,
        "bad_params",
        None,
    );
    assert_error(
        &e(&[("order_item_id", "999999"), ("status", "dispatched")]).await,
        "no_order",
        None,
    );
    assert_error(&e(&[]).await, "no_params", None);
    assert_error(
        &get(&base, tok, "/1/orders/edit_status").await,
        "not_post_method",
        None,
    );
    let long: &'static str = Box::leak("あ".repeat(251).into_boxed_str());
    let form: &'static [(&'static str, &'static str)] = Box::leak(
        vec![
            ("order_item_id", "91"),
            ("status", "dispatched"),
            ("add_comment", long),
        ]
        .into_boxed_slice(),
    );
    assert_error(&e(form).await, "bad_params", None);
    let json = common::http()
        .post(format!("{}/1/orders/edit_status", base.base_url()))
        .bearer_auth(&t.access_token)
        .json(&serde_json::json!({"order_item_id": 91, "status": "dispatched"}))
        .send()
        .await
        .expect("send");
    assert_eq!(json.status().as_u16(), 400);
    let read_only = base.issue_tokens("read_orders");
    let r = post_form(
        &base,
        Some(&read_only.access_token),
        "/1/orders/edit_status",
        &[("order_item_id", "91"), ("status", "dispatched")],
    )
    .await;
    assert_error(&r, "invalid_scope", None);
    // Nothing changed.
    assert_eq!(
        base.order("CC00000000000002")
            .map(|o| o.order_items[0].status.clone()),
        Some("ordered".into())
    );
}

#[tokio::test]
async fn yamato_kantan_orders_cannot_be_dispatched() {
    let base = start(0).await;
    base.load_json(order_json(
        "YM00000000000001",
        "creditcard",
        "ordered",
        &[(95, "ordered")],
    ))
    .expect("load");
    base.update_order("YM00000000000001", |o| o.hidden.yamato_kantan = true);
    let t = base.issue_tokens("write_orders");
    let r = post_form(
        &base,
        Some(&t.access_token),
        "/1/orders/edit_status",
        &[("order_item_id", "95"), ("status", "dispatched")],
    )
    .await;
    assert_error(&r, "not_change_status_YamatoDelivery", None);
}

#[tokio::test]
async fn delivery_companies_list() {
    let base = start(0).await;
    let t = base.issue_tokens("read_users");
    let (status, body) = get(&base, Some(&t.access_token), "/1/delivery_companies").await;
    assert_eq!(status, 200);
    let list = body["delivery_companies"].as_array().expect("list");
    assert_eq!(
        list[0],
        serde_json::json!({"delivery_company_id": 1, "name": "クロネコヤマト"})
    );
    assert_eq!(list[1]["name"], "佐川急便");
    assert_eq!(list[2]["name"], "日本通運");
}

#[tokio::test]
async fn hour_limit_is_per_user_configurable_and_resets_at_the_hour() {
    let base = start(2).await;
    base.clock().set(t0() + Duration::minutes(50));
    base.set_hour_limit(3);
    let t = base.issue_tokens("read_orders");
    for _ in 0..3 {
        assert_eq!(get(&base, Some(&t.access_token), "/1/orders").await.0, 200);
    }
    let over = get(&base, Some(&t.access_token), "/1/orders").await;
    assert_error(&over, "hour_api_limit", None);
    assert!(over.1["error_description"]
        .as_str()
        .is_some_and(|d| d.starts_with("1時間のAPIの利用上限を超えました。")));
    // Another token of the same user is limited too.
    let t2 = base.issue_tokens("read_orders");
    assert_error(
        &get(&base, Some(&t2.access_token), "/1/delivery_companies").await,
        "hour_api_limit",
        None,
    );
    // Top of the hour (13:00 JST): counts reset. The tokens would have expired, so issue new.
    base.clock().set(t0() + Duration::minutes(60));
    let t3 = base.issue_tokens("read_orders");
    assert_eq!(get(&base, Some(&t3.access_token), "/1/orders").await.0, 200);

    base.set_hour_limit(5_000);
    base.set_day_limit(1);
    base.reset_limits();
    assert_eq!(get(&base, Some(&t3.access_token), "/1/orders").await.0, 200);
    assert_error(
        &get(&base, Some(&t3.access_token), "/1/orders").await,
        "day_api_limit",
        None,
    );

    base.reset_limits();
    base.set_day_limit(100_000);
    base.faults().set_force_rate_limit(true);
    assert_error(
        &get(&base, Some(&t3.access_token), "/1/orders").await,
        "hour_api_limit",
        None,
    );
}

#[tokio::test]
async fn faults_hit_base_and_calls_are_recorded() {
    let base = start(5).await;
    let t = base.issue_tokens("read_orders");
    base.faults().set_maintenance(true);
    let (status, body) = get(&base, Some(&t.access_token), "/1/orders").await;
    assert_eq!(status, 503);
    assert!(body.as_str().is_some_and(|s| s.contains("<html")));
    base.faults().set_maintenance(false);
    base.faults().inject_next(fakemall::Fault::Status(500));
    assert_eq!(
        get(&base, Some(&t.access_token), "/1/orders?limit=5")
            .await
            .0,
        500
    );
    assert_eq!(
        get(&base, Some(&t.access_token), "/1/orders?limit=5")
            .await
            .0,
        200
    );
    let reqs = base.requests();
    assert_eq!(base.recorder().routes(), vec!["GET /1/orders"; 3]);
    assert_eq!(reqs[2].query_param("limit").as_deref(), Some("5"));
    assert_eq!(
        reqs[2].header("authorization"),
        Some(format!("Bearer {}", t.access_token).as_str())
    );
    assert_eq!(
        reqs.iter().map(|r| r.status).collect::<Vec<_>>(),
        vec![Some(503), Some(500), Some(200)]
    );
}
