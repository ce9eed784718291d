//! The shape a typed credential must have, and the Japanese sentence that
//! says what is wrong with it. Each mall names the rule of each of its
//! credentials in its registry line; `shop_form` applies them for the wizard,
//! `juchu-cli shop add` and the tests alike.

use serde::Serialize;
use specta::Type;

use crate::text::fold_width;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldRule {
    /// Anything but blank (a password).
    Any,
    /// Half-width letters, digits and `-_.~+/=` (keys, ids, tokens), one piece,
    /// `min..=max` characters.
    Token { min: u32, max: u32 },
    /// An `https://` address.
    HttpsUrl,
}

/// A typed value as it is kept: width-folded (full-width letters and digits
/// become half-width) and trimmed. Secrets too: a key typed with full-width
/// digits is the same key.
pub fn normalize(value: &str) -> String {
    fold_width(value).trim().to_string()
}

impl FieldRule {
    /// What is wrong with `value` (already [`normalize`]d and not blank) for
    /// the field `label`, or `None`.
    pub fn problem(self, label: &str, value: &str) -> Option<String> {
        match self {
            FieldRule::Any => None,
            FieldRule::Token { min, max } => token_problem(label, value, min, max),
            FieldRule::HttpsUrl => crate::domain::web::https_problem(label, value),
        }
    }
}

fn token_problem(label: &str, value: &str, min: u32, max: u32) -> Option<String> {
    if value.chars().any(char::is_whitespace) {
        return Some(format!(
            "{label}に空白や改行が入っています。コピーし直してください。"
        ));
    }
    if !value.chars().all(is_token_char) {
        return Some(format!(
            "{label}は半角の英数字です。日本語や記号が混ざっていないか確かめて、コピーし直してください。"
        ));
    }
    let len = value.chars().count() as u32;
    if len < min || len > max {
        let range = if min == max {
            format!("{min}文字")
        } else {
            format!("{min}〜{max}文字")
        };
        return Some(format!(
            "{label}の長さが違います（いまは{len}文字、正しくは{range}）。全体をコピーできているか確かめてください。"
        ));
    }
    None
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.~+/=".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: FieldRule = FieldRule::Token { min: 8, max: 64 };

    #[test]
    fn tokens_are_half_width_in_one_piece_of_the_right_length() {
        assert_eq!(ID.problem("client_id", "0123456789abcdef"), None);
        let spaced = ID.problem("client_id", "0123 4567").unwrap();
        assert!(spaced.contains("空白"), "{spaced}");
        let japanese = ID.problem("client_id", "クライアントID12345").unwrap();
        assert!(japanese.contains("半角"), "{japanese}");
        let short = ID.problem("client_id", "abc").unwrap();
        assert!(
            short.contains("いまは3文字") && short.contains("8〜64文字"),
            "{short}"
        );
    }

    #[test]
    fn full_width_digits_and_letters_are_folded_before_the_check() {
        let typed = normalize("　０１２３４５６７ａｂｃｄ ");
        assert_eq!(typed, "01234567abcd");
        assert_eq!(ID.problem("client_id", &typed), None);
    }

    #[test]
    fn urls_must_be_https() {
        let rule = FieldRule::HttpsUrl;
        assert_eq!(
            rule.problem("エンドポイント", "https://api.example.jp/graphql"),
            None
        );
        assert!(rule
            .problem("エンドポイント", "http://api.example.jp")
            .is_some());
        assert!(rule.problem("エンドポイント", "api.example.jp").is_some());
        assert_eq!(FieldRule::Any.problem("パスワード", "p a ss"), None);
    }
}
