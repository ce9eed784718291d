//! Bカート shipments: read, PATCH as JSON or form, validation, shipping groups, unknown paths
//! (bcart.md §B4).

mod bcart_common;

use bcart_common::{assert_errors, get, http, patch_form, patch_json, start};
use serde_json::json;

#[tokio::test]
async fn patch_as_form_moves_through_the_three_statuses() {
    let b = start(10).await;
    let t = b.access_token();
    let l = b
        .orders()
        .into_iter()
        .flat_map(|o| o.logistics)
        .find(|l| l.status == "未発送")
        .expect("an unshipped row");
    let path = format!("/logistics/{}", l.id);
    let a = patch_form(
        &b,
        &t,
        &path,
        &[("delivery_code", "4455-6677-8899"), ("status", "発送指示")],
    )
    .await;
    assert_eq!(a.0, 200, "{a:?}");
    assert_eq!(a.2["logistic"]["status"], "発送指示");
    assert_eq!(a.2["logistic"]["delivery_code"], "4455-6677-8899");
    assert_eq!(a.2["logistic"]["shipment_date"], serde_json::Value::Null);
    let a = patch_form(
        &b,
        &t,
        &path,
        &[("shipment_date", "2024-07-01"), ("status", "発送済")],
    )
    .await;
    assert_eq!(a.0, 200, "{a:?}");
    let (_, _, d) = get(&b, Some(&t), &path).await;
    assert_eq!(d["logistic"]["status"], "発送済");
    assert_eq!(d["logistic"]["shipment_date"], "2024-07-01");
    assert_eq!(
        d["logistic"]["delivery_code"], "4455-6677-8899",
        "kept when not sent"
    );
    assert_eq!(b.logistic(l.id).expect("row").status, "発送済");
    // Same through the list and the order's complete view.
    let (_, _, list) = get(&b, Some(&t), &format!("/logistics?id={}", l.id)).await;
    assert_eq!(list["logistics"][0], d["logistic"]);
}

#[tokio::test]
async fn json_numbers_nulls_and_empty_strings() {
    let b = start(3).await;
    let t = b.access_token();
    let id = b.orders()[0].logistics[0].id;
    let path = format!("/logistics/{id}");
    let a = patch_json(
        &b,
        &t,
        &path,
        &json!({"delivery_code": 123456789012u64, "shipping_group_id": 2}),
    )
    .await;
    assert_eq!(a.0, 200, "{a:?}");
    assert_eq!(a.2["logistic"]["delivery_code"], "123456789012");
    assert_eq!(a.2["logistic"]["shipping_group_id"], 2);
    let a = patch_json(
        &b,
        &t,
        &path,
        &json!({"delivery_code": "", "shipment_date": null}),
    )
    .await;
    assert_eq!(a.0, 200);
    assert_eq!(a.2["logistic"]["delivery_code"], serde_json::Value::Null);
    assert_eq!(a.2["logistic"]["shipment_date"], serde_json::Value::Null);
    let a = patch_json(
        &b,
        &t,
        &path,
        &json!({"status": "未発送", "carrier": "ヤマト"}),
    )
    .await;
    assert_eq!(a.0, 200, "unknown fields are ignored");
    assert!(a.2["logistic"].get("carrier").is_none());
}

#[tokio::test]
async fn invalid_patches_are_422_and_change_nothing() {
    let b = start(3).await;
    let t = b.access_token();
    let before = b.orders()[0].logistics[0].clone();
    let path = format!("/logistics/{}", before.id);
    for body in [
        json!({"status": "shipped"}),
        json!({"status": "発送完了"}),
        json!({"shipment_date": "2024/06/03", "status": "発送済"}),
        json!({"shipment_date": "2024-02-30"}),
        json!({"delivery_code": "1".repeat(51)}),
        json!({"shipping_group_id": 99}),
        json!({"delivery_code": ["a"]}),
    ] {
        let a = patch_json(&b, &t, &path, &body).await;
        assert_errors(&a, 422, "validation_error");
        assert!(
            a.2["errors"][0]["field"].is_string()
                || body.get("delivery_code").is_some_and(|v| v.is_array())
        );
    }
    assert_eq!(b.logistic(before.id).expect("row"), before);
    let raw = http()
        .patch(format!("{}{path}", b.api_base_url()))
        .bearer_auth(&t)
        .header("content-type", "application/json")
        .body("[1,2]")
        .send()
        .await
        .expect("send");
    assert_eq!(raw.status().as_u16(), 422);
    assert_errors(
        &patch_json(&b, &t, "/logistics/1", &json!({"status":"発送済"})).await,
        404,
        "not_found",
    );
    assert_errors(&get(&b, Some(&t), "/logistics/1").await, 404, "not_found");
}

#[tokio::test]
async fn shipping_groups_name_the_carriers() {
    let b = start(5).await;
    let t = b.access_token();
    let (s, _, g) = get(&b, Some(&t), "/shipping_groups").await;
    assert_eq!(s, 200);
    let groups = g["shipping_groups"].as_array().expect("groups");
    assert!(groups.iter().any(|g| g["name"] == "ヤマト運輸"));
    let ids: Vec<i64> = groups
        .iter()
        .map(|g| g["id"].as_i64().expect("id"))
        .collect();
    for o in b.orders() {
        for l in o.logistics {
            assert!(ids.contains(&l.shipping_group_id.expect("group")));
        }
    }
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_in_the_errors_shape() {
    let b = start(1).await;
    let t = b.access_token();
    assert_errors(&get(&b, Some(&t), "/products_nope").await, 404, "not_found");
    let r = http()
        .delete(format!("{}/orders/1", b.api_base_url()))
        .bearer_auth(&t)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 405);
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["errors"][0]["code"], "method_not_allowed");
    let r = http()
        .get(format!("{}/orders", b.base_url()))
        .bearer_auth(&t)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 404, "the API lives under /api/v1");
}
