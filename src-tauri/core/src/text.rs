//! Text folding shared by search and validation.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// NFKC: full-width letters and digits become half-width, half-width kana
/// become full-width. What a merchant types and what a mall sends then compare equal.
pub fn fold_width(s: &str) -> String {
    if already_folded(s) {
        s.to_owned()
    } else {
        s.nfkc().collect()
    }
}

/// Most text is NFKC already; the quick check is far cheaper than normalizing.
fn already_folded(s: &str) -> bool {
    is_nfkc_quick(s.chars()) == IsNormalized::Yes
}

/// The form in which text is indexed and searched: width-folded, lower-case,
/// with spaces, hyphens and punctuation removed, so that `090-1234-5678`,
/// `09012345678` and `山田 太郎` / `山田太郎` match each other.
pub fn search_form(s: &str) -> String {
    fn keep(chars: impl Iterator<Item = char>) -> String {
        chars
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    }
    if already_folded(s) {
        keep(s.chars())
    } else {
        keep(s.nfkc())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_form_folds_width_case_and_punctuation() {
        assert_eq!(search_form("０９０-1234 ５６７８"), "09012345678");
        assert_eq!(search_form("山田　太郎"), "山田太郎");
        assert_eq!(search_form("ABC-x"), "abcx");
        assert_eq!(search_form("ﾔﾏﾀﾞ"), "ヤマダ");
        assert_eq!(search_form("髙橋 𠮷男"), "髙橋𠮷男");
        assert_eq!(fold_width("㈱ＡＢＣ"), "(株)ABC");
        assert_eq!(fold_width("山田 太郎"), "山田 太郎");
    }
}
