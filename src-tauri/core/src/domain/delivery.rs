//! How the buyer asked for a shipment to come: the shop's shipping method
//! as the mall names it, and the delivery date and time slot wished. The
//! label export maps the method to a carrier service and the time to the
//! carrier's slot code (`labels::rules`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::text::fold_width;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct DeliveryWish {
    /// The shipping method (BASE `shipping_method`: 「ゆうパケット」…).
    pub method: Option<String>,
    /// The delivery date wished, YYYY-MM-DD.
    pub date: Option<String>,
    /// The time slot wished, as the mall writes it (午前中, 14時～16時, 1416…).
    pub time: Option<String>,
}

impl DeliveryWish {
    /// From the mall's texts: blanks and the malls' "unset" marks (`--`) are
    /// none, a date in any of the forms malls write is YYYY-MM-DD, and a date
    /// that cannot be read is dropped rather than guessed.
    pub fn from_mall(method: Option<&str>, date: Option<&str>, time: Option<&str>) -> DeliveryWish {
        DeliveryWish {
            method: given(method),
            date: given(date)
                .and_then(|d| read_date(&d))
                .map(|d| d.format("%Y-%m-%d").to_string()),
            time: given(time),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.method.is_none() && self.date.is_none() && self.time.is_none()
    }

    /// A shipment's own wish, each part it leaves open taken from the
    /// order's (a destination with its own date still goes by the order's
    /// shipping method).
    pub fn or(&self, order: &DeliveryWish) -> DeliveryWish {
        DeliveryWish {
            method: self.method.clone().or_else(|| order.method.clone()),
            date: self.date.clone().or_else(|| order.date.clone()),
            time: self.time.clone().or_else(|| order.time.clone()),
        }
    }
}

/// What a mall wrote, unless it is one of the ways malls write "nothing
/// wished": blank, dashes (MakeShop `--`), 指定なし / 希望なし / なし.
fn given(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| {
            !t.is_empty()
                && !t.chars().all(|c| matches!(c, '-' | '－' | 'ー'))
                && !matches!(
                    *t,
                    "指定なし" | "希望なし" | "なし" | "指定無し" | "希望無し"
                )
        })
        .map(str::to_string)
}

/// A date as merchants type it and malls write it: 2026-11-23, 2026/11/23 or
/// 20261123 (full-width too), optionally followed by a time; years 2000–2100.
pub fn read_date(text: &str) -> Option<NaiveDate> {
    let t = fold_width(text.trim());
    let day = t.split([' ', 'T']).next().unwrap_or("");
    ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(day, f).ok())
        .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_malls_forms_of_a_wish_are_read_and_unset_marks_are_none() {
        let w = DeliveryWish::from_mall(Some(" ゆうパケット "), Some("2026/12/05"), Some("午前中"));
        assert_eq!(w.method.as_deref(), Some("ゆうパケット"));
        assert_eq!(w.date.as_deref(), Some("2026-12-05"));
        assert_eq!(w.time.as_deref(), Some("午前中"));
        for date in [
            "2026-12-05",
            "20261205",
            "２０２６－１２－０５",
            "2026-12-05 00:00:00",
        ] {
            assert_eq!(
                DeliveryWish::from_mall(None, Some(date), None)
                    .date
                    .as_deref(),
                Some("2026-12-05"),
                "{date}"
            );
        }
        let order = DeliveryWish::from_mall(Some("宅急便"), Some("2026-12-05"), Some("午前中"));
        let own = DeliveryWish::from_mall(None, Some("2026-12-07"), None);
        assert_eq!(
            own.or(&order),
            DeliveryWish::from_mall(Some("宅急便"), Some("2026-12-07"), Some("午前中"))
        );
        assert_eq!(DeliveryWish::default().or(&order), order);
        for unset in ["指定なし", "希望なし", " なし "] {
            assert!(DeliveryWish::from_mall(Some(unset), Some(unset), Some(unset)).is_empty());
        }
        let none = DeliveryWish::from_mall(Some(""), Some("--"), Some("  "));
        assert!(none.is_empty());
        assert_eq!(
            DeliveryWish::from_mall(None, Some("12月5日"), None).date,
            None
        );
        assert_eq!(read_date("1999-01-01"), None);
    }
}
