//! Every guess the Bカート client makes where `shared/malls/bcart.md` says
//! UNCERTAIN (or says nothing). One place, so that a correction is one edit.

use crate::malls::limit::LimitPolicy;

/// bcart.md B2: 300 requests / 300 s for the account, then a 300 s lockout.
/// We stay at 250 per 300 s (as B2's client does), leaving room for the
/// merchant's other tools.
pub const LIMITS: &[LimitPolicy] = &[LimitPolicy::Window {
    calls: 250,
    secs: 300,
    label: "5分間に300回",
}];

/// bcart.md B2: `limit` is at most 100.
pub const PAGE_LIMIT: usize = 100;

/// bcart.md B3: the date filters `ordered_at__gte` / `ordered_at__lte`
/// (suffix syntax UNCERTAIN), naive `YYYY-MM-DD HH:MM:SS` taken as JST (B5).
pub const ORDERED_FROM: &str = "ordered_at__gte";
pub const ORDERED_TO: &str = "ordered_at__lte";
pub const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// The seed's rule (GoQSystem): only orders of the last 170 days are sent.
pub const MAX_AGE_DAYS: u32 = 170;

/// bcart.md B3: the two order statuses every shop has.
pub const NEW_ORDER: &str = "新規注文";
pub const DONE: &str = "完了";

/// bcart.md B3: the statuses every shop has; every other one is a slot the
/// shop may rename.
pub const FIXED_STATUSES: &[&str] = &[NEW_ORDER, DONE];

/// `GET /order_statuses`: the answer's shape is not documented. Guess:
/// `{"order_statuses":[{"id","name"}]}` like every other list.
pub const ORDER_STATUSES_KEY: &str = "order_statuses";

/// Which slot a shop's label fills is not documented. Guess: the `n`-th
/// status of `/order_statuses` in id order that is not one of
/// [`FIXED_STATUSES`] is `カスタム{n}`.
pub fn slot_name(n: usize) -> String {
    format!("カスタム{n}")
}

/// bcart.md B4: the logistics statuses.
pub const INSTRUCTED: &str = "発送指示";
pub const SHIPPED: &str = "発送済";
