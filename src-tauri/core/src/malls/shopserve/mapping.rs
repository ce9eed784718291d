//! A ショップサーブ order as a Juchu order: each delivery (お届け先) a
//! shipment with its own address and items. Field names: `uncertain::fields`.

use serde_json::Value;

use super::uncertain::{self, fields as f};
use super::MALL;
use crate::domain::{
    DeliveryWish, IncomingItem, IncomingOrder, IncomingShipment, MallState, Party,
};
use crate::malls::json::{int, join, list, text};
use crate::malls::{slip, MallError};

fn malformed(detail: String) -> MallError {
    MallError::Malformed { mall: MALL, detail }
}

/// The deliveries of a stored order's payload.
pub fn deliveries(raw: &Value) -> Vec<Value> {
    list(raw, f::DELIVERIES)
}

/// One delivery of a payload, by its number.
pub fn delivery(raw: &Value, no: &str) -> Option<Value> {
    deliveries(raw)
        .into_iter()
        .find(|d| text(d, f::DELIVERY_NO).as_deref() == Some(no))
}

pub fn order_time(s: &str) -> Option<i64> {
    crate::time::parse_jst(s, uncertain::TIME_FORMAT)
}

fn party(v: &Value) -> Party {
    Party {
        name: text(v, f::NAME).unwrap_or_default(),
        kana: text(v, f::KANA),
        zip: text(v, f::ZIP),
        address: join(
            [text(v, f::PREF), text(v, f::ADDRESS1), text(v, f::ADDRESS2)],
            "",
        ),
        phone: text(v, f::TEL),
        email: text(v, f::EMAIL),
    }
}

/// The order's state: キャンセル, 発送済, or open.
pub fn state_of(order_status: &str, shipping_status: &str) -> MallState {
    if order_status == uncertain::CANCELLED {
        MallState::Cancelled
    } else if shipping_status == uncertain::SHIPPED {
        MallState::Shipped
    } else {
        MallState::Open
    }
}

pub fn to_incoming(order: &Value) -> Result<IncomingOrder, MallError> {
    let id =
        text(order, f::ORDER_NO).ok_or_else(|| malformed("受注番号のない注文があります".into()))?;
    let ordered_at = text(order, f::ORDER_DATE)
        .as_deref()
        .and_then(order_time)
        .ok_or_else(|| malformed(format!("注文 {id} の注文日時が読めません")))?;
    let order_status = text(order, f::ORDER_STATUS).unwrap_or_default();
    let shipping_status = text(order, f::SHIPPING_STATUS).unwrap_or_default();
    let state = state_of(&order_status, &shipping_status);
    let buyer = order.get(f::CUSTOMER).map(party).unwrap_or_default();
    let mut items = Vec::new();
    let mut shipments = Vec::new();
    for d in deliveries(order) {
        let no = text(&d, f::DELIVERY_NO).unwrap_or_else(|| "1".into());
        let mut item_ids = Vec::new();
        for (i, it) in list(&d, f::ITEMS).iter().enumerate() {
            let item_id = format!("{no}-{}", i + 1);
            item_ids.push(item_id.clone());
            items.push(IncomingItem {
                mall_item_id: Some(item_id),
                sku: text(it, f::ITEM_CODE),
                name: text(it, f::ITEM_NAME).unwrap_or_default(),
                variation: text(it, f::ITEM_OPTION),
                unit_price: int(it, f::UNIT_PRICE).unwrap_or(0),
                quantity: int(it, f::QUANTITY).unwrap_or(1).max(1),
            });
        }
        let (mall_tracking, mall_note) = slip::read(
            text(&d, f::TRACKING_NO).as_deref(),
            state == MallState::Cancelled,
        )
        .into_parts();
        shipments.push(IncomingShipment {
            shipment_ref: no,
            ship_to: party(&d),
            mall_status: shipping_status.clone(),
            mall_state: state,
            item_ids,
            mall_tracking,
            mall_note,
            delivery: DeliveryWish::from_mall(
                None,
                text(&d, f::DESIRED_DATE).as_deref(),
                text(&d, f::DESIRED_TIME).as_deref(),
            ),
        });
    }
    let ship_to = shipments
        .first()
        .map_or_else(|| buyer.clone(), |s| s.ship_to.clone());
    Ok(IncomingOrder {
        mall_order_id: id,
        mall_refs: Vec::new(),
        ordered_at,
        mall_status: if order_status.is_empty() {
            shipping_status
        } else {
            format!("{order_status}・{shipping_status}")
        },
        mall_state: state,
        initial_status: None,
        buyer,
        ship_to,
        payment_method: text(order, f::PAYMENT_METHOD).unwrap_or_default(),
        shipping_fee: int(order, f::SHIPPING_FEE).unwrap_or(0),
        total: int(order, f::TOTAL_PRICE).unwrap_or(0),
        remark: text(order, f::REMARKS).unwrap_or_default(),
        delivery: DeliveryWish::default(),
        items,
        shipments,
        raw: order.clone(),
        mall_modified: text(order, f::UPDATED_AT),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::TimeSlot;
    use serde_json::json;

    /// The fake's shape (every field name a guess), two destinations.
    fn example() -> Value {
        json!({"order_no":"20261120-0001","order_date":"2026-11-20 09:30:00","order_status":"処理中",
          "shipping_status":"未発送","payment_method":"銀行振込",
          "customer":{"name":"髙橋 花子","kana":"タカハシ ハナコ","zip":"150-0001","pref":"東京都","address1":"渋谷区神宮前1-1","tel":"03-0000-0000","email":"h@example.jp"},
          "shipping_fee":"660","total":5060,"remarks":"午前中希望","updated_at":"2026-11-20 10:00:00",
          "deliveries":[
            {"delivery_no":1,"name":"髙橋 花子","zip":"150-0001","pref":"東京都","address1":"渋谷区神宮前1-1","tracking_no":null,
             "items":[{"item_code":"T-1","item_name":"タオル","option":"白","quantity":"2","unit_price":1200}]},
            {"delivery_no":"2","name":"佐藤 一郎","pref":"大阪府","address1":"大阪市北区1-1","tracking_no":"1234-5678-9012",
             "items":""}]})
    }

    #[test]
    fn each_delivery_is_a_shipment() {
        let o = to_incoming(&example()).unwrap();
        assert_eq!(o.mall_order_id, "20261120-0001");
        assert_eq!(o.ordered_at, 1_795_134_600);
        assert_eq!((o.total, o.shipping_fee), (5060, 660));
        assert_eq!(o.mall_status, "処理中・未発送");
        assert_eq!(o.buyer.address, "東京都渋谷区神宮前1-1");
        assert_eq!(
            o.items.len(),
            1,
            "an XML answer's empty list is an empty element"
        );
        assert_eq!((o.items[0].quantity, o.items[0].unit_price), (2, 1200));
        assert_eq!(o.shipments.len(), 2);
        assert_eq!(o.shipments[1].shipment_ref, "2");
        assert_eq!(o.shipments[1].ship_to.address, "大阪府大阪市北区1-1");
        assert_eq!(
            o.shipments[1].mall_tracking.as_deref(),
            Some("123456789012")
        );
        assert_eq!(o.mall_modified.as_deref(), Some("2026-11-20 10:00:00"));
        assert_eq!(state_of("キャンセル", "未発送"), MallState::Cancelled);
        assert_eq!(state_of("完了", "発送済"), MallState::Shipped);
    }

    #[test]
    fn each_delivery_has_its_own_desired_date_and_time() {
        let mut order = example();
        // As an XML answer reads: every value text, an empty element "".
        order["deliveries"][0]["desired_date"] = json!("");
        order["deliveries"][0]["desired_time"] = json!("");
        order["deliveries"][1]["desired_date"] = json!("2026-11-25");
        order["deliveries"][1]["desired_time"] = json!("8時～12時");
        let o = to_incoming(&order).unwrap();
        assert!(o.delivery.is_empty(), "the wish is per destination");
        assert!(o.shipments[0].delivery.is_empty());
        assert_eq!(
            o.shipments[1].delivery,
            DeliveryWish {
                method: None,
                date: Some("2026-11-25".into()),
                time: Some("8時～12時".into()),
            }
        );
        assert_eq!(
            o.shipments[1]
                .delivery
                .time
                .as_deref()
                .and_then(TimeSlot::parse),
            Some(TimeSlot::Morning)
        );
        // Left out (a JSON null, or no element at all), or in another date form.
        order["deliveries"][1]["desired_date"] = json!("2026/11/25");
        order["deliveries"][1]["desired_time"] = json!(null);
        let o = to_incoming(&order).unwrap();
        assert_eq!(
            o.shipments[1].delivery,
            DeliveryWish {
                method: None,
                date: Some("2026-11-25".into()),
                time: None,
            }
        );
        // Every time the fake sends reads as a slot.
        for (a, b) in fakemall::data::DELIVERY_SLOTS {
            let t = fakemall::shopserve::uncertain::desired_time(*a, *b);
            assert!(TimeSlot::parse(&t).is_some(), "{t}");
        }
    }
}
