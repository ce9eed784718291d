//! Every guess the Qoo10 fake makes where `shared/malls/qoo10.md` says UNCERTAIN or says
//! nothing. One place, so that a correction is one edit. Each item names what is known.

use chrono::Duration;

/// SAK (販売認証キー) lifetime. qoo10.md A1: "SAK validity: 1 year [Q9]". Counted on the test
/// clock from issue; a year is taken as 365 days (the doc does not say).
pub fn sak_lifetime() -> Duration {
    Duration::days(365)
}

/// Does issuing a new SAK invalidate the older ones of the same seller? Not documented.
/// Guess: no (each key lives its year), so a client may keep using the old key until it
/// expires.
pub const NEW_SAK_REVOKES_OLD: bool = false;

/// Code for an expired SAK. qoo10.md A1: "Expired → `-90004`/`-90005`". The example (A5)
/// shows -90004 with this message; the fake always answers -90004.
pub const EXPIRED_CODE: i64 = -90004;
/// Documented text of -90004 (qoo10.md A5).
pub const EXPIRED_MSG: &str = "Seller authorization key is expired. Use a new key.";

/// `ResultMsg` texts. The success texts are quoted from the A5 examples (note the mix: the
/// key issue says `成功`, the order search `SUCCESS`); every error text is a guess in the style
/// of the documented -90004 text.
pub mod msgs {
    /// Documented (A5, CreateCertificationKey).
    pub const SUCCESS_JA: &str = "成功";
    /// Documented (A5, GetShippingInfo_v2).
    pub const SUCCESS: &str = "SUCCESS";
    /// Guess (-10000 "bad key").
    pub const BAD_KEY: &str = "Certification key is not valid.";
    /// Guess (-10001 "no seller").
    pub const NO_SELLER: &str = "Seller does not exist.";
    /// Guess (-90001 "API doesn't exist").
    pub const NO_API: &str = "API does not exist.";
    /// Guess (-90002 "not authorized").
    pub const NOT_AUTHORIZED: &str = "You are not authorized to use this API.";
    /// Guess.
    pub const BAD_PARAM: &str = "Invalid parameter.";
    /// Guess.
    pub const PERIOD_TOO_LONG: &str = "The search period can not exceed 90 days.";
    /// Guess.
    pub const NO_ORDER: &str = "Order does not exist.";
    /// Guess (bulk code -10012, documented meaning "already confirmed").
    pub const ALREADY_CONFIRMED: &str = "This order has already been confirmed.";
    /// Guess (bulk code -10013, documented meaning "not 配送要請").
    pub const NOT_ON_REQUEST: &str = "Only orders in On request status can be confirmed.";
    /// Guess (bulk code -10016, documented meaning "EstShipDt null").
    pub const EST_NULL: &str = "EstShipDt is null.";
    /// Guess (bulk code -10017, documented meaning "date too late").
    pub const EST_TOO_LATE: &str = "EstShipDt is too late.";
    /// Guess (bulk code -10018, documented meaning "must be after today").
    pub const EST_BEFORE_TODAY: &str = "EstShipDt must be after today.";
    /// Guess.
    pub const CANNOT_SEND: &str = "Shipping information can not be registered in this status.";
    /// Guess.
    pub const TOO_MANY_ROWS: &str = "Up to 500 rows can be processed at once.";
    /// Guess.
    pub const RATE_LIMIT: &str = "Too many requests. Please try again later.";
}

/// Error code for a missing or malformed parameter (bad date, ShippingStat 6, DelayType 9…).
/// Not documented at all. Guess: -10002.
pub const BAD_PARAM_CODE: i64 = -10002;

/// Unknown OrderNo (or one of another seller). Not documented. Guess: -10011.
pub const NO_ORDER_CODE: i64 = -10011;

/// `SetSendingInfo` on an order that cannot take shipping info (unpaid 1, delivered 5,
/// cancelled). Not documented. Guess: -10014.
pub const CANNOT_SEND_CODE: i64 = -10014;

/// Bulk call over 500 rows. qoo10.md: "≤500 rows". Guess code: -10019.
pub const TOO_MANY_ROWS_CODE: i64 = -10019;

/// Answer while the framework's forced rate limit is on, or over the optional per-second
/// limit. qoo10.md A4: "No documented rate limit; 5–10 req/s safe is experience only". Guess: the
/// usual envelope with code -90010 (HTTP 200 like every other Qoo10 error).
pub const RATE_LIMIT_CODE: i64 = -90010;

/// qoo10.md A2 (observed, UNCERTAIN): "A window can span at most ~90 days". Guess: a window
/// longer than 90 days (Edate − Sdate, as instants) is refused with [`BAD_PARAM_CODE`]-style
/// envelope code [`PERIOD_TOO_LONG_CODE`] rather than silently cut.
pub fn max_window() -> Duration {
    Duration::days(90)
}
/// Guess (see [`max_window`]).
pub const PERIOD_TOO_LONG_CODE: i64 = -10003;

/// qoo10.md A1: "Some failures return `{"ErrorCode","ErrorMsg"}` instead [Q8]" without saying
/// which. Guess: the failures of the gateway itself, before a method runs: the legacy
/// `ebayjapan.qapi?…` URL without `method=`, and an unsupported `returnType`. Their code is
/// -1 and the text below.
pub const GATEWAY_ERROR_CODE: i64 = -1;
/// Guess (see [`GATEWAY_ERROR_CODE`]).
pub const GATEWAY_NO_METHOD: &str = "method parameter is required.";
/// Guess (see [`GATEWAY_ERROR_CODE`]).
pub const GATEWAY_BAD_RETURN_TYPE: &str = "returnType is not supported.";

/// `returnType` values accepted (qoo10.md A1: `application/json`, `json`, `text/xml`). The
/// fake answers JSON for every accepted value, including `text/xml` (XML is left out: Juchu
/// asks for JSON), and JSON when the parameter is absent (guess: a missing returnType is not an
/// error). Anything else gets the gateway error.
pub const RETURN_TYPES: &[&str] = &["application/json", "json", "text/xml", "application/xml"];

/// ASP.NET looks method names and form fields up case-insensitively. Guess: both are matched
/// case-insensitively (`SetSellerCheckYN_V2` = `SetSellerCheckYN_v2`).
pub const CASE_INSENSITIVE_NAMES: bool = true;

/// Is the `QAPIVersion` header required? qoo10.md: "QAPIVersion: 1.0" is sent by every client.
/// Guess: not checked.
pub const QAPI_VERSION_REQUIRED: bool = false;

/// On POST the key comes from the `GiosisCertificationKey` header. Guess: a `key` form field
/// is accepted too when the header is absent (the legacy GET sends it as `key=`).
pub const KEY_PARAM_ACCEPTED_ON_POST: bool = true;

/// `ShippingStat` missing or blank. Not documented for v2 (v3: "blank = 1–3"). Guess: every
/// status 1–5.
pub const BLANK_STAT_MEANS_ALL: bool = true;

/// `search_condition` missing. Guess: 1 (order date).
pub const DEFAULT_SEARCH_CONDITION: u8 = 1;

/// Are `search_Sdate`/`search_Edate` required? Guess: yes ([`BAD_PARAM_CODE`] without them).
pub const DATES_REQUIRED: bool = true;

/// An empty result. qoo10.md A1: "ResultObject null or [] [Q7]". Guess: `null` when the
/// search itself found nothing, `[]` for `Page>1` (which is always empty, A2).
pub const EMPTY_SEARCH_IS_NULL: bool = true;

/// Labels of `shippingStatus`. Documented: `"On request(2)"` (A5) and the v3 names of the five
/// statuses (A2). Guess: the same `Name(n)` pattern for all five.
pub fn status_label(stat: u8) -> String {
    let name = match stat {
        1 => "Awaiting shipping",
        2 => "On request",
        3 => "Seller confirm",
        4 => "On delivery",
        5 => "Delivered",
        _ => "Cancel",
    };
    format!("{name}({stat})")
}

/// A date that is not set yet (PaymentDate of an unpaid order, ShippingDate before shipping…).
/// Not documented; A5 shows `"TrackingNo":""`. Guess: the empty string.
pub const UNSET_DATE: &str = "";

/// `SetSendingInfo` on an order still 配送要請(2): qoo10.md A3 "Q6 calls it directly on
/// status-2 orders, so step 1 may be optional (UNCERTAIN)". Guess: allowed.
pub const SENDING_FROM_ON_REQUEST: bool = true;

/// `SetSendingInfo` again on an order already 配送中(4): not documented. Guess: allowed, it
/// replaces carrier and tracking number (and keeps ShippingDate).
pub const SENDING_UPDATES_ON_DELIVERY: bool = true;

/// -10017 "date too late": the doc gives no bound. Guess: more than 30 days after today (JST).
pub fn est_ship_max_ahead() -> Duration {
    Duration::days(30)
}

/// -10018 "must be after today": guess that today itself is accepted.
pub const EST_SHIP_TODAY_OK: bool = true;

/// Per-row results of the Bulk calls: qoo10.md only says "per-row `result_cd`". Guess: the
/// envelope's `ResultObject` is an array of `{"OrderNo","result_cd","result_msg"}`, the
/// envelope's own code is 0 whenever the request itself was readable.
pub const BULK_ROW_KEYS: (&str, &str, &str) = ("OrderNo", "result_cd", "result_msg");

/// `PaymentMethod` texts: not documented. Guess: the Japanese names shown in QSM.
pub fn payment_methods() -> &'static [&'static str] {
    &[
        "クレジットカード",
        "コンビニ決済",
        "銀行振込(ペイジー)",
        "後払い決済",
        "キャリア決済",
        "PayPay",
        "楽天ペイ",
        "Qoo10キャッシュ",
    ]
}

/// The carrier pre-filled in `DeliveryCompany` before shipping: A5 shows `"ヤマト運輸"` with an
/// empty TrackingNo on an On request order, i.e. the default carrier of the item's shipping
/// group. Guess: every generated order has one of these.
pub const DEFAULT_CARRIERS: &[&str] = &["ヤマト運輸", "佐川急便", "日本郵便", "Qxpress"];

/// `ShippingRate` (the pack's shipping fee) on a multi-line pack: not documented. Guess: on
/// the first line of the pack, 0 on the others (so summing rows gives the right fee).
pub const SHIPPING_RATE_ON_FIRST_LINE_ONLY: bool = true;

/// `buyer_gata` / `receiver_gata`: not explained. Guess: the name in katakana (フリガナ).
pub const GATA_IS_KANA: bool = true;

/// `Addr1` / `Addr2` split: guess `Addr1` = prefecture + city + town, `Addr2` = block number +
/// building; `shippingAddr` = both joined without a space (A5: `東京都渋谷区神宮前1-2-3`).
pub const ADDR_JOIN: &str = "";

/// GetClaimInfo_V3's rows (qoo10.md A2 names the method, not its answer):
/// we answer with the shipping row of each cancelled line plus its claim
/// status, `claimStatus` 3 = キャンセル完了 (the codes of
/// GetShippingAndClaimInfoByOrderNo_V2: 1–3 cancel).
pub const CLAIM_ROW_EXTRA: (&str, &str) = ("claimStatus", "Cancel Complete(3)");

/// The number fields [`super::FakeQoo10::set_mixed_number_types`] answers in
/// mixed types: ids as strings, money as decimal strings (qoo10.md "Seen in
/// production": `1980.0000`).
pub const MIXED_NUMBER_KEYS: &[&str] = &[
    "orderNo",
    "packNo",
    "orderPrice",
    "orderQty",
    "total",
    "discount",
    "ShippingRate",
];

/// How row `i`'s number field `key` is written when types are mixed: ids as
/// they are or as strings; money and counts also as decimal strings.
pub fn mixed_number(i: usize, key: &str, n: &serde_json::Value) -> serde_json::Value {
    let id = matches!(key, "orderNo" | "packNo");
    match (i % 3, n.as_i64()) {
        (1, Some(v)) => serde_json::Value::String(v.to_string()),
        (2, Some(v)) if !id => serde_json::Value::String(format!("{v}.0000")),
        _ => n.clone(),
    }
}
