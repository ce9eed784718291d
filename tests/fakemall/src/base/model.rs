//! BASE wire types, named and shaped as in base.md §2 and §5 (detail = [`Order`], list entry =
//! [`OrderSummary`]). Unknown keys of a loaded fixture are kept in `extra` and served back.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `{collected_fee, status}` payment transaction objects (`c_c_`, `cvs_`, `bt_`…).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaymentTransaction {
    /// Fee collected by BASE.
    pub collected_fee: Option<i64>,
    /// Payment-specific status (`creditable`, `unpaid`, `paid`, `shipping`…).
    pub status: Option<String>,
    /// Anything else (e.g. `shortage` of `bt_payment_transaction`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PaymentTransaction {
    /// `{collected_fee, status}` with values.
    pub fn with(collected_fee: i64, status: &str) -> Self {
        Self {
            collected_fee: Some(collected_fee),
            status: Some(status.to_string()),
            extra: Map::new(),
        }
    }
}

/// `order_receiver`: the ship-to, all null when shipping to the buyer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderReceiver {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub zip_code: Option<String>,
    pub prefecture: Option<String>,
    pub address: Option<String>,
    pub address2: Option<String>,
    pub tel: Option<String>,
}

/// `order_discount`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderDiscount {
    pub discount: i64,
    pub note: Option<String>,
    /// 0 shop-funded, 1 BASE-funded.
    pub is_allocate_user_balance_log: i64,
}

/// `order_amount_adjustment`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderAmountAdjustment {
    pub adjusted_amount: i64,
}

/// `order_header_coin`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderHeaderCoin {
    pub discount: i64,
    pub note: Option<String>,
}

/// `order_charge`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderCharge {
    pub collected_fee: i64,
}

/// `subscription` (all null on a normal order).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Subscription {
    pub unique_key: Option<String>,
    pub repeat_number: Option<i64>,
    pub repeat_times: Option<i64>,
}

/// One `order_items[]` entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderItem {
    /// Used by `edit_status`.
    pub order_item_id: i64,
    pub item_id: i64,
    pub variation_id: Option<i64>,
    pub title: String,
    /// `""` when the item has no variation.
    pub variation: String,
    /// Unit price.
    pub price: i64,
    /// Quantity.
    pub amount: i64,
    pub total: i64,
    pub item_tax_type: Option<i64>,
    pub consumption_tax_rate: Option<i64>,
    /// `ordered` / `cancelled` / `dispatched`.
    pub status: String,
    pub shipping_method: Option<String>,
    pub shipping_fee: i64,
    pub shipping_start: Option<Value>,
    pub shipping_end: Option<Value>,
    pub modified: i64,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Fake-only facts about an order that BASE does not serialize.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hidden {
    /// The order uses ヤマトかんたん発送App: the API cannot dispatch it.
    pub yamato_kantan: bool,
}

/// The full order of `GET /1/orders/detail/{unique_key}` and of `edit_status` answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Order {
    pub unique_key: String,
    /// UNIX seconds.
    pub ordered: i64,
    pub cancelled: Option<i64>,
    pub dispatched: Option<i64>,
    pub payment: String,
    pub shipping_method: Option<String>,
    pub shipping_fee: i64,
    pub cod_fee: i64,
    pub total: i64,
    /// Given name (null for a partner shop's sale, as every buyer field).
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    pub country: Option<String>,
    pub country_code: Option<String>,
    pub zip_code: Option<String>,
    pub prefecture: Option<String>,
    pub address: Option<String>,
    pub address2: Option<String>,
    pub mail_address: Option<String>,
    pub tel: Option<String>,
    pub remark: Option<String>,
    pub add_comment: Option<String>,
    /// `0` when none.
    pub delivery_company_id: i64,
    pub tracking_number: Option<String>,
    /// `yyyy-mm-dd`.
    pub delivery_date: Option<String>,
    /// `0812`, `1214`…
    pub delivery_time_zone: Option<String>,
    pub terminated: bool,
    /// `ordered`, `unpaid`, `cancelled`, `dispatched`, `shipping`, `unshippable`.
    pub dispatch_status: String,
    pub modified: i64,
    pub order_receiver: OrderReceiver,
    pub order_discount: OrderDiscount,
    pub order_amount_adjustment: OrderAmountAdjustment,
    pub order_header_coin: OrderHeaderCoin,
    pub order_charge: OrderCharge,
    pub c_c_payment_transaction: PaymentTransaction,
    pub cvs_payment_transaction: PaymentTransaction,
    pub bt_payment_transaction: PaymentTransaction,
    pub atobarai_payment_transaction: PaymentTransaction,
    pub carrier_payment_transaction: PaymentTransaction,
    pub coin_payment_transaction: PaymentTransaction,
    pub paypal_payment_transaction: PaymentTransaction,
    pub user_balance_logs: Vec<Value>,
    pub order_items: Vec<OrderItem>,
    pub subscription: Subscription,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    #[serde(skip)]
    pub hidden: Hidden,
}

/// One entry of `GET /1/orders` (base.md §5.1: exactly these fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub unique_key: String,
    pub ordered: i64,
    pub cancelled: Option<i64>,
    pub dispatched: Option<i64>,
    pub payment: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub total: i64,
    pub delivery_date: Option<String>,
    pub delivery_time_zone: Option<String>,
    pub terminated: bool,
    pub dispatch_status: String,
    pub modified: i64,
    pub subscription: Subscription,
}

impl From<&Order> for OrderSummary {
    fn from(o: &Order) -> Self {
        Self {
            unique_key: o.unique_key.clone(),
            ordered: o.ordered,
            cancelled: o.cancelled,
            dispatched: o.dispatched,
            payment: o.payment.clone(),
            first_name: o.first_name.clone(),
            last_name: o.last_name.clone(),
            total: o.total,
            delivery_date: o.delivery_date.clone(),
            delivery_time_zone: o.delivery_time_zone.clone(),
            terminated: o.terminated,
            dispatch_status: o.dispatch_status.clone(),
            modified: o.modified,
            subscription: o.subscription.clone(),
        }
    }
}

/// Every `payment` code of base.md §2 (`bnpl_install…` is truncated in the source and left out).
pub const PAYMENTS: &[&str] = &[
    "creditcard",
    "bt",
    "cod",
    "cvs",
    "base_bt",
    "atobarai",
    "carrier_01",
    "carrier_02",
    "carrier_03",
    "coin",
    "paypal",
    "amazon_pay",
    "bnpl",
];

/// Every `dispatch_status` of base.md §2.
pub const DISPATCH_STATUSES: &[&str] = &[
    "ordered",
    "unpaid",
    "cancelled",
    "dispatched",
    "shipping",
    "unshippable",
];
