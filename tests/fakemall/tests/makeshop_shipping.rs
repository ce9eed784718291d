//! MakeShop `updateOrderAttribute` (slip number + carrier code) and
//! `updateOrderDeliveryStatus` (NOT_YET / COMPLETED…): per-row messages, null = success, and
//! what the next `searchOrder` returns.

mod makeshop_common;

use fakemall::makeshop::uncertain::{self, row_messages};
use makeshop_common::{all_orders, gql, start};
use serde_json::{json, Value};

const ATTR: &str = "mutation($input: UpdateOrderAttributeRequest!) { updateOrderAttribute(input: $input) { updateOrderAttributeResults { displayOrderNumber message } } }";
const STATUS: &str = "mutation($input: UpdateOrderDeliveryStatusRequest!) { updateOrderDeliveryStatus(input: $input) { updateOrderDeliveryStatusResults { displayOrderNumber deliveryId message } } }";

fn find<'a>(orders: &'a [Value], key: &str) -> &'a Value {
    orders
        .iter()
        .find(|o| o["displayOrderNumber"] == key)
        .expect("order")
}

fn open_multi(ms: &fakemall::makeshop::FakeMakeshop) -> String {
    ms.orders()
        .into_iter()
        .find(|o| {
            o.delivery_infos.len() > 1
                && o.delivery_infos
                    .iter()
                    .all(|d| d.delivery_status == "N" && d.slip_number.is_none())
                && o.payment_status_code != "0003"
        })
        .map(|o| o.display_order_number)
        .expect("an unshipped multi-destination order")
}

#[tokio::test]
async fn slip_number_and_carrier_per_destination_with_row_messages() {
    let ms = start(30).await;
    let key = open_multi(&ms);
    let cancelled = ms
        .orders()
        .into_iter()
        .find(|o| o.payment_status_code == "0003")
        .map(|o| o.display_order_number)
        .expect("cancelled");
    let input = json!({"updateOrderAttributes": [
        {"displayOrderNumber": key, "deliveryRequestInfos": [{"deliveryId": 2, "slipNumber": "1234-5678-9012", "deliveryCompanyCode": "002"}]},
        {"displayOrderNumber": "P000000000000000000", "deliveryRequestInfos": [{"deliveryId": 1, "slipNumber": "1", "deliveryCompanyCode": "002"}]},
        {"displayOrderNumber": key, "deliveryRequestInfos": [{"deliveryId": 9, "slipNumber": "1", "deliveryCompanyCode": "002"}]},
        {"displayOrderNumber": key, "deliveryRequestInfos": [{"deliveryId": 1, "slipNumber": "1", "deliveryCompanyCode": "999"}]},
        {"displayOrderNumber": cancelled, "deliveryRequestInfos": [{"deliveryId": 1, "slipNumber": "1", "deliveryCompanyCode": "002"}]},
    ]});
    let (status, body) = gql(&ms, ATTR, json!({"input": input})).await;
    assert_eq!(status, 200);
    assert!(body.get("errors").is_none(), "{body:?}");
    let rows = body["data"]["updateOrderAttribute"]["updateOrderAttributeResults"]
        .as_array()
        .expect("rows");
    let messages: Vec<Value> = rows.iter().map(|r| r["message"].clone()).collect();
    assert_eq!(
        messages,
        vec![
            Value::Null,
            row_messages::NO_ORDER.into(),
            row_messages::NO_DELIVERY.into(),
            row_messages::BAD_CARRIER.into(),
            row_messages::CANCELLED.into()
        ]
    );
    assert_eq!(rows[0]["displayOrderNumber"], key.as_str());
    // The next read: destination 2 has the slip, destination 1 nothing (the failed row changed nothing).
    let all = all_orders(&ms).await;
    let o = find(&all, &key);
    assert_eq!(o["deliveryInfos"][1]["slipNumber"], "1234-5678-9012");
    assert_eq!(o["deliveryInfos"][0]["slipNumber"], Value::Null);
    assert_eq!(
        ms.order(&key).expect("order").delivery_infos[1]
            .delivery_company_code
            .as_deref(),
        Some("002")
    );
    // Every listed carrier code is accepted; "" clears the slip.
    for (code, _) in uncertain::CARRIER_CODES {
        let input = json!({"updateOrderAttributes": [{"displayOrderNumber": key, "deliveryRequestInfos": [{"deliveryId": 1, "slipNumber": "", "deliveryCompanyCode": code}]}]});
        let (_, b) = gql(&ms, ATTR, json!({"input": input})).await;
        assert_eq!(
            b["data"]["updateOrderAttribute"]["updateOrderAttributeResults"][0]["message"],
            Value::Null,
            "{code}"
        );
    }
    let long = "9".repeat(uncertain::SLIP_MAX_CHARS + 1);
    let (_, b) = gql(&ms, ATTR, json!({"input": {"updateOrderAttributes": [{"displayOrderNumber": key, "deliveryRequestInfos": [{"deliveryId": 1, "slipNumber": long}]}]}})).await;
    assert_eq!(
        b["data"]["updateOrderAttribute"]["updateOrderAttributeResults"][0]["message"],
        row_messages::SLIP_TOO_LONG
    );
}

#[tokio::test]
async fn delivery_status_completes_one_destination_at_a_time() {
    let ms = start(30).await;
    let key = open_multi(&ms);
    let input = json!({"updateOrderDeliveryStatusRequests": [
        {"displayOrderNumber": key, "deliveryId": 2, "deliveryStatus": "COMPLETED"},
        {"displayOrderNumber": key, "deliveryId": 7, "deliveryStatus": "COMPLETED"},
    ]});
    let (status, body) = gql(&ms, STATUS, json!({"input": input})).await;
    assert_eq!(status, 200);
    assert_eq!(
        body["data"]["updateOrderDeliveryStatus"]["updateOrderDeliveryStatusResults"],
        json!([
            {"displayOrderNumber": key, "deliveryId": 2, "message": null},
            {"displayOrderNumber": key, "deliveryId": 7, "message": row_messages::NO_DELIVERY},
        ])
    );
    let all = all_orders(&ms).await;
    let o = find(&all, &key);
    assert_eq!(o["deliveryInfos"][1]["deliveryStatus"], "Y");
    // The clock stood at t0 + the seconds the helper waited (one per call).
    let stamp = o["deliveryInfos"][1]["deliveryDate"]
        .as_str()
        .expect("deliveryDate")
        .to_string();
    assert!(stamp.starts_with("20240630120"), "{stamp}");
    assert_eq!(o["deliveryInfos"][0]["deliveryStatus"], "N");
    let shipped = json!({"deliveryStatus": "Y", "limit": 1000});
    let found = makeshop_common::search(&ms, shipped).await;
    assert!(found["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .any(|x| x["displayOrderNumber"] == key.as_str()));
    // Back to NOT_YET clears the date.
    let back = json!({"updateOrderDeliveryStatusRequests": [{"displayOrderNumber": key, "deliveryId": 2, "deliveryStatus": "NOT_YET"}]});
    gql(&ms, STATUS, json!({"input": back})).await;
    let all = all_orders(&ms).await;
    assert_eq!(find(&all, &key)["deliveryInfos"][1]["deliveryStatus"], "N");
    assert_eq!(
        find(&all, &key)["deliveryInfos"][1]["deliveryDate"],
        Value::Null
    );
    // A bad enum value through variables is a top-level error, nothing changes.
    let bad = json!({"updateOrderDeliveryStatusRequests": [{"displayOrderNumber": key, "deliveryId": 1, "deliveryStatus": "SHIPPED"}]});
    let (status, body) = gql(&ms, STATUS, json!({"input": bad})).await;
    assert_eq!(status, 200);
    assert!(
        body["errors"].as_array().is_some_and(|e| !e.is_empty()),
        "{body:?}"
    );
    assert!(body["data"].is_null());
    // Denied permission for the mutation.
    ms.set_operation_denied("updateOrderDeliveryStatus", true);
    let (_, body) = gql(&ms, STATUS, json!({"input": back})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
}

#[tokio::test]
async fn a_failed_row_does_not_stop_the_rows_after_it() {
    let ms = start(30).await;
    let open: Vec<String> = ms
        .orders()
        .into_iter()
        .filter(|o| o.payment_status_code != "0003" && o.delivery_infos[0].delivery_status == "N")
        .map(|o| o.display_order_number)
        .collect();
    let (a, b) = (open[0].clone(), open[1].clone());
    let cancelled = ms
        .orders()
        .into_iter()
        .find(|o| o.payment_status_code == "0003")
        .map(|o| o.display_order_number)
        .expect("cancelled");
    let row = |key: &str, id: i32, slip: &str| json!({"displayOrderNumber": key, "deliveryRequestInfos": [{"deliveryId": id, "slipNumber": slip, "deliveryCompanyCode": "002"}]});
    let input = json!({"updateOrderAttributes": [
        row("P000000000000000000", 1, "111111111111"),
        row(&a, 1, "389711074012"),
        row(&cancelled, 1, "222222222222"),
        row(&b, 1, "444413758703"),
        row(&a, 9, "333333333333"),
    ]});
    let (status, body) = gql(&ms, ATTR, json!({"input": input})).await;
    assert_eq!(status, 200);
    assert!(body.get("errors").is_none(), "{body:?}");
    let messages: Vec<Value> = body["data"]["updateOrderAttribute"]["updateOrderAttributeResults"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["message"].clone())
        .collect();
    assert_eq!(
        messages,
        vec![
            row_messages::NO_ORDER.into(),
            Value::Null,
            row_messages::CANCELLED.into(),
            Value::Null,
            row_messages::NO_DELIVERY.into(),
        ]
    );
    for m in messages.iter().filter(|m| !m.is_null()) {
        assert!(m.as_str().is_some_and(|t| !t.is_empty()));
    }
    let all = all_orders(&ms).await;
    assert_eq!(
        find(&all, &a)["deliveryInfos"][0]["slipNumber"],
        "389711074012"
    );
    assert_eq!(
        find(&all, &b)["deliveryInfos"][0]["slipNumber"],
        "444413758703"
    );
    assert_ne!(
        find(&all, &cancelled)["deliveryInfos"][0]["slipNumber"],
        "222222222222"
    );
    // The same for the delivery status.
    let input = json!({"updateOrderDeliveryStatusRequests": [
        {"displayOrderNumber": cancelled, "deliveryId": 1, "deliveryStatus": "COMPLETED"},
        {"displayOrderNumber": a, "deliveryId": 1, "deliveryStatus": "COMPLETED"},
        {"displayOrderNumber": "P000000000000000000", "deliveryId": 1, "deliveryStatus": "COMPLETED"},
        {"displayOrderNumber": b, "deliveryId": 1, "deliveryStatus": "COMPLETED"},
    ]});
    let (_, body) = gql(&ms, STATUS, json!({"input": input})).await;
    let messages: Vec<Value> = body["data"]["updateOrderDeliveryStatus"]
        ["updateOrderDeliveryStatusResults"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["message"].clone())
        .collect();
    assert_eq!(
        messages,
        vec![
            row_messages::CANCELLED.into(),
            Value::Null,
            row_messages::NO_ORDER.into(),
            Value::Null,
        ]
    );
    let all = all_orders(&ms).await;
    for key in [&a, &b] {
        let d = &find(&all, key)["deliveryInfos"][0];
        assert_eq!(d["deliveryStatus"], "Y");
        assert!(d["deliveryDate"].is_string());
    }
    assert_eq!(
        find(&all, &cancelled)["deliveryInfos"][0]["deliveryStatus"],
        "C"
    );
}
