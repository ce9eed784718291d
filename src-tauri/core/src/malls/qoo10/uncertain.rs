//! Every guess the Qoo10 client makes where `shared/malls/qoo10.md` says
//! UNCERTAIN (or says nothing). One place, so that a correction is one edit.

use crate::domain::Carrier;
use crate::malls::limit::LimitPolicy;

/// qoo10.md A2 (observed, Q7): a GetShippingInfo window spans at most ~90
/// days; we ask for 89 at a time.
pub const WINDOW_DAYS: i64 = 89;

/// qoo10.md A4: no documented rate limit; "5–10 req/s safe" is experience.
/// We stay at 5 a second per shop.
pub const PER_SECOND: u32 = 5;

pub const LIMITS: &[LimitPolicy] = &[LimitPolicy::Pace {
    per_second: PER_SECOND,
}];

/// qoo10.md A2: `search_condition` 1 = order date (the window of
/// 受注を取得する日数 is a window of order dates).
pub const SEARCH_BY_ORDER_DATE: &str = "1";

/// qoo10.md A1: the key of an expired 販売認証キー (both codes are seen).
pub const EXPIRED_CODES: &[i64] = &[-90004, -90005];

/// qoo10.md A1: a 販売認証キー lives one year; we warn from 30 days before.
pub const KEY_LIFETIME_DAYS: i64 = 365;
pub const KEY_WARN_DAYS: i64 = 30;

/// qoo10.md A3.3: no official list of `ShippingCorp` names; these are the
/// names production clients send (Q5). The merchant can change them.
pub fn shipping_corp(carrier: Carrier) -> &'static str {
    match carrier {
        Carrier::Yamato => "ヤマト宅急便",
        Carrier::Sagawa => "佐川急便",
        Carrier::JapanPost => "ゆうパック",
        Carrier::Seino => "西濃運輸",
        Carrier::Fukuyama => "福山通運",
        Carrier::Meitetsu => "名鉄運輸",
        Carrier::Tonami => "トナミ運輸",
        Carrier::Other => "その他",
    }
}

/// SetSendingInfo refusals asking again cannot change (the order is no
/// longer in a status that takes shipping info, or does not exist).
/// Codes from the fake's reading of the notes (-10011 no order, -10014
/// cannot register in this status): UNCERTAIN.
pub const SETTLED_REFUSALS: &[i64] = &[-10011, -10014];

/// qoo10.md documents no rate-limit answer; the fake (and public clients'
/// logs) answer too many calls with this code inside HTTP 200.
pub const RATE_LIMIT_CODE: i64 = -90010;

/// qoo10.md A2: cancelled orders vanish from GetShippingInfo_v2 and are read
/// through GetClaimInfo_V3 with `ClaimStat=3`, `search_condition=3` (Q5); the
/// answer's shape is not documented: we read it as shipping rows.
pub const CLAIM_STAT_CANCELLED: &str = "3";
pub const CLAIM_SEARCH_CONDITION: &str = "3";
