//! ショップサーブ wire types. Every field name is a guess (shopserve.md: the spec is not
//! public); this file and [`super::uncertain`] are the places to correct them. Unknown keys of
//! a loaded fixture are kept in `extra` and served back.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The buyer (注文者).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    pub name: String,
    pub kana: Option<String>,
    pub zip: String,
    pub pref: String,
    pub address1: String,
    pub address2: Option<String>,
    pub tel: String,
    pub email: Option<String>,
}

/// One line (商品).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Item {
    /// 商品コード.
    pub item_code: String,
    pub item_name: String,
    /// Variation label (e.g. `サイズM`).
    pub option: Option<String>,
    pub jan: Option<String>,
    pub quantity: i64,
    /// Tax included.
    pub unit_price: i64,
    /// Percent (10 / 8).
    pub tax_rate: i64,
}

/// One destination (お届け先); multi-destination orders have several.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Delivery {
    /// 1, 2, … within the order.
    pub delivery_no: i64,
    pub name: String,
    pub kana: Option<String>,
    pub zip: String,
    pub pref: String,
    pub address1: String,
    pub address2: Option<String>,
    pub tel: String,
    /// お届け希望日 `YYYY-MM-DD`.
    pub desired_date: Option<String>,
    /// お届け希望時間帯, e.g. `14時～16時`.
    pub desired_time: Option<String>,
    /// 配送会社 code ([`super::uncertain::CARRIERS`]).
    pub carrier_code: Option<String>,
    /// お問合せ番号 (伝票番号).
    pub tracking_no: Option<String>,
    /// 出荷日, stored as 発送予定日 `YYYY-MM-DD`.
    pub ship_date: Option<String>,
    /// 着荷日 `YYYY-MM-DD`.
    pub arrival_date: Option<String>,
    pub gift_message: Option<String>,
    pub items: Vec<Item>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One order (受注).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Order {
    /// 受注番号.
    pub order_no: String,
    /// 注文日時 `YYYY-MM-DD HH:MM:SS` (JST).
    pub order_date: String,
    /// 注文ステータス.
    pub order_status: String,
    /// 確認ステータス (未確認 / 確認済).
    pub confirm_status: String,
    /// 発送ステータス (未発送 / 発送済).
    pub shipping_status: String,
    /// 入金ステータス (未入金 / 入金済).
    pub payment_status: String,
    pub payment_method: String,
    /// 入金日 `YYYY-MM-DD`.
    pub payment_date: Option<String>,
    pub customer: Customer,
    pub items_total: i64,
    pub shipping_fee: i64,
    pub cod_fee: i64,
    pub discount: i64,
    pub point: i64,
    /// Amount billed.
    pub total: i64,
    /// 備考.
    pub remarks: Option<String>,
    pub deliveries: Vec<Delivery>,
    /// Last change `YYYY-MM-DD HH:MM:SS` (JST).
    pub updated_at: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
