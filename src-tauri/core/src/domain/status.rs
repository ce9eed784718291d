//! The seven local order statuses of GoQSystem's 受注一覧 tabs.
//!
//! On the wire (IPC, CLI JSON) a status is its Japanese label; in SQLite it is a
//! stable ASCII code, so a relabelled tab never needs a data migration.

use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
pub enum Status {
    #[serde(rename = "新規受付")]
    New,
    #[serde(rename = "発送前入金待ち")]
    AwaitingPaymentBeforeShipping,
    #[serde(rename = "発送待ち")]
    AwaitingShipment,
    #[serde(rename = "発送後入金待ち")]
    AwaitingPaymentAfterShipping,
    #[serde(rename = "処理済")]
    Done,
    #[serde(rename = "保留")]
    OnHold,
    #[serde(rename = "キャンセル")]
    Cancelled,
}

impl Status {
    /// Tab order of the order screen.
    pub const ALL: [Status; 7] = [
        Status::New,
        Status::AwaitingPaymentBeforeShipping,
        Status::AwaitingShipment,
        Status::AwaitingPaymentAfterShipping,
        Status::Done,
        Status::OnHold,
        Status::Cancelled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::New => "新規受付",
            Status::AwaitingPaymentBeforeShipping => "発送前入金待ち",
            Status::AwaitingShipment => "発送待ち",
            Status::AwaitingPaymentAfterShipping => "発送後入金待ち",
            Status::Done => "処理済",
            Status::OnHold => "保留",
            Status::Cancelled => "キャンセル",
        }
    }

    /// The code stored in SQLite.
    pub fn code(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::AwaitingPaymentBeforeShipping => "awaiting_payment",
            Status::AwaitingShipment => "awaiting_shipment",
            Status::AwaitingPaymentAfterShipping => "awaiting_payment_after_shipping",
            Status::Done => "done",
            Status::OnHold => "on_hold",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Accepts the Japanese label (what merchants type) or the ASCII code.
    pub fn parse(text: &str) -> Option<Status> {
        let t = text.trim();
        Status::ALL
            .into_iter()
            .find(|s| s.label() == t || s.code() == t)
    }

    /// Statuses in which the goods have left the shop: a mall-side
    /// cancellation of such an order is flagged instead of applied.
    pub fn is_shipped(self) -> bool {
        matches!(self, Status::AwaitingPaymentAfterShipping | Status::Done)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_codes_and_serde_agree() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
            assert_eq!(Status::parse(s.label()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.label())
            );
        }
        assert_eq!(Status::parse(" 発送待ち "), Some(Status::AwaitingShipment));
        assert_eq!(Status::parse("発送済"), None);
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = Status::ALL.iter().map(|s| s.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 7);
    }
}
