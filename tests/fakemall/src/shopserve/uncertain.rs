//! Every wire decision of the ショップサーブ fake. The real spec is given to key holders only
//! (shopserve.md §2: "Unknown [U]: host names, HTTP method, whether auth is a header or Basic,
//! JSON or XML, Shift_JIS (CP932) or UTF-8, date formats, pagination, carrier code list, rate
//! limit"), so everything below is a plausible guess, kept here to be corrected in one place.
//! The JSON field names are the serde names in [`super::model`] (all guesses too).
//!
//! What *is* reported by integrators (and implemented as such): credentials ショップID +
//! マネージャー認証キー (+ オープン認証キー for shop-building APIs only), no key expiry but a
//! 再発行 that invalidates the old key; order ranges at most 1 week per request and at most 2
//! years back; 発送ステータス 未発送/発送済; 確認ステータス 未確認→確認済; updates of 伝票番号
//! (お問合せ番号), 配送会社, 出荷日 (stored as 発送予定日), 着荷日, 入金日 and the 注文 / 発送 /
//! 入金 statuses; a carrier without a tracking number is an error; closed with an error during
//! maintenance.
//!
//! The codec (JSON / XML) and charset (UTF-8 / CP932) are switches of each fake instance
//! (default JSON + UTF-8); their wire details (content types, the XML mapping, characters
//! CP932 lacks) are the guesses below from [`CONTENT_TYPE`] on.

use axum::http::StatusCode;
use chrono::Duration;

use crate::clock::jst;

/// Order list: `GET /api/v1/orders` (query parameters below).
pub const ORDERS_PATH: &str = "/api/v1/orders";
/// One order: `GET /api/v1/orders/{order_no}`.
pub const ORDER_PATH: &str = "/api/v1/orders/{order_no}";
/// Updates, in batches: `POST /api/v1/orders/update` with `{"orders":[{…}]}`, one result per
/// row (the proposal's `push_shipments` returns per-row results).
pub const UPDATE_PATH: &str = "/api/v1/orders/update";
/// Carrier codes: `GET /api/v1/carriers`.
pub const CARRIERS_PATH: &str = "/api/v1/carriers";

/// Auth: HTTP Basic `shop_id:manager_key` (shopserve.md mentions Basic `shopId:managerKey` as
/// one possibility). The オープン認証キー in its place is refused with [`STATUS_FORBIDDEN`]
/// (it is for shop-building APIs: categories, reviews, rankings).
pub const AUTH_IS_BASIC: bool = true;

/// The default bodies: JSON, UTF-8 (`application/json; charset=utf-8`). The real codec (JSON
/// or XML) and charset (UTF-8 or CP932) are unknown, so each fake instance switches both
/// ([`super::Codec`], [`super::Charset`]: `ShopserveConfig::{codec, charset}`,
/// `FakeShopserve::{set_codec, set_charset}`); this is the answer's type with the defaults.
/// The other three are [`CONTENT_TYPE_JSON_CP932`], [`CONTENT_TYPE_XML_UTF8`],
/// [`CONTENT_TYPE_XML_CP932`] ([`content_type`]).
pub const CONTENT_TYPE: &str = CONTENT_TYPE_JSON_UTF8;
/// JSON, UTF-8.
pub const CONTENT_TYPE_JSON_UTF8: &str = "application/json; charset=utf-8";
/// JSON, CP932. Guess: labelled `Shift_JIS` (what Japanese servers send for CP932 bodies).
pub const CONTENT_TYPE_JSON_CP932: &str = "application/json; charset=Shift_JIS";
/// XML, UTF-8. Guess: `application/xml` rather than `text/xml`.
pub const CONTENT_TYPE_XML_UTF8: &str = "application/xml; charset=utf-8";
/// XML, CP932.
pub const CONTENT_TYPE_XML_CP932: &str = "application/xml; charset=Shift_JIS";

/// The answer's `Content-Type` for a codec and charset.
pub const fn content_type(codec: super::Codec, charset: super::Charset) -> &'static str {
    use super::{Charset, Codec};
    match (codec, charset) {
        (Codec::Json, Charset::Utf8) => CONTENT_TYPE_JSON_UTF8,
        (Codec::Json, Charset::Cp932) => CONTENT_TYPE_JSON_CP932,
        (Codec::Xml, Charset::Utf8) => CONTENT_TYPE_XML_UTF8,
        (Codec::Xml, Charset::Cp932) => CONTENT_TYPE_XML_CP932,
    }
}

/// The UTF-8 label: `charset=utf-8` in `Content-Type`; the XML declaration says
/// `encoding="UTF-8"` (see [`XML_DECLARATION_UTF8`]).
pub const CHARSET_LABEL_UTF8: &str = "utf-8";
/// The CP932 label, in `Content-Type` and in the XML declaration. Guess: `Shift_JIS` (not
/// `Windows-31J` / `CP932`, though the bytes are CP932: ①, 髙, 﨑 are sent as CP932 has them).
pub const CHARSET_LABEL_CP932: &str = "Shift_JIS";
/// The XML declaration's `encoding` for UTF-8.
pub const XML_ENCODING_UTF8: &str = "UTF-8";
/// The XML declaration's `encoding` for CP932 (same guess as [`CHARSET_LABEL_CP932`]).
pub const XML_ENCODING_CP932: &str = "Shift_JIS";
/// How an XML answer in UTF-8 starts.
pub const XML_DECLARATION_UTF8: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
/// How an XML answer in CP932 starts.
pub const XML_DECLARATION_CP932: &str = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>";

/// XML mapping (guess; the client implements the same, see [`super::xml`]): the JSON shape
/// of every answer and request is written as XML. The answer's root element.
pub const XML_ROOT_ANSWER: &str = "response";
/// The root element of a request body (`POST` update): `<request><orders><item>…`.
pub const XML_ROOT_REQUEST: &str = "request";
/// Every element of an array is an `<item>` (arrays of objects: each `<item>` holds the
/// object's keys). `null` members are left out, numbers and booleans are text (read back as
/// strings), empty strings and empty arrays are empty elements, no attributes, no whitespace
/// between elements; an object's keys are written in the JSON map's order (alphabetical:
/// the workspace's `serde_json` keeps no insertion order), so readers must not rely on order.
pub const XML_ITEM: &str = "item";

/// Request bodies are read in the instance's codec (a body in the other codec is
/// [`codes::BAD_PARAM`]); their charset is the `Content-Type` `charset=` parameter when
/// present (`utf-8`, `Shift_JIS` and its aliases; another one is [`codes::BAD_PARAM`]), else
/// the instance's charset.
pub const REQUEST_CHARSET_FROM_CONTENT_TYPE: bool = true;

/// CP932 bodies cannot hold every character (𠮷 U+20BB7, emoji). XML writes those as
/// numeric character references (`&#x20BB7;`, valid XML, read back as the character); JSON
/// replaces each such character (code point) with this 〓 (U+3013, the usual Japanese
/// substitution mark), so the original is lost, as with a real Shift_JIS JSON.
pub const CP932_JSON_SUBSTITUTE: char = '〓';

/// Timestamps `YYYY-MM-DD HH:MM:SS`, dates `YYYY-MM-DD`, no offset, JST.
pub const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
/// See [`TIME_FORMAT`].
pub const DATE_FORMAT: &str = "%Y-%m-%d";
/// See [`TIME_FORMAT`].
pub fn offset() -> chrono::FixedOffset {
    jst()
}

/// お届け希望時間帯 (`desired_time` of a delivery): not public. Guess: the hours as a Japanese
/// cart labels them, `14時～16時` (`8時～12時` for the morning); left out when unset, as the
/// お届け希望日 (`desired_date`, [`DATE_FORMAT`]).
pub fn desired_time(from: u8, to: u8) -> String {
    format!("{from}時～{to}時")
}

/// List window: `from` and `to` (both required, inclusive, [`TIME_FORMAT`]) of `order_date`.
/// Documented by integrators: at most one week per request, at most 2 years back.
pub fn max_window() -> Duration {
    Duration::days(7)
}
/// See [`max_window`]. Guess: 730 days before now.
pub fn max_age() -> Duration {
    Duration::days(730)
}

/// Pagination: `page` (1-based, default 1) and `limit` (default and max 100); the answer
/// carries `total_count`, `page`, `limit`. Over 100 is an error.
pub const MAX_LIMIT: usize = 100;

/// Rows per update request. Guess: 100.
pub const MAX_UPDATE_ROWS: usize = 100;

/// Sort: `order_date` ascending, then `order_no` (diff pulls "start at the last order
/// datetime").
pub const ASCENDING: bool = true;

/// 注文ステータス labels. Guess: a shop's usual four.
pub const ORDER_STATUSES: &[&str] = &["新規受付", "処理中", "完了", "キャンセル"];
/// 発送ステータス (reported: 未発送 / 発送済).
pub const SHIPPING_STATUSES: &[&str] = &["未発送", "発送済"];
/// 確認ステータス (reported: 未確認 → 確認済).
pub const CONFIRM_STATUSES: &[&str] = &["未確認", "確認済"];
/// 入金ステータス. Guess.
pub const PAYMENT_STATUSES: &[&str] = &["未入金", "入金済"];

/// May 確認済 go back to 未確認? Reported only as 未確認→確認済. Guess: no (row error).
pub const CONFIRM_MAY_GO_BACK: bool = false;

/// Payment method labels. Guess: ショップサーブ's usual set.
pub const PAYMENT_METHODS: &[&str] = &[
    "クレジットカード決済",
    "銀行振込",
    "代金引換",
    "コンビニ決済（前払い）",
    "後払い決済",
    "キャリア決済",
    "Amazon Pay",
    "PayPay",
];

/// 配送会社 codes. Guess: two-digit codes with Japanese names.
pub const CARRIERS: &[(&str, &str)] = &[
    ("01", "ヤマト運輸"),
    ("02", "佐川急便"),
    ("03", "日本郵便"),
    ("04", "西濃運輸"),
    ("05", "福山通運"),
    ("99", "その他"),
];

/// お問合せ番号 rules. Guess: 1–30 characters of ASCII letters, digits and hyphens.
pub fn tracking_no_valid(s: &str) -> bool {
    (1..=30).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Does 発送済 need an お問合せ番号 on every delivery of the order? Reported: "only orders
/// with a number get 発送済". Guess: every delivery.
pub const SHIPPED_NEEDS_TRACKING: bool = true;

/// HTTP statuses and error codes. Error answer: `{"result":"error","errors":[{"code",
/// "message"}]}` (in XML `<response><errors><item><code>…</code><message>…</message></item>
/// </errors><result>error</result></response>`), in the instance's codec and charset like
/// every answer (maintenance, auth and rate-limit errors included); success answers carry
/// `"result":"ok"`.
pub const STATUS_BAD_REQUEST: StatusCode = StatusCode::BAD_REQUEST;
/// See [`STATUS_BAD_REQUEST`].
pub const STATUS_UNAUTHORIZED: StatusCode = StatusCode::UNAUTHORIZED;
/// See [`STATUS_BAD_REQUEST`].
pub const STATUS_FORBIDDEN: StatusCode = StatusCode::FORBIDDEN;
/// See [`STATUS_BAD_REQUEST`].
pub const STATUS_NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;
/// Rate limit: none is documented; only the framework's forced fault answers this. Guess 429.
pub const STATUS_RATE_LIMITED: StatusCode = StatusCode::TOO_MANY_REQUESTS;
/// Maintenance ("closed during maintenance and returns an error; treat it as retryable").
/// Guess: 503 with `Retry-After` (seconds to the end of a scheduled window) when known.
pub const STATUS_MAINTENANCE: StatusCode = StatusCode::SERVICE_UNAVAILABLE;

/// Error codes and messages (all guesses).
pub mod codes {
    /// Missing or bad parameter.
    pub const BAD_PARAM: &str = "E1001";
    /// Window over 7 days.
    pub const RANGE_TOO_LONG: &str = "E1002";
    /// `from` older than 2 years.
    pub const RANGE_TOO_OLD: &str = "E1003";
    /// Carrier without tracking number.
    pub const CARRIER_WITHOUT_TRACKING: &str = "E2001";
    /// 発送済 without tracking number.
    pub const SHIPPED_WITHOUT_TRACKING: &str = "E2002";
    /// Bad value in an update row.
    pub const BAD_VALUE: &str = "E2003";
    /// Unknown order or delivery.
    pub const NOT_FOUND: &str = "E4040";
    /// Bad shop id or manager key.
    pub const UNAUTHORIZED: &str = "E4010";
    /// The open key used for a manager API.
    pub const OPEN_KEY: &str = "E4030";
    /// Rate limited.
    pub const RATE_LIMITED: &str = "E4290";
    /// Maintenance.
    pub const MAINTENANCE: &str = "E9000";

    /// Messages.
    pub const M_BAD_PARAM: &str = "パラメータが不正です。";
    /// Message.
    pub const M_RANGE_TOO_LONG: &str = "取得期間は7日以内で指定してください。";
    /// Message.
    pub const M_RANGE_TOO_OLD: &str = "取得開始日時は2年以内で指定してください。";
    /// Message.
    pub const M_CARRIER_WITHOUT_TRACKING: &str =
        "お問合せ番号（伝票番号）が未入力のため、配送会社を登録できません。";
    /// Message.
    pub const M_SHIPPED_WITHOUT_TRACKING: &str =
        "お問合せ番号（伝票番号）が未入力のため、発送済にできません。";
    /// Message.
    pub const M_NOT_FOUND: &str = "指定された受注が見つかりません。";
    /// Message.
    pub const M_UNAUTHORIZED: &str = "ショップIDまたはマネージャー認証キーが正しくありません。";
    /// Message.
    pub const M_OPEN_KEY: &str =
        "オープン認証キーでは受注APIを利用できません。マネージャー認証キーを指定してください。";
    /// Message.
    pub const M_RATE_LIMITED: &str = "リクエストが多すぎます。しばらくしてから再度お試しください。";
    /// Message.
    pub const M_MAINTENANCE: &str =
        "ただいまメンテナンス中のため、ショップサーブAPIはご利用いただけません。";
}
