//! Japanese names with kana and romaji, including characters outside Shift_JIS
//! (𠮷 is outside the BMP, 髙 and 﨑 are IBM extensions of CP932 but not JIS X 0208).

/// (kanji, katakana, romaji)
pub const FAMILY_NAMES: &[(&str, &str, &str)] = &[
    ("佐藤", "サトウ", "sato"),
    ("鈴木", "スズキ", "suzuki"),
    ("髙橋", "タカハシ", "takahashi"),
    ("田中", "タナカ", "tanaka"),
    ("伊藤", "イトウ", "ito"),
    ("渡邉", "ワタナベ", "watanabe"),
    ("山本", "ヤマモト", "yamamoto"),
    ("中村", "ナカムラ", "nakamura"),
    ("小林", "コバヤシ", "kobayashi"),
    ("加藤", "カトウ", "kato"),
    ("𠮷田", "ヨシダ", "yoshida"),
    ("山田", "ヤマダ", "yamada"),
    ("佐々木", "ササキ", "sasaki"),
    ("山口", "ヤマグチ", "yamaguchi"),
    ("松本", "マツモト", "matsumoto"),
    ("井上", "イノウエ", "inoue"),
    ("木村", "キムラ", "kimura"),
    ("林", "ハヤシ", "hayashi"),
    ("齋藤", "サイトウ", "saito"),
    ("清水", "シミズ", "shimizu"),
    ("宮﨑", "ミヤザキ", "miyazaki"),
    ("比嘉", "ヒガ", "higa"),
];

/// (kanji, katakana, romaji)
pub const GIVEN_NAMES: &[(&str, &str, &str)] = &[
    ("太郎", "タロウ", "taro"),
    ("花子", "ハナコ", "hanako"),
    ("翔太", "ショウタ", "shota"),
    ("陽菜", "ヒナ", "hina"),
    ("蓮", "レン", "ren"),
    ("結衣", "ユイ", "yui"),
    ("大翔", "ヒロト", "hiroto"),
    ("美咲", "ミサキ", "misaki"),
    ("健一", "ケンイチ", "kenichi"),
    ("由美子", "ユミコ", "yumiko"),
    ("悠真", "ユウマ", "yuma"),
    ("さくら", "サクラ", "sakura"),
    ("隆", "タカシ", "takashi"),
    ("恵子", "ケイコ", "keiko"),
    ("はると", "ハルト", "haruto"),
    ("𠮷乃", "ヨシノ", "yoshino"),
];

/// Domains for generated mail addresses (all reserved or clearly fake).
pub const MAIL_DOMAINS: &[&str] = &[
    "example.com",
    "example.jp",
    "example.ne.jp",
    "docomo.example",
    "ezweb.example",
];
