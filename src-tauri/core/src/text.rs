//! Text folding shared by search and validation.

use unicode_normalization::UnicodeNormalization;

/// NFKC: full-width letters and digits become half-width, half-width kana
/// become full-width. What a merchant types and what a mall sends then compare equal.
pub fn fold_width(s: &str) -> String {
    s.nfkc().collect()
}

/// The form in which text is indexed and searched: width-folded, lower-case,
/// with spaces, hyphens and punctuation removed, so that `090-1234-5678`,
/// `09012345678` and `山田 太郎` / `山田太郎` match each other.
pub fn search_form(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
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
    }
}
