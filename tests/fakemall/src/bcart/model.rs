//! Bカート wire types, with the field names of bcart.md §B3/§B4 exactly. Unknown keys of a loaded
//! fixture are kept in `extra` and served back.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `order_totals[]`: one row per tax rate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderTotal {
    /// `"0.10"` / `"0.08"` (see [`super::uncertain::tax_rate_text`]).
    pub tax_rate: String,
    /// Goods at that rate, tax excluded.
    pub total: i64,
    /// Tax at that rate.
    pub tax: i64,
    /// `total + tax`.
    pub total_incl_tax: i64,
}

/// An order (`GET /orders`, `{"order":…}`), without the embedded rows of `complete=1`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Order {
    pub id: i64,
    /// e.g. `20240601-0001`.
    pub code: String,
    pub customer_id: Option<i64>,
    /// The shop's own customer code (得意先コード).
    pub customer_ext_id: Option<String>,
    /// 会社名 (B2B).
    pub customer_comp_name: Option<String>,
    pub customer_department: Option<String>,
    pub customer_name: Option<String>,
    pub customer_tel: Option<String>,
    pub customer_email: Option<String>,
    pub customer_zip: Option<String>,
    pub customer_pref: Option<String>,
    pub customer_address1: Option<String>,
    pub customer_address2: Option<String>,
    pub customer_address3: Option<String>,
    /// Japanese label, e.g. `銀行振込`.
    pub payment: String,
    /// `YYYY-MM-DD HH:MM:SS` (JST) once paid.
    pub payment_at: Option<String>,
    /// Goods, tax excluded.
    pub total_price: i64,
    pub tax: i64,
    pub cod_cost: i64,
    pub shipping_cost: i64,
    /// Grand total.
    pub final_price: i64,
    pub use_point: i64,
    pub order_totals: Vec<OrderTotal>,
    pub customer_message: Option<String>,
    pub admin_message: Option<String>,
    pub memo: Option<String>,
    /// `YYYY-MM-DD HH:MM:SS` (JST).
    pub ordered_at: String,
    /// Japanese label (`新規注文`, `完了`, shop-defined).
    pub status: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One row of `order_products` (goods, or a shipping / fee / point row).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderProduct {
    pub id: i64,
    pub order_id: i64,
    /// The shipment this row goes with (`logistics.id`); may be null for fee rows.
    pub logistics_id: Option<i64>,
    /// 品番.
    pub product_no: Option<String>,
    pub jan_code: Option<String>,
    pub product_name: String,
    pub product_set_id: Option<i64>,
    pub set_name: Option<String>,
    /// Price of one piece, tax excluded.
    pub unit_price: i64,
    /// 入数: pieces per set.
    pub set_quantity: i64,
    /// 注文数: sets ordered.
    pub order_pro_count: i64,
    /// `"0.10"`.
    pub tax_rate: String,
    /// 1 standard / 2 reduced.
    pub tax_type_id: i64,
    pub tax_incl: i64,
    /// `product` / `shipping` / `payment_fees` / `point`.
    pub item_type: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for OrderProduct {
    fn default() -> Self {
        Self {
            id: 0,
            order_id: 0,
            logistics_id: None,
            product_no: None,
            jan_code: None,
            product_name: String::new(),
            product_set_id: None,
            set_name: None,
            unit_price: 0,
            set_quantity: 1,
            order_pro_count: 1,
            tax_rate: super::uncertain::tax_rate_text(10),
            tax_type_id: 1,
            tax_incl: super::uncertain::TAX_INCL,
            item_type: "product".to_string(),
            extra: Map::new(),
        }
    }
}

impl OrderProduct {
    /// `unit_price × set_quantity × order_pro_count`.
    pub fn line_total(&self) -> i64 {
        self.unit_price * self.set_quantity * self.order_pro_count
    }
}

/// One shipment (`logistics`, `{"logistic":…}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Logistic {
    pub id: i64,
    /// 出荷管理番号.
    pub shipment_code: Option<String>,
    /// 送り状番号 (tracking number).
    pub delivery_code: Option<String>,
    pub destination_code: Option<String>,
    /// The carrier, through `GET /shipping_groups`.
    pub shipping_group_id: Option<i64>,
    pub comp_name: Option<String>,
    pub department: Option<String>,
    pub name: Option<String>,
    pub zip: Option<String>,
    pub pref: Option<String>,
    pub address1: Option<String>,
    pub address2: Option<String>,
    pub address3: Option<String>,
    pub tel: Option<String>,
    /// Desired delivery date `YYYY-MM-DD`.
    pub due_date: Option<String>,
    pub due_time: Option<String>,
    pub memo: Option<String>,
    /// 発送日 `YYYY-MM-DD`.
    pub shipment_date: Option<String>,
    pub arrival_date: Option<String>,
    /// `未発送` / `発送指示` / `発送済`.
    pub status: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for Logistic {
    fn default() -> Self {
        Self {
            id: 0,
            shipment_code: None,
            delivery_code: None,
            destination_code: None,
            shipping_group_id: None,
            comp_name: None,
            department: None,
            name: None,
            zip: None,
            pref: None,
            address1: None,
            address2: None,
            address3: None,
            tel: None,
            due_date: None,
            due_time: None,
            memo: None,
            shipment_date: None,
            arrival_date: None,
            status: "未発送".to_string(),
            extra: Map::new(),
        }
    }
}

/// An order with its rows, as a test adds it and as `complete=1` shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FullOrder {
    /// The order.
    pub order: Order,
    /// Its `order_products` (each `order_id` = `order.id`).
    pub order_products: Vec<OrderProduct>,
    /// Its shipments.
    pub logistics: Vec<Logistic>,
}

/// `GET /order_statuses` entry (shape UNCERTAIN).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderStatus {
    pub id: i64,
    pub name: String,
}

/// `GET /shipping_groups` entry (shape UNCERTAIN).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingGroup {
    pub id: i64,
    pub name: String,
}
