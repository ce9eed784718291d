//! Every guess the MakeShop client makes where `shared/malls/makeshop.md`
//! says [U] (UNCERTAIN) or says nothing. One place, so that a correction is
//! one edit; each item names what is known.

use crate::domain::Carrier;
use crate::malls::limit::LimitPolicy;

/// makeshop.md 1b: "the URL is sent by email after app registration [M4].
/// Observed in clients: `POST https://app-api.makeshop.jp/v1/graphql`".
/// Prefilled in the wizard, editable.
pub const ENDPOINT: &str = "https://app-api.makeshop.jp/v1/graphql";

/// makeshop.md 1a: "1 request/sec across all MakeShop APIs combined"; 1b:
/// "Rate limit: not public. Integrators cap at 60 req/min". We keep the
/// stricter one, for the shop, calls serial.
pub const LIMITS: &[LimitPolicy] = &[LimitPolicy::Pace { per_second: 1 }];

/// makeshop.md 1b: `limit` ≤ 1000; "Seen in production": pages come back
/// with fewer rows than asked (a cap of about 200 observed). We ask for the
/// documented most; a short page makes the reader go on with the size the
/// server gave (see `paging`), so a cap costs no order and a shop without
/// one is read in the fewest calls.
pub const PAGE_LIMIT: usize = 1000;

/// makeshop.md 1b: `startOrderDate`/`endOrderDate` are `YYYYMMDDHHmmss` (JST
/// presumed: "Times are presumably JST [U]").
pub const SEARCH_TIME_FORMAT: &str = "%Y%m%d%H%M%S";

/// `orderDate`: "format [U]; parsed with `new Date()` in [M8]". We read any
/// of these, as JST when it carries no offset.
pub const ORDER_DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y%m%d%H%M%S",
    "%Y-%m-%dT%H:%M:%S",
];

/// `desiredDeliveryDate` is `--` when unset (documented).
pub const UNSET_DATE: &str = "--";

/// `message` is "text before `||`": the buyer's remark comes before the
/// separator, what MakeShop adds after it.
pub const MESSAGE_SEPARATOR: &str = "||";

/// `paymentStatusCode` seen by one shop [U][M8]: 0003 キャンセル. (0000 代引,
/// 0001 現金, 0002 振込, 0004 仮売上 are treated as paid; 1002 ポイント.)
pub const PAYMENT_CANCELLED: &str = "0003";

/// `deliveryStatus` letters of searchOrder (documented): N 未処理, Y 配送,
/// C キャンセル, R 返送.
pub const DELIVERED: &str = "Y";
pub const CANCELLED: &str = "C";
pub const RETURNED: &str = "R";

/// `updateOrderDeliveryStatus`'s value for 配送完了 (documented: `COMPLETED`).
pub const COMPLETED: &str = "COMPLETED";

/// GraphQL `errors[].extensions.code` values: not documented. Guesses from
/// the public clients (M7, M8, M10): an auth failure, a denied operation, a
/// rate limit.
pub const CODE_UNAUTHENTICATED: &str = "UNAUTHENTICATED";
pub const CODE_FORBIDDEN: &str = "FORBIDDEN";
pub const CODE_TOO_MANY: &str = "TOO_MANY_REQUESTS";

/// makeshop.md 1a/1b: the 3-digit `deliveryCompanyCode` (001 ゆうパック, 002
/// ヤマト, 003 佐川, 006 西濃, 007 福山; 000 none). 名鉄 and トナミ are not in
/// the table our notes list: guess 000 (none) until the merchant sets theirs.
pub fn carrier_code(carrier: Carrier) -> &'static str {
    match carrier {
        Carrier::Yamato => "002",
        Carrier::Sagawa => "003",
        Carrier::JapanPost => "001",
        Carrier::Seino => "006",
        Carrier::Fukuyama => "007",
        Carrier::Meitetsu | Carrier::Tonami | Carrier::Other => "000",
    }
}

/// Prefecture codes: "1..47 are JIS order, 49=離島, 50=海外 [M9]. 13 and 14
/// are both Tokyo (23区内/外) [U]". The two facts fit only if Tokyo takes two
/// codes and every later one shifts by one (神奈川 15 … 沖縄 48), as the
/// legacy area names 東京(23区内) / 東京(23区外) suggest.
pub fn prefecture(code: i64) -> Option<&'static str> {
    const JIS: [&str; 47] = [
        "北海道",
        "青森県",
        "岩手県",
        "宮城県",
        "秋田県",
        "山形県",
        "福島県",
        "茨城県",
        "栃木県",
        "群馬県",
        "埼玉県",
        "千葉県",
        "東京都",
        "神奈川県",
        "新潟県",
        "富山県",
        "石川県",
        "福井県",
        "山梨県",
        "長野県",
        "岐阜県",
        "静岡県",
        "愛知県",
        "三重県",
        "滋賀県",
        "京都府",
        "大阪府",
        "兵庫県",
        "奈良県",
        "和歌山県",
        "鳥取県",
        "島根県",
        "岡山県",
        "広島県",
        "山口県",
        "徳島県",
        "香川県",
        "愛媛県",
        "高知県",
        "福岡県",
        "佐賀県",
        "長崎県",
        "熊本県",
        "大分県",
        "宮崎県",
        "鹿児島県",
        "沖縄県",
    ];
    let jis = match code {
        1..=13 => code,
        14 => 13,
        15..=48 => code - 1,
        _ => return None,
    };
    JIS.get(usize::try_from(jis - 1).ok()?).copied()
}

/// 接続テスト sends both mutations with an empty list, to learn whether the
/// shop allows them (permissions are per operation, makeshop.md 1b) without
/// changing anything. What MakeShop answers an empty list is not documented:
/// a refusal other than auth or permission counts as allowed.
pub const EMPTY_MUTATION_PROBES_PERMISSION: bool = true;
