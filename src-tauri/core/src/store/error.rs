//! What can go wrong in the local database. The top-level `CoreError`
//! wraps it; the store itself knows nothing of malls or the keyring.

use std::path::PathBuf;

use crate::domain::DomainError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
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

    #[error("注文（ID {0}）が見つかりません。一覧を更新してからもう一度お試しください。")]
    OrderNotFound(i64),

    #[error("ショップ（ID {0}）が見つかりません。`juchu-cli shops` で ID を確認してください。")]
    ShopNotFound(i64),

    #[error("同じ名前のショップ「{0}」がすでにあります。別の名前（例: 2号店）を付けてください。")]
    DuplicateShopName(String),

    #[error(transparent)]
    Domain(#[from] DomainError),
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::DbCannotOpen { .. } => "DB_CANNOT_OPEN",
            StoreError::DbTooNew { .. } => "DB_TOO_NEW",
            StoreError::DbLocked => "DB_LOCKED",
            StoreError::DbCorrupt { .. } => "DB_CORRUPT",
            StoreError::DbSetAsideFailed { .. } => "DB_SET_ASIDE_FAILED",
            StoreError::DbProfileMismatch { .. } => "DB_PROFILE_MISMATCH",
            StoreError::Db(_) => "DB_ERROR",
            StoreError::Migration(_) => "DB_MIGRATION",
            StoreError::OrderNotFound(_) => "ORDER_NOT_FOUND",
            StoreError::ShopNotFound(_) => "SHOP_NOT_FOUND",
            StoreError::DuplicateShopName(_) => "DUPLICATE_SHOP_NAME",
            StoreError::Domain(e) => e.code(),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
