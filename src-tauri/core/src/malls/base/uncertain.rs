//! Every guess the BASE client makes where `shared/malls/base.md` says
//! UNCERTAIN (or says nothing). One place, so that a correction is one edit.

use crate::domain::Status;
use crate::malls::limit::LimitPolicy;

/// `start_ordered` / `end_ordered` are naive `yyyy-mm-dd hh:mm:ss` strings.
/// base.md §4.3: "assume JST (Asia/Tokyo): UNCERTAIN". We send JST; both
/// bounds are taken as inclusive.
pub const ORDERED_BOUNDS_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// base.md §1: a refresh returns a refresh_token; whether the old one is
/// invalidated (rotation) is UNCERTAIN. We always store the newest one and
/// assume the old one is dead, so a refresh is never sent twice with the same
/// token and never run concurrently (one tokio mutex per client, and the
/// keyring is re-read after taking it in case another process refreshed).
pub const ASSUME_REFRESH_ROTATES: bool = true;

/// Refresh this many seconds before the access token's stated expiry
/// (`expires_in` is 3600 in every example; base.md §1). Not documented: a
/// margin against clock skew between the PC and BASE.
pub const REFRESH_MARGIN_SECS: i64 = 5 * 60;

/// `expires_in` when BASE leaves it out of a token answer (base.md: 1 hour).
pub const DEFAULT_EXPIRES_IN_SECS: i64 = 3600;

/// The refresh grant needs the `redirect_uri` used at authorization
/// (base.md §1). Whether BASE compares it exactly is undocumented; we store
/// the one used and fall back to the deep link for tokens stored without one.
pub const FALLBACK_REDIRECT_URI: &str = "juchu://oauth/base";

/// BASE's documented hourly limit is 5,000 calls per user (base.md §3);
/// Juchu stops itself a little earlier, since the merchant may run other
/// apps on the same shop and BASE's own count is invisible (no headers).
pub const HOUR_BUDGET: u32 = 4_900;

/// The shop's limits as the shared limiter enforces them: [`HOUR_BUDGET`]
/// per clock hour, no per-second pace (BASE documents none).
pub const LIMITS: &[LimitPolicy] = &[hour_budget(HOUR_BUDGET)];

/// How many order details are read at once. BASE's limit is per hour
/// (base.md §3), not per second; how many requests at once it tolerates is
/// not documented. Guess: 4.
pub const DETAILS_AT_ONCE: usize = 4;

/// A budget of `calls` per clock hour.
pub const fn hour_budget(calls: u32) -> LimitPolicy {
    LimitPolicy::Window {
        calls,
        secs: 3600,
        label: "Juchu の自主制限（1時間あたり）",
    }
}

/// The hourly window resets "at minute :00" (base.md §3). Whether that is
/// the clock hour of BASE's servers in JST or UTC does not matter (JST is a
/// whole-hour offset); we resume at the next top of the hour.
pub fn hour_limit_retry_at(now: i64) -> i64 {
    (now.div_euclid(3600) + 1) * 3600
}

/// The daily window resets at the "date change" (base.md §3): assumed JST
/// midnight.
pub fn day_limit_retry_at(now: i64) -> i64 {
    let day = (now + 9 * 3600).div_euclid(86_400);
    (day + 1) * 86_400 - 9 * 3600
}

/// The access token is invalid or expired: `invalid_request` with this
/// description (documented, base.md §3). `invalid_request` is also used for
/// bad parameters, so we branch on the description.
pub const INVALID_ACCESS_TOKEN: &str = "アクセストークンが無効です。";

/// An expired refresh token: `invalid_request` whose description mentions
/// the expiry (documented example "リフレッシュトークンの有効期限が切れています。").
/// An unknown refresh token (e.g. rotated away) has no documented text: we
/// treat any other `invalid_request` on the refresh grant as "authorize
/// again" too.
pub fn refresh_expired(description: &str) -> bool {
    description.contains("有効期限")
}

/// The first local status of a fetched order, from `dispatch_status`
/// (base.md §2). `None` = the shop's 格納先ステータス (default 新規受付).
///
/// * `shipping` is an atobarai (後払い) order the merchant has already sent
///   (`atobarai_status=shipping`). BASE collects the money from the buyer
///   and pays the shop whatever happens, so nothing is left for the merchant
///   to wait for: 処理済, not 発送後入金待ち (which would sit in that tab
///   forever). Both count as shipped, so a later cancellation is flagged.
/// * `unshippable` cannot be changed through the API (current docs, base.md
///   §2): 保留, so the merchant looks at it in BASE's admin.
/// * Any status we do not know lands like a new order.
pub fn first_status(dispatch_status: &str) -> Option<Status> {
    match dispatch_status {
        "unpaid" => Some(Status::AwaitingPaymentBeforeShipping),
        "cancelled" => Some(Status::Cancelled),
        "dispatched" | "shipping" => Some(Status::Done),
        "unshippable" => Some(Status::OnHold),
        _ => None,
    }
}

/// Dispatching a normal order with `delivery_company_id` + `tracking_number`
/// next to `status=dispatched`: done by production integrations (base.md §2
/// [T]); the official wording only covers atobarai. We send them.
pub const SEND_TRACKING_WITH_DISPATCH: bool = true;

/// `order_receiver` all null means "ship to the buyer" (base.md §2: seen in
/// a real response, meaning UNCERTAIN). We fall back to the buyer when every
/// receiver field is null or empty.
pub const EMPTY_RECEIVER_MEANS_BUYER: bool = true;

/// The Japanese name of a `payment` code (base.md §2). `bnpl` is "Pay ID あと払い"
/// per the current docs; codes we do not know are shown as they are.
pub fn payment_name(code: &str) -> String {
    match code {
        "creditcard" => "クレジットカード",
        "cvs" => "コンビニ決済",
        "base_bt" => "銀行振込（BASE口座）",
        "bt" => "銀行振込",
        "cod" => "代金引換",
        "atobarai" => "後払い決済",
        "carrier_01" => "ドコモ払い",
        "carrier_02" => "auいつものお支払い",
        "carrier_03" => "ソフトバンクまとめて支払い",
        "coin" => "コイン",
        "paypal" => "PayPal",
        "amazon_pay" => "Amazon Pay",
        "bnpl" => "Pay ID あと払い",
        other => other,
    }
    .to_string()
}

/// The live `/1/delivery_companies` list is UNCERTAIN (base.md §2: docs
/// example クロネコヤマト / 佐川急便 / 日本通運 only). We fetch it once per client
/// and match names with `Carrier::parse` (クロネコヤマト → ヤマト運輸, …).
pub const MATCH_DELIVERY_COMPANY_BY_NAME: bool = true;

/// The shape of a client_id / client_secret, checked as the merchant types
/// them. base.md says nothing of it; the examples' tokens are 32 hex digits.
/// We accept any one piece of 16 to 128 half-width characters, so that a real
/// id we have not seen passes while a half-copied or Japanese value does not.
pub const CLIENT_KEY_SHAPE: crate::malls::field_rule::FieldRule =
    crate::malls::field_rule::FieldRule::Token { min: 16, max: 128 };

/// What BASE's page probably says when it shows an error instead of sending
/// the merchant back (base.md documents no error page for the authorize
/// screen; third parties report a wrong client_id and a コールバックURL that
/// does not match as the usual causes).
pub const AUTHORIZE_ERROR_HINT: &str = "BASE の画面に「リダイレクトURIが一致しません」「client_idが不正です」などのエラーが出ていませんか。出ている場合は「戻る」で client_id と、BASE に登録したコールバックURL（2. アプリを作成）を確かめてから、「やり直す」を押してください。";

/// `edit_status` refusals that asking again cannot change (base.md §2 lists
/// the codes, not which are final): an order shipped with ヤマトかんたん発送App
/// (YamatoDelivery), the ClubT / SpCase specials, and a plain
/// `not_change_status` (the item is no longer `ordered`, or the order is
/// `unshippable`). Unpaid cvs / base_bt orders are *not* here: they become
/// sendable once paid.
pub const SETTLED_REFUSALS: &[&str] = &[
    "not_change_status",
    "not_change_status_YamatoDelivery",
    "not_change_status_ClubT",
    "not_change_status_SpCase",
    "not_change_status_atobarai",
];

/// BASE's API has no call that changes a tracking number once an item is
/// dispatched (base.md §2: only `ordered → dispatched|cancelled`, no undo);
/// the admin page's order detail is where a merchant corrects it.
pub const AFTER_SEND_FIX: &str = "BASE は送信後の変更を API で受け付けません。BASE の管理画面（注文管理 → 該当の注文）でお荷物伝票番号・配送業者を直してください。購入者へは必要に応じて BASE から連絡してください。";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_times() {
        // 2024-06-30 12:34:56 JST = 03:34:56 UTC.
        let now = 1_719_718_496;
        assert_eq!(
            crate::time::jst(now).format("%H:%M:%S").to_string(),
            "12:34:56"
        );
        assert_eq!(
            crate::time::jst(hour_limit_retry_at(now)).to_rfc3339(),
            "2024-06-30T13:00:00+09:00"
        );
        assert_eq!(
            crate::time::jst(day_limit_retry_at(now)).to_rfc3339(),
            "2024-07-01T00:00:00+09:00"
        );
        // 08:30 JST on 2024-07-01 is still 2024-06-30 in UTC: the next JST midnight is 07-02.
        let morning = 1_719_790_200;
        assert_eq!(
            crate::time::jst(day_limit_retry_at(morning)).to_rfc3339(),
            "2024-07-02T00:00:00+09:00"
        );
    }

    #[test]
    fn first_status_of_each_dispatch_status() {
        assert_eq!(first_status("ordered"), None);
        assert_eq!(
            first_status("unpaid"),
            Some(Status::AwaitingPaymentBeforeShipping)
        );
        assert_eq!(first_status("cancelled"), Some(Status::Cancelled));
        assert_eq!(first_status("dispatched"), Some(Status::Done));
        assert_eq!(first_status("shipping"), Some(Status::Done));
        assert_eq!(first_status("unshippable"), Some(Status::OnHold));
        assert_eq!(first_status("something_new"), None);
    }

    #[test]
    fn payment_names() {
        assert_eq!(payment_name("creditcard"), "クレジットカード");
        assert_eq!(payment_name("base_bt"), "銀行振込（BASE口座）");
        assert_eq!(payment_name("carrier_02"), "auいつものお支払い");
        assert_eq!(payment_name("bnpl"), "Pay ID あと払い");
        assert_eq!(payment_name("paypay"), "paypay");
    }
}
