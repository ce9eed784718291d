//! The example responses of base.md §5.1 and §5.2, loaded as fixtures, are served back field
//! for field. (The two examples share a unique_key with different data, so each is loaded into
//! its own fake.)

mod common;

use common::{get, start};
use serde_json::{json, Value};

fn example_5_1() -> Value {
    serde_json::from_str(
        r#"{"orders":[
     {"unique_key":"154D88A39E454289","ordered":1396419762,"cancelled":null,"dispatched":1396528943,
      "payment":"creditcard","first_name":"太郎","last_name":"山田","total":2000,
      "delivery_date":"2018-03-19","delivery_time_zone":"0812","terminated":true,
      "dispatch_status":"dispatched","modified":1396528943,
      "subscription":{"unique_key":"SABCDEF123456780","repeat_number":1,"repeat_times":12}},
     {"unique_key":"9CD3594222D78673","ordered":1392345522,"cancelled":null,"dispatched":null,
      "payment":"cvs","first_name":"花子","last_name":"山田","total":3500,
      "delivery_date":null,"delivery_time_zone":null,"terminated":false,
      "dispatch_status":"unpaid","modified":1392345522,
      "subscription":{"unique_key":null,"repeat_number":null,"repeat_times":null}}]}"#,
    )
    .expect("valid example")
}

fn example_5_2() -> Value {
    let mut ex: Value = serde_json::from_str(fakemall::base::doc_examples::ORDER_DETAIL_5_2)
        .expect("valid example");
    // A field the document does not list: the fake must keep what it does not know.
    ex["order"]["paypal_payment_transaction"] =
        json!({"collected_fee": null, "status": null, "extra_real_field": "kept"});
    ex
}

/// Every field of `want` is in `got` with the same value (recursively; arrays element-wise).
fn assert_contains(got: &Value, want: &Value, path: &str) {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (k, v) in w {
                let sub = format!("{path}.{k}");
                let Some(gv) = g.get(k) else {
                    panic!("missing {sub}")
                };
                assert_contains(gv, v, &sub);
            }
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "length of {path}");
            for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                assert_contains(gv, wv, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(got, want, "at {path}"),
    }
}

#[tokio::test]
async fn list_example_is_served_exactly() {
    let base = start(0).await;
    let keys = base.load_json(example_5_1()).expect("load");
    assert_eq!(keys.len(), 2);
    let t = base.issue_tokens("read_orders");
    let (status, body) = get(&base, Some(&t.access_token), "/1/orders?limit=2").await;
    assert_eq!(status, 200);
    assert_eq!(body, example_5_1());
}

#[tokio::test]
async fn detail_example_is_served_field_for_field() {
    let base = start(0).await;
    base.load_json(example_5_2()).expect("load");
    let t = base.issue_tokens("read_orders");
    let (status, body) = get(
        &base,
        Some(&t.access_token),
        "/1/orders/detail/154D88A39E454289",
    )
    .await;
    assert_eq!(status, 200);
    assert_contains(&body, &example_5_2(), "");
    // The abridged parts are present too, with empty values.
    assert_eq!(
        body["order"]["order_amount_adjustment"],
        json!({"adjusted_amount": 0})
    );
    assert_eq!(
        body["order"]["atobarai_payment_transaction"],
        json!({"collected_fee": null, "status": null})
    );
}

#[tokio::test]
async fn an_all_null_receiver_is_served_as_all_null() {
    let base = start(0).await;
    let mut ex = example_5_2();
    ex["order"]["order_receiver"] = json!({"first_name":null,"last_name":null,"zip_code":null,"prefecture":null,"address":null,"address2":null,"tel":null});
    base.load_json(ex.clone()).expect("load");
    let t = base.issue_tokens("read_orders");
    let (_, body) = get(
        &base,
        Some(&t.access_token),
        "/1/orders/detail/154D88A39E454289",
    )
    .await;
    assert_eq!(
        body["order"]["order_receiver"],
        ex["order"]["order_receiver"]
    );
}
