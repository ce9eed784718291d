//! Every guess the ショップサーブ client makes. The API's specification is
//! given to key holders only (shopserve.md §2: "Unknown [U]: host names,
//! HTTP method, whether auth is a header or Basic, JSON or XML, Shift_JIS
//! (CP932) or UTF-8, date formats, pagination, carrier code list, rate
//! limit"), so this module is the one place to correct from the real
//! specification: the host, the paths, the auth, the body format (`CODEC`,
//! `CHARSET`; both are built in `wire.rs` and tested), the field names
//! (`fields`), the date formats, the paging, the statuses and the carrier
//! codes. What integrators report is marked as such; the rest is a guess.

use super::wire::{Charset, Codec};
use crate::domain::Carrier;
use crate::malls::limit::LimitPolicy;

/// Guess: shopserve.md names `api.shopserve.estore.jp` as an example host.
pub const API_BASE: &str = "https://api.shopserve.estore.jp";

/// Guess: `GET /api/v1/orders` (list), `GET /api/v1/orders/{order_no}`,
/// `POST /api/v1/orders/update` (rows with one result each).
pub const ORDERS_PATH: &str = "/api/v1/orders";
pub const UPDATE_PATH: &str = "/api/v1/orders/update";

/// Guess: HTTP Basic `ショップID:マネジャー認証キー` (shopserve.md lists it as
/// one possibility). The オープン認証キー is for shop-building APIs only
/// (the seed manual): it is kept but not sent.
pub const AUTH_IS_BASIC: bool = true;

/// Guess: JSON in UTF-8. XML and CP932 are one switch away (`wire.rs`).
pub const CODEC: Codec = Codec::Json;
pub const CHARSET: Charset = Charset::Utf8;

/// Guess: timestamps `YYYY-MM-DD HH:MM:SS`, dates `YYYY-MM-DD`, JST.
pub const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// Reported by integrators: at most one week per request, at most two
/// years back. Our windows end a second before the next begins.
pub const WINDOW_DAYS: i64 = 7;
pub const MAX_AGE_DAYS: i64 = 730;

/// Guess: `page` (from 1) and `limit` (at most 100); the answer carries
/// `total_count`.
pub const PAGE_LIMIT: usize = 100;

/// Not documented: shopserve.md proposes one request a second ("ShopServe
/// 1 rps [U]"), serial.
pub const LIMITS: &[LimitPolicy] = &[LimitPolicy::Pace { per_second: 1 }];

/// The field names of the answers and the update rows (all guesses).
pub mod fields {
    pub const ORDERS: &str = "orders";
    pub const ORDER: &str = "order";
    pub const TOTAL: &str = "total_count";
    pub const ORDER_NO: &str = "order_no";
    pub const ORDER_DATE: &str = "order_date";
    pub const ORDER_STATUS: &str = "order_status";
    pub const SHIPPING_STATUS: &str = "shipping_status";
    pub const PAYMENT_METHOD: &str = "payment_method";
    pub const CUSTOMER: &str = "customer";
    pub const SHIPPING_FEE: &str = "shipping_fee";
    pub const TOTAL_PRICE: &str = "total";
    pub const REMARKS: &str = "remarks";
    pub const UPDATED_AT: &str = "updated_at";
    pub const DELIVERIES: &str = "deliveries";
    pub const DELIVERY_NO: &str = "delivery_no";
    pub const ITEMS: &str = "items";
    pub const ITEM_CODE: &str = "item_code";
    pub const ITEM_NAME: &str = "item_name";
    pub const ITEM_OPTION: &str = "option";
    pub const QUANTITY: &str = "quantity";
    pub const UNIT_PRICE: &str = "unit_price";
    pub const TRACKING_NO: &str = "tracking_no";
    pub const CARRIER_CODE: &str = "carrier_code";
    pub const SHIP_DATE: &str = "ship_date";
    pub const DESIRED_DATE: &str = "desired_date";
    pub const DESIRED_TIME: &str = "desired_time";
    /// A party (the customer, a delivery): name, kana, zip, pref, address1,
    /// address2, tel, email.
    pub const NAME: &str = "name";
    pub const KANA: &str = "kana";
    pub const ZIP: &str = "zip";
    pub const PREF: &str = "pref";
    pub const ADDRESS1: &str = "address1";
    pub const ADDRESS2: &str = "address2";
    pub const TEL: &str = "tel";
    pub const EMAIL: &str = "email";
    /// The update's answer: `results[]` of `{order_no, result: ok|error,
    /// errors[{code, message}]}`; an error answer `{result: error, errors}`.
    pub const RESULTS: &str = "results";
    pub const RESULT: &str = "result";
    pub const ERRORS: &str = "errors";
    pub const CODE: &str = "code";
    pub const MESSAGE: &str = "message";
}

/// 発送ステータス (reported: 未発送 / 発送済).
pub const SHIPPED: &str = "発送済";
/// 注文ステータス of a cancelled order (guess).
pub const CANCELLED: &str = "キャンセル";

/// Error codes (guesses): a bad shop id or manager key; the オープン認証キー
/// given where the manager key belongs; a window over 7 days; maintenance.
pub const CODE_UNAUTHORIZED: &str = "E4010";
pub const CODE_OPEN_KEY: &str = "E4030";
pub const CODE_MAINTENANCE: &str = "E9000";

/// 配送会社 codes (guess: two digits).
pub fn carrier_code(carrier: Carrier) -> &'static str {
    match carrier {
        Carrier::Yamato => "01",
        Carrier::Sagawa => "02",
        Carrier::JapanPost => "03",
        Carrier::Seino => "04",
        Carrier::Fukuyama => "05",
        Carrier::Meitetsu | Carrier::Tonami | Carrier::Other => "99",
    }
}
