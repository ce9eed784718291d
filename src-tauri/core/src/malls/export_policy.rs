//! What a mall lets 発送情報の更新 send, stated as data so that the rules
//! engine (`crate::export::rules`) stays mall-neutral.

use crate::domain::Status;

/// A step of sending a shipment's info. Most malls have one (`Shipped`);
/// Bカート first sets 発送指示 (tracking number, ship date ahead) and then 発送済.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// 発送指示: the shipping info is known, the parcel has not left.
    Instructed,
    /// 発送済: the parcel has left; the buyer is told.
    Shipped,
}

impl Stage {
    pub fn code(self) -> &'static str {
        match self {
            Stage::Instructed => "instructed",
            Stage::Shipped => "shipped",
        }
    }

    /// A stage as the journal stores it (an unknown code: `Shipped`, the
    /// only stage of journal rows written before stages existed).
    pub fn from_code(code: &str) -> Stage {
        if code == Stage::Instructed.code() {
            Stage::Instructed
        } else {
            Stage::Shipped
        }
    }
}

/// One stage and when it may be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageRule {
    pub stage: Stage,
    /// Held back until the 出荷日 has come (a dispatch notice cannot be taken back).
    pub waits_for_ship_date: bool,
}

/// A mall's rules for 発送情報の更新, for one shop's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPolicy {
    /// The local statuses whose orders are sent (BASE: its API書出 setting).
    pub statuses: Vec<Status>,
    /// How the status rule is named in the preview (e.g. "API書出の設定").
    pub statuses_rule: &'static str,
    /// Orders placed longer ago than this are not sent (the mall refuses them).
    pub max_age_days: Option<u32>,
    /// In order; each is a unit kind of its own in the journal.
    pub stages: Vec<StageRule>,
    /// What the merchant does when a 伝票番号 / 配送会社 / 出荷日 changes after
    /// it was sent and the mall's API cannot take the correction.
    pub after_send_fix: &'static str,
}

impl ExportPolicy {
    pub fn exports(&self, status: Status) -> bool {
        self.statuses.contains(&status)
    }
}
