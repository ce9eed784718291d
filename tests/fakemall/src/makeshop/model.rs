//! MakeShop GraphQL types, named as makeshop.md 1b spells them (async-graphql turns the Rust
//! snake_case into the camelCase of the wire; serde does the same for fixtures).

use async_graphql::{InputObject, SimpleObject};
use serde::{Deserialize, Serialize};

/// `discountPerTax[]` item (field names guessed, see `uncertain::DISCOUNT_PER_TAX_FIELDS`).
#[derive(Debug, Clone, Default, PartialEq, Eq, SimpleObject, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DiscountPerTax {
    pub tax_rate: i32,
    pub discount_price: i32,
}

/// `basketInfos[]`: one product line of one destination.
#[derive(Debug, Clone, Default, PartialEq, Eq, SimpleObject, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BasketInfo {
    /// システム商品コード, 12 digits.
    pub product_code: String,
    pub product_custom_code: String,
    pub variation_custom_code: Option<String>,
    pub product_name: String,
    pub variation_name: Option<String>,
    /// Quantity.
    pub amount: i32,
    /// Unit price, tax included.
    pub price: i32,
    pub jan_code: Option<String>,
}

/// `deliveryInfos[]`: one destination of an order.
#[derive(Debug, Clone, Default, PartialEq, Eq, SimpleObject, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DeliveryInfo {
    pub delivery_id: i32,
    /// `N` 未処理, `Y` 配送, `C` キャンセル, `R` 返送.
    pub delivery_status: String,
    /// `--` when unset.
    pub desired_delivery_date: String,
    pub desired_delivery_timezone: String,
    pub receiver_name: String,
    pub receiver_post: String,
    /// MakeShop prefecture code.
    pub receiver_prefecture: i32,
    pub receiver_address: String,
    pub receiver_address2: String,
    pub receiver_tel: String,
    pub shipping_charge: i32,
    pub delivery_sum_price: i32,
    pub wms_status: String,
    pub delivery_message: Option<String>,
    pub delivery_method_ids: Vec<i32>,
    pub slip_number: Option<String>,
    /// `YYYYMMDDHHmmss` once shipped.
    pub delivery_date: Option<String>,
    pub estimated_shipment_date: Option<String>,
    pub basket_infos: Vec<BasketInfo>,
    /// The carrier code set by `updateOrderAttribute` (not readable through searchOrder).
    #[graphql(skip)]
    #[serde(skip)]
    pub delivery_company_code: Option<String>,
}

/// One order of `searchOrder`.
#[derive(Debug, Clone, Default, PartialEq, Eq, SimpleObject, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Order {
    pub system_order_number: String,
    /// `P` + 18 digits.
    pub display_order_number: String,
    /// See `uncertain::ORDER_DATE_FORMAT`.
    pub order_date: String,
    /// Null for a guest purchase.
    pub member_id: Option<String>,
    pub sender_name: String,
    pub sender_prefecture: i32,
    pub pay_method: String,
    pub payment_status_code: String,
    pub sum_price: i32,
    pub message: Option<String>,
    pub discount_per_tax: Vec<DiscountPerTax>,
    pub delivery_infos: Vec<DeliveryInfo>,
    /// Payment time (JST `YYYYMMDDHHmmss`), for `startPaymentDate`/`endPaymentDate`; not a
    /// documented output field.
    #[graphql(skip)]
    #[serde(skip)]
    pub payment_date: Option<String>,
}

/// `searchOrder`'s answer.
#[derive(Debug, Clone, Default, SimpleObject)]
pub struct SearchOrderResponse {
    pub searched_count: i32,
    pub page: i32,
    pub orders: Vec<Order>,
}

/// `input SearchOrderRequest`.
#[derive(Debug, Clone, Default, InputObject)]
pub struct SearchOrderRequest {
    pub start_order_date: Option<String>,
    pub end_order_date: Option<String>,
    pub start_payment_date: Option<String>,
    pub end_payment_date: Option<String>,
    pub delivery_status: Option<String>,
    pub sort_order: Option<String>,
    pub page: Option<i32>,
    pub limit: Option<i32>,
}

/// `deliveryRequestInfos[]` of `updateOrderAttribute`.
#[derive(Debug, Clone, InputObject)]
pub struct DeliveryRequestInfo {
    pub delivery_id: i32,
    pub slip_number: Option<String>,
    pub delivery_company_code: Option<String>,
}

/// One `updateOrderAttributes[]` row.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateOrderAttribute {
    pub display_order_number: String,
    pub delivery_request_infos: Option<Vec<DeliveryRequestInfo>>,
}

/// `input UpdateOrderAttributeRequest`.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateOrderAttributeRequest {
    pub update_order_attributes: Vec<UpdateOrderAttribute>,
}

/// One row result (`message` null = success).
#[derive(Debug, Clone, SimpleObject)]
pub struct UpdateOrderAttributeResult {
    pub display_order_number: String,
    pub message: Option<String>,
}

/// `updateOrderAttribute`'s answer.
#[derive(Debug, Clone, SimpleObject)]
pub struct UpdateOrderAttributeResponse {
    pub update_order_attribute_results: Vec<UpdateOrderAttributeResult>,
}

/// `enum DeliveryStatus` of `updateOrderDeliveryStatus` (`NOT_YET`, `COMPLETED` documented).
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(name = "DeliveryStatus")]
pub enum DeliveryStatusEnum {
    /// 未配送.
    NotYet,
    /// 配送指示 (name guessed).
    Instructed,
    /// 配送完了.
    Completed,
    /// 返送 (name guessed).
    Returned,
}

impl DeliveryStatusEnum {
    /// `NOT_YET`…
    pub fn wire(self) -> &'static str {
        match self {
            Self::NotYet => "NOT_YET",
            Self::Instructed => "INSTRUCTED",
            Self::Completed => "COMPLETED",
            Self::Returned => "RETURNED",
        }
    }
}

/// One `updateOrderDeliveryStatusRequests[]` row.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateOrderDeliveryStatusRequestRow {
    pub display_order_number: String,
    pub delivery_id: i32,
    pub delivery_status: DeliveryStatusEnum,
}

/// `input UpdateOrderDeliveryStatusRequest`.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateOrderDeliveryStatusRequest {
    pub update_order_delivery_status_requests: Vec<UpdateOrderDeliveryStatusRequestRow>,
}

/// One row result.
#[derive(Debug, Clone, SimpleObject)]
pub struct UpdateOrderDeliveryStatusResult {
    pub display_order_number: String,
    pub delivery_id: i32,
    pub message: Option<String>,
}

/// `updateOrderDeliveryStatus`'s answer.
#[derive(Debug, Clone, SimpleObject)]
pub struct UpdateOrderDeliveryStatusResponse {
    pub update_order_delivery_status_results: Vec<UpdateOrderDeliveryStatusResult>,
}
