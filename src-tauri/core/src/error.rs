//! Typed errors of juchu-core. `Display` is the Japanese message a merchant
//! reads (it says what to do next); `code()` is the stable code the UI and
//! scripts branch on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("データベースファイルを開けません（{path}）。フォルダが存在し、書き込みできるか確認してください。詳細: {detail}")]
    DbCannotOpen { path: PathBuf, detail: String },

    #[error("データベース（{path}）は新しいバージョンの Juchu で作成されています（形式 {found}、この Juchu は {supported} まで）。データを守るため開きません。Juchu を最新版に更新してください。")]
    DbTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("データベースが別のプログラムで使用中です。Juchu が二重に起動していないか確認し、しばらくしてからもう一度お試しください。")]
    DbLocked,

    #[error("データベース（{path}）が壊れているため読み込めません。Juchu を再起動すると、壊れたファイルは別名で保管され、新しいデータベースで始まります。")]
    DbCorrupt { path: PathBuf },

    #[error("壊れたデータベース（{path}）を別名で保管できませんでした。ファイルを別の場所へ移してから Juchu を起動してください。詳細: {detail}")]
    DbSetAsideFailed { path: PathBuf, detail: String },

    #[error("{path} は{found}用のデータフォルダです。{expected}のデータと混ざらないよう、このフォルダは開きません。")]
    DbProfileMismatch {
        path: PathBuf,
        found: &'static str,
        expected: &'static str,
    },

    #[error("データベースの処理に失敗しました。もう一度お試しください。続く場合はサポートへご連絡ください。詳細: {0}")]
    Db(#[from] rusqlite::Error),

    #[error("データベースの更新（マイグレーション）に失敗しました。詳細: {0}")]
    Migration(String),

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

    #[error("注文（ID {0}）が見つかりません。一覧を更新してからもう一度お試しください。")]
    OrderNotFound(i64),

    #[error("注文番号「{0}」の注文が見つかりません。`juchu-cli orders --search {0}` で番号を確かめてください。")]
    OrderNumberNotFound(String),

    #[error("注文番号「{0}」は複数のショップにあります。ID で指定してください（`juchu-cli orders --search {0}` で ID がわかります）。")]
    AmbiguousOrderNumber(String),

    #[error("ショップ（ID {0}）が見つかりません。`juchu-cli shops` で ID を確認してください。")]
    ShopNotFound(i64),

    #[error("ステータス「{0}」はありません。新規受付・発送前入金待ち・発送待ち・発送後入金待ち・処理済・保留・キャンセルのどれかを指定してください。")]
    UnknownStatus(String),

    #[error("モール「{0}」には対応していません。base・qoo10・bcart・makeshop・shopserve のどれかを指定してください。")]
    UnknownMall(String),

    #[error("配送会社「{0}」はありません。ヤマト運輸・佐川急便・日本郵便・西濃運輸・福山通運・名鉄運輸・トナミ運輸・その他のどれかを指定してください。")]
    UnknownCarrier(String),

    #[error("{mall}の認証情報が足りません。{missing}を入力してください。")]
    MissingCredentials { mall: &'static str, missing: String },

    #[error("認証情報は JSON のオブジェクトで入力してください（例: {{\"client_id\": \"…\"}}）。詳細: {0}")]
    CredentialsNotJson(String),

    #[error("設定「{key}」の値が正しくありません: {reason}")]
    InvalidSetting { key: String, reason: String },

    #[error("同じ名前のショップ「{0}」がすでにあります。別の名前（例: 2号店）を付けてください。")]
    DuplicateShopName(String),

    #[error(transparent)]
    Secrets(#[from] crate::secrets::SecretsError),

    #[error(transparent)]
    Mall(#[from] crate::malls::MallError),

    #[error("{what}に失敗したものがあります（{count}件）。上の表示で理由を確認してください。")]
    PartlyFailed { what: &'static str, count: usize },

    #[error("ファイルの読み書きに失敗しました（{path}）。詳細: {detail}")]
    Io { path: PathBuf, detail: String },
}

impl CoreError {
    /// Stable error code for the UI boundary and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::DbCannotOpen { .. } => "DB_CANNOT_OPEN",
            CoreError::DbTooNew { .. } => "DB_TOO_NEW",
            CoreError::DbLocked => "DB_LOCKED",
            CoreError::DbCorrupt { .. } => "DB_CORRUPT",
            CoreError::DbSetAsideFailed { .. } => "DB_SET_ASIDE_FAILED",
            CoreError::DbProfileMismatch { .. } => "DB_PROFILE_MISMATCH",
            CoreError::Db(_) => "DB_ERROR",
            CoreError::Migration(_) => "DB_MIGRATION",
            CoreError::InvalidTracking { .. } => "INVALID_TRACKING",
            CoreError::InvalidDate { .. } => "INVALID_DATE",
            CoreError::CarrierRequired => "CARRIER_REQUIRED",
            CoreError::OrderNotFound(_) | CoreError::OrderNumberNotFound(_) => "ORDER_NOT_FOUND",
            CoreError::AmbiguousOrderNumber(_) => "AMBIGUOUS_ORDER_NUMBER",
            CoreError::ShopNotFound(_) => "SHOP_NOT_FOUND",
            CoreError::UnknownStatus(_) => "UNKNOWN_STATUS",
            CoreError::UnknownMall(_) => "UNKNOWN_MALL",
            CoreError::UnknownCarrier(_) => "UNKNOWN_CARRIER",
            CoreError::MissingCredentials { .. } => "MISSING_CREDENTIALS",
            CoreError::CredentialsNotJson(_) => "CREDENTIALS_NOT_JSON",
            CoreError::InvalidSetting { .. } => "INVALID_SETTING",
            CoreError::DuplicateShopName(_) => "DUPLICATE_SHOP_NAME",
            CoreError::Secrets(e) => e.code(),
            CoreError::Mall(e) => e.code(),
            CoreError::PartlyFailed { .. } => "PARTLY_FAILED",
            CoreError::Io { .. } => "IO_ERROR",
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// An error as the window receives it: a stable code to branch on and the
/// Japanese message to show as it is.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct UiError {
    pub code: String,
    pub message: String,
}

impl From<CoreError> for UiError {
    fn from(e: CoreError) -> UiError {
        UiError {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}
