//! A BASE order (the `order` object of `GET /1/orders/detail/{unique_key}`)
//! as an [`IncomingOrder`].

use serde_json::Value;

use super::uncertain;
use crate::domain::{DeliveryWish, IncomingItem, IncomingOrder, MallState, Party};
use crate::malls::json::{int, join, text};
use crate::malls::MallError;

const MALL: &str = "BASE";

fn malformed(detail: &str) -> MallError {
    MallError::Malformed {
        mall: MALL,
        detail: detail.to_string(),
    }
}

/// `dispatch_status` (and an item's `status`) in the words of BASE's admin
/// (base.md §4: 未対応 = ordered, 対応済 = dispatched, atobarai 着荷待ち).
pub fn status_label(raw: &str) -> Option<&'static str> {
    Some(match raw {
        "ordered" => "未対応",
        "dispatched" => "対応済（発送済み）",
        "cancelled" => "キャンセル",
        "unpaid" => "入金待ち",
        "shipping" => "着荷待ち（後払い）",
        "unshippable" => "発送できない注文",
        _ => return None,
    })
}

/// A change marker (`modified`) as text, as `KnownOrders` keeps it.
pub(crate) fn marker(v: &Value) -> Option<String> {
    text(v, "modified")
}

/// 「山田 太郎」: family name, a space, given name.
fn name(v: &Value) -> String {
    join([text(v, "last_name"), text(v, "first_name")], " ")
}

/// Prefecture and address in one line, the building (address2) after a space.
fn address(v: &Value) -> String {
    let line = join([text(v, "prefecture"), text(v, "address")], "");
    match text(v, "address2") {
        Some(a2) if line.is_empty() => a2,
        Some(a2) => format!("{line} {a2}"),
        None => line,
    }
}

fn buyer(order: &Value) -> Party {
    Party {
        name: name(order),
        kana: None,
        zip: text(order, "zip_code"),
        address: address(order),
        phone: text(order, "tel"),
        email: text(order, "mail_address"),
    }
}

/// `order_receiver`, or the buyer when every receiver field is null or empty.
fn ship_to(order: &Value, buyer: &Party) -> Party {
    let receiver = order.get("order_receiver").filter(|r| r.is_object());
    let empty = receiver.is_none_or(|r| {
        [
            "first_name",
            "last_name",
            "zip_code",
            "prefecture",
            "address",
            "address2",
            "tel",
        ]
        .iter()
        .all(|k| text(r, k).is_none())
    });
    match receiver {
        Some(r) if !(empty && uncertain::EMPTY_RECEIVER_MEANS_BUYER) => Party {
            name: name(r),
            kana: None,
            zip: text(r, "zip_code"),
            address: address(r),
            phone: text(r, "tel"),
            email: None,
        },
        _ => buyer.clone(),
    }
}

fn item(v: &Value) -> IncomingItem {
    IncomingItem {
        mall_item_id: text(v, "order_item_id"),
        sku: None,
        name: text(v, "title").unwrap_or_default(),
        variation: text(v, "variation"),
        unit_price: int(v, "price").unwrap_or(0),
        quantity: int(v, "amount").unwrap_or(0),
    }
}

/// Where a BASE order stands, in the words of every mall. cvs and base_bt
/// orders can be dispatched only once paid (base.md §2 edit_status rules).
pub fn mall_state(order: &Value, dispatch_status: &str) -> MallState {
    match dispatch_status {
        "dispatched" | "shipping" => return MallState::Shipped,
        "cancelled" => return MallState::Cancelled,
        "unshippable" => return MallState::NotShippable,
        _ => {}
    }
    let unpaid = |key: &str| {
        order
            .get(key)
            .and_then(|t| t.get("status"))
            .and_then(Value::as_str)
            != Some("paid")
    };
    match order.get("payment").and_then(Value::as_str) {
        Some("cvs") if unpaid("cvs_payment_transaction") => MallState::Unpaid,
        Some("base_bt") if unpaid("bt_payment_transaction") => MallState::Unpaid,
        _ if dispatch_status == "unpaid" => MallState::Unpaid,
        _ => MallState::Open,
    }
}

/// The order's shipping method (null when set per item: then the first
/// item's), `delivery_date` and `delivery_time_zone` (`0812`, `1214`…).
fn delivery(order: &Value) -> DeliveryWish {
    let method = text(order, "shipping_method").or_else(|| {
        order
            .get("order_items")
            .and_then(Value::as_array)?
            .iter()
            .find_map(|i| text(i, "shipping_method"))
    });
    DeliveryWish::from_mall(
        method.as_deref(),
        text(order, "delivery_date").as_deref(),
        text(order, "delivery_time_zone").as_deref(),
    )
}

/// The one mapping of a BASE order to Juchu's [`IncomingOrder`].
pub fn to_incoming(order: &Value) -> Result<IncomingOrder, MallError> {
    if !order.is_object() {
        return Err(malformed("注文の詳細がありません"));
    }
    let mall_order_id =
        text(order, "unique_key").ok_or_else(|| malformed("注文に unique_key がありません"))?;
    let ordered_at =
        int(order, "ordered").ok_or_else(|| malformed("注文に注文日時（ordered）がありません"))?;
    let dispatch_status = text(order, "dispatch_status").unwrap_or_default();
    let buyer = buyer(order);
    let ship_to = ship_to(order, &buyer);
    let items = order
        .get("order_items")
        .and_then(Value::as_array)
        .map(|items| items.iter().map(item).collect())
        .unwrap_or_default();
    Ok(IncomingOrder {
        mall_order_id,
        mall_refs: Vec::new(),
        ordered_at,
        initial_status: uncertain::first_status(&dispatch_status),
        mall_state: mall_state(order, &dispatch_status),
        mall_status: dispatch_status,
        buyer,
        ship_to,
        payment_method: uncertain::payment_name(&text(order, "payment").unwrap_or_default()),
        shipping_fee: int(order, "shipping_fee").unwrap_or(0),
        total: int(order, "total").unwrap_or(0),
        remark: text(order, "remark").unwrap_or_default(),
        delivery: delivery(order),
        items,
        // BASE has one destination per order.
        shipments: Vec::new(),
        raw: order.clone(),
        mall_modified: marker(order),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;
    use crate::labels::TimeSlot;
    use serde_json::json;

    /// base.md §5.2, verbatim.
    fn doc_example() -> Value {
        serde_json::from_str(fakemall::base::doc_examples::ORDER_DETAIL_5_2).unwrap()
    }

    #[test]
    fn maps_the_documented_example() {
        let doc = doc_example();
        let o = to_incoming(&doc["order"]).unwrap();
        assert_eq!(o.mall_order_id, "154D88A39E454289");
        assert_eq!(o.ordered_at, 1396419762);
        assert_eq!(o.mall_status, "ordered");
        assert_eq!(o.initial_status, None);
        assert!(!o.mall_cancelled());
        assert_eq!(o.buyer.name, "山田 太郎");
        assert_eq!(o.buyer.zip.as_deref(), Some("106-0032"));
        assert_eq!(o.buyer.address, "東京都港区六本木 4-11-4 六本木ビル 301");
        assert_eq!(o.buyer.phone.as_deref(), Some("03-1234-5678"));
        assert_eq!(o.buyer.email.as_deref(), Some("mail@example.com"));
        assert_eq!(o.ship_to.name, "山田 花子");
        assert_eq!(o.ship_to.zip.as_deref(), Some("150-0043"));
        assert_eq!(
            o.ship_to.address,
            "東京都渋谷区道玄坂 2-10-12 新大宗ビル3号館 531号"
        );
        assert_eq!(o.ship_to.email, None);
        assert_eq!(o.payment_method, "クレジットカード");
        assert_eq!((o.shipping_fee, o.total), (500, 7500));
        assert_eq!(o.remark, "午前中の配送を希望します。");
        assert_eq!(o.items.len(), 2);
        assert_eq!(o.items[0].mall_item_id.as_deref(), Some("19749229"));
        assert_eq!(o.items[0].name, "Tシャツ");
        assert_eq!(o.items[0].variation.as_deref(), Some("サイズM"));
        assert_eq!((o.items[0].unit_price, o.items[0].quantity), (2000, 2));
        assert_eq!(o.items[1].variation, None, "\"\" is no variation");
        assert_eq!(o.raw, doc["order"], "raw is the order object verbatim");
        assert_eq!(o.mall_modified.as_deref(), Some("1396419762"));
    }

    #[test]
    fn null_receiver_ships_to_the_buyer() {
        let mut doc = doc_example();
        doc["order"]["order_receiver"] = json!({"first_name":null,"last_name":null,"zip_code":null,
            "prefecture":null,"address":null,"address2":null,"tel":null});
        let o = to_incoming(&doc["order"]).unwrap();
        assert_eq!(o.ship_to, o.buyer);
        doc["order"]["order_receiver"] = json!({"first_name":"","last_name":"","zip_code":""});
        assert_eq!(
            to_incoming(&doc["order"]).unwrap().ship_to.name,
            "山田 太郎"
        );
        doc["order"]
            .as_object_mut()
            .unwrap()
            .remove("order_receiver");
        assert_eq!(
            to_incoming(&doc["order"]).unwrap().ship_to.name,
            "山田 太郎"
        );
    }

    #[test]
    fn partner_shop_sale_has_no_buyer_but_still_maps() {
        let mut doc = doc_example();
        for k in [
            "first_name",
            "last_name",
            "zip_code",
            "prefecture",
            "address",
            "address2",
            "tel",
            "mail_address",
        ] {
            doc["order"][k] = Value::Null;
        }
        let o = to_incoming(&doc["order"]).unwrap();
        assert_eq!(o.buyer.name, "");
        assert_eq!(o.buyer.address, "");
        assert_eq!(o.buyer.zip, None);
    }

    #[test]
    fn status_cancel_and_payment() {
        let mut doc = doc_example();
        doc["order"]["dispatch_status"] = json!("cancelled");
        doc["order"]["payment"] = json!("cod");
        let o = to_incoming(&doc["order"]).unwrap();
        assert!(o.mall_cancelled());
        assert_eq!(o.initial_status, Some(Status::Cancelled));
        assert_eq!(o.payment_method, "代金引換");
        doc["order"]["dispatch_status"] = json!("unpaid");
        doc["order"]["payment"] = json!("cvs");
        let o = to_incoming(&doc["order"]).unwrap();
        assert!(!o.mall_cancelled());
        assert_eq!(
            o.initial_status,
            Some(Status::AwaitingPaymentBeforeShipping)
        );
        assert_eq!(o.payment_method, "コンビニ決済");
    }

    #[test]
    fn the_delivery_wish_is_the_method_date_and_time_zone_code() {
        let mut doc = doc_example();
        let o = to_incoming(&doc["order"]).unwrap();
        assert_eq!(
            o.delivery,
            DeliveryWish {
                method: Some("ヤマト運輸".into()),
                date: Some("2018-03-19".into()),
                time: Some("0812".into()),
            },
            "base.md §5.2"
        );
        assert_eq!(
            o.delivery.time.as_deref().and_then(TimeSlot::parse),
            Some(TimeSlot::Morning)
        );
        // Set per item: the order's method is null, the first item's that has one counts.
        doc["order"]["shipping_method"] = Value::Null;
        doc["order"]["order_items"][1]["shipping_method"] = json!("ゆうパケット");
        doc["order"]["delivery_date"] = json!("");
        doc["order"]["delivery_time_zone"] = json!("1416");
        let o = to_incoming(&doc["order"]).unwrap();
        assert_eq!(o.delivery.method.as_deref(), Some("ゆうパケット"));
        assert_eq!(o.delivery.date, None, "a blank date is no wish");
        assert_eq!(
            o.delivery.time.as_deref().and_then(TimeSlot::parse),
            Some(TimeSlot::H14_16)
        );
        // No wish at all (base.md §5.1's second order: both null), no method anywhere.
        doc["order"]["order_items"][1]["shipping_method"] = Value::Null;
        doc["order"]["delivery_date"] = Value::Null;
        doc["order"]["delivery_time_zone"] = Value::Null;
        assert!(to_incoming(&doc["order"]).unwrap().delivery.is_empty());
        // Every code the fake sends reads as a slot.
        for code in fakemall::base::uncertain::DELIVERY_TIME_ZONES {
            assert!(TimeSlot::parse(code).is_some(), "{code}");
        }
    }

    #[test]
    fn missing_key_is_malformed_and_names_base() {
        let e = to_incoming(&json!({"ordered": 1})).unwrap_err();
        assert_eq!(e.code(), "MALL_MALFORMED");
        assert!(e.to_string().contains("BASE"));
        assert!(to_incoming(&json!({"unique_key": "A"})).is_err());
        assert!(to_incoming(&Value::Null).is_err());
    }
}
