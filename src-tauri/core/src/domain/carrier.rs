//! Japanese delivery companies (配送会社) and their tracking-number (伝票番号) rules.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::DomainError;
use crate::text::fold_width;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
pub enum Carrier {
    #[serde(rename = "ヤマト運輸")]
    Yamato,
    #[serde(rename = "佐川急便")]
    Sagawa,
    #[serde(rename = "日本郵便")]
    JapanPost,
    #[serde(rename = "西濃運輸")]
    Seino,
    #[serde(rename = "福山通運")]
    Fukuyama,
    #[serde(rename = "名鉄運輸")]
    Meitetsu,
    #[serde(rename = "トナミ運輸")]
    Tonami,
    #[serde(rename = "その他")]
    Other,
}

/// What a carrier's tracking number looks like once hyphens and spaces are removed.
enum Rule {
    /// Digits only, with a length in this inclusive range.
    Digits(usize, usize),
    /// Digits, or the UPU S10 form of international and registered post (AB123456789JP).
    DigitsOrS10(usize, usize),
    /// Letters and digits, up to this many.
    Alnum(usize),
}

impl Carrier {
    pub const ALL: [Carrier; 8] = [
        Carrier::Yamato,
        Carrier::Sagawa,
        Carrier::JapanPost,
        Carrier::Seino,
        Carrier::Fukuyama,
        Carrier::Meitetsu,
        Carrier::Tonami,
        Carrier::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Carrier::Yamato => "ヤマト運輸",
            Carrier::Sagawa => "佐川急便",
            Carrier::JapanPost => "日本郵便",
            Carrier::Seino => "西濃運輸",
            Carrier::Fukuyama => "福山通運",
            Carrier::Meitetsu => "名鉄運輸",
            Carrier::Tonami => "トナミ運輸",
            Carrier::Other => "その他",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Carrier::Yamato => "yamato",
            Carrier::Sagawa => "sagawa",
            Carrier::JapanPost => "japanpost",
            Carrier::Seino => "seino",
            Carrier::Fukuyama => "fukuyama",
            Carrier::Meitetsu => "meitetsu",
            Carrier::Tonami => "tonami",
            Carrier::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Carrier> {
        Carrier::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Accepts the label, the code, and the names merchants commonly type.
    pub fn parse(text: &str) -> Option<Carrier> {
        let t = text.trim();
        if let Some(c) = Carrier::ALL
            .into_iter()
            .find(|c| c.label() == t || c.code().eq_ignore_ascii_case(t))
        {
            return Some(c);
        }
        match t {
            "ヤマト" | "クロネコヤマト" | "ヤマト宅急便" | "宅急便" => {
                Some(Carrier::Yamato)
            }
            "佐川" => Some(Carrier::Sagawa),
            "ゆうパック" | "郵便" | "日本郵政" | "ゆうパケット" => {
                Some(Carrier::JapanPost)
            }
            "西濃" => Some(Carrier::Seino),
            "福山" => Some(Carrier::Fukuyama),
            _ => None,
        }
    }

    // Yamato, Sagawa and Japan Post print 12-digit numbers on their standard
    // slips; Japan Post also uses 11 and 13 digits and S10 for registered and
    // international mail. The rules for the regional carriers are lenient on
    // purpose: their slips vary by depot.
    fn rule(self) -> Rule {
        match self {
            Carrier::Yamato | Carrier::Sagawa => Rule::Digits(12, 12),
            Carrier::JapanPost => Rule::DigitsOrS10(11, 13),
            Carrier::Seino | Carrier::Fukuyama | Carrier::Meitetsu | Carrier::Tonami => {
                Rule::Digits(8, 14)
            }
            Carrier::Other => Rule::Alnum(30),
        }
    }

    fn rule_text(self) -> String {
        match self.rule() {
            Rule::Digits(a, b) if a == b => format!("{a}桁の数字"),
            Rule::Digits(a, b) => format!("{a}〜{b}桁の数字"),
            Rule::DigitsOrS10(a, b) => {
                format!(
                    "{a}〜{b}桁の数字、または英字2文字＋数字9桁＋英字2文字（例: EJ123456789JP）"
                )
            }
            Rule::Alnum(n) => format!("{n}文字までの英数字"),
        }
    }

    /// Checks a tracking number typed by the merchant and returns it in the
    /// form malls accept: half-width letters and digits, without hyphens or spaces.
    pub fn normalize_tracking(self, input: &str) -> Result<String, DomainError> {
        let folded: String = fold_width(input)
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '\u{2010}'..='\u{2015}' | '\u{2212}' | 'ー'))
            .collect::<String>()
            .to_ascii_uppercase();
        let ok = !folded.is_empty()
            && match self.rule() {
                Rule::Digits(a, b) => is_digits(&folded, a, b),
                Rule::DigitsOrS10(a, b) => is_digits(&folded, a, b) || is_s10(&folded),
                Rule::Alnum(n) => {
                    folded.len() <= n && folded.chars().all(|c| c.is_ascii_alphanumeric())
                }
            };
        if ok {
            Ok(folded)
        } else {
            Err(DomainError::InvalidTracking {
                input: input.trim().to_string(),
                carrier: self.label(),
                rule: self.rule_text(),
            })
        }
    }
}

/// What the check digit of a tracking number says (a warning, never a refusal:
/// a number that fails may still be a real one the rule does not cover).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CheckDigit {
    /// The last digit matches.
    Ok,
    /// The last digit does not match: probably a typo or a number damaged by Excel.
    Mismatch,
    /// The carrier or this form of number has no check digit Juchu knows.
    Unchecked,
}

impl Carrier {
    /// Checks the check digit of a tracking number (as typed: hyphens, spaces
    /// and full-width digits are allowed).
    ///
    /// - ヤマト運輸, 佐川急便, 日本郵便 12 digits: 7DR, the last digit is the first
    ///   11 digits, read as one number, modulo 7.
    /// - 日本郵便 11 digits (書留・特定記録): the first 10 digits modulo 7.
    /// - 日本郵便 S10 (EJ123456789JP): the UPU weights 8 6 4 2 3 5 9 7.
    ///
    /// Everything else is `Unchecked`.
    pub fn check_digit(self, input: &str) -> CheckDigit {
        let n: String = fold_width(input)
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '\u{2010}'..='\u{2015}' | '\u{2212}' | 'ー'))
            .collect::<String>()
            .to_ascii_uppercase();
        let verdict = |ok: bool| {
            if ok {
                CheckDigit::Ok
            } else {
                CheckDigit::Mismatch
            }
        };
        match self {
            Carrier::Yamato | Carrier::Sagawa | Carrier::JapanPost if is_digits(&n, 12, 12) => {
                verdict(mod7_ok(&n))
            }
            Carrier::JapanPost if is_digits(&n, 11, 11) => verdict(mod7_ok(&n)),
            Carrier::JapanPost if is_s10(&n) => verdict(s10_ok(&n)),
            _ => CheckDigit::Unchecked,
        }
    }

    /// `check_digit` as a yes/no: `false` only when the digit is known to be wrong.
    pub fn check_digit_ok(self, input: &str) -> bool {
        self.check_digit(input) != CheckDigit::Mismatch
    }

    /// The warning the merchant sees beside a number whose check digit is
    /// wrong (the number is still saved).
    pub fn tracking_warning(self, input: &str) -> Option<String> {
        (self.check_digit(input) == CheckDigit::Mismatch).then(|| {
            format!(
                "伝票番号「{}」は{}の伝票番号のチェックディジット（末尾の1桁）と合いません。打ち間違いがないか、伝票と見比べてください。",
                input.trim(),
                self.label()
            )
        })
    }
}

/// The last digit equals the number formed by the others, modulo 7 (7DR).
fn mod7_ok(digits: &str) -> bool {
    let (body, check) = digits.split_at(digits.len() - 1);
    let rem = body
        .bytes()
        .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 7);
    check.as_bytes()[0] - b'0' == rem as u8
}

/// UPU S10: AA + 8 digits + check digit + AA.
fn s10_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let sum: u32 = b[2..10]
        .iter()
        .zip([8, 6, 4, 2, 3, 5, 9, 7])
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let c = match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        c => c,
    };
    u32::from(b[10] - b'0') == c
}

fn is_digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
}

fn is_s10(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 13
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..11].iter().all(u8::is_ascii_digit)
        && b[11..].iter().all(u8::is_ascii_uppercase)
}

impl std::fmt::Display for Carrier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yamato_needs_twelve_digits_and_hyphens_are_dropped() {
        assert_eq!(
            Carrier::Yamato
                .normalize_tracking("1234-5678-9012")
                .unwrap(),
            "123456789012"
        );
        assert_eq!(
            Carrier::Yamato
                .normalize_tracking("１２３４５６７８９０１２")
                .unwrap(),
            "123456789012"
        );
        let err = Carrier::Yamato.normalize_tracking("12345").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("ヤマト運輸"), "{msg}");
        assert!(msg.contains("12桁"), "{msg}");
        assert_eq!(err.code(), "INVALID_TRACKING");
        assert!(Carrier::Sagawa.normalize_tracking("12345678901A").is_err());
    }

    #[test]
    fn japan_post_accepts_digits_and_s10() {
        assert!(Carrier::JapanPost.normalize_tracking("12345678901").is_ok());
        assert!(Carrier::JapanPost
            .normalize_tracking("1234567890123")
            .is_ok());
        assert_eq!(
            Carrier::JapanPost
                .normalize_tracking("ej123456789jp")
                .unwrap(),
            "EJ123456789JP"
        );
        assert!(Carrier::JapanPost.normalize_tracking("1234567890").is_err());
        assert!(Carrier::JapanPost
            .normalize_tracking("E1123456789JP")
            .is_err());
    }

    #[test]
    fn other_takes_short_alnum_only() {
        assert!(Carrier::Other.normalize_tracking("AB-12").is_ok());
        assert!(Carrier::Other.normalize_tracking("番号").is_err());
        assert!(Carrier::Other.normalize_tracking("").is_err());
    }

    #[test]
    fn seven_dr_check_digit_of_yamato_sagawa_and_japan_post() {
        // Numbers from real labels and the worked example (carriers.md §4).
        for (c, n) in [
            (Carrier::Yamato, "123456789013"),
            (Carrier::Yamato, "389711074012"),
            (Carrier::Yamato, "4444-1375-8703"),
            (Carrier::Sagawa, "512547514334"),
            (Carrier::Sagawa, "444803009836"),
            (Carrier::JapanPost, "405548424886"),
            (Carrier::JapanPost, "193715301010"),
        ] {
            assert_eq!(c.check_digit(n), CheckDigit::Ok, "{c} {n}");
            assert!(c.check_digit_ok(n));
            assert_eq!(c.tracking_warning(n), None);
        }
        // Accepted by the format rule, caught by the check digit.
        assert!(Carrier::Yamato.normalize_tracking("123412341234").is_ok());
        assert_eq!(
            Carrier::Yamato.check_digit("123412341234"),
            CheckDigit::Mismatch
        );
        assert!(!Carrier::Yamato.check_digit_ok("1234-1234-1234"));
        let w = Carrier::Yamato.tracking_warning("123412341234").unwrap();
        assert!(
            w.contains("チェックディジット") && w.contains("ヤマト運輸"),
            "{w}"
        );
        assert_eq!(
            Carrier::Sagawa.check_digit("811029557113"),
            CheckDigit::Mismatch
        );
        // Full-width digits are read as typed.
        assert_eq!(
            Carrier::JapanPost.check_digit("１９３７１５３０１０１０"),
            CheckDigit::Ok
        );
    }

    #[test]
    fn other_forms_and_carriers_are_unchecked_or_checked_by_their_rule() {
        assert_eq!(
            Carrier::Seino.check_digit("123412341234"),
            CheckDigit::Unchecked
        );
        assert_eq!(Carrier::Other.check_digit("ABC"), CheckDigit::Unchecked);
        assert_eq!(Carrier::Yamato.check_digit("12345"), CheckDigit::Unchecked);
        // 書留 11 digits: first 10 mod 7 (1234567890 mod 7 = 3).
        assert_eq!(
            Carrier::JapanPost.check_digit("12345678903"),
            CheckDigit::Ok
        );
        assert_eq!(
            Carrier::JapanPost.check_digit("12345678902"),
            CheckDigit::Mismatch
        );
        // S10: RR473124829GB is the standard's example.
        assert_eq!(
            Carrier::JapanPost.check_digit("RR473124829GB"),
            CheckDigit::Ok
        );
        assert_eq!(
            Carrier::JapanPost.check_digit("RR473124828GB"),
            CheckDigit::Mismatch
        );
        assert!(Carrier::Other.check_digit_ok("anything"));
    }

    #[test]
    fn parse_accepts_common_names() {
        assert_eq!(Carrier::parse("クロネコヤマト"), Some(Carrier::Yamato));
        assert_eq!(Carrier::parse("ゆうパック"), Some(Carrier::JapanPost));
        assert_eq!(Carrier::parse("sagawa"), Some(Carrier::Sagawa));
        assert_eq!(Carrier::parse("DHL"), None);
        for c in Carrier::ALL {
            assert_eq!(Carrier::from_code(c.code()), Some(c));
            assert_eq!(Carrier::parse(c.label()), Some(c));
        }
    }
}
