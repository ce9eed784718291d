//! Buyer remarks and gift messages, with emoji and characters outside Shift_JIS.

/// Buyer notes (備考).
pub const REMARKS: &[&str] = &[
    "午前中の配送を希望します。",
    "𠮷田様へのプレゼントです🎁 ラッピングをお願いします。",
    "髙橋宛の領収書を同梱してください。",
    "①と②は同梱でお願いします。",
    "不在時は宅配ボックスへ📦",
    "のし：御祝（名入れ：𠮷野）",
    "配達前に電話ください。\n日中は仕事で不在です。",
    "ｶﾞｲｺｸｼﾞﾝ ﾉ ｶﾀﾅﾉﾃﾞ ﾛｰﾏｼﾞ ﾃﾞ ｵﾈｶﾞｲｼﾏｽ",
];

/// Gift messages (ギフトメッセージ).
pub const GIFT_MESSAGES: &[&str] = &[
    "お誕生日おめでとう🎂 いつもありがとう！",
    "髙木さんへ　ささやかですが🎁",
    "祝①周年㊗️",
    "Merry Christmas🎄 𠮷より",
];
