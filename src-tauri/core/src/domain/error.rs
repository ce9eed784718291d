//! What a value typed by the merchant (or read back from the store) can get
//! wrong, whatever the mall. The top-level `CoreError` wraps it.

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DomainError {
    #[error("伝票番号「{input}」は{carrier}の形式ではありません。{carrier}の伝票番号は{rule}です（ハイフンは省略できます）。")]
    InvalidTracking {
        input: String,
        carrier: &'static str,
        rule: String,
    },

    #[error("出荷日「{input}」は日付として読めません。2026-11-23 のように 年-月-日 で入力してください。")]
    InvalidDate { input: String },

    #[error("伝票番号を保存するには配送会社を選んでください。")]
    CarrierRequired,

    #[error("ステータス「{0}」はありません。新規受付・発送前入金待ち・発送待ち・発送後入金待ち・処理済・保留・キャンセルのどれかを指定してください。")]
    UnknownStatus(String),

    #[error("モール「{0}」には対応していません。base・qoo10・bcart・makeshop・shopserve のどれかを指定してください。")]
    UnknownMall(String),

    #[error("配送会社「{0}」はありません。ヤマト運輸・佐川急便・日本郵便・西濃運輸・福山通運・名鉄運輸・トナミ運輸・その他のどれかを指定してください。")]
    UnknownCarrier(String),

    #[error("設定「{key}」の値が正しくありません: {reason}")]
    InvalidSetting { key: String, reason: String },
}

impl DomainError {
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::InvalidTracking { .. } => "INVALID_TRACKING",
            DomainError::InvalidDate { .. } => "INVALID_DATE",
            DomainError::CarrierRequired => "CARRIER_REQUIRED",
            DomainError::UnknownStatus(_) => "UNKNOWN_STATUS",
            DomainError::UnknownMall(_) => "UNKNOWN_MALL",
            DomainError::UnknownCarrier(_) => "UNKNOWN_CARRIER",
            DomainError::InvalidSetting { .. } => "INVALID_SETTING",
        }
    }

    /// A setting refused with a reason the merchant can act on.
    pub fn setting(key: &str, reason: impl Into<String>) -> DomainError {
        DomainError::InvalidSetting {
            key: key.to_string(),
            reason: reason.into(),
        }
    }
}
