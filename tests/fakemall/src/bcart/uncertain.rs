//! Every guess the Bカート fake makes where `shared/malls/bcart.md` says UNCERTAIN or says
//! nothing. One place, so that a correction is one edit. Each item says what is known.

use axum::http::StatusCode;
use chrono::Duration;
use serde_json::{json, Value};

use crate::clock::jst;

/// Life of a personal access token. bcart.md §B1: "One sample lasts 366 days, so it likely
/// expires after 1 year (UNCERTAIN)". Guess: 366 days from issue (the sample's `exp - iat`).
pub fn token_lifetime() -> Duration {
    Duration::days(366)
}

/// HTTP status of an over-the-limit answer. bcart.md §B2: "B3 treats that response as HTTP
/// 429 (UNCERTAIN)". Guess: 429.
pub const RATE_LIMIT_STATUS: StatusCode = StatusCode::TOO_MANY_REQUESTS;

/// Rate limit: 300 requests / 300 s, then a 300 s lockout (bcart.md §B2, documented). Whether
/// the count is per token or per shop is not said ("across all endpoints"). Guess: per shop,
/// so that every token of the shop shares it.
pub const RATE_LIMIT_PER_SHOP: bool = true;

/// Do requests with a missing, bad or expired token count against the limit? Not documented.
/// Guess: no (they are refused before the counter).
pub const UNAUTHENTICATED_REQUESTS_COUNT: bool = false;

/// HTTP status for a missing, malformed, unknown or expired token. bcart.md only says non-2xx
/// answers are `{"errors":[…]}`. Guess: 401.
pub const UNAUTHENTICATED_STATUS: StatusCode = StatusCode::UNAUTHORIZED;

/// HTTP status for a token lacking the endpoint's scope (`orders-read` …). Guess: 403.
pub const FORBIDDEN_STATUS: StatusCode = StatusCode::FORBIDDEN;

/// HTTP status of invalid parameters (limit > 100, bad date, unknown status label…). Guess: 400
/// for query parameters; 422 for an invalid PATCH body (the Laravel convention the JWT
/// `aud/jti/iat/nbf/exp/sub/scopes` claims suggest).
pub const BAD_QUERY_STATUS: StatusCode = StatusCode::BAD_REQUEST;
/// See [`BAD_QUERY_STATUS`].
pub const INVALID_BODY_STATUS: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

/// One entry of `{"errors":[…]}`. bcart.md §B5: "the exact keys are UNCERTAIN". Guess:
/// `{"code","message"}` plus `"field"` for a validation error.
pub fn error_entry(code: &str, message: &str, field: Option<&str>) -> Value {
    match field {
        Some(f) => json!({ "code": code, "message": message, "field": f }),
        None => json!({ "code": code, "message": message }),
    }
}

/// Does a list answer carry `meta.total` (the number of rows matching the filters, ignoring
/// limit/offset)? bcart.md §B2: "Responses may include `meta.total` [B3] (UNCERTAIN)". Guess:
/// yes; a client must not rely on it (stop on a short page).
pub const LIST_HAS_META_TOTAL: bool = true;

/// Default `limit` when none is given. Not documented. Guess: 20.
pub const DEFAULT_LIMIT: usize = 20;

/// Is `limit` > 100 an error rather than clamped to 100? bcart.md: "max 100". Guess: an error.
pub const LIMIT_OVER_MAX_IS_ERROR: bool = true;

/// Order of list rows. Not documented. Guess: ascending `id` (oldest first).
pub const LIST_ASCENDING_ID: bool = true;

/// Naive timestamps (`YYYY-MM-DD HH:MM:SS`) and dates are JST (bcart.md §B5: "assume JST
/// (UNCERTAIN)").
pub fn naive_time_offset() -> chrono::FixedOffset {
    jst()
}

/// `ordered_at` filters. bcart.md §B3: `ordered_at__gte` / `ordered_at__lte` with
/// `YYYY-MM-DD HH:MM:SS`; "the suffix syntax is UNCERTAIN". Guess: those two plus `__gt`,
/// `__lt` (CData lists `< > <= >=`); only the full `YYYY-MM-DD HH:MM:SS` form is accepted (a
/// date alone is a 400), the harsher reading.
pub const ORDERED_AT_FILTERS: &[&str] = &[
    "ordered_at__gte",
    "ordered_at__lte",
    "ordered_at__gt",
    "ordered_at__lt",
];

/// Several ids in one `id=` filter (`GET /logistics?id=…`): not documented. Guess: both
/// repeated `id=1&id=2` and comma-separated `id=1,2` work.
pub const ID_LISTS_ACCEPTED: bool = true;

/// Does `GET /orders/{id}` honour `complete=1`? Not documented. Guess: yes, and without it the
/// detail has no `order_products`/`logistics` keys, like the list.
pub const DETAIL_HONOURS_COMPLETE: bool = true;

/// Unknown query parameters and unknown PATCH body fields: not documented. Guess: ignored.
pub const UNKNOWN_FIELDS_IGNORED: bool = true;

/// The order status labels (`GET /order_statuses`). bcart.md §B3: confirmed `新規注文`, `完了`;
/// "the rest are shop-defined slots (`カスタム1`, `カスタム2`…); one shop uses them as 処理中 and
/// キャンセル", and (seen in production) orders in such a status carry the slot name rather than
/// the shop's label. This shop renamed カスタム1 → 処理中 and カスタム2 → キャンセル and left
/// カスタム3 unnamed. The answer shape `{"order_statuses":[{"id","name"}]}` is a guess, and so
/// is which slot a label fills: see [`slot_name`].
pub const DEFAULT_ORDER_STATUSES: &[(i64, &str)] = &[
    (1, "新規注文"),
    (2, "処理中"),
    (3, "キャンセル"),
    (4, "カスタム3"),
    (5, "完了"),
];

/// The statuses every shop has, which are never slots (bcart.md §B3).
pub const FIXED_STATUSES: &[&str] = &["新規注文", "完了"];

/// Orders in a shop-defined status carry the slot name (`カスタム1`…) in `status`, not the
/// label (bcart.md "Seen in production").
pub const ORDERS_CARRY_SLOT_NAME: bool = true;

/// Which slot a shop-defined label fills. Not documented. Guess: the `n`-th status of
/// `/order_statuses` (in id order) that is not one of [`FIXED_STATUSES`] is `カスタム{n}`.
pub fn slot_name(n: usize) -> String {
    format!("カスタム{n}")
}

/// `GET /shipping_groups` (scope `shipping_groups-read` is documented; the answer is not).
/// Guess: `{"shipping_groups":[{"id","name"}]}`; the carrier is the group's name.
pub const DEFAULT_SHIPPING_GROUPS: &[(i64, &str)] = &[
    (1, "ヤマト運輸"),
    (2, "佐川急便"),
    (3, "西濃運輸"),
    (4, "日本郵便（ゆうパック）"),
    (5, "福山通運"),
];

/// The logistics `status` values (documented: `未発送` → `発送指示` → `発送済`). Whether a
/// PATCH may go backwards (発送済 → 未発送) is not documented. Guess: yes, as the admin screen
/// can.
pub const LOGISTICS_STATUSES: &[&str] = &["未発送", "発送指示", "発送済"];
/// See [`LOGISTICS_STATUSES`].
pub const LOGISTICS_STATUS_MAY_GO_BACK: bool = true;

/// `delivery_code` rules: not documented. Guess: any text up to 50 characters; an empty string
/// clears it to `null`; a JSON number is taken as its digits.
pub const DELIVERY_CODE_MAX_CHARS: usize = 50;

/// Payment labels. bcart.md shows `銀行振込`; the others are guesses at what a B2B shop offers.
pub const PAYMENTS: &[&str] = &[
    "銀行振込",
    "代金引換",
    "クレジットカード決済",
    "NP掛け払い",
    "請求書払い（月末締め翌月末払い）",
    "口座振替",
];

/// `tax_rate` is served as a string `"0.10"` (bcart.md §B6 example) although §B3 writes `0.1`.
/// Guess: the example's string form, for order_products and order_totals alike.
pub fn tax_rate_text(percent: u8) -> String {
    format!("0.{percent:02}")
}

/// `tax_incl` (order_products): not explained. Guess: `0`, prices exclude tax (B2B), as in
/// the example where `final_price = total_price + tax + shipping_cost`.
pub const TAX_INCL: i64 = 0;

/// `order_products` rows whose `item_type` is not `product` (`shipping`, `payment_fees`,
/// `point`, documented as values): how they relate to the order's money fields is not. Guess:
/// they repeat `shipping_cost`, `cod_cost` and `-use_point` as rows, are not part of
/// `total_price`, the shipping row points at the first shipment and the others have
/// `logistics_id: null`.
pub const FEE_ROWS: bool = true;

/// `due_time` (logistics) format: not documented. Guess: the labels a Japanese cart shows.
pub const DUE_TIMES: &[&str] = &[
    "午前中",
    "12時～14時",
    "14時～16時",
    "16時～18時",
    "18時～20時",
    "19時～21時",
];

/// `code` of an order: the example shows `20240601-0001`. Guess: order date (JST) and a
/// 4-digit running number.
pub fn order_code(date_yyyymmdd: &str, n: i64) -> String {
    format!("{date_yyyymmdd}-{:04}", n % 10_000)
}

/// Error messages (codes and texts are guesses in one style).
pub mod messages {
    /// Guess.
    pub const UNAUTHENTICATED: &str = "アクセストークンが無効です。";
    /// Guess.
    pub const TOKEN_EXPIRED: &str = "アクセストークンの有効期限が切れています。";
    /// Guess.
    pub const FORBIDDEN: &str = "このAPIを利用する権限（スコープ）がありません。";
    /// Guess.
    pub const TOO_MANY_REQUESTS: &str =
        "リクエスト数が上限（300回/5分）を超えました。しばらく時間をおいて再度お試しください。";
    /// Guess.
    pub const NOT_FOUND: &str = "指定されたデータが見つかりません。";
    /// Guess.
    pub const METHOD_NOT_ALLOWED: &str = "このメソッドは利用できません。";
    /// Guess.
    pub const INVALID_PARAMETER: &str = "パラメータが不正です。";
    /// Guess.
    pub const INVALID_BODY: &str = "リクエストの形式が不正です。";
}
