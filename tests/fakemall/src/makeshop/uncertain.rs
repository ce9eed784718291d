//! Every guess the MakeShop fake makes where `shared/malls/makeshop.md` says [U] (UNCERTAIN) or
//! says nothing. One place, so that a correction is one edit. Each item names what is known.

use chrono::Duration;

/// `x-timestamp` lifetime. makeshop.md 1b: "(valid 1h; regenerate per call)". Documented.
pub fn timestamp_max_age() -> Duration {
    Duration::hours(1)
}

/// A timestamp from the future: not documented. Guess: up to 5 minutes ahead is tolerated
/// (clock skew), more is refused like an old one.
pub fn timestamp_max_skew() -> Duration {
    Duration::minutes(5)
}

/// "Requests >5MB may be rejected [M4]". Documented size; the answer is a guess: HTTP 413 with
/// the API gateway's `{"message":"Request Entity Too Large"}` (no GraphQL envelope, it never
/// reaches the GraphQL server).
pub const MAX_REQUEST_BYTES: usize = 5 * 1024 * 1024;
/// Guess (see [`MAX_REQUEST_BYTES`]).
pub const TOO_LARGE_MESSAGE: &str = "Request Entity Too Large";

/// 1 request per second across all APIs of a shop (makeshop.md 1a, "exceeding it risks an
/// access block"; 1b: "Rate limit: not public"). The fake refuses the second call within the
/// same second as a GraphQL error with HTTP 200. Wording and extension code are guesses; no
/// block is modelled (the doc only says it is a risk).
pub const RATE_LIMIT_MESSAGE: &str =
    "リクエスト数が上限を超えました。1秒あたり1リクエスト以内でアクセスしてください。";
/// Guess (see [`RATE_LIMIT_MESSAGE`]).
pub const RATE_LIMIT_CODE: &str = "TOO_MANY_REQUESTS";

/// Auth failures (missing/wrong PAT, API key, timestamp) come in `errors[]` with HTTP 200
/// (makeshop.md 1b: "GraphQL-level problems (auth, unknown field, bad enum) come in top-level
/// `errors[]`, often with HTTP 200"). Texts and codes are guesses.
pub mod auth {
    /// Guess: missing or unknown `authorization: Bearer …`.
    pub const BAD_TOKEN: (&str, &str) = (
        "認証に失敗しました。アクセストークンが不正です。",
        "UNAUTHENTICATED",
    );
    /// Guess: missing or wrong `x-api-key`.
    pub const BAD_API_KEY: (&str, &str) =
        ("認証に失敗しました。APIキーが不正です。", "UNAUTHENTICATED");
    /// Guess: missing, malformed, older than 1 h or too far ahead `x-timestamp`.
    pub const BAD_TIMESTAMP: (&str, &str) = (
        "タイムスタンプが不正、または有効期限切れです。",
        "UNAUTHENTICATED",
    );
    /// Guess: the PAT was revoked (app uninstalled) or the credentials-expired fault is on.
    pub const REVOKED: (&str, &str) = ("アクセストークンが無効です。", "UNAUTHENTICATED");
}

/// Introspection (makeshop.md 1b: "Introspection is **FORBIDDEN** in production"). Guess:
/// message below with extension code `FORBIDDEN`, `data` null.
pub const INTROSPECTION: (&str, &str) = ("Introspection is forbidden", "FORBIDDEN");

/// A denied operation (makeshop.md 1b: "Permissions are per operation"). Guess: a field
/// error on that field with code `FORBIDDEN`.
pub const PERMISSION_DENIED: (&str, &str) = ("この操作を実行する権限がありません。", "FORBIDDEN");

/// A body that is not JSON, or JSON without `query`. Guess: HTTP 200 with `errors[]`, code
/// `BAD_REQUEST`.
pub const BAD_BODY: (&str, &str) = ("リクエストの形式が不正です。", "BAD_REQUEST");

/// Bad `searchOrder` input (date format, limit > 1000, page < 1, unknown status letter). Guess:
/// a field error with code `BAD_USER_INPUT`.
pub const BAD_INPUT_CODE: &str = "BAD_USER_INPUT";

/// Page cap. makeshop.md, "Seen in production": "Pages come back with fewer rows than the
/// `limit` asked (a cap of about 200 observed): page by `searchedCount`, never stop on a short
/// page." Documented: `limit` ≤ 1000 and "Page count = ceil(searchedCount/limit) [M7]".
/// Guesses: the cap is exactly 200, and it is applied *after* paging, as a server that
/// computes `OFFSET (page-1)*limit` and then truncates the page would do: page N with limit L
/// is orders (N-1)·L .. N·L-1 of the sorted result, cut to the first [`PAGE_CAP`] of them.
/// So `searchedCount` stays the full count, `page` echoes the page asked, and a client that
/// pages with a limit above the cap silently loses rows (limit 1000, page 2 skips 1000 orders
/// although only 200 came back on page 1). A client must page with `limit` ≤ the cap.
pub const PAGE_CAP: usize = 200;

/// `searchOrder.limit` when absent. Not documented. Guess: 100.
pub const DEFAULT_LIMIT: i32 = 100;
/// `searchOrder.sortOrder` when absent. Not documented. Guess: ASC (oldest first).
pub const DEFAULT_SORT: &str = "ASC";

/// `deliveryStatus` and `sortOrder` of `SearchOrderRequest` are typed `String` (the doc lists
/// letter values `N/Y/C/R` and `ASC|DESC` as strings, not as GraphQL enum names). Guess.
pub const SEARCH_FILTERS_ARE_STRINGS: bool = true;

/// An order matches `deliveryStatus` when any of its destinations has it. Guess.
pub const STATUS_MATCHES_ANY_DESTINATION: bool = true;

/// `orderDate` format: makeshop.md: "format [U]; parsed with `new Date()` in [M8]", so not the
/// compact `YYYYMMDDHHmmss`. Guess: `YYYY-MM-DD HH:mm:ss` JST.
pub const ORDER_DATE_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// `desiredDeliveryDate`: documented `--` when unset. The set format is a guess: `YYYY/MM/DD`
/// (as the legacy `deliverydate`).
pub const UNSET_DESIRED_DATE: &str = "--";
/// Guess (see [`UNSET_DESIRED_DATE`]).
pub const DESIRED_DATE_FORMAT: &str = "%Y/%m/%d";

/// `desiredDeliveryTimezone` texts: not documented. Guess: MakeShop's admin labels; unset is
/// the empty string.
pub fn timezone_label(from: u8, to: u8) -> String {
    if from == 8 && to == 12 {
        "午前中".to_string()
    } else {
        format!("{from}時～{to}時")
    }
}

/// `deliveryId`: the legacy API used 0 for a single destination, else 1..n. Guess for GraphQL:
/// 1..n always (a client round-trips whatever it read).
pub const FIRST_DELIVERY_ID: i32 = 1;

/// Prefecture codes. makeshop.md: "1..47 are JIS order, 49=離島, 50=海外 [M9]. 13 and 14 are
/// both Tokyo (23区内/外) [U]". The two facts only fit together if Tokyo takes two codes and
/// everything after it shifts by one (神奈川 15 … 沖縄 48), which is what the legacy area names
/// `東京(23区内)`/`東京(23区外)` suggest. Guess: that shifted table.
pub const TOKYO_SPLIT: bool = true;
/// 離島 (documented).
pub const REMOTE_ISLANDS: i32 = 49;
/// 海外 (documented).
pub const OVERSEAS: i32 = 50;

/// The MakeShop code of the JIS prefecture `jis` (1..47), `tokyo_23` telling 23区内 from 外.
pub fn prefecture_code(jis: i32, tokyo_23: bool) -> i32 {
    if !TOKYO_SPLIT {
        return jis;
    }
    match jis {
        1..=12 => jis,
        13 => {
            if tokyo_23 {
                13
            } else {
                14
            }
        }
        _ => jis + 1,
    }
}

/// `paymentStatusCode` values seen by one shop [U][M8]: 0000 代引, 0001 現金, 0002 振込, 0004
/// 仮売上 (treated as paid); 0003 キャンセル; 1002 ポイント. The fake uses exactly these.
pub const PAYMENT_STATUS_CODES: &[(&str, &str)] = &[
    ("0000", "代引"),
    ("0001", "現金"),
    ("0002", "振込"),
    ("0003", "キャンセル"),
    ("0004", "仮売上"),
    ("1002", "ポイント"),
];

/// `payMethod` texts: not documented for GraphQL. Guess: the Japanese names shown in the admin.
pub const PAY_METHODS: &[&str] = &[
    "クレジットカード",
    "代金引換",
    "銀行振込",
    "コンビニ決済",
    "後払い決済",
    "Amazon Pay",
    "楽天ペイ",
    "ポイント払い",
];

/// `updateOrderDeliveryStatus` values. Documented: `NOT_YET`, `COMPLETED` (配送完了).
/// "Values for 配送指示/返送 are [U]". Guess: `INSTRUCTED` and `RETURNED`.
pub const DELIVERY_STATUS_ENUM: &[&str] = &["NOT_YET", "INSTRUCTED", "COMPLETED", "RETURNED"];

/// The search letter (N/Y/C/R) each mutation value leads to. Guess: 配送指示 is still `N`
/// (未処理 from the search's point of view).
pub fn letter_for(status: &str) -> &'static str {
    match status {
        "COMPLETED" => "Y",
        "RETURNED" => "R",
        _ => "N",
    }
}

/// `COMPLETED` stamps `deliveryDate` (`YYYYMMDDHHmmss`) with now; `NOT_YET` clears it. Guess
/// (a ship-date input is [U], none seen).
pub const COMPLETED_STAMPS_DELIVERY_DATE: bool = true;

/// `wmsStatus` texts: not documented. Guess: `"0"` (not linked to a warehouse) everywhere.
pub const WMS_STATUS: &str = "0";

/// Per-row `message` texts of the batch mutations (documented: `null` = success). Texts are
/// guesses.
pub mod row_messages {
    /// Guess.
    pub const NO_ORDER: &str = "指定された注文が存在しません。";
    /// Guess.
    pub const NO_DELIVERY: &str = "指定された配送先が存在しません。";
    /// Guess.
    pub const BAD_CARRIER: &str = "配送会社コードが不正です。";
    /// Guess.
    pub const CANCELLED: &str = "キャンセルされた注文は更新できません。";
    /// Guess.
    pub const SLIP_TOO_LONG: &str = "伝票番号は50文字以内で指定してください。";
}

/// `slipNumber` used as a free memo. makeshop.md, "Seen in production": "Shops use
/// `slipNumber` as a memo: text such as 再注文, a number followed by 発送済, numbers on
/// cancelled orders. Only a value that passes the carrier's rule is a tracking number." The
/// text is the note's own; where it is written is a guess: on an unshipped (`N`) or a shipped
/// (`Y`) destination, as a shop that re-sends an order would note it.
pub const SLIP_MEMO_REORDER: &str = "再注文";
/// What follows the number in a "number followed by 発送済" memo (makeshop.md, "Seen in
/// production"). The number's shape is a guess: 12 digits, the length of a ヤマト number
/// (`123456789012発送済`), see [`MEMO_NUMBERS_PASS_CHECK`].
pub const SLIP_MEMO_SHIPPED_SUFFIX: &str = "発送済";
/// Guess: the digits inside a `…発送済` memo, and the numbers left on cancelled orders, pass
/// the 7DR check (last digit = first 11 digits mod 7, carriers.md §4). makeshop.md does not
/// say; this is the worst case for a client: stripping the text, or reading the slip of a
/// cancelled order, yields a "valid" tracking number that was never shipped under it.
pub const MEMO_NUMBERS_PASS_CHECK: bool = true;
/// Guess: the share of generated orders (after the coverage rows, see
/// `seed::SLIP_COVERAGE`) whose shipped or unshipped destination carries a memo instead of a
/// tracking number (makeshop.md, "Seen in production", gives no frequency). Kept low so that
/// most shipped destinations carry a real-looking ヤマト number.
pub const SLIP_MEMO_SHARE: f64 = 0.08;
/// Guess: the share of generated cancelled orders that still carry a tracking-like number
/// ("numbers on cancelled orders", makeshop.md, "Seen in production"; no frequency given).
pub const CANCELLED_SLIP_SHARE: f64 = 0.4;

/// Longest `slipNumber`: not documented. Guess: 50.
pub const SLIP_MAX_CHARS: usize = 50;

/// Carrier codes (makeshop.md 1a, "full 001–031 table in M5"; only these are listed in our
/// doc). Guess: the listed ones plus `000` (none) are accepted; any other code is a row error.
pub const CARRIER_CODES: &[(&str, &str)] = &[
    ("000", "なし"),
    ("001", "ゆうパック"),
    ("002", "ヤマト"),
    ("003", "佐川"),
    ("006", "西濃"),
    ("007", "福山"),
    ("008", "EMS"),
    ("015", "普通郵便"),
    ("023", "DHL"),
    ("025", "ゆうパケット"),
    ("027", "クリックポスト"),
    ("029", "宅急便コンパクト"),
    ("030", "ネコポス"),
    ("031", "DM便"),
];

/// `discountPerTax[]` items: fields not documented. Guess: `{taxRate, discountPrice}`.
pub const DISCOUNT_PER_TAX_FIELDS: (&str, &str) = ("taxRate", "discountPrice");

/// `message`: documented as "text before `||`", i.e. the field holds the buyer's remark, then
/// `||`, then text MakeShop adds. Guess: what follows is the gift message (or nothing), so a
/// seeded message reads `備考||ギフトメッセージ` and a client keeps the part before `||`.
pub const MESSAGE_SEPARATOR: &str = "||";

/// `estimatedShipmentDate` format: not documented. Guess: `YYYYMMDD`, null when unset.
pub const ESTIMATED_SHIPMENT_FORMAT: &str = "%Y%m%d";

/// `displayOrderNumber`: `P` + 18 digits, 19 characters (makeshop.md 1b, "e.g.
/// `P184655728930017801`, 19 chars [M13]"; "Seen in production": "strings (`P` + 18 digits):
/// never integers"). Documented. The digits are a guess: the order's unix time (10 digits)
/// and 8 random digits.
pub const DISPLAY_ORDER_NUMBER_CHARS: usize = 19;

/// `systemOrderNumber` shape: not documented (makeshop.md "Seen in production" only says it
/// is a string, never an integer: the GraphQL type is `String`). Guess: 16 digits (JST `YYYYMMDDHH` + 6-digit
/// serial). `memberId` of a registered member: guess `mem` + 7 digits; null for a guest.
pub const SYSTEM_ORDER_NUMBER_DIGITS: usize = 16;

/// `slipNumber` of `updateOrderAttribute`: the legacy API said "`deliverynum` (null clears
/// it)". Guess for GraphQL: null or absent leaves it unchanged, `""` clears it.
pub const EMPTY_SLIP_CLEARS: bool = true;
