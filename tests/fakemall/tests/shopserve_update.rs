//! ショップサーブ updates: お問合せ番号, 配送会社, 出荷日, statuses; a carrier without a tracking
//! number errors; per-row results (shopserve.md §2; wire guesses in shopserve/uncertain.rs).

mod shopserve_common;

use fakemall::shopserve::Order;
use serde_json::json;
use shopserve_common::{assert_error, get, start, update};

fn unshipped(s: &fakemall::shopserve::FakeShopserve, deliveries: usize) -> Order {
    s.orders()
        .into_iter()
        .find(|o| {
            o.shipping_status == "未発送"
                && o.deliveries.len() == deliveries
                && o.deliveries.iter().all(|d| d.tracking_no.is_none())
        })
        .expect("an unshipped order")
}

#[tokio::test]
async fn ship_update_is_what_the_next_read_returns() {
    let s = start(20).await;
    let o = unshipped(&s, 1);
    let a = update(&s, &json!({"orders":[{"order_no": o.order_no, "tracking_no":"1234-5678-9012", "carrier_code":"01", "ship_date":"2024-07-01", "shipping_status":"発送済"}]})).await;
    assert_eq!(a.0, 200, "{a:?}");
    assert_eq!(
        a.3,
        json!({"result":"ok","results":[{"order_no": o.order_no, "result":"ok"}]})
    );
    let d = get(&s, &format!("/api/v1/orders/{}", o.order_no)).await;
    let order = &d.3["order"];
    assert_eq!(order["shipping_status"], "発送済");
    assert_eq!(order["deliveries"][0]["tracking_no"], "1234-5678-9012");
    assert_eq!(order["deliveries"][0]["carrier_code"], "01");
    assert_eq!(order["deliveries"][0]["ship_date"], "2024-07-01");
    assert_eq!(order["updated_at"], "2024-06-30 12:00:00");
    assert_ne!(order["updated_at"].as_str(), Some(o.updated_at.as_str()));
}

#[tokio::test]
async fn carrier_or_shipped_without_tracking_number_errors_and_changes_nothing() {
    let s = start(20).await;
    let o = unshipped(&s, 1);
    let a = update(
        &s,
        &json!({"orders":[{"order_no": o.order_no, "carrier_code":"02"}]}),
    )
    .await;
    assert_eq!(a.0, 200);
    assert_eq!(a.3["results"][0]["result"], "error");
    assert_eq!(a.3["results"][0]["errors"][0]["code"], "E2001");
    let a = update(&s, &json!({"orders":[{"order_no": o.order_no, "carrier_code":"02", "tracking_no":"", "shipping_status":"発送済"}]})).await;
    assert_eq!(a.3["results"][0]["errors"][0]["code"], "E2001");
    let a = update(&s, &json!({"orders":[{"order_no": o.order_no, "shipping_status":"発送済", "ship_date":"2024-07-01"}]})).await;
    assert_eq!(a.3["results"][0]["errors"][0]["code"], "E2002");
    assert_eq!(
        s.order(&o.order_no).expect("o"),
        o,
        "a failed row changes nothing"
    );
    // Tracking first, carrier later: fine.
    let a = update(
        &s,
        &json!({"orders":[{"order_no": o.order_no, "tracking_no":"998877665544"}]}),
    )
    .await;
    assert_eq!(a.3["results"][0]["result"], "ok");
    let a = update(&s, &json!({"orders":[{"order_no": o.order_no, "carrier_code":"02", "shipping_status":"発送済"}]})).await;
    assert_eq!(a.3["results"][0]["result"], "ok", "{a:?}");
    assert_eq!(s.order(&o.order_no).expect("o").shipping_status, "発送済");
}

#[tokio::test]
async fn multi_destination_needs_a_number_on_every_delivery() {
    let s = start(40).await;
    let o = unshipped(&s, 2);
    let no = o.order_no.clone();
    let a = update(&s, &json!({"orders":[{"order_no": no, "delivery_no": 1, "tracking_no":"111122223333", "carrier_code":"01", "shipping_status":"発送済"}]})).await;
    assert_eq!(a.3["results"][0]["errors"][0]["code"], "E2002");
    let a = update(&s, &json!({"orders":[
        {"order_no": no, "delivery_no": 1, "tracking_no":"111122223333", "carrier_code":"01"},
        {"order_no": no, "delivery_no": "2", "tracking_no":"444455556666", "carrier_code":"03", "ship_date":"2024-07-02"},
        {"order_no": no, "shipping_status":"発送済"},
        {"order_no": no, "delivery_no": 3, "tracking_no":"1"}
    ]})).await;
    let results: Vec<&str> = a.3["results"]
        .as_array()
        .expect("r")
        .iter()
        .map(|r| r["result"].as_str().expect("r"))
        .collect();
    assert_eq!(results, vec!["ok", "ok", "ok", "error"]);
    let after = s.order(&no).expect("o");
    assert_eq!(after.shipping_status, "発送済");
    assert_eq!(after.deliveries[1].carrier_code.as_deref(), Some("03"));
    assert_eq!(after.deliveries[1].ship_date.as_deref(), Some("2024-07-02"));
}

#[tokio::test]
async fn statuses_dates_and_bad_rows() {
    let s = start(20).await;
    let o = s
        .orders()
        .into_iter()
        .find(|o| o.confirm_status == "未確認")
        .expect("未確認");
    let no = o.order_no.clone();
    let a = update(&s, &json!({"orders":[{"order_no": no, "confirm_status":"確認済", "order_status":"処理中", "payment_status":"入金済", "payment_date":"2024-06-29"}]})).await;
    assert_eq!(a.3["results"][0]["result"], "ok", "{a:?}");
    let after = s.order(&no).expect("o");
    assert_eq!(
        (
            after.confirm_status.as_str(),
            after.order_status.as_str(),
            after.payment_status.as_str()
        ),
        ("確認済", "処理中", "入金済")
    );
    assert_eq!(after.payment_date.as_deref(), Some("2024-06-29"));
    for row in [
        json!({"order_no": no, "confirm_status":"未確認"}),
        json!({"order_no": no, "order_status":"発送済"}),
        json!({"order_no": no, "ship_date":"2024/07/01"}),
        json!({"order_no": no, "arrival_date":"2024-02-30"}),
        json!({"order_no": no, "tracking_no":"12 34", "carrier_code":"01"}),
        json!({"order_no": no, "tracking_no":"123", "carrier_code":"77"}),
        json!({"order_no": no, "tracking_no":["x"]}),
        json!({"tracking_no":"123"}),
    ] {
        let a = update(&s, &json!({"orders":[row]})).await;
        assert_eq!(a.0, 200);
        assert_eq!(a.3["results"][0]["result"], "error", "{row}");
        assert_eq!(a.3["results"][0]["errors"][0]["code"], "E2003", "{row}");
    }
    assert_eq!(s.order(&no).expect("o"), after);
    let a = update(
        &s,
        &json!({"orders":[{"order_no":"nope", "tracking_no":"1"}]}),
    )
    .await;
    assert_eq!(a.3["results"][0]["errors"][0]["code"], "E4040");
    assert_error(&update(&s, &json!({"orders":[]})).await, 400, "E1001");
    assert_error(&update(&s, &json!({"rows":[{}]})).await, 400, "E1001");
    let many: Vec<_> = (0..101).map(|_| json!({"order_no": no})).collect();
    assert_error(&update(&s, &json!({"orders": many})).await, 400, "E1001");
    let c = s.credentials();
    let r = shopserve_common::http()
        .post(format!("{}/api/v1/orders/update", s.api_base_url()))
        .basic_auth(&c.shop_id, Some(&c.manager_key))
        .body("{\"orders\":[")
        .send()
        .await
        .expect("send");
    assert_error(&shopserve_common::read(r).await, 400, "E1001");
}
