//! Qoo10 wire types: one `GetShippingInfo_v2` row per order line, with the exact mixed key
//! casing of qoo10.md A2 (`orderNo` but `PaymentDate`, `buyer_gata`, `Addr1`…). Unknown keys of
//! a loaded fixture are kept in `extra` and served back.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One row of `ShippingBasic.GetShippingInfo_v2` (one order line; `packNo` is the cart).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShippingInfo {
    /// `"On request(2)"` and the like.
    #[serde(rename = "shippingStatus")]
    pub shipping_status: String,
    #[serde(rename = "orderNo")]
    pub order_no: i64,
    #[serde(rename = "packNo")]
    pub pack_no: i64,
    /// `YYYY-MM-DD HH:MM:SS` JST.
    #[serde(rename = "orderDate")]
    pub order_date: String,
    #[serde(rename = "PaymentDate")]
    pub payment_date: String,
    #[serde(rename = "EstShippingDate")]
    pub est_shipping_date: String,
    #[serde(rename = "ShippingDate")]
    pub shipping_date: String,
    #[serde(rename = "DeliveredDate")]
    pub delivered_date: String,
    pub buyer: String,
    pub buyer_gata: String,
    #[serde(rename = "buyerTel")]
    pub buyer_tel: String,
    /// `+81-90-…`.
    #[serde(rename = "buyerMobile")]
    pub buyer_mobile: String,
    #[serde(rename = "buyerEmail")]
    pub buyer_email: String,
    #[serde(rename = "itemCode")]
    pub item_code: String,
    #[serde(rename = "sellerItemCode")]
    pub seller_item_code: String,
    #[serde(rename = "itemTitle")]
    pub item_title: String,
    pub option: String,
    #[serde(rename = "optionCode")]
    pub option_code: String,
    /// Unit price.
    #[serde(rename = "orderPrice")]
    pub order_price: i64,
    #[serde(rename = "orderQty")]
    pub order_qty: i64,
    pub discount: i64,
    /// orderPrice × orderQty − discount.
    pub total: i64,
    #[serde(rename = "SettlePrice")]
    pub settle_price: i64,
    pub receiver: String,
    pub receiver_gata: String,
    #[serde(rename = "zipCode")]
    pub zip_code: String,
    #[serde(rename = "shippingAddr")]
    pub shipping_addr: String,
    #[serde(rename = "Addr1")]
    pub addr1: String,
    #[serde(rename = "Addr2")]
    pub addr2: String,
    #[serde(rename = "receiverTel")]
    pub receiver_tel: String,
    #[serde(rename = "receiverMobile")]
    pub receiver_mobile: String,
    /// Desired delivery date `YYYY-MM-DD` or empty.
    #[serde(rename = "hopeDate")]
    pub hope_date: String,
    #[serde(rename = "ShippingMsg")]
    pub shipping_msg: String,
    #[serde(rename = "ShippingRate")]
    pub shipping_rate: i64,
    #[serde(rename = "DeliveryCompany")]
    pub delivery_company: String,
    #[serde(rename = "TrackingNo")]
    pub tracking_no: String,
    #[serde(rename = "PaymentMethod")]
    pub payment_method: String,
    /// CSV of the OrderNos of the pack.
    #[serde(rename = "RelatedOrder")]
    pub related_order: String,
    /// Anything else a fixture carried.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// Fake-only facts, not serialized.
    #[serde(skip)]
    pub hidden: Hidden,
}

/// What the fake knows about a row beyond its wire fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hidden {
    /// 1–5, or 0 once cancelled (cancelled rows vanish from `GetShippingInfo_v2`).
    pub stat: u8,
    /// `DelayType` of the last `SetSellerCheckYN_V2`.
    pub delay_type: Option<u8>,
    /// `DelayMemo` of the last `SetSellerCheckYN_V2`.
    pub delay_memo: Option<String>,
}

impl ShippingInfo {
    /// Sets the status number and its label.
    pub fn set_stat(&mut self, stat: u8) {
        self.hidden.stat = stat;
        self.shipping_status = super::uncertain::status_label(stat);
    }

    /// The status number read from a label such as `"On request(2)"` (0 if none).
    pub fn stat_from_label(label: &str) -> u8 {
        label
            .rsplit_once('(')
            .and_then(|(_, rest)| rest.strip_suffix(')'))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    }
}

/// The five `ShippingStat` values of qoo10.md A2.
pub const SHIPPING_STATS: &[u8] = &[1, 2, 3, 4, 5];

/// Every key of a `GetShippingInfo_v2` row, spelled as Qoo10 spells it.
pub const ROW_KEYS: &[&str] = &[
    "shippingStatus",
    "orderNo",
    "packNo",
    "orderDate",
    "PaymentDate",
    "EstShippingDate",
    "ShippingDate",
    "DeliveredDate",
    "buyer",
    "buyer_gata",
    "buyerTel",
    "buyerMobile",
    "buyerEmail",
    "itemCode",
    "sellerItemCode",
    "itemTitle",
    "option",
    "optionCode",
    "orderPrice",
    "orderQty",
    "discount",
    "total",
    "SettlePrice",
    "receiver",
    "receiver_gata",
    "zipCode",
    "shippingAddr",
    "Addr1",
    "Addr2",
    "receiverTel",
    "receiverMobile",
    "hopeDate",
    "ShippingMsg",
    "ShippingRate",
    "DeliveryCompany",
    "TrackingNo",
    "PaymentMethod",
    "RelatedOrder",
];
