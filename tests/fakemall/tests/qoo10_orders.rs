//! Qoo10 `ShippingBasic.GetShippingInfo_v2`: key casing, statuses, windows, conditions, packs,
//! the A5 example field for field, live state (qoo10.md A2, A5).

mod qoo10_common;

use std::collections::{BTreeMap, BTreeSet};

use fakemall::qoo10::model::{ShippingInfo, ROW_KEYS};
use fakemall::qoo10::uncertain;
use qoo10_common::{assert_code, call, search, start, WINDOW};
use serde_json::{json, Value};

const GET: &str = "ShippingBasic.GetShippingInfo_v2";

fn with<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut v = WINDOW.to_vec();
    v.extend_from_slice(extra);
    v
}

#[tokio::test]
async fn rows_carry_every_key_with_the_exact_mixed_casing() {
    let q = start(20).await;
    let sak = q.issue_sak();
    let rows = search(&q, &sak, WINDOW).await;
    assert!(!rows.is_empty());
    for r in &rows {
        let obj = r.as_object().expect("row");
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut want = ROW_KEYS.to_vec();
        want.sort_unstable();
        assert_eq!(keys, want);
        assert!(
            !obj.contains_key("paymentDate"),
            "PaymentDate is capitalised"
        );
        assert!(r["orderNo"].is_i64() && r["packNo"].is_i64());
        assert!(r["orderPrice"].is_i64() && r["orderQty"].is_i64() && r["total"].is_i64());
        let od = r["orderDate"].as_str().expect("orderDate");
        assert!(
            chrono::NaiveDateTime::parse_from_str(od, "%Y-%m-%d %H:%M:%S").is_ok(),
            "{od}"
        );
        let label = r["shippingStatus"].as_str().expect("status");
        assert!(label.ends_with(')') && label.contains('('), "{label}");
        let price = r["orderPrice"].as_i64().unwrap_or(0) * r["orderQty"].as_i64().unwrap_or(0);
        assert_eq!(
            r["total"].as_i64(),
            Some(price - r["discount"].as_i64().unwrap_or(0))
        );
        for phone in [&r["buyerMobile"], &r["receiverMobile"]] {
            let p = phone.as_str().expect("phone");
            assert!(p.is_empty() || p.starts_with("+81-"), "{p}");
        }
    }
}

#[tokio::test]
async fn statuses_one_to_five_are_served_and_cancelled_rows_vanish() {
    let q = start(40).await;
    let sak = q.issue_sak();
    let all = search(&q, &sak, WINDOW).await;
    let labels: BTreeSet<String> = all
        .iter()
        .map(|r| r["shippingStatus"].as_str().unwrap_or("").to_string())
        .collect();
    for stat in 1..=5u8 {
        assert!(
            labels.contains(&uncertain::status_label(stat)),
            "{labels:?}"
        );
    }
    assert!(labels.contains("On request(2)"));
    let cancelled: Vec<i64> = q
        .rows()
        .iter()
        .filter(|r| r.hidden.stat == 0)
        .map(|r| r.order_no)
        .collect();
    assert!(!cancelled.is_empty(), "seed has cancelled rows");
    let served: BTreeSet<i64> = all.iter().filter_map(|r| r["orderNo"].as_i64()).collect();
    assert!(cancelled.iter().all(|n| !served.contains(n)));
    assert_eq!(served.len(), q.rows().len() - cancelled.len());
    for stat in ["1", "2", "3", "4", "5"] {
        let rows = search(&q, &sak, &with(&[("ShippingStat", stat)])).await;
        let want = uncertain::status_label(stat.parse().unwrap_or(0));
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|r| r["shippingStatus"] == want.as_str()));
    }
    // Cancelling while running: the next read no longer has it.
    let victim = *served.iter().next().expect("one");
    q.cancel(victim);
    let after = search(&q, &sak, WINDOW).await;
    assert!(after.iter().all(|r| r["orderNo"] != victim));
    assert_code(
        &call(&q, Some(&sak), GET, &with(&[("ShippingStat", "6")])).await,
        uncertain::BAD_PARAM_CODE,
    );
    assert_code(
        &call(&q, Some(&sak), GET, &with(&[("ShippingStat", "x")])).await,
        uncertain::BAD_PARAM_CODE,
    );
}

#[tokio::test]
async fn packs_group_lines_and_related_order_lists_them() {
    let q = start(40).await;
    let sak = q.issue_sak();
    let rows = search(&q, &sak, WINDOW).await;
    let mut packs: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for r in &rows {
        packs
            .entry(r["packNo"].as_i64().expect("pack"))
            .or_default()
            .push(r["orderNo"].as_i64().expect("no"));
    }
    assert!(
        packs.values().any(|v| v.len() > 1),
        "multi-line packs exist"
    );
    for r in &rows {
        let related: Vec<i64> = r["RelatedOrder"]
            .as_str()
            .expect("csv")
            .split(',')
            .map(|s| s.parse().expect("number"))
            .collect();
        assert!(related.contains(&r["orderNo"].as_i64().expect("no")));
        let pack = &packs[&r["packNo"].as_i64().expect("pack")];
        assert!(
            pack.iter().all(|n| related.contains(n)),
            "{related:?} {pack:?}"
        );
    }
    // Shipping fee once per pack (first line).
    for nos in packs.values().filter(|v| v.len() > 1) {
        let later: i64 = rows
            .iter()
            .filter(|r| r["orderNo"] != nos[0] && nos.contains(&r["orderNo"].as_i64().unwrap_or(0)))
            .map(|r| r["ShippingRate"].as_i64().unwrap_or(-1))
            .sum();
        assert_eq!(later, 0);
    }
    // Realistic, ugly data.
    let text = serde_json::to_string(&rows).expect("json");
    for c in ['𠮷', '髙', '①', '🎁'] {
        assert!(text.contains(c), "missing {c}");
    }
    let methods: BTreeSet<&str> = rows
        .iter()
        .filter_map(|r| r["PaymentMethod"].as_str())
        .collect();
    for m in uncertain::payment_methods() {
        assert!(methods.contains(m), "{m} missing from {methods:?}");
    }
    assert!(
        rows.iter().any(|r| r["receiver"] != r["buyer"]),
        "gift orders"
    );
    assert!(rows
        .iter()
        .any(|r| !r["option"].as_str().unwrap_or("").is_empty()));
    assert!(rows
        .iter()
        .any(|r| !r["hopeDate"].as_str().unwrap_or("").is_empty()));
}

#[tokio::test]
async fn the_a5_example_is_served_back_field_for_field() {
    let q = start(0).await;
    let example = json!({"ResultCode":0,"ResultMsg":"SUCCESS","ResultObject":[{"shippingStatus":"On request(2)",
     "orderNo":1062428737,"packNo":512345678,"orderDate":"2024-06-01 10:12:33",
     "PaymentDate":"2024-06-01 10:13:02","itemTitle":"化粧水","optionCode":"SKU-1-W","orderPrice":1980,
     "orderQty":2,"discount":200,"total":3760,"receiver":"山田 花子","zipCode":"150-0001",
     "shippingAddr":"東京都渋谷区神宮前1-2-3","receiverMobile":"+81-90-0000-0000",
     "DeliveryCompany":"ヤマト運輸","TrackingNo":"","RelatedOrder":"1062428737,1062428738"}]});
    assert_eq!(
        q.load_json(example.clone()).expect("load"),
        vec![1062428737]
    );
    let sak = q.issue_sak();
    let answer = call(
        &q,
        Some(&sak),
        GET,
        &[
            ("ShippingStat", "2"),
            ("search_Sdate", "20240601"),
            ("search_Edate", "20240601"),
            ("search_condition", "1"),
        ],
    )
    .await;
    assert_eq!(answer.0, 200);
    assert_eq!(answer.1["ResultCode"], 0);
    assert_eq!(answer.1["ResultMsg"], "SUCCESS");
    let rows = answer.1["ResultObject"].as_array().expect("rows");
    assert_eq!(rows.len(), 1);
    for (k, v) in example["ResultObject"][0].as_object().expect("row") {
        assert_eq!(&rows[0][k], v, "field {k}");
    }
    // Unknown keys of a fixture are kept and served back too.
    let mut extra = example["ResultObject"][0].clone();
    extra["orderNo"] = 1062428738.into();
    extra["GiftMessage"] = "🎁".into();
    q.load_json(extra).expect("load");
    let rows = search(
        &q,
        &sak,
        &[("search_Sdate", "20240601"), ("search_Edate", "20240601")],
    )
    .await;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["GiftMessage"], "🎁");
}

#[tokio::test]
async fn windows_are_jst_inclusive_at_most_90_days_and_page_one_only() {
    let q = start(0).await;
    let base: ShippingInfo = serde_json::from_value(
        json!({"shippingStatus":"On request(2)","orderNo":1,"packNo":1,
        "orderDate":"2024-06-10 00:00:00","PaymentDate":"2024-06-11 09:00:00"}),
    )
    .expect("row");
    for (no, date) in [
        (1, "2024-06-09 23:59:59"),
        (2, "2024-06-10 00:00:00"),
        (3, "2024-06-10 23:59:59"),
        (4, "2024-06-11 00:00:00"),
    ] {
        let mut r = base.clone();
        r.order_no = no;
        r.order_date = date.into();
        r.related_order = no.to_string();
        q.add_row(r);
    }
    let sak = q.issue_sak();
    let nos = |rows: Vec<Value>| {
        rows.iter()
            .filter_map(|r| r["orderNo"].as_i64())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        nos(search(
            &q,
            &sak,
            &[("search_Sdate", "20240610"), ("search_Edate", "20240610")]
        )
        .await),
        vec![2, 3]
    );
    assert_eq!(
        nos(search(
            &q,
            &sak,
            &[
                ("search_Sdate", "20240609235959"),
                ("search_Edate", "20240610000000")
            ]
        )
        .await),
        vec![1, 2]
    );
    // search_condition 2 = payment date.
    assert_eq!(
        nos(search(
            &q,
            &sak,
            &[
                ("search_Sdate", "20240611"),
                ("search_Edate", "20240611"),
                ("search_condition", "2")
            ]
        )
        .await),
        vec![1, 2, 3, 4]
    );
    // 3 = ship date, 4 = delivered: none shipped yet.
    let none = call(
        &q,
        Some(&sak),
        GET,
        &[
            ("search_Sdate", "20240601"),
            ("search_Edate", "20240630"),
            ("search_condition", "3"),
        ],
    )
    .await;
    assert_eq!(none.1["ResultCode"], 0);
    assert_eq!(none.1["ResultObject"], Value::Null, "empty search is null");
    // Page 2 is always empty.
    let page2 = call(
        &q,
        Some(&sak),
        GET,
        &[
            ("search_Sdate", "20240601"),
            ("search_Edate", "20240630"),
            ("Page", "2"),
        ],
    )
    .await;
    assert_eq!(page2.1["ResultObject"], json!([]));
    // 90 days pass, 91 do not.
    assert_eq!(
        call(
            &q,
            Some(&sak),
            GET,
            &[("search_Sdate", "20240401"), ("search_Edate", "20240630")]
        )
        .await
        .1["ResultCode"],
        0
    );
    assert_code(
        &call(
            &q,
            Some(&sak),
            GET,
            &[("search_Sdate", "20240331"), ("search_Edate", "20240630")],
        )
        .await,
        uncertain::PERIOD_TOO_LONG_CODE,
    );
    for bad in [
        vec![("search_Sdate", "2024-06-01"), ("search_Edate", "20240630")],
        vec![("search_Sdate", "20240631"), ("search_Edate", "20240630")],
        vec![("search_Sdate", "20240630"), ("search_Edate", "20240601")],
        vec![("search_Sdate", "20240601")],
        vec![
            ("search_Sdate", "20240601"),
            ("search_Edate", "20240630"),
            ("search_condition", "5"),
        ],
    ] {
        assert_code(
            &call(&q, Some(&sak), GET, &bad).await,
            uncertain::BAD_PARAM_CODE,
        );
    }
}

#[tokio::test]
async fn orders_added_while_running_appear_in_the_next_read() {
    let q = start(5).await;
    let sak = q.issue_sak();
    let before = search(&q, &sak, WINDOW).await.len();
    let made = q.generate_orders(3);
    let visible = made.iter().filter(|r| r.hidden.stat != 0).count();
    let after = search(&q, &sak, WINDOW).await;
    assert_eq!(after.len(), before + visible);
    let first = made.first().expect("made");
    assert!(first.order_no > 0);
    // New orders continue the numbering.
    let max_before = q
        .rows()
        .iter()
        .map(|r| r.order_no)
        .filter(|n| !made.iter().any(|m| m.order_no == *n))
        .max()
        .unwrap_or(0);
    assert!(made.iter().all(|m| m.order_no > max_before));
    // A payment arrives: 1 → 2 with a PaymentDate.
    let unpaid = q
        .rows()
        .into_iter()
        .find(|r| r.hidden.stat == 1)
        .expect("an unpaid order");
    assert_eq!(unpaid.payment_date, "");
    q.mark_paid(unpaid.order_no);
    let rows = search(&q, &sak, &with(&[("ShippingStat", "2")])).await;
    let row = rows
        .iter()
        .find(|r| r["orderNo"] == unpaid.order_no)
        .expect("now on request");
    assert!(!row["PaymentDate"].as_str().unwrap_or("").is_empty());
}

#[tokio::test]
async fn cancelled_lines_are_read_only_through_claims() {
    const CLAIMS: &str = "ShippingBasic.GetClaimInfo_V3";
    let q = start(40).await;
    let sak = q.issue_sak();
    let cancelled: BTreeSet<i64> = q
        .rows()
        .iter()
        .filter(|r| r.hidden.stat == 0)
        .map(|r| r.order_no)
        .collect();
    let answer = call(
        &q,
        Some(&sak),
        CLAIMS,
        &with(&[("ClaimStat", "3"), ("search_condition", "3")]),
    )
    .await;
    assert_eq!(answer.1["ResultCode"], 0, "{answer:?}");
    let rows = answer.1["ResultObject"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let served: BTreeSet<i64> = rows.iter().filter_map(|r| r["orderNo"].as_i64()).collect();
    assert_eq!(served, cancelled, "exactly the cancelled lines");
    let (key, label) = uncertain::CLAIM_ROW_EXTRA;
    assert!(rows.iter().all(|r| r[key] == label));
    // A claim status outside 1–3, or no window, is a bad parameter.
    assert_code(
        &call(&q, Some(&sak), CLAIMS, &with(&[("ClaimStat", "9")])).await,
        uncertain::BAD_PARAM_CODE,
    );
    assert_code(
        &call(&q, Some(&sak), CLAIMS, &[("ClaimStat", "3")]).await,
        uncertain::BAD_PARAM_CODE,
    );
}

#[tokio::test]
async fn number_fields_can_come_as_numbers_strings_and_decimal_strings() {
    let q = start(30).await;
    q.set_mixed_number_types(true);
    let sak = q.issue_sak();
    let rows = search(&q, &sak, WINDOW).await;
    assert!(rows.len() >= 3);
    let kinds: BTreeSet<&str> = rows
        .iter()
        .map(|r| match &r["orderPrice"] {
            Value::Number(_) => "number",
            Value::String(s) if s.ends_with(".0000") => "decimal",
            Value::String(_) => "string",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, BTreeSet::from(["number", "string", "decimal"]));
    // Ids are never decimals.
    assert!(rows.iter().all(|r| !r["orderNo"].to_string().contains('.')));
}
