//! Qoo10 shipping push: SetSellerCheckYN_V2 (2 → 3), SetSendingInfo (→ 4, per OrderNo of the
//! pack), the Bulk variants, and what the next read returns (qoo10.md A3).

mod qoo10_common;

use fakemall::qoo10::uncertain;
use qoo10_common::{assert_code, call, search, start, WINDOW};
use serde_json::{json, Value};

const CHECK: &str = "ShippingBasic.SetSellerCheckYN_V2";
const SEND: &str = "ShippingBasic.SetSendingInfo";

fn first_with(q: &fakemall::qoo10::FakeQoo10, stat: u8) -> i64 {
    q.rows()
        .into_iter()
        .find(|r| r.hidden.stat == stat)
        .map(|r| r.order_no)
        .expect("row with that status")
}

async fn row(q: &fakemall::qoo10::FakeQoo10, sak: &str, no: i64) -> Value {
    search(q, sak, WINDOW)
        .await
        .into_iter()
        .find(|r| r["orderNo"] == no)
        .expect("served")
}

#[tokio::test]
async fn seller_check_moves_on_request_to_seller_confirm() {
    let q = start(20).await;
    let sak = q.issue_sak();
    let no = first_with(&q, 2);
    let s = no.to_string();
    // t0 is 2024-06-30 (JST).
    let answer = call(
        &q,
        Some(&sak),
        CHECK,
        &[
            ("OrderNo", &s),
            ("EstShipDt", "20240702"),
            ("DelayType", "1"),
            ("DelayMemo", "商品準備中です📦"),
        ],
    )
    .await;
    assert_eq!(answer.1, json!({"ResultCode":0,"ResultMsg":"SUCCESS"}));
    let r = row(&q, &sak, no).await;
    assert_eq!(r["shippingStatus"], "Seller confirm(3)");
    assert_eq!(r["EstShippingDate"], "2024-07-02 00:00:00");
    assert_eq!(
        q.row(no).expect("row").hidden.delay_memo.as_deref(),
        Some("商品準備中です📦")
    );
    // Again: already confirmed.
    assert_code(
        &call(
            &q,
            Some(&sak),
            CHECK,
            &[("OrderNo", &s), ("EstShipDt", "20240702")],
        )
        .await,
        -10012,
    );
    // Not 配送要請 (unpaid, delivered).
    for stat in [1, 5] {
        let other = first_with(&q, stat).to_string();
        assert_code(
            &call(
                &q,
                Some(&sak),
                CHECK,
                &[("OrderNo", &other), ("EstShipDt", "20240702")],
            )
            .await,
            -10013,
        );
    }
    let fresh = first_with(&q, 2).to_string();
    assert_code(
        &call(&q, Some(&sak), CHECK, &[("OrderNo", &fresh)]).await,
        -10016,
    );
    assert_code(
        &call(
            &q,
            Some(&sak),
            CHECK,
            &[("OrderNo", &fresh), ("EstShipDt", "20240629")],
        )
        .await,
        -10018,
    );
    assert_code(
        &call(
            &q,
            Some(&sak),
            CHECK,
            &[("OrderNo", &fresh), ("EstShipDt", "20240831")],
        )
        .await,
        -10017,
    );
    assert_code(
        &call(
            &q,
            Some(&sak),
            CHECK,
            &[
                ("OrderNo", &fresh),
                ("EstShipDt", "20240702"),
                ("DelayType", "9"),
            ],
        )
        .await,
        uncertain::BAD_PARAM_CODE,
    );
    assert_code(
        &call(
            &q,
            Some(&sak),
            CHECK,
            &[("OrderNo", "999"), ("EstShipDt", "20240702")],
        )
        .await,
        uncertain::NO_ORDER_CODE,
    );
    assert_code(
        &call(&q, Some(&sak), CHECK, &[("EstShipDt", "20240702")]).await,
        uncertain::BAD_PARAM_CODE,
    );
    // Today is accepted.
    assert_eq!(
        call(
            &q,
            Some(&sak),
            CHECK,
            &[("OrderNo", &fresh), ("EstShipDt", "20240630")]
        )
        .await
        .1["ResultCode"],
        0
    );
}

#[tokio::test]
async fn sending_info_ships_one_order_line_at_a_time() {
    let q = start(40).await;
    let sak = q.issue_sak();
    // A multi-line pack still on request or confirmed.
    let rows = q.rows();
    let pack = rows
        .iter()
        .filter(|r| matches!(r.hidden.stat, 2 | 3))
        .map(|r| q.pack(r.pack_no))
        .find(|p| {
            p.len() > 1
                && p.iter()
                    .all(|n| q.row(*n).is_some_and(|r| matches!(r.hidden.stat, 2 | 3)))
        })
        .expect("a multi-line pack to ship");
    let first = pack[0].to_string();
    let answer = call(
        &q,
        Some(&sak),
        SEND,
        &[
            ("OrderNo", &first),
            ("ShippingCorp", "ヤマト宅急便"),
            ("TrackingNo", "123456789012"),
        ],
    )
    .await;
    assert_eq!(answer.0, 200);
    assert_eq!(
        answer.1,
        json!({"ResultCode":0,"ResultMsg":"SUCCESS"}),
        "ResultCode/ResultMsg only"
    );
    let shipped = row(&q, &sak, pack[0]).await;
    assert_eq!(shipped["shippingStatus"], "On delivery(4)");
    assert_eq!(shipped["DeliveryCompany"], "ヤマト宅急便");
    assert_eq!(shipped["TrackingNo"], "123456789012");
    assert_eq!(shipped["ShippingDate"], "2024-06-30 12:00:00");
    // The other lines of the pack are untouched until their own call.
    let other = row(&q, &sak, pack[1]).await;
    assert_ne!(other["shippingStatus"], "On delivery(4)");
    assert_eq!(other["TrackingNo"], "");
    let second = pack[1].to_string();
    call(
        &q,
        Some(&sak),
        SEND,
        &[
            ("OrderNo", &second),
            ("ShippingCorp", "ヤマト宅急便"),
            ("TrackingNo", "123456789012"),
        ],
    )
    .await;
    assert_eq!(
        row(&q, &sak, pack[1]).await["shippingStatus"],
        "On delivery(4)"
    );
    // Searching by ship date finds them.
    let by_ship = search(
        &q,
        &sak,
        &[
            ("search_Sdate", "20240630"),
            ("search_Edate", "20240630"),
            ("search_condition", "3"),
            ("ShippingStat", "4"),
        ],
    )
    .await;
    assert!(by_ship.iter().any(|r| r["orderNo"] == pack[0]));
    // Re-sending on 配送中 replaces carrier and number.
    call(
        &q,
        Some(&sak),
        SEND,
        &[
            ("OrderNo", &first),
            ("ShippingCorp", "佐川急便"),
            ("TrackingNo", "999"),
        ],
    )
    .await;
    assert_eq!(row(&q, &sak, pack[0]).await["DeliveryCompany"], "佐川急便");
    // Delivered, then no more shipping info.
    q.mark_delivered(pack[0]);
    let delivered = row(&q, &sak, pack[0]).await;
    assert_eq!(delivered["shippingStatus"], "Delivered(5)");
    assert!(!delivered["DeliveredDate"].as_str().unwrap_or("").is_empty());
    assert_code(
        &call(
            &q,
            Some(&sak),
            SEND,
            &[
                ("OrderNo", &first),
                ("ShippingCorp", "佐川急便"),
                ("TrackingNo", "1"),
            ],
        )
        .await,
        uncertain::CANNOT_SEND_CODE,
    );
    let unpaid = first_with(&q, 1).to_string();
    assert_code(
        &call(
            &q,
            Some(&sak),
            SEND,
            &[
                ("OrderNo", &unpaid),
                ("ShippingCorp", "佐川急便"),
                ("TrackingNo", "1"),
            ],
        )
        .await,
        uncertain::CANNOT_SEND_CODE,
    );
    let open = first_with(&q, 2).to_string();
    assert_code(
        &call(
            &q,
            Some(&sak),
            SEND,
            &[("OrderNo", &open), ("ShippingCorp", "佐川急便")],
        )
        .await,
        uncertain::BAD_PARAM_CODE,
    );
    assert_code(
        &call(
            &q,
            Some(&sak),
            SEND,
            &[("OrderNo", &open), ("TrackingNo", "1")],
        )
        .await,
        uncertain::BAD_PARAM_CODE,
    );
    let long = "1".repeat(51);
    assert_code(
        &call(
            &q,
            Some(&sak),
            SEND,
            &[
                ("OrderNo", &open),
                ("ShippingCorp", "佐川急便"),
                ("TrackingNo", &long),
            ],
        )
        .await,
        uncertain::BAD_PARAM_CODE,
    );
    assert_code(
        &call(
            &q,
            Some(&sak),
            SEND,
            &[
                ("OrderNo", "1"),
                ("ShippingCorp", "佐川急便"),
                ("TrackingNo", "1"),
            ],
        )
        .await,
        uncertain::NO_ORDER_CODE,
    );
    // Straight from 配送要請 (step 1 optional).
    assert_eq!(
        call(
            &q,
            Some(&sak),
            SEND,
            &[
                ("OrderNo", &open),
                ("ShippingCorp", "ゆうパケット"),
                ("TrackingNo", "ABC-1")
            ]
        )
        .await
        .1["ResultCode"],
        0
    );
}

#[tokio::test]
async fn bulk_variants_answer_per_row() {
    let q = start(30).await;
    let sak = q.issue_sak();
    let on_request: Vec<i64> = q
        .rows()
        .iter()
        .filter(|r| r.hidden.stat == 2)
        .map(|r| r.order_no)
        .take(2)
        .collect();
    assert_eq!(on_request.len(), 2);
    let plan = json!([
        {"OrderNo": on_request[0], "EstShipDt": "20240701", "DelayType": "1", "DelayMemo": ""},
        {"OrderNo": on_request[0].to_string(), "EstShipDt": "20240701"},
        {"OrderNo": on_request[1], "EstShipDt": null},
    ]);
    let answer = call(
        &q,
        Some(&sak),
        "ShippingBasic.SetSellerCheckYNBulk",
        &[("SendPlanDtInfoJson", &plan.to_string())],
    )
    .await;
    assert_eq!(answer.1["ResultCode"], 0, "{answer:?}");
    let results = answer.1["ResultObject"].as_array().expect("rows");
    let codes: Vec<i64> = results
        .iter()
        .map(|r| r["result_cd"].as_i64().expect("code"))
        .collect();
    assert_eq!(codes, vec![0, -10012, -10016]);
    assert_eq!(results[0]["OrderNo"], on_request[0]);
    assert_eq!(q.row(on_request[0]).expect("row").hidden.stat, 3);
    let ship = json!([
        {"OrderNo": on_request[0], "ShippingCorp": "ネコポス", "TrackingNo": "4455"},
        {"OrderNo": 1, "ShippingCorp": "ネコポス", "TrackingNo": "4455"},
    ]);
    let answer = call(
        &q,
        Some(&sak),
        "ShippingBasic.SetSendingInfoBulk",
        &[("ShippingInfoJson", &ship.to_string())],
    )
    .await;
    let codes: Vec<i64> = answer.1["ResultObject"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["result_cd"].as_i64().expect("code"))
        .collect();
    assert_eq!(codes, vec![0, uncertain::NO_ORDER_CODE]);
    assert_eq!(row(&q, &sak, on_request[0]).await["TrackingNo"], "4455");
    let too_many: Vec<Value> = (0..501)
        .map(|i| json!({"OrderNo": i, "ShippingCorp": "x", "TrackingNo": "1"}))
        .collect();
    assert_code(
        &call(
            &q,
            Some(&sak),
            "ShippingBasic.SetSendingInfoBulk",
            &[("ShippingInfoJson", &Value::Array(too_many).to_string())],
        )
        .await,
        uncertain::TOO_MANY_ROWS_CODE,
    );
    assert_code(
        &call(
            &q,
            Some(&sak),
            "ShippingBasic.SetSendingInfoBulk",
            &[("ShippingInfoJson", "{not json")],
        )
        .await,
        uncertain::BAD_PARAM_CODE,
    );
}
