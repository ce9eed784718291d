//! What a mall holds in a shipment's 伝票番号 field. Shops also use it as a
//! free memo (makeshop.md "Seen in production": 再注文, a number followed by
//! 発送済, numbers on cancelled orders). Only a value that passes a
//! carrier's tracking-number rule, on a shipment that is not cancelled, is a
//! 伝票番号 (a returned one keeps the number it went out with); anything else
//! is the shop's memo, kept and shown, never sent back as a tracking number.

use crate::domain::Carrier;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slip {
    /// A tracking number, in the form malls accept.
    Tracking(String),
    /// The shop's memo, as MakeShop has it.
    Memo(String),
    None,
}

impl Slip {
    /// As a shipment keeps it: (the mall's tracking number, the shop's memo).
    pub fn into_parts(self) -> (Option<String>, Option<String>) {
        match self {
            Slip::Tracking(t) => (Some(t), None),
            Slip::Memo(m) => (None, Some(m)),
            Slip::None => (None, None),
        }
    }
}

/// What a shipment's 伝票番号 field holds, given whether it is cancelled.
pub fn read(slip: Option<&str>, cancelled: bool) -> Slip {
    let Some(value) = slip.map(str::trim).filter(|s| !s.is_empty()) else {
        return Slip::None;
    };
    if cancelled {
        return Slip::Memo(value.to_string());
    }
    Carrier::ALL
        .into_iter()
        .filter(|c| *c != Carrier::Other)
        .find_map(|c| c.normalize_tracking(value).ok())
        .map_or_else(|| Slip::Memo(value.to_string()), Slip::Tracking)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_tracking_number_on_a_live_shipment_is_one() {
        let tracking = |s: &str| Slip::Tracking(s.into());
        let memo = |s: &str| Slip::Memo(s.into());
        assert_eq!(
            read(Some("1234-5678-9012"), false),
            tracking("123456789012")
        );
        assert_eq!(
            read(Some("EJ123456789JP"), false),
            tracking("EJ123456789JP")
        );
        assert_eq!(read(Some("再注文"), false), memo("再注文"));
        assert_eq!(
            read(Some("123456789012発送済"), false),
            memo("123456789012発送済")
        );
        assert_eq!(
            read(Some("123456789012"), true),
            memo("123456789012"),
            "a number on a cancelled shipment is a memo"
        );
        assert_eq!(read(Some("  "), false), Slip::None);
        assert_eq!(read(None, false), Slip::None);
        assert_eq!(
            memo("再注文").into_parts(),
            (None, Some("再注文".to_string()))
        );
    }
}
