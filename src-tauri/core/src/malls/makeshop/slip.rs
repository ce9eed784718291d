//! A delivery's `slipNumber`, which shops also use as a free memo
//! (makeshop.md "Seen in production": 再注文, a number followed by 発送済,
//! numbers on cancelled orders). Only a value that passes a carrier's
//! tracking-number rule, on a delivery that is not cancelled, is a 伝票番号
//! (a returned one keeps the number it went out with); anything else is the shop's memo, kept and shown, never
//! sent back as a tracking number.

use super::uncertain;
use crate::domain::Carrier;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slip {
    /// A tracking number, in the form malls accept.
    Tracking(String),
    /// The shop's memo, as MakeShop has it.
    Memo(String),
    None,
}

/// What a delivery's `slipNumber` is, given its `deliveryStatus` letter.
pub fn read(slip: Option<&str>, delivery_status: &str) -> Slip {
    let Some(value) = slip.map(str::trim).filter(|s| !s.is_empty()) else {
        return Slip::None;
    };
    if delivery_status == uncertain::CANCELLED {
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
    fn only_a_tracking_number_on_a_live_delivery_is_one() {
        assert_eq!(
            read(Some("1234-5678-9012"), "Y"),
            Slip::Tracking("123456789012".into())
        );
        assert_eq!(
            read(Some("EJ123456789JP"), "N"),
            Slip::Tracking("EJ123456789JP".into())
        );
        assert_eq!(read(Some("再注文"), "N"), Slip::Memo("再注文".into()));
        assert_eq!(
            read(Some("123456789012発送済"), "Y"),
            Slip::Memo("123456789012発送済".into())
        );
        assert_eq!(
            read(Some("123456789012"), "C"),
            Slip::Memo("123456789012".into()),
            "a number on a cancelled delivery is a memo"
        );
        assert_eq!(
            read(Some("123456789012"), "R"),
            Slip::Tracking("123456789012".into())
        );
        assert_eq!(read(Some("  "), "N"), Slip::None);
        assert_eq!(read(None, "N"), Slip::None);
    }
}
