//! ショップサーブ order list and detail: the 7-day / 2-year window, filters, pages, seeded
//! data, live state (shopserve.md §2; wire guesses in shopserve/uncertain.rs).

mod shopserve_common;

use std::collections::HashSet;

use chrono::Duration;
use fakemall::shopserve::orders::parse_time;
use fakemall::shopserve::uncertain as u;
use fakemall::testkit::t0;
use serde_json::{json, Value};
use shopserve_common::{assert_error, get, start, window};

fn orders(a: &shopserve_common::Answer) -> &Vec<Value> {
    a.3["orders"].as_array().expect("orders[]")
}

async fn all_within_30_days(s: &fakemall::shopserve::FakeShopserve) -> Vec<Value> {
    let mut all = Vec::new();
    for w in 0..5 {
        let end = t0() - Duration::days(7 * w) - Duration::seconds(w);
        let a = get(s, &format!("/api/v1/orders?{}", window(end, 7))).await;
        assert_eq!(a.0, 200, "{a:?}");
        all.extend(orders(&a).iter().cloned());
    }
    all
}

#[tokio::test]
async fn window_of_at_most_seven_days_and_two_years_back() {
    let s = start(30).await;
    let a = get(&s, &format!("/api/v1/orders?{}", window(t0(), 7))).await;
    assert_eq!(a.0, 200, "{a:?}");
    assert!(a.2.starts_with("application/json"), "{}", a.2);
    assert_eq!(a.3["result"], "ok");
    let want = s
        .orders()
        .iter()
        .filter(|o| parse_time(&o.order_date).is_some_and(|t| t >= t0() - Duration::days(7)))
        .count();
    assert_eq!(a.3["total_count"], want);
    assert_eq!(orders(&a).len(), want);
    let dates: Vec<&str> = orders(&a)
        .iter()
        .map(|o| o["order_date"].as_str().expect("d"))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "oldest first");

    let f = |t| fakemall::shopserve::orders::format_time(t).replace(' ', "+");
    let over = format!(
        "/api/v1/orders?from={}&to={}",
        f(t0() - Duration::days(7) - Duration::seconds(1)),
        f(t0())
    );
    assert_error(&get(&s, &over).await, 400, "E1002");
    let old = format!(
        "/api/v1/orders?from={}&to={}",
        f(t0() - Duration::days(731)),
        f(t0() - Duration::days(728))
    );
    assert_error(&get(&s, &old).await, 400, "E1003");
    let ok_old = format!(
        "/api/v1/orders?from={}&to={}",
        f(t0() - Duration::days(729)),
        f(t0() - Duration::days(726))
    );
    assert_eq!(get(&s, &ok_old).await.0, 200);
    let reversed = format!(
        "/api/v1/orders?from={}&to={}",
        f(t0()),
        f(t0() - Duration::days(1))
    );
    assert_error(&get(&s, &reversed).await, 400, "E1001");
    assert_error(&get(&s, "/api/v1/orders").await, 400, "E1001");
    assert_error(
        &get(&s, "/api/v1/orders?from=2024-06-25&to=2024-06-30").await,
        400,
        "E1001",
    );
    assert_error(
        &get(
            &s,
            "/api/v1/orders?from=2024-06-25T00:00:00%2B09:00&to=2024-06-30T00:00:00%2B09:00",
        )
        .await,
        400,
        "E1001",
    );
}

#[tokio::test]
async fn window_bounds_are_jst_and_inclusive() {
    let s = start(0).await;
    for (no, at) in [
        ("1", "2024-06-09 23:59:59"),
        ("2", "2024-06-10 00:00:00"),
        ("3", "2024-06-16 23:59:59"),
        ("4", "2024-06-17 00:00:00"),
    ] {
        s.load_json(json!({"order_no": no, "order_date": at, "shipping_status": "未発送"}))
            .expect("load");
    }
    let a = get(
        &s,
        "/api/v1/orders?from=2024-06-10%2000:00:00&to=2024-06-16%2023:59:59",
    )
    .await;
    let nos: Vec<&str> = orders(&a)
        .iter()
        .map(|o| o["order_no"].as_str().expect("no"))
        .collect();
    assert_eq!(nos, vec!["2", "3"]);
}

#[tokio::test]
async fn filters_and_pages() {
    let s = start(60).await;
    let q = window(t0(), 7);
    let all = get(&s, &format!("/api/v1/orders?{q}")).await;
    let n = orders(&all).len();
    assert!(n > 4, "{n}");
    let mut paged = Vec::new();
    for page in 1.. {
        let a = get(&s, &format!("/api/v1/orders?{q}&limit=3&page={page}")).await;
        assert_eq!(a.3["page"], page);
        assert_eq!(a.3["limit"], 3);
        assert_eq!(a.3["total_count"], n);
        let rows = orders(&a).clone();
        paged.extend(rows.iter().cloned());
        if rows.len() < 3 {
            break;
        }
    }
    assert_eq!(&paged, orders(&all));
    for (key, value) in [
        ("shipping_status", "未発送"),
        ("confirm_status", "未確認"),
        ("order_status", "処理中"),
        ("payment_status", "入金済"),
    ] {
        let a = get(
            &s,
            &format!("/api/v1/orders?{q}&{key}={}", urlencode(value)),
        )
        .await;
        assert_eq!(a.0, 200);
        let want = orders(&all).iter().filter(|o| o[key] == value).count();
        assert_eq!(orders(&a).len(), want, "{key}");
        assert!(orders(&a).iter().all(|o| o[key] == value));
    }
    assert_error(
        &get(&s, &format!("/api/v1/orders?{q}&shipping_status=shipped")).await,
        400,
        "E1001",
    );
    assert_error(
        &get(&s, &format!("/api/v1/orders?{q}&limit=101")).await,
        400,
        "E1001",
    );
    assert_error(
        &get(&s, &format!("/api/v1/orders?{q}&page=0")).await,
        400,
        "E1001",
    );
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).expect("enc")[2..].to_string()
}

#[tokio::test]
async fn seeded_orders_cover_every_label_and_add_up() {
    let s = start(50).await;
    let all = all_within_30_days(&s).await;
    assert_eq!(all.len(), 50);
    let labels = |k: &str| {
        all.iter()
            .map(|o| o[k].as_str().expect("label").to_string())
            .collect::<HashSet<_>>()
    };
    for m in u::PAYMENT_METHODS {
        assert!(labels("payment_method").contains(*m), "{m}");
    }
    for (k, list) in [
        ("order_status", u::ORDER_STATUSES),
        ("shipping_status", u::SHIPPING_STATUSES),
        ("confirm_status", u::CONFIRM_STATUSES),
        ("payment_status", u::PAYMENT_STATUSES),
    ] {
        for l in list {
            assert!(labels(k).contains(*l), "{k} {l}");
        }
    }
    assert!(
        all.iter()
            .any(|o| o["deliveries"].as_array().expect("d").len() > 1),
        "multi-destination"
    );
    let text = serde_json::to_string(&all).expect("json");
    for c in ["𠮷", "髙", "🎁", "①"] {
        assert!(text.contains(c), "{c}");
    }
    for o in &all {
        let n = |k: &str| o[k].as_i64().unwrap_or_else(|| panic!("{k}"));
        let items: i64 = o["deliveries"]
            .as_array()
            .expect("d")
            .iter()
            .flat_map(|d| d["items"].as_array().expect("items").iter())
            .map(|i| i["unit_price"].as_i64().expect("p") * i["quantity"].as_i64().expect("q"))
            .sum();
        assert_eq!(n("items_total"), items);
        assert_eq!(
            n("total"),
            n("items_total") + n("shipping_fee") + n("cod_fee") - n("discount") - n("point")
        );
        for d in o["deliveries"].as_array().expect("d") {
            if o["shipping_status"] == "発送済" {
                assert!(
                    d["tracking_no"].is_string()
                        && d["carrier_code"].is_string()
                        && d["ship_date"].is_string()
                );
            }
            if d["carrier_code"].is_string() {
                assert!(
                    d["tracking_no"].is_string(),
                    "never a carrier without a number"
                );
            }
        }
    }
}

#[tokio::test]
async fn detail_and_orders_added_while_running() {
    let s = start(5).await;
    let no = s.orders()[0].order_no.clone();
    let a = get(&s, &format!("/api/v1/orders/{no}")).await;
    assert_eq!(a.0, 200);
    assert_eq!(a.3["result"], "ok");
    assert_eq!(a.3["order"]["order_no"], no.as_str());
    assert_eq!(
        a.3["order"],
        serde_json::to_value(s.order(&no).expect("o")).expect("json")
    );
    assert_error(&get(&s, "/api/v1/orders/999").await, 404, "E4040");
    let added = s.generate_orders(2);
    assert_ne!(added[0].order_no, added[1].order_no);
    assert!(s.orders().len() == 7);
    let a = get(&s, &format!("/api/v1/orders/{}", added[1].order_no)).await;
    assert_eq!(a.0, 200);
    s.update_order(&added[1].order_no, |o| o.order_status = "キャンセル".into());
    let a = get(&s, &format!("/api/v1/orders/{}", added[1].order_no)).await;
    assert_eq!(a.3["order"]["order_status"], "キャンセル");
    assert_error(&get(&s, "/api/v1/nothing").await, 404, "E1001");
}
