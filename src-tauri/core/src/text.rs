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
/// `09012345678` and `山田 太郎` / `山田太郎` match each other; hiragana as
/// katakana (やまだ / ヤマダ) and the variant kanji of names as their common
/// form (𠮷田 / 吉田, 髙橋 / 高橋: [`common_kanji`]).
pub fn search_form(s: &str) -> String {
    fn keep(chars: impl Iterator<Item = char>) -> String {
        chars
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .map(|c| common_kanji(hiragana_as_katakana(c)))
            .collect()
    }
    if already_folded(s) {
        keep(s.chars())
    } else {
        keep(s.nfkc())
    }
}

/// ぁ..ゖ and ゝゞ as their katakana (the block is 0x60 apart).
fn hiragana_as_katakana(c: char) -> char {
    match c {
        '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}' => {
            char::from_u32(c as u32 + 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

/// The variant kanji (異体字) that names are registered with at one mall and
/// typed with at another, as the common form a merchant types. NFKC already
/// folds the compatibility ideographs that have a decomposition; these have
/// none (or are separate characters), so they are listed.
pub fn common_kanji(c: char) -> char {
    match c {
        '𠮷' => '吉',
        '髙' => '高',
        '﨑' | '嵜' => '崎',
        '德' => '徳',
        '濵' | '濱' => '浜',
        '邉' | '邊' => '辺',
        '齋' | '齊' => '斎',
        '澤' => '沢',
        '嶋' | '嶌' => '島',
        '冨' => '富',
        '眞' => '真',
        '櫻' => '桜',
        '廣' => '広',
        '國' => '国',
        '榮' => '栄',
        '槇' => '槙',
        '瀨' => '瀬',
        '曻' => '昇',
        '鷗' => '鴎',
        _ => c,
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
        assert_eq!(search_form("髙橋 𠮷男"), "高橋吉男");
        assert_eq!(fold_width("㈱ＡＢＣ"), "(株)ABC");
        assert_eq!(fold_width("山田 太郎"), "山田 太郎");
    }

    #[test]
    fn variant_kanji_and_kana_of_names_fold_together() {
        assert_eq!(search_form("𠮷田"), search_form("吉田"));
        assert_eq!(search_form("髙橋 美咲"), search_form("高橋美咲"));
        assert_eq!(search_form("山﨑"), search_form("山崎"));
        assert_eq!(search_form("渡邉"), search_form("渡辺"));
        assert_eq!(search_form("齋藤"), search_form("斎藤"));
        assert_eq!(search_form("やまだ たろう"), search_form("ヤマダ タロウ"));
        assert_eq!(search_form("ﾔﾏﾀﾞ"), search_form("やまだ"));
        // Kanji that only look alike stay apart.
        assert_ne!(search_form("土"), search_form("士"));
    }
}
