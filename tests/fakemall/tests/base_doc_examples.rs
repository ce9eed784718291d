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
    serde_json::from_str(
        r#"{"order":{"unique_key":"154D88A39E454289","ordered":1396419762,"cancelled":null,"dispatched":null,
     "payment":"creditcard","shipping_method":"ヤマト運輸","shipping_fee":500,"cod_fee":0,"total":7500,
     "first_name":"太郎","last_name":"山田","country":"Japan","country_code":"JP","zip_code":"106-0032",
     "prefecture":"東京都","address":"港区六本木","address2":"4-11-4 六本木ビル 301",
     "mail_address":"mail@example.com","tel":"03-1234-5678","remark":"午前中の配送を希望します。",
     "add_comment":null,"delivery_company_id":0,"tracking_number":null,
     "delivery_date":"2018-03-19","delivery_time_zone":"0812","terminated":false,
     "dispatch_status":"ordered","modified":1396419762,
     "order_receiver":{"first_name":"花子","last_name":"山田","zip_code":"150-0043","prefecture":"東京都",
       "address":"渋谷区道玄坂","address2":"2-10-12 新大宗ビル3号館 531号","tel":"03-1234-5678"},
     "order_discount":{"discount":0,"note":null,"is_allocate_user_balance_log":0},
     "order_charge":{"collected_fee":100},
     "c_c_payment_transaction":{"collected_fee":200,"status":"creditable"},
     "cvs_payment_transaction":{"collected_fee":null,"status":null},
     "user_balance_logs":[],
     "order_items":[
      {"order_item_id":19749229,"item_id":23245394,"variation_id":101,"title":"Tシャツ","variation":"サイズM",
       "price":2000,"amount":2,"total":4000,"item_tax_type":1,"consumption_tax_rate":10,"status":"ordered",
       "shipping_method":null,"shipping_fee":0,"shipping_start":null,"shipping_end":null,"modified":1396419762},
      {"order_item_id":19749230,"item_id":23245395,"variation_id":null,"title":"ロングTシャツ","variation":"",
       "price":3000,"amount":1,"total":3000,"status":"ordered","modified":1396419762}],
     "subscription":{"unique_key":null,"repeat_number":null,"repeat_times":null},
     "paypal_payment_transaction":{"collected_fee":null,"status":null,"extra_real_field":"kept"}}}"#,
    )
    .expect("valid example")
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
