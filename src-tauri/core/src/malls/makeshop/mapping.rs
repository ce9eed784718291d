//! A MakeShop order (`searchOrder`) as a Juchu order: each `deliveryInfos[]`
//! row is a shipment with its own destination, items (`basketInfos[]`),
//! status and `slipNumber` (makeshop.md 1b).

use serde_json::Value;

use super::{uncertain, MALL};
use crate::domain::{
    DeliveryWish, IncomingItem, IncomingOrder, IncomingShipment, MallState, Party,
};
use crate::malls::json::{int, join, list, text};
use crate::malls::slip;
use crate::malls::MallError;

fn malformed(detail: String) -> MallError {
    MallError::Malformed { mall: MALL, detail }
}

/// An `orderDate` as UNIX seconds (its format is a guess: see `uncertain`).
pub fn order_time(s: &str) -> Option<i64> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s.trim()) {
        return Some(t.timestamp());
    }
    uncertain::ORDER_DATE_FORMATS
        .iter()
        .find_map(|f| crate::time::parse_jst(s, f))
}

/// The deliveries of a stored order's payload.
pub fn deliveries(raw: &Value) -> Vec<Value> {
    list(raw, "deliveryInfos")
}

/// One delivery of a payload, by its `deliveryId`.
pub fn delivery(raw: &Value, id: &str) -> Option<Value> {
    deliveries(raw)
        .into_iter()
        .find(|d| text(d, "deliveryId").as_deref() == Some(id))
}

/// A `deliveryStatus` letter (N 未処理, Y 配送, C キャンセル, R 返送) in the
/// words of every mall.
pub fn state_of(letter: &str) -> MallState {
    match letter {
        uncertain::DELIVERED => MallState::Shipped,
        uncertain::CANCELLED => MallState::Cancelled,
        uncertain::RETURNED => MallState::NotShippable,
        _ => MallState::Open,
    }
}

/// The letters in Japanese, for the order screen (the raw letter stays beside).
pub fn status_label(letter: &str) -> Option<&'static str> {
    match letter {
        "N" => Some("未処理"),
        uncertain::DELIVERED => Some("配送済"),
        uncertain::CANCELLED => Some("キャンセル"),
        uncertain::RETURNED => Some("返送"),
        _ => None,
    }
}

/// The order's status from its deliveries' and its payment's: cancelled when
/// the payment is (0003) or every delivery is; shipped when every delivery
/// is; returned when one is; else open.
fn order_letter(payment_status: &str, letters: &[String]) -> &'static str {
    let all = |l: &str| !letters.is_empty() && letters.iter().all(|x| x == l);
    if payment_status == uncertain::PAYMENT_CANCELLED || all(uncertain::CANCELLED) {
        uncertain::CANCELLED
    } else if all(uncertain::DELIVERED) {
        uncertain::DELIVERED
    } else if letters.iter().any(|l| l == uncertain::RETURNED) {
        uncertain::RETURNED
    } else {
        "N"
    }
}

fn receiver(d: &Value) -> Party {
    let pref = int(d, "receiverPrefecture")
        .and_then(uncertain::prefecture)
        .map(str::to_string);
    Party {
        name: text(d, "receiverName").unwrap_or_default(),
        kana: None,
        zip: text(d, "receiverPost"),
        address: join(
            [
                pref,
                text(d, "receiverAddress"),
                text(d, "receiverAddress2"),
            ],
            "",
        ),
        phone: text(d, "receiverTel"),
        email: None,
    }
}

/// The buyer's remark: the text before `||` (what follows is MakeShop's).
fn remark(message: Option<String>) -> String {
    message
        .map(|m| {
            m.split(uncertain::MESSAGE_SEPARATOR)
                .next()
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        .unwrap_or_default()
}

pub fn to_incoming(order: &Value) -> Result<IncomingOrder, MallError> {
    // Order numbers are strings (`P` + 18 digits): never read as integers.
    let id = text(order, "displayOrderNumber")
        .ok_or_else(|| malformed("displayOrderNumber のない注文があります".into()))?;
    let ordered_at = text(order, "orderDate")
        .as_deref()
        .and_then(order_time)
        .ok_or_else(|| malformed(format!("注文 {id} の注文日時が読めません")))?;
    let payment_status = text(order, "paymentStatusCode").unwrap_or_default();
    let order_cancelled = payment_status == uncertain::PAYMENT_CANCELLED;
    let mut items = Vec::new();
    let mut shipments = Vec::new();
    let mut letters = Vec::new();
    let mut shipping_fee = 0;
    for d in deliveries(order) {
        let did = text(&d, "deliveryId").unwrap_or_default();
        let letter = text(&d, "deliveryStatus").unwrap_or_default();
        shipping_fee += int(&d, "shippingCharge").unwrap_or(0);
        let mut item_ids = Vec::new();
        for (i, b) in list(&d, "basketInfos").iter().enumerate() {
            let item_id = format!("{did}-{}", i + 1);
            item_ids.push(item_id.clone());
            items.push(IncomingItem {
                mall_item_id: Some(item_id),
                sku: text(b, "variationCustomCode")
                    .or_else(|| text(b, "productCustomCode"))
                    .or_else(|| text(b, "productCode")),
                name: text(b, "productName").unwrap_or_default(),
                variation: text(b, "variationName"),
                unit_price: int(b, "price").unwrap_or(0),
                quantity: int(b, "amount").unwrap_or(1).max(1),
            });
        }
        // A number on a cancelled order is the shop's memo, whatever the delivery says.
        let cancelled = order_cancelled || letter == uncertain::CANCELLED;
        let (mall_tracking, mall_note) =
            slip::read(text(&d, "slipNumber").as_deref(), cancelled).into_parts();
        shipments.push(IncomingShipment {
            shipment_ref: did,
            ship_to: receiver(&d),
            mall_status: letter.clone(),
            mall_state: state_of(&letter),
            item_ids,
            mall_tracking,
            mall_note,
            // `deliveryMethodIds` are ids without names: the wish only.
            delivery: DeliveryWish::from_mall(
                None,
                text(&d, "desiredDeliveryDate").as_deref(),
                text(&d, "desiredDeliveryTimezone").as_deref(),
            ),
        });
        letters.push(letter);
    }
    let letter = order_letter(&payment_status, &letters);
    let buyer = Party {
        name: text(order, "senderName").unwrap_or_default(),
        kana: None,
        zip: None,
        address: int(order, "senderPrefecture")
            .and_then(uncertain::prefecture)
            .unwrap_or_default()
            .to_string(),
        phone: None,
        email: None,
    };
    let ship_to = shipments
        .first()
        .map_or_else(|| buyer.clone(), |s| s.ship_to.clone());
    Ok(IncomingOrder {
        mall_refs: text(order, "systemOrderNumber").into_iter().collect(),
        mall_order_id: id,
        ordered_at,
        mall_status: letter.to_string(),
        mall_state: state_of(letter),
        initial_status: None,
        buyer,
        ship_to,
        payment_method: text(order, "payMethod").unwrap_or_default(),
        shipping_fee,
        total: int(order, "sumPrice").unwrap_or(0),
        remark: remark(text(order, "message")),
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

    /// The fields of makeshop.md 1b, two destinations, one of them shipped.
    fn example() -> Value {
        json!({"systemOrderNumber":"2026112009000123","displayOrderNumber":"P184655728930017801",
          "orderDate":"2026-11-20 09:30:00","memberId":null,"senderName":"山田 花子","senderPrefecture":14,
          "payMethod":"クレジットカード","paymentStatusCode":"0004","sumPrice":"5400",
          "message":"午前中希望||ギフト包装","deliveryInfos":[
            {"deliveryId":1,"deliveryStatus":"N","desiredDeliveryDate":"--","receiverName":"山田 花子",
             "receiverPost":"190-0001","receiverPrefecture":14,"receiverAddress":"立川市曙町1-1","receiverAddress2":"",
             "receiverTel":"042-000-0000","shippingCharge":600,"slipNumber":"再注文",
             "basketInfos":[{"productCode":"000000000001","productCustomCode":"TW-1","variationCustomCode":null,
               "productName":"タオル","variationName":"白","amount":2,"price":1200}]},
            {"deliveryId":2,"deliveryStatus":"Y","desiredDeliveryDate":"2026/11/25","receiverName":"佐藤 一郎",
             "receiverPost":"220-0001","receiverPrefecture":15,"receiverAddress":"横浜市西区1-1",
             "shippingCharge":"0","slipNumber":"1234-5678-9012","deliveryDate":"20261121100000",
             "basketInfos":[{"productCode":"000000000002","productCustomCode":"BT-1","variationCustomCode":"BT-1-L",
               "productName":"バスタオル","amount":1,"price":"2400"}]}]})
    }

    #[test]
    fn each_delivery_is_a_shipment_with_its_items_and_slip() {
        let o = to_incoming(&example()).unwrap();
        assert_eq!(
            o.mall_order_id, "P184655728930017801",
            "a string, never a number"
        );
        assert_eq!(o.mall_refs, ["2026112009000123"]);
        assert_eq!(o.ordered_at, 1_795_134_600, "2026-11-20 09:30 JST");
        assert_eq!(o.total, 5400);
        assert_eq!(o.shipping_fee, 600);
        assert_eq!(o.remark, "午前中希望");
        assert_eq!(o.buyer.address, "東京都", "14: 東京（23区外）");
        assert_eq!(o.items.len(), 2);
        assert_eq!(
            (o.items[1].sku.as_deref(), o.items[1].unit_price),
            (Some("BT-1-L"), 2400)
        );
        assert_eq!(o.shipments.len(), 2);
        let (a, b) = (&o.shipments[0], &o.shipments[1]);
        assert_eq!(a.shipment_ref, "1");
        assert_eq!(a.ship_to.address, "東京都立川市曙町1-1");
        assert_eq!(a.item_ids, ["1-1"]);
        assert_eq!(
            (a.mall_tracking.as_deref(), a.mall_note.as_deref()),
            (None, Some("再注文"))
        );
        assert_eq!(
            b.ship_to.address, "神奈川県横浜市西区1-1",
            "15: 神奈川 after Tokyo's two codes"
        );
        assert_eq!(b.mall_state, MallState::Shipped);
        assert_eq!(b.mall_tracking.as_deref(), Some("123456789012"));
        assert_eq!(
            o.mall_state,
            MallState::Open,
            "one destination still to ship"
        );
    }

    #[test]
    fn each_delivery_has_its_own_wish_and_dashes_are_unset() {
        let mut order = example();
        order["deliveryInfos"][0]["desiredDeliveryTimezone"] = json!("");
        order["deliveryInfos"][1]["desiredDeliveryTimezone"] = json!("14時～16時");
        let o = to_incoming(&order).unwrap();
        assert!(o.delivery.is_empty(), "the wish is per destination");
        assert!(
            o.shipments[0].delivery.is_empty(),
            "`--` (makeshop.md 1b) and blank are unset"
        );
        assert_eq!(
            o.shipments[1].delivery,
            DeliveryWish {
                method: None,
                date: Some("2026-11-25".into()),
                time: Some("14時～16時".into()),
            },
            "`deliveryMethodIds` carry no name"
        );
        for (date, time, wished, slot) in [
            (
                "2026-11-25",
                "午前中",
                Some("2026-11-25"),
                Some(TimeSlot::Morning),
            ),
            (
                "20261125",
                "12:00～14:00",
                Some("2026-11-25"),
                Some(TimeSlot::H12_14),
            ),
            ("--", "--", None, None),
            ("", "指定なし", None, None),
        ] {
            order["deliveryInfos"][1]["desiredDeliveryDate"] = json!(date);
            order["deliveryInfos"][1]["desiredDeliveryTimezone"] = json!(time);
            let w = to_incoming(&order).unwrap().shipments[1].delivery.clone();
            assert_eq!(w.date.as_deref(), wished, "{date}");
            assert_eq!(w.time.as_deref().and_then(TimeSlot::parse), slot, "{time}");
        }
        // Every time label the fake sends reads as a slot.
        for (a, b) in fakemall::data::DELIVERY_SLOTS {
            let label = fakemall::makeshop::uncertain::timezone_label(*a, *b);
            assert!(TimeSlot::parse(&label).is_some(), "{label}");
        }
    }

    #[test]
    fn the_order_status_follows_its_deliveries_and_payment() {
        let letters = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(order_letter("0004", &letters(&["Y", "Y"])), "Y");
        assert_eq!(order_letter("0003", &letters(&["N"])), "C");
        assert_eq!(order_letter("0002", &letters(&["C", "C"])), "C");
        assert_eq!(order_letter("0002", &letters(&["C", "N"])), "N");
        assert_eq!(order_letter("0002", &letters(&["R", "Y"])), "R");
        assert_eq!(state_of("R"), MallState::NotShippable);
        assert_eq!(status_label("Y"), Some("配送済"));
    }

    #[test]
    fn dates_in_any_seen_format_are_jst() {
        assert_eq!(order_time("2026-11-20 09:30:00"), Some(1_795_134_600));
        assert_eq!(order_time("20261120093000"), Some(1_795_134_600));
        assert_eq!(order_time("2026-11-20T09:30:00+09:00"), Some(1_795_134_600));
        assert_eq!(order_time("--"), None);
    }
}
