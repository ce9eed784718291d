//! A Bカート order (`GET /orders?complete=1`: its `order_products` and
//! `logistics` embedded) as a Juchu order: each logistics row is a shipment
//! with its own destination and items (bcart.md B3, B4).

use serde_json::Value;

use super::status_labels::StatusLabels;
use super::uncertain;
use crate::domain::{
    DeliveryWish, IncomingItem, IncomingOrder, IncomingShipment, MallState, Party,
};
use crate::malls::json::{decimal, join, list, text};
use crate::malls::{slip, MallError};

const MALL: &str = "Bカート";

fn malformed(detail: String) -> MallError {
    MallError::Malformed { mall: MALL, detail }
}

/// A price or a count that may come as a decimal (`"1200.00"`, `1.0`).
fn number(v: &Value, key: &str) -> f64 {
    decimal(v, key).unwrap_or(0.0)
}

fn jst(s: &str) -> Option<i64> {
    crate::time::parse_jst(s, uncertain::TIME_FORMAT)
}

fn party(v: &Value, prefix: &str) -> Party {
    let f = |k: &str| text(v, &format!("{prefix}{k}"));
    let name = join([f("comp_name"), f("department"), f("name")], " ");
    let address = join([f("pref"), f("address1"), f("address2"), f("address3")], "");
    Party {
        name,
        kana: None,
        zip: f("zip"),
        address,
        phone: f("tel"),
        email: f("email"),
    }
}

/// The logistics rows of a stored order's payload.
pub fn logistics(raw: &Value) -> Vec<Value> {
    list(raw, "logistics")
}

/// One logistics row of a stored payload, by id.
pub fn logistic(raw: &Value, id: &str) -> Option<Value> {
    logistics(raw)
        .into_iter()
        .find(|l| text(l, "id").as_deref() == Some(id))
}

fn state_of_logistic(status: &str) -> MallState {
    if status == uncertain::SHIPPED {
        MallState::Shipped
    } else {
        MallState::Open
    }
}

/// The order's state from its status (the value it carries and the shop's
/// label for it): the shop's cancellation status (its setting, either name),
/// 完了, or open.
pub fn order_state(raw: &str, label: &str, cancel_label: Option<&str>) -> MallState {
    if cancel_label.is_some_and(|c| c == raw || c == label) {
        MallState::Cancelled
    } else if raw == uncertain::DONE {
        MallState::Shipped
    } else {
        MallState::Open
    }
}

pub fn to_incoming(
    order: &Value,
    labels: &StatusLabels,
    cancel_label: Option<&str>,
) -> Result<IncomingOrder, MallError> {
    let id = text(order, "id").ok_or_else(|| malformed("id のない注文があります".into()))?;
    let ordered_at = text(order, "ordered_at")
        .as_deref()
        .and_then(jst)
        .ok_or_else(|| malformed(format!("注文 {id} の注文日時が読めません")))?;
    let status = text(order, "status").unwrap_or_default();
    let products = list(order, "order_products");
    let goods: Vec<&Value> = products
        .iter()
        .filter(|p| text(p, "item_type").is_none_or(|t| t == "product"))
        .collect();
    let items = goods
        .iter()
        .map(|p| {
            let per_set = number(p, "set_quantity").max(1.0);
            IncomingItem {
                mall_item_id: text(p, "id"),
                sku: text(p, "product_no"),
                name: text(p, "product_name").unwrap_or_default(),
                variation: text(p, "set_name"),
                unit_price: (number(p, "unit_price") * per_set).round() as i64,
                quantity: number(p, "order_pro_count").round().max(1.0) as i64,
            }
        })
        .collect();
    let buyer = party(order, "customer_");
    let shipments: Vec<IncomingShipment> = logistics(order)
        .iter()
        .map(|l| {
            let lid = text(l, "id").unwrap_or_default();
            let st = text(l, "status").unwrap_or_default();
            let mut ship_to = party(l, "");
            if ship_to.name.is_empty() {
                ship_to.name = buyer.name.clone();
            }
            let mall_state = state_of_logistic(&st);
            // 送り状番号 typed on Bカート (or by LOGILESS): a tracking number
            // if it is one, else the shop's memo (`slip::read`).
            let (mall_tracking, mall_note) = slip::read(
                text(l, "delivery_code").as_deref(),
                mall_state == MallState::Cancelled,
            )
            .into_parts();
            IncomingShipment {
                shipment_ref: lid.clone(),
                ship_to,
                mall_state,
                mall_status: st,
                item_ids: goods
                    .iter()
                    .filter(|p| text(p, "logistics_id").as_deref() == Some(lid.as_str()))
                    .filter_map(|p| text(p, "id"))
                    .collect(),
                mall_tracking,
                mall_note,
                // The shipping method is a shipping group id (its name would
                // cost a /shipping_groups call): the wish only.
                delivery: DeliveryWish::from_mall(
                    None,
                    text(l, "due_date").as_deref(),
                    text(l, "due_time").as_deref(),
                ),
            }
        })
        .collect();
    let ship_to = shipments
        .first()
        .map_or_else(|| buyer.clone(), |s| s.ship_to.clone());
    Ok(IncomingOrder {
        mall_order_id: id,
        mall_refs: text(order, "code").into_iter().collect(),
        ordered_at,
        mall_state: order_state(&status, labels.label(&status), cancel_label),
        mall_status: status,
        initial_status: None,
        buyer,
        ship_to,
        payment_method: text(order, "payment").unwrap_or_default(),
        shipping_fee: number(order, "shipping_cost").round() as i64,
        total: number(order, "final_price").round() as i64,
        remark: text(order, "customer_message").unwrap_or_default(),
        delivery: DeliveryWish::default(),
        items,
        shipments,
        raw: order.clone(),
        mall_modified: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::TimeSlot;
    use serde_json::json;

    /// bcart.md B6's example, with a second destination.
    fn example() -> Value {
        json!({"id":1234,"code":"20240601-0001","customer_comp_name":"株式会社サンプル","customer_name":"山田 太郎",
          "payment":"銀行振込","total_price":12000,"tax":1200,"shipping_cost":"800.00","final_price":14000,
          "ordered_at":"2024-06-01 09:30:00","status":"新規注文",
          "order_products":[
            {"id":5001,"order_id":1234,"logistics_id":7001,"product_no":"ABC-1","product_name":"タオル","unit_price":"1200.00","set_quantity":10,"order_pro_count":"1.0","tax_rate":"0.10"},
            {"id":5002,"order_id":1234,"logistics_id":7002,"product_no":"ABC-2","product_name":"バスタオル","unit_price":2000,"set_quantity":1,"order_pro_count":2,"item_type":"product"},
            {"id":5003,"order_id":1234,"logistics_id":null,"product_name":"送料","unit_price":800,"order_pro_count":1,"item_type":"shipping"}],
          "logistics":[
            {"id":7001,"delivery_code":null,"shipping_group_id":1,"comp_name":"株式会社サンプル","name":"大阪支店","zip":"530-0001","pref":"大阪府","address1":"大阪市北区梅田1-1-1","shipment_date":null,"status":"未発送"},
            {"id":7002,"delivery_code":"123456789012","comp_name":"株式会社サンプル","name":"東京本社","pref":"東京都","address1":"港区六本木","status":"発送済"}]})
    }

    #[test]
    fn each_logistics_row_is_a_shipment_with_its_items() {
        let o = to_incoming(&example(), &StatusLabels::default(), None).unwrap();
        assert_eq!(o.mall_order_id, "1234");
        assert_eq!(o.mall_refs, ["20240601-0001"]);
        assert_eq!(o.ordered_at, 1_717_201_800);
        assert_eq!(o.items.len(), 2, "fees are not goods");
        assert_eq!(
            (o.items[0].unit_price, o.items[0].quantity),
            (12000, 1),
            "a set of 10 at 1,200"
        );
        assert_eq!(o.shipping_fee, 800);
        assert_eq!(o.shipments.len(), 2);
        assert_eq!(o.shipments[0].shipment_ref, "7001");
        assert_eq!(o.shipments[0].ship_to.name, "株式会社サンプル 大阪支店");
        assert_eq!(o.shipments[0].item_ids, ["5001"]);
        assert_eq!(o.shipments[1].mall_state, MallState::Shipped);
        assert_eq!(o.mall_state, MallState::Open);
        // 送り状番号 already on Bカート: the shipment's tracking number.
        assert_eq!(o.shipments[0].mall_tracking, None);
        assert_eq!(
            o.shipments[1].mall_tracking.as_deref(),
            Some("123456789012")
        );
    }

    #[test]
    fn a_delivery_code_that_is_no_tracking_number_is_the_shops_memo() {
        let mut order = example();
        order["logistics"][0]["delivery_code"] = json!("再送予定");
        order["logistics"][1]["delivery_code"] = json!("");
        let o = to_incoming(&order, &StatusLabels::default(), None).unwrap();
        assert_eq!(o.shipments[0].mall_tracking, None);
        assert_eq!(o.shipments[0].mall_note.as_deref(), Some("再送予定"));
        assert_eq!(
            (
                o.shipments[1].mall_tracking.as_deref(),
                o.shipments[1].mall_note.as_deref()
            ),
            (None, None)
        );
    }

    #[test]
    fn each_logistics_row_has_its_own_due_date_and_time() {
        let mut order = example();
        order["logistics"][0]["due_date"] = json!("2024-06-05");
        order["logistics"][0]["due_time"] = json!("14時～16時");
        order["logistics"][1]["due_date"] = json!(null);
        order["logistics"][1]["due_time"] = json!("");
        let o = to_incoming(&order, &StatusLabels::default(), None).unwrap();
        assert!(o.delivery.is_empty(), "the wish is per destination");
        assert_eq!(
            o.shipments[0].delivery,
            DeliveryWish {
                method: None,
                date: Some("2024-06-05".into()),
                time: Some("14時～16時".into()),
            }
        );
        assert!(
            o.shipments[1].delivery.is_empty(),
            "null and blank are unset"
        );
        // Timestamps of the API are `YYYY-MM-DD HH:MM:SS` (bcart.md B5).
        order["logistics"][1]["due_date"] = json!("2024-06-07 00:00:00");
        order["logistics"][1]["due_time"] = json!("午前中");
        let o = to_incoming(&order, &StatusLabels::default(), None).unwrap();
        assert_eq!(o.shipments[1].delivery.date.as_deref(), Some("2024-06-07"));
        assert_eq!(
            o.shipments[1]
                .delivery
                .time
                .as_deref()
                .and_then(TimeSlot::parse),
            Some(TimeSlot::Morning)
        );
        // Every `due_time` the fake sends reads as a slot.
        for t in fakemall::bcart::uncertain::DUE_TIMES {
            assert!(TimeSlot::parse(t).is_some(), "{t}");
        }
    }

    #[test]
    fn the_cancellation_setting_matches_the_label_or_the_slot() {
        let cancelled = Some("キャンセル");
        assert_eq!(
            order_state("カスタム2", "キャンセル", cancelled),
            MallState::Cancelled
        );
        assert_eq!(
            order_state("キャンセル", "キャンセル", cancelled),
            MallState::Cancelled
        );
        assert_eq!(
            order_state("カスタム2", "キャンセル", Some("カスタム2")),
            MallState::Cancelled
        );
        assert_eq!(
            order_state("カスタム2", "キャンセル", None),
            MallState::Open
        );
        assert_eq!(order_state("完了", "完了", None), MallState::Shipped);
    }
}
