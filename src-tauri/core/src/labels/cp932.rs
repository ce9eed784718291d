//! CP932 (Windows-31J) as the carriers' label software reads it: a strict
//! encoder that never writes the lossy `&#NNNN;` references, the reference's
//! normalisations (carriers.md §5.1), each offered to the merchant before it
//! is applied, and the per-cell check (what cannot be encoded, what is too
//! long in bytes, what a column's kind refuses).

use encoding_rs::SHIFT_JIS;
use serde::Serialize;
use specta::Type;
use unicode_normalization::UnicodeNormalization;

use crate::text::{common_kanji, fold_width};

/// Encodes strictly: the bytes, or every character CP932 cannot hold (once each).
pub fn encode(s: &str) -> Result<Vec<u8>, Vec<char>> {
    let (bytes, _, had_unmappable) = SHIFT_JIS.encode(s);
    if !had_unmappable {
        // encoding_rs maps ¥ and ‾ to ASCII bytes; they are caught by `Fix`
        // before a value gets here.
        return Ok(bytes.into_owned());
    }
    let mut bad = Vec::new();
    for c in s.chars() {
        let mut buf = [0u8; 4];
        let (_, _, unmappable) = SHIFT_JIS.encode(c.encode_utf8(&mut buf));
        if unmappable && !bad.contains(&c) {
            bad.push(c);
        }
    }
    Err(bad)
}

/// Decodes CP932 strictly: `None` when the bytes are not CP932.
pub fn decode(bytes: &[u8]) -> Option<String> {
    SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

/// The CP932 length of a value (full-width 2, half-width and half-width kana 1).
pub fn byte_len(s: &str) -> Option<usize> {
    encode(s).ok().map(|b| b.len())
}

/// A normalisation of the reference: a character that CP932 cannot hold, or
/// holds as something else, replaced by the one the label software prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Fix {
    /// 〜 (U+301C, macOS and iOS input) → ～ (U+FF5E).
    WaveDash,
    /// — (U+2014) → ― (U+2015).
    EmDash,
    /// ‖ (U+2016) → ∥ (U+2225).
    DoubleVerticalLine,
    /// ¢ £ ¬ → ￠ ￡ ￢.
    CentPoundNot,
    /// ¥ → ￥ (CP932 would write a backslash).
    Yen,
    /// ‾ → ￣ (CP932 would write a tilde).
    Overline,
    /// NBSP and the other Unicode spaces → a space.
    UnicodeSpace,
    /// A line break or a tab inside a field is removed.
    LineBreak,
    /// A variant kanji CP932 has no code for (𠮷, 鷗) → its common form (吉,
    /// 鴎), the pairs of `text::common_kanji`. Offered like the others: the
    /// label then prints the name as most systems in Japan print it.
    VariantKanji,
}

impl Fix {
    pub const ALL: [Fix; 9] = [
        Fix::WaveDash,
        Fix::EmDash,
        Fix::DoubleVerticalLine,
        Fix::CentPoundNot,
        Fix::Yen,
        Fix::Overline,
        Fix::UnicodeSpace,
        Fix::LineBreak,
        Fix::VariantKanji,
    ];

    /// What the merchant reads in the check.
    pub fn label(self) -> &'static str {
        match self {
            Fix::WaveDash => "〜（波ダッシュ）を ～ に置き換え",
            Fix::EmDash => "—（ダッシュ）を ― に置き換え",
            Fix::DoubleVerticalLine => "‖ を ∥ に置き換え",
            Fix::CentPoundNot => "¢ £ ¬ を全角の ￠ ￡ ￢ に置き換え",
            Fix::Yen => "¥ を全角の ￥ に置き換え（そのままでは \\ になります）",
            Fix::Overline => "‾ を全角の ￣ に置き換え（そのままでは ~ になります）",
            Fix::UnicodeSpace => "特殊な空白（ノーブレークスペースなど）を半角スペースに置き換え",
            Fix::LineBreak => "項目内の改行・タブを削除",
            Fix::VariantKanji => "Shift_JIS にない異体字を通常の字に置き換え（𠮷→吉、鷗→鴎 など）",
        }
    }

    /// The replacement of `c` under this fix, if it applies to `c`.
    fn replace(self, c: char) -> Option<Replacement> {
        if self == Fix::VariantKanji {
            let common = common_kanji(c);
            let fits = |c: char| encode(c.encode_utf8(&mut [0u8; 4])).is_ok();
            return (common != c && !fits(c) && fits(common)).then_some(Replacement::Char(common));
        }
        let text = match (self, c) {
            (Fix::WaveDash, '\u{301C}') => Some("～"),
            (Fix::EmDash, '\u{2014}') => Some("―"),
            (Fix::DoubleVerticalLine, '\u{2016}') => Some("∥"),
            (Fix::CentPoundNot, '\u{A2}') => Some("￠"),
            (Fix::CentPoundNot, '\u{A3}') => Some("￡"),
            (Fix::CentPoundNot, '\u{AC}') => Some("￢"),
            (Fix::Yen, '\u{A5}') => Some("￥"),
            (Fix::Overline, '\u{203E}') => Some("￣"),
            (
                Fix::UnicodeSpace,
                '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{FEFF}',
            ) => Some(" "),
            (Fix::LineBreak, '\r' | '\n' | '\t' | '\u{2028}' | '\u{2029}') => Some(""),
            _ => None,
        };
        text.map(Replacement::Text)
    }
}

enum Replacement {
    Text(&'static str),
    Char(char),
}

/// Applies every fix of the reference; returns the value and the fixes used.
pub fn normalise(s: &str) -> (String, Vec<Fix>) {
    let mut out = String::with_capacity(s.len());
    let mut used = Vec::new();
    for c in s.chars() {
        match Fix::ALL.iter().find_map(|f| f.replace(c).map(|r| (*f, r))) {
            Some((f, r)) => {
                match r {
                    Replacement::Text(t) => out.push_str(t),
                    Replacement::Char(c) => out.push(c),
                }
                if !used.contains(&f) {
                    used.push(f);
                }
            }
            None => out.push(c),
        }
    }
    (out, used)
}

/// What a column holds; decides the format's own conversions, which are
/// applied without asking (they are what the format requires).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Any text the label prints.
    Text,
    /// Printed text converted to full-width (e飛伝: 半角は全角に変換).
    FullWidth,
    /// Half-width letters, digits and `-_` (keys, codes).
    Ascii,
    /// Digits only.
    Digits,
    /// A phone number: digits and `-`.
    Phone,
    /// A postcode, written NNN-NNNN.
    Postcode,
    /// Half-width katakana only (B2's カナ columns).
    HalfKana,
}

/// One column of a format: its header, its limit in CP932 bytes (0: must
/// stay empty) and its kind.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub name: &'static str,
    pub max: usize,
    pub kind: Kind,
}

pub const fn col(name: &'static str, max: usize, kind: Kind) -> Col {
    Col { name, max, kind }
}

/// What is wrong with one cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CellProblem {
    /// Characters CP932 has no code for: the merchant must change them.
    Unencodable { chars: String },
    /// Longer than the column allows, in CP932 bytes.
    TooLong { bytes: u32, max: u32 },
    /// Not what the column accepts (e.g. a postcode of 6 digits).
    Invalid { reason: String },
    /// The reference's normalisations would change the value: offered, applied
    /// only once the merchant accepts them.
    Normalise { to: String, fixes: Vec<Fix> },
}

impl CellProblem {
    /// Only a normalisation can be accepted; everything else needs the order fixed.
    pub fn blocks(&self) -> bool {
        !matches!(self, CellProblem::Normalise { .. })
    }

    pub fn message(&self) -> String {
        match self {
            CellProblem::Unencodable { chars } => format!(
                "「{chars}」は送り状ソフトの文字コード（Shift_JIS / CP932）にない文字です。別の文字に直してください。"
            ),
            CellProblem::TooLong { bytes, max } => format!(
                "長すぎます（{bytes}バイト、上限{max}バイト。全角は2バイト、半角は1バイト）。短くしてください。"
            ),
            CellProblem::Invalid { reason } => reason.clone(),
            CellProblem::Normalise { to, fixes } => format!(
                "「{to}」に直して出力します（{}）。",
                fixes.iter().map(|f| f.label()).collect::<Vec<_>>().join("、")
            ),
        }
    }
}

/// A cell after the format's conversion and the reference's normalisations:
/// the value to write and what the merchant must see first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub value: String,
    pub problems: Vec<CellProblem>,
}

/// Converts and checks one cell for its column.
pub fn check_cell(raw: &str, col: &Col) -> Checked {
    let converted = convert(raw, col.kind);
    let (value, fixes) = normalise(&converted);
    let mut problems = Vec::new();
    if !fixes.is_empty() {
        problems.push(CellProblem::Normalise {
            to: value.clone(),
            fixes,
        });
    }
    if let Some(reason) = invalid(&value, col.kind) {
        problems.push(CellProblem::Invalid { reason });
    }
    match encode(&value) {
        Ok(bytes) if bytes.len() > col.max => problems.push(CellProblem::TooLong {
            bytes: bytes.len() as u32,
            max: col.max as u32,
        }),
        Ok(_) => {}
        Err(chars) => problems.push(CellProblem::Unencodable {
            chars: chars.into_iter().collect(),
        }),
    }
    Checked { value, problems }
}

/// The format's own conversion for a kind.
pub fn convert(raw: &str, kind: Kind) -> String {
    let trimmed = raw.trim_matches(|c: char| c.is_whitespace() && c != '\u{3000}');
    match kind {
        Kind::Text => trimmed.to_string(),
        Kind::HalfKana => to_half_kana(trimmed),
        Kind::FullWidth => to_full_width(trimmed),
        Kind::Ascii | Kind::Digits => fold_width(trimmed),
        Kind::Phone => phone(trimmed),
        Kind::Postcode => postcode(trimmed),
    }
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' | 'ー' | 'ｰ'
    )
}

/// Digits and `-`; +81 becomes the leading 0.
pub fn phone(raw: &str) -> String {
    let folded: String = fold_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
        .map(|c| if is_dash(c) { '-' } else { c })
        .collect();
    match folded.strip_prefix("+81") {
        Some(rest) => format!("0{}", rest.trim_start_matches('-')),
        None => folded,
    }
}

/// NNN-NNNN when the value has seven digits; otherwise as typed (and refused).
pub fn postcode(raw: &str) -> String {
    let folded = fold_width(raw);
    let digits: String = folded.chars().filter(char::is_ascii_digit).collect();
    let only_digits_and_dashes = folded
        .trim_start_matches('〒')
        .chars()
        .all(|c| c.is_ascii_digit() || is_dash(c) || c == ' ');
    if digits.len() == 7 && only_digits_and_dashes {
        format!("{}-{}", &digits[..3], &digits[3..])
    } else {
        folded
    }
}

/// A kana column: katakana and hiragana typed full-width become the
/// half-width kana the label software wants (ガ → ｶﾞ, ー → ｰ, space → ' ');
/// anything else stays, for the check to name.
pub fn to_half_kana(s: &str) -> String {
    const FULL: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー・「」。、";
    const HALF: &str = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ･｢｣｡､";
    let table: Vec<(char, char)> = FULL.chars().zip(HALF.chars()).collect();
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        // Hiragana as katakana (ぁ..ゖ → ァ..ヶ).
        let c = match c {
            '\u{3041}'..='\u{3096}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        };
        match c {
            '\u{3099}' => out.push('ﾞ'),
            '\u{309A}' => out.push('ﾟ'),
            '\u{3000}' => out.push(' '),
            _ => match table.iter().find(|(f, _)| *f == c) {
                Some((_, h)) => out.push(*h),
                None => out.push(c),
            },
        }
    }
    out
}

/// e飛伝: half-width letters, digits, symbols, spaces and kana as full-width.
pub fn to_full_width(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut kana = String::new();
    let flush = |kana: &mut String, out: &mut String| {
        if !kana.is_empty() {
            out.extend(kana.nfkc());
            kana.clear();
        }
    };
    for c in s.chars() {
        match c {
            '\u{FF61}'..='\u{FF9F}' => kana.push(c),
            _ => {
                flush(&mut kana, &mut out);
                match c {
                    ' ' => out.push('\u{3000}'),
                    '!'..='~' => out.push(char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)),
                    _ => out.push(c),
                }
            }
        }
    }
    flush(&mut kana, &mut out);
    out
}

fn invalid(value: &str, kind: Kind) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    match kind {
        Kind::Ascii => (!value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' ')))
        .then(|| format!("「{value}」: 半角の英数字で入力してください。")),
        Kind::Digits => (!value.chars().all(|c| c.is_ascii_digit()))
            .then(|| format!("「{value}」: 半角の数字で入力してください。")),
        Kind::Phone => {
            let digits = value.chars().filter(char::is_ascii_digit).count();
            let ok = value.chars().all(|c| c.is_ascii_digit() || c == '-')
                && (10..=11).contains(&digits)
                && value.starts_with('0');
            (!ok).then(|| {
                format!("電話番号「{value}」が正しくありません（0から始まる10桁か11桁の数字）。")
            })
        }
        Kind::Postcode => {
            let ok = value.len() == 8
                && value.as_bytes()[3] == b'-'
                && value.chars().filter(char::is_ascii_digit).count() == 7;
            (!ok).then(|| format!("郵便番号「{value}」が正しくありません（7桁の数字）。"))
        }
        Kind::HalfKana => (!value
            .chars()
            .all(|c| matches!(c, '\u{FF61}'..='\u{FF9F}' | ' ')))
        .then(|| format!("「{value}」: 半角カタカナで入力してください。")),
        Kind::Text | Kind::FullWidth => None,
    }
}

/// Splits a value into at most `lines` pieces of at most `max` CP932 bytes
/// each, on character boundaries, preferring a break after a space. `None`
/// when it does not fit (or cannot be encoded: the check reports that).
pub fn split_lines(s: &str, max: usize, lines: usize) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut rest: &str = s;
    while !rest.is_empty() {
        if out.len() == lines {
            return None;
        }
        let mut end = 0;
        let mut last_space = None;
        let mut used = 0;
        for (i, c) in rest.char_indices() {
            let w = byte_len(&c.to_string())?;
            if used + w > max {
                break;
            }
            used += w;
            end = i + c.len_utf8();
            if c == ' ' || c == '\u{3000}' {
                last_space = Some(end);
            }
        }
        if end < rest.len() {
            if let Some(sp) = last_space.filter(|&sp| sp > 0) {
                end = sp;
            }
        }
        if end == 0 {
            return None;
        }
        let piece = rest[..end].trim_end_matches([' ', '\u{3000}']);
        out.push(piece.to_string());
        rest = rest[end..].trim_start_matches([' ', '\u{3000}']);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_encoding_reports_every_unmappable_character_once() {
        assert_eq!(encode("山田 太郎").unwrap(), b"\x8eR\x93c \x91\xbe\x98Y");
        assert_eq!(encode("ｱ").unwrap(), vec![0xB1]);
        assert_eq!(
            encode("〜と𠮷と〜と😀").unwrap_err(),
            vec!['〜', '𠮷', '😀']
        );
        // NEC / IBM extensions are CP932.
        assert!(encode("①㈱髙﨑").is_ok());
        assert_eq!(byte_len("ﾔﾏﾀﾞ 山田"), Some(9));
        assert_eq!(byte_len("鷗"), None);
    }

    #[test]
    fn decode_round_trips_and_is_strict() {
        let s = "株式会社サンプル　①～∥￠ｱ-";
        assert_eq!(decode(&encode(s).unwrap()).unwrap(), s);
        assert_eq!(decode(&[0x81]), None);
    }

    #[test]
    fn every_normalisation_of_the_reference() {
        let cases: [(&str, &str, Fix); 14] = [
            ("10〜12時", "10～12時", Fix::WaveDash),
            ("A—B", "A―B", Fix::EmDash),
            ("A‖B", "A∥B", Fix::DoubleVerticalLine),
            ("5¢", "5￠", Fix::CentPoundNot),
            ("£3", "￡3", Fix::CentPoundNot),
            ("¬x", "￢x", Fix::CentPoundNot),
            ("¥500", "￥500", Fix::Yen),
            ("a‾b", "a￣b", Fix::Overline),
            ("山田\u{A0}太郎", "山田 太郎", Fix::UnicodeSpace),
            ("A\u{2003}B", "A B", Fix::UnicodeSpace),
            ("1-2\r\n3", "1-23", Fix::LineBreak),
            ("a\tb", "ab", Fix::LineBreak),
            ("𠮷田 花子", "吉田 花子", Fix::VariantKanji),
            ("森鷗外", "森鴎外", Fix::VariantKanji),
        ];
        for (from, to, fix) in cases {
            let (v, used) = normalise(from);
            assert_eq!(v, to, "{from}");
            assert_eq!(used, vec![fix], "{from}");
            assert!(encode(&v).is_ok(), "{v} must encode");
            assert_eq!(encode(&v).map(|b| decode(&b).unwrap()).unwrap(), to);
        }
        for f in Fix::ALL {
            assert!(!f.label().is_empty());
        }
        // Ideographic space and ～ are left as they are, and a variant kanji
        // CP932 has (髙, 﨑: IBM extensions) is printed as the buyer wrote it.
        assert_eq!(normalise("山田　～").1, vec![]);
        assert_eq!(normalise("髙橋 山﨑"), ("髙橋 山﨑".to_string(), vec![]));
    }

    #[test]
    fn cell_check_lists_normalisations_unencodable_and_length() {
        let text = col("お届け先名", 32, Kind::Text);
        let c = check_cell("〜山田", &text);
        assert_eq!(c.value, "～山田");
        assert_eq!(
            c.problems,
            vec![CellProblem::Normalise {
                to: "～山田".into(),
                fixes: vec![Fix::WaveDash]
            }]
        );
        assert!(!c.problems[0].blocks());
        // 𠮷 has a common form to offer; 丂 (not in CP932) has none.
        let c = check_cell("𠮷田 丂外", &text);
        assert_eq!(c.value, "吉田 丂外");
        assert_eq!(
            c.problems,
            vec![
                CellProblem::Normalise {
                    to: "吉田 丂外".into(),
                    fixes: vec![Fix::VariantKanji]
                },
                CellProblem::Unencodable {
                    chars: "丂".into()
                }
            ]
        );
        assert!(c.problems[1].blocks());
        assert!(c.problems[1].message().contains("丂"));
        let c = check_cell(&"山".repeat(17), &text);
        assert_eq!(
            c.problems,
            vec![CellProblem::TooLong { bytes: 34, max: 32 }]
        );
        assert!(check_cell(&"山".repeat(16), &text).problems.is_empty());
        assert!(check_cell(&"a".repeat(32), &text).problems.is_empty());
    }

    #[test]
    fn phones_and_postcodes_are_formatted_then_checked() {
        let tel = col("電話番号", 15, Kind::Phone);
        assert_eq!(
            check_cell("０９０‐１２３４‐５６７８", &tel).value,
            "090-1234-5678"
        );
        assert_eq!(check_cell("+81-90-1234-5678", &tel).value, "090-1234-5678");
        assert_eq!(check_cell("(03)1234-5678", &tel).value, "031234-5678");
        assert!(check_cell("03-1234-5678", &tel).problems.is_empty());
        assert!(check_cell("1234", &tel).problems[0].blocks());
        assert!(check_cell("", &tel).problems.is_empty());
        let zip = col("郵便番号", 8, Kind::Postcode);
        assert_eq!(check_cell("1500001", &zip).value, "150-0001");
        assert_eq!(check_cell("〒１５０－０００１", &zip).value, "150-0001");
        assert!(check_cell("150-001", &zip).problems[0].blocks());
    }

    #[test]
    fn kinds_refuse_what_their_column_cannot_take() {
        let kana = col("お届け先名略称カナ", 50, Kind::HalfKana);
        assert!(check_cell("ﾔﾏﾀﾞ ﾀﾛｳ", &kana).problems.is_empty());
        // Typed full-width (or in hiragana): written half-width, as the software wants.
        let typed = check_cell("ヤマダ　タロウ", &kana);
        assert!(typed.problems.is_empty(), "{:?}", typed.problems);
        assert_eq!(typed.value, "ﾔﾏﾀﾞ ﾀﾛｳ");
        assert_eq!(to_half_kana("がっこう・ヴィラ「パー」"), "ｶﾞｯｺｳ･ｳﾞｨﾗ｢ﾊﾟｰ｣");
        assert!(
            check_cell("山田", &kana).problems[0].blocks(),
            "kanji is not kana"
        );
        let key = col("お客様管理番号", 20, Kind::Ascii);
        assert_eq!(check_cell("ＪＵ１２", &key).value, "JU12");
        assert!(check_cell("注文1", &key).problems[0].blocks());
        let num = col("代引金額", 7, Kind::Digits);
        assert!(check_cell("1,000", &num).problems[0].blocks());
    }

    #[test]
    fn full_width_conversion_for_ehiden() {
        assert_eq!(
            to_full_width("Sample Bldg 101 ｻﾝﾌﾟﾙ"),
            "Ｓａｍｐｌｅ　Ｂｌｄｇ　１０１　サンプル"
        );
        assert_eq!(to_full_width("ｶﾞｷﾞ-1"), "ガギ－１");
        assert_eq!(to_full_width("山田　太郎"), "山田　太郎");
    }

    #[test]
    fn lines_split_on_byte_limits_and_prefer_spaces() {
        assert_eq!(
            split_lines("東京都渋谷区神宮前1-2-3 サンプルマンション101", 32, 3).unwrap(),
            vec!["東京都渋谷区神宮前1-2-3", "サンプルマンション101"]
        );
        let long = "あ".repeat(20);
        assert_eq!(
            split_lines(&long, 32, 3).unwrap(),
            vec!["あ".repeat(16), "あ".repeat(4)]
        );
        assert_eq!(split_lines(&"あ".repeat(50), 32, 3), None);
        assert_eq!(split_lines("", 32, 3).unwrap(), Vec::<String>::new());
    }
}
