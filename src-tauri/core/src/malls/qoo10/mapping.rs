//! Qoo10's GetShippingInfo_v2 rows (one per order line, `orderNo`) as
//! Juchu orders: one per `packNo` (the cart, shipped together), its lines
//! the OrderNos in it (qoo10.md A2).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::row::{amount, first_text, status_number, text};
use crate::domain::{DeliveryWish, IncomingItem, IncomingOrder, MallState, Party};
use crate::malls::MallError;

const MALL: &str = "Qoo10";

/// qoo10.md A2 `ShippingStat`, in QSM's words.
pub fn status_label(raw: &str) -> Option<&'static str> {
    Some(match status_number(raw)? {
        1 => "入金待ち",
        2 => "配送要請",
        3 => "配送準備",
        4 => "配送中",
        5 => "配送完了",
        _ => return None,
    })
}

fn state_of(stat: Option<u8>) -> MallState {
    match stat {
        Some(1) => MallState::Unpaid,
        Some(4 | 5) => MallState::Shipped,
        _ => MallState::Open,
    }
}

/// `YYYY-MM-DD HH:MM:SS` in JST, as UNIX seconds.
pub fn jst_time(s: &str) -> Option<i64> {
    crate::time::parse_jst(s, "%Y-%m-%d %H:%M:%S")
}

/// The pack a row belongs to (its own OrderNo when it has no pack).
pub fn pack_of(row: &Value) -> Option<String> {
    first_text(row, &["packNo", "orderNo"])
}

/// The OrderNos of a pack's stored rows (what 発送情報の更新 sends, one each).
pub fn order_nos(raw: &Value) -> Vec<String> {
    rows_of(raw)
        .iter()
        .filter_map(|r| text(r, "orderNo"))
        .collect()
}

/// The OrderNos still 配送要請 (2): those a 発送予定日 can be set for.
pub fn on_request_order_nos(raw: &Value) -> Vec<String> {
    rows_of(raw)
        .iter()
        .filter(|r| text(r, "shippingStatus").as_deref().and_then(status_number) == Some(2))
        .filter_map(|r| text(r, "orderNo"))
        .collect()
}

/// The OrderNos Qoo10 already has as shipped (配送中 or 配送完了).
pub fn shipped_order_nos(raw: &Value) -> Vec<String> {
    rows_of(raw)
        .iter()
        .filter(|r| {
            matches!(
                text(r, "shippingStatus").as_deref().and_then(status_number),
                Some(4 | 5)
            )
        })
        .filter_map(|r| text(r, "orderNo"))
        .collect()
}

fn rows_of(raw: &Value) -> Vec<Value> {
    raw.get("rows")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// Rows grouped by pack, in the order of their first row.
pub fn packs(rows: &[Value]) -> Vec<(String, Vec<Value>)> {
    let mut order: Vec<String> = Vec::new();
    let mut by_pack: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for r in rows {
        let Some(pack) = pack_of(r) else { continue };
        let lines = by_pack.entry(pack.clone()).or_default();
        let no = text(r, "orderNo");
        // The same line from two status calls: keep the later one.
        lines.retain(|l| text(l, "orderNo") != no);
        if lines.is_empty() && !order.contains(&pack) {
            order.push(pack.clone());
        }
        lines.push(r.clone());
    }
    order
        .into_iter()
        .filter_map(|p| by_pack.remove(&p).map(|rows| (p, rows)))
        .collect()
}

/// One pack's rows as a Juchu order.
pub fn to_incoming(pack: &str, rows: &[Value]) -> Result<IncomingOrder, MallError> {
    let first = rows.first().ok_or_else(|| MallError::Malformed {
        mall: MALL,
        detail: format!("注文 {pack} に明細がありません"),
    })?;
    let ordered_at = text(first, "orderDate")
        .as_deref()
        .and_then(jst_time)
        .ok_or_else(|| MallError::Malformed {
            mall: MALL,
            detail: format!("注文 {pack} の注文日が読めません"),
        })?;
    // The pack's status is its least advanced line's.
    let stats: Vec<(Option<u8>, String)> = rows
        .iter()
        .map(|r| {
            let raw = text(r, "shippingStatus").unwrap_or_default();
            (status_number(&raw), raw)
        })
        .collect();
    let (stat, mall_status) = stats
        .iter()
        .min_by_key(|(n, _)| n.unwrap_or(u8::MAX))
        .cloned()
        .unwrap_or((None, String::new()));
    let phone = |r: &Value, a: &str, b: &str| first_text(r, &[a, b]);
    let address = match (text(first, "Addr1"), text(first, "Addr2")) {
        (Some(a1), a2) => format!("{a1}{}", a2.map(|a| format!(" {a}")).unwrap_or_default()),
        (None, _) => text(first, "shippingAddr").unwrap_or_default(),
    };
    let items = rows
        .iter()
        .map(|r| IncomingItem {
            mall_item_id: text(r, "orderNo"),
            sku: first_text(r, &["sellerItemCode", "optionCode", "itemCode"]),
            name: text(r, "itemTitle").unwrap_or_default(),
            variation: text(r, "option"),
            unit_price: amount(r, "orderPrice"),
            quantity: amount(r, "orderQty").max(1),
        })
        .collect();
    let mut mall_refs: Vec<String> = rows.iter().filter_map(|r| text(r, "orderNo")).collect();
    mall_refs.retain(|n| n != pack);
    Ok(IncomingOrder {
        mall_order_id: pack.to_string(),
        mall_refs,
        ordered_at,
        mall_status,
        mall_state: state_of(stat),
        initial_status: None,
        buyer: Party {
            name: text(first, "buyer").unwrap_or_default(),
            kana: text(first, "buyer_gata"),
            zip: None,
            address: String::new(),
            phone: phone(first, "buyerTel", "buyerMobile"),
            email: text(first, "buyerEmail"),
        },
        ship_to: Party {
            name: text(first, "receiver").unwrap_or_default(),
            kana: text(first, "receiver_gata"),
            zip: text(first, "zipCode"),
            address,
            phone: phone(first, "receiverTel", "receiverMobile"),
            email: None,
        },
        payment_method: text(first, "PaymentMethod").unwrap_or_default(),
        shipping_fee: rows.iter().map(|r| amount(r, "ShippingRate")).sum(),
        total: rows.iter().map(|r| amount(r, "total")).sum(),
        remark: text(first, "ShippingMsg").unwrap_or_default(),
        // The delivery company the listing ships with stands for the method.
        delivery: DeliveryWish::from_mall(
            text(first, "DeliveryCompany").as_deref(),
            text(first, "hopeDate").as_deref(),
            None,
        ),
        items,
        shipments: Vec::new(),
        raw: json!({ "pack": pack, "rows": rows }),
        mall_modified: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// qoo10.md A5's example row, with a second line of the same pack.
    fn rows() -> Vec<Value> {
        vec![
            json!({"shippingStatus":"On request(2)","orderNo":1062428737,"packNo":512345678,
                "orderDate":"2024-06-01 10:12:33","PaymentDate":"2024-06-01 10:13:02","itemTitle":"化粧水",
                "optionCode":"SKU-1-W","orderPrice":1980,"orderQty":2,"discount":200,"total":3760,
                "receiver":"山田 花子","zipCode":"150-0001","shippingAddr":"東京都渋谷区神宮前1-2-3",
                "receiverMobile":"+81-90-0000-0000","DeliveryCompany":"ヤマト運輸","TrackingNo":"",
                "RelatedOrder":"1062428737,1062428738","buyer":"山田 太郎","ShippingRate":"500.0000"}),
            json!({"ShippingStatus":"Seller confirm(3)","OrderNo":"1062428738","PackNo":"512345678",
                "OrderDate":"2024-06-01 10:12:33","ItemTitle":"乳液","OrderPrice":"1200.0000","OrderQty":"1","Total":"1200"}),
        ]
    }

    #[test]
    fn a_pack_is_one_order_with_its_lines() {
        let packs = packs(&rows());
        assert_eq!(packs.len(), 1);
        let (pack, lines) = &packs[0];
        let o = to_incoming(pack, lines).unwrap();
        assert_eq!(o.mall_order_id, "512345678");
        assert_eq!(o.mall_refs, ["1062428737", "1062428738"]);
        assert_eq!(o.items.len(), 2);
        assert_eq!((o.items[0].unit_price, o.items[0].quantity), (1980, 2));
        assert_eq!(o.items[1].unit_price, 1200);
        assert_eq!(o.total, 4960);
        assert_eq!(o.shipping_fee, 500);
        assert_eq!(o.mall_status, "On request(2)");
        assert_eq!(o.mall_state, MallState::Open);
        assert_eq!(o.ship_to.name, "山田 花子");
        assert_eq!(o.ship_to.phone.as_deref(), Some("+81-90-0000-0000"));
        // 2024-06-01 10:12:33 JST
        assert_eq!(o.ordered_at, 1_717_204_353);
        assert_eq!(order_nos(&o.raw), ["1062428737", "1062428738"]);
        assert!(shipped_order_nos(&o.raw).is_empty());
        assert_eq!(status_label("On request(2)"), Some("配送要請"));
        assert_eq!(status_label("Delivere(5)"), Some("配送完了"));
    }

    #[test]
    fn the_delivery_wish_is_the_listing_carrier_and_hope_date() {
        let mut rows = rows();
        let o = to_incoming("512345678", &rows).unwrap();
        assert_eq!(
            o.delivery,
            DeliveryWish {
                method: Some("ヤマト運輸".into()),
                date: None,
                time: None,
            },
            "A5's row has no hopeDate"
        );
        // Empty when unset, as the rows' other dates; a time of day after it, as orderDate.
        for (key, date, wished) in [
            ("hopeDate", "", None),
            ("hopeDate", "2024-06-05", Some("2024-06-05")),
            ("hopeDate", "2024-06-05 00:00:00", Some("2024-06-05")),
            ("HopeDate", "2024/06/05", Some("2024-06-05")),
        ] {
            rows[0][key] = json!(date);
            let o = to_incoming("512345678", &rows).unwrap();
            assert_eq!(o.delivery.date.as_deref(), wished, "{key}: {date}");
            assert_eq!(
                o.delivery.time, None,
                "Qoo10 has no time wish (qoo10.md A2)"
            );
            rows[0].as_object_mut().unwrap().remove(key);
        }
        rows[0]["DeliveryCompany"] = json!("");
        assert!(to_incoming("512345678", &rows).unwrap().delivery.is_empty());
    }
}
