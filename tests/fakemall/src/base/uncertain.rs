//! Every guess the BASE fake makes where `shared/malls/base.md` says UNCERTAIN or says
//! nothing. One place, so that a correction is one edit. Each item names what is known.

use chrono::Duration;

use crate::clock::jst;

/// Life of an authorization code. base.md: "Authorization-code lifetime: UNCERTAIN (an
/// 'expired code' error exists)". Guess: 10 minutes, the maximum RFC 6749 §4.1.2 recommends.
pub fn auth_code_lifetime() -> Duration {
    Duration::minutes(10)
}

/// Does a refresh return a *new* refresh token and invalidate the old one? base.md:
/// "Refresh returns a refresh_token → always persist the newest; rotation (old one
/// invalidated?) … UNCERTAIN". Guess: yes (the stricter case for a client).
pub const REFRESH_ROTATES: bool = true;

/// Do the 30 days of a refresh token restart at each refresh? base.md: UNCERTAIN. Guess: yes.
pub const REFRESH_RESTARTS_LIFETIME: bool = true;

/// Does an access token stay valid until its hour is up after a refresh? Not documented.
/// Guess: yes.
pub const OLD_ACCESS_TOKEN_SURVIVES_REFRESH: bool = true;

/// Does a loopback redirect URI registered without a port match the same URI on any port
/// (RFC 8252 §7.3)? base.md: "Whether `http://localhost`/`127.0.0.1` or custom schemes are
/// accepted: UNCERTAIN (nothing official)". Guess: yes for `http://127.0.0.1` and
/// `http://[::1]` (not `localhost`); the path and query must still match exactly. Custom
/// schemes (`juchu://oauth/base`) match exactly, as any other URI.
pub const LOOPBACK_ANY_PORT: bool = true;

/// Is `limit` > 100 an error (`bad_params`) rather than silently clamped? base.md only says
/// "max 100". Guess: an error (a client that asks for more learns it at once).
pub const LIMIT_OVER_MAX_IS_ERROR: bool = true;

/// `start_ordered`/`end_ordered` are naive strings; base.md: "assume JST (Asia/Tokyo):
/// UNCERTAIN". A date alone means the whole day: start at 00:00:00, end at 23:59:59. Both
/// bounds inclusive.
pub fn naive_time_offset() -> chrono::FixedOffset {
    jst()
}

/// `GET /1/delivery_companies`: base.md gives the docs example (ids 1–3) and says the live
/// list "(Japan Post etc.) is UNCERTAIN". Guess: the example plus 日本郵便 as id 4, so that
/// clients map by name and meet more than the three documented carriers.
pub const DELIVERY_COMPANIES: &[(i64, &str)] = &[
    (1, "クロネコヤマト"),
    (2, "佐川急便"),
    (3, "日本通運"),
    (4, "日本郵便"),
];

/// Does `/1/delivery_companies` need a token? base.md: "(no scope)". Guess: a valid token,
/// any scope; the call counts against the hourly limit like any other.
pub const DELIVERY_COMPANIES_NEEDS_TOKEN: bool = true;

/// `delivery_time_zone` codes. base.md: "`0812` = morning, `1214` = 12-14h; other codes
/// UNCERTAIN". Guess: the usual Japanese slots, in the order of [`crate::data::DELIVERY_SLOTS`].
pub const DELIVERY_TIME_ZONES: &[&str] = &["0812", "1214", "1416", "1618", "1820", "1921"];

/// Payments whose orders the API may cancel. base.md: "API cancel: COD orders only (2019
/// docs: also `bt`)". Guess: COD only (the current docs).
pub const CANCELLABLE_PAYMENTS: &[&str] = &["cod"];

/// The error for cancelling an order whose payment is not cancellable. Documented codes:
/// `not_cancel_credit_card|cvs|base_bt|atobarai|carrier|coin`. For the payments without a
/// documented code (bt, paypal, amazon_pay, bnpl…) the guess is `not_change_status`.
pub fn not_cancel_code(payment: &str) -> &'static str {
    match payment {
        "creditcard" => "not_cancel_credit_card",
        "cvs" => "not_cancel_cvs",
        "base_bt" => "not_cancel_base_bt",
        "atobarai" => "not_cancel_atobarai",
        p if p.starts_with("carrier") => "not_cancel_carrier",
        "coin" => "not_cancel_coin",
        _ => "not_change_status",
    }
}

/// What an order becomes once every item is dispatched or cancelled (base.md: "once all
/// items are updated the order status follows"). Guess for a mix: `dispatched`.
pub fn order_status_when_items_done(any_dispatched: bool) -> &'static str {
    if any_dispatched {
        "dispatched"
    } else {
        "cancelled"
    }
}

/// A wrong client_secret: base.md lists `unauthorized_client` for an unknown/suspended client
/// and `invalid_request` for missing client credentials. Guess: a wrong secret is
/// `unauthorized_client`.
pub const WRONG_SECRET_CODE: &str = "unauthorized_client";

/// `terminated` is "deprecated" with no definition. Guess: true once the order is
/// dispatched or cancelled (the docs example has `true` on a dispatched order, `false` on an
/// unpaid one).
pub fn terminated(dispatch_status: &str) -> bool {
    matches!(dispatch_status, "dispatched" | "cancelled")
}

/// `error_description` texts. The documented ones are quoted from base.md; every other text is
/// a guess in the same style.
pub mod descriptions {
    /// Documented (base.md §3).
    pub const INVALID_ACCESS_TOKEN: &str = "アクセストークンが無効です。";
    /// Documented (base.md §1, real response).
    pub const INVALID_CODE: &str = "不正な認可コードです。";
    /// Documented (base.md §1).
    pub const REFRESH_TOKEN_EXPIRED: &str = "リフレッシュトークンの有効期限が切れています。";
    /// Documented (base.md §5.3).
    pub const NOT_CHANGE_STATUS: &str = "この注文のステータスは変更できません。";
    /// Documented start "1時間のAPIの利用上限を超えました。..."; the rest is a guess.
    pub const HOUR_API_LIMIT: &str =
        "1時間のAPIの利用上限を超えました。時間をおいて再度お試しください。";
    /// Documented start "…"; guess modelled on the hourly one.
    pub const DAY_API_LIMIT: &str =
        "1日のAPIの利用上限を超えました。日付が変わってから再度お試しください。";

    /// Guess.
    pub const CODE_EXPIRED: &str = "認可コードの有効期限が切れています。";
    /// Guess.
    pub const INVALID_REFRESH_TOKEN: &str = "不正なリフレッシュトークンです。";
    /// Guess.
    pub const INVALID_GRANT_TYPE: &str = "grant_typeが不正です。";
    /// Guess.
    pub const MISSING_CLIENT: &str = "client_idとclient_secretを指定してください。";
    /// Guess.
    pub const MISSING_PARAM: &str = "必須パラメータが指定されていません。";
    /// Guess.
    pub const BAD_REDIRECT_URI: &str = "redirect_uriが不正です。";
    /// Guess.
    pub const UNAUTHORIZED_CLIENT: &str = "クライアントが無効です。";
    /// Guess.
    pub const NOT_POST: &str = "POSTメソッドでリクエストしてください。";
    /// Guess.
    pub const INVALID_SCOPE: &str = "このAPIを利用する権限がありません。";
    /// Guess.
    pub const NO_UNIQUE_KEY: &str = "unique_keyを指定してください。";
    /// Guess.
    pub const NO_ORDER: &str = "注文が存在しません。";
    /// Guess.
    pub const NO_PARAMS: &str = "パラメータが指定されていません。";
    /// Guess.
    pub const BAD_PARAMS: &str = "パラメータが不正です。";
    /// Guess.
    pub const NOT_CANCEL: &str = "この決済方法の注文はキャンセルできません。";
    /// Guess.
    pub const NOT_PAID_CVS: &str =
        "コンビニ決済の入金が確認できていないため、発送済みにできません。";
    /// Guess.
    pub const NOT_PAID_BASE_BT: &str =
        "銀行振込の入金が確認できていないため、発送済みにできません。";
    /// Guess.
    pub const NOT_CHANGE_ATOBARAI: &str = "後払い決済の注文はatobarai_statusで変更してください。";
    /// Guess.
    pub const YAMATO_DELIVERY: &str =
        "ヤマトかんたん発送Appを利用している注文は発送済みにできません。";
}
