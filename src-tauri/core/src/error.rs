//! The one error the window and `juchu-cli` show: a stable code to branch on
//! and a Japanese message that says what to do next. Each layer has its own
//! typed error (`domain::DomainError`, `store::StoreError`,
//! `secrets::SecretsError`, `malls::MallError`); this module only composes
//! them, at the top, for the use cases of `Juchu`.

use std::path::PathBuf;

pub use crate::domain::DomainError;
pub use crate::malls::error::MallError;
pub use crate::paths::PathsError;
pub use crate::secrets::SecretsError;
pub use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error(transparent)]
    Store(#[from] StoreError),

    #[error(transparent)]
    Domain(#[from] DomainError),

    #[error(transparent)]
    Paths(#[from] PathsError),

    #[error(transparent)]
    Secrets(#[from] SecretsError),

    #[error(transparent)]
    Mall(#[from] MallError),

    #[error(transparent)]
    Labels(#[from] crate::labels::LabelError),

    #[error("注文番号「{0}」の注文が見つかりません。`juchu-cli orders --search {0}` で番号を確かめてください。")]
    OrderNumberNotFound(String),

    #[error("注文番号「{0}」は複数のショップにあります。ID で指定してください（`juchu-cli orders --search {0}` で ID がわかります）。")]
    AmbiguousOrderNumber(String),

    #[error("{mall}の認証情報が足りません。{missing}を入力してください。")]
    MissingCredentials { mall: &'static str, missing: String },

    #[error("認証情報は JSON のオブジェクトで入力してください（例: {{\"client_id\": \"…\"}}）。詳細: {0}")]
    CredentialsNotJson(String),

    #[error("受注は JSON の配列で入力してください（1件ずつ Juchu の受注の形で）。詳細: {0}")]
    OrdersNotJson(String),

    #[error("{what}に失敗したものがあります（{count}件）。上の表示で理由を確認してください。")]
    PartlyFailed { what: &'static str, count: usize },

    /// Fields of a shop's setup, each with what is wrong with it.
    #[error("{}", fields_message(.0))]
    Fields(Vec<crate::shop_form::FieldError>),

    #[error("発送情報の更新を実行中のため、アップデートを始められません。送信が終わってから、もう一度「今すぐ更新」を押してください。")]
    ExportRunning,

    #[error("ファイルの読み書きに失敗しました（{path}）。詳細: {detail}")]
    Io { path: PathBuf, detail: String },
}

fn fields_message(errors: &[crate::shop_form::FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.key, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}

impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> CoreError {
        CoreError::Store(StoreError::Db(e))
    }
}

impl CoreError {
    /// Stable error code for the UI boundary and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Store(e) => e.code(),
            CoreError::Domain(e) => e.code(),
            CoreError::Paths(e) => e.code(),
            CoreError::Secrets(e) => e.code(),
            CoreError::Mall(e) => e.code(),
            CoreError::Labels(e) => e.code(),
            CoreError::OrderNumberNotFound(_) => "ORDER_NOT_FOUND",
            CoreError::AmbiguousOrderNumber(_) => "AMBIGUOUS_ORDER_NUMBER",
            CoreError::MissingCredentials { .. } => "MISSING_CREDENTIALS",
            CoreError::CredentialsNotJson(_) => "CREDENTIALS_NOT_JSON",
            CoreError::OrdersNotJson(_) => "ORDERS_NOT_JSON",
            CoreError::PartlyFailed { .. } => "PARTLY_FAILED",
            CoreError::ExportRunning => "EXPORT_RUNNING",
            CoreError::Io { .. } => "IO_ERROR",
            CoreError::Fields(_) => "INVALID_FIELDS",
        }
    }

    /// A setting refused with a reason the merchant can act on.
    pub fn setting(key: &str, reason: impl Into<String>) -> CoreError {
        CoreError::Domain(DomainError::setting(key, reason))
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// An error as the window receives it: a stable code to branch on, the
/// Japanese message to show as it is, and the technical detail (an OS or
/// library message, a mall's error code) for the 「詳細」 toggle and the log.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct UiError {
    pub code: String,
    pub message: String,
    pub detail: Option<String>,
}

impl From<CoreError> for UiError {
    fn from(e: CoreError) -> UiError {
        let (message, detail) = split_detail(&e.to_string());
        UiError {
            code: e.code().to_string(),
            message,
            detail,
        }
    }
}

impl From<crate::labels::LabelError> for UiError {
    fn from(e: crate::labels::LabelError) -> UiError {
        CoreError::from(e).into()
    }
}

/// Where a message's technical part starts: every error that carries an OS,
/// library or mall detail ends with it, after this mark.
pub const DETAIL_MARK: &str = "詳細: ";

/// A message as the merchant reads it (Japanese), and its technical detail.
pub fn split_detail(text: &str) -> (String, Option<String>) {
    match text.rfind(DETAIL_MARK) {
        Some(at) => {
            let detail = text[at + DETAIL_MARK.len()..].trim();
            let message = text[..at].trim_end();
            (
                message.to_string(),
                (!detail.is_empty()).then(|| detail.to_string()),
            )
        }
        None => (text.to_string(), None),
    }
}

#[cfg(test)]
mod ui_error_tests {
    use super::*;

    #[test]
    fn the_window_gets_japanese_and_the_technical_part_apart() {
        let e = CoreError::Mall(MallError::Network {
            mall: "BASE",
            detail: "Connection refused (os error 111)".into(),
        });
        let ui = UiError::from(e);
        assert_eq!(ui.code, "MALL_NETWORK");
        assert_eq!(
            ui.message,
            "BASEに接続できません。インターネット接続を確認してください。"
        );
        assert_eq!(
            ui.detail.as_deref(),
            Some("Connection refused (os error 111)")
        );
        let refused = UiError::from(CoreError::Mall(MallError::Refused {
            mall: "BASE",
            code: "invalid_request".into(),
            message: "パラメータが不正です。".into(),
        }));
        assert_eq!(
            refused.message,
            "BASEが受け付けませんでした: パラメータが不正です。"
        );
        assert_eq!(refused.detail.as_deref(), Some("invalid_request"));
        let plain = UiError::from(CoreError::OrderNumberNotFound("A-1".into()));
        assert_eq!(plain.detail, None);
        // What a merchant reads has no ASCII sentence left in it.
        for ui in [&ui, &refused] {
            assert!(!ui.message.contains("os error") && !ui.message.contains("invalid_request"));
        }
    }

    #[test]
    fn label_errors_keep_their_code_and_japanese() {
        let ui = UiError::from(crate::labels::LabelError::ShipmentsBlocked { count: 2 });
        assert_eq!(ui.code, "LABEL_SHIPMENTS_BLOCKED");
        assert!(ui.message.contains("出力できない発送が2件"));
        let csv = UiError::from(crate::labels::LabelError::Csv("bad record".into()));
        assert_eq!(csv.code, "LABEL_CSV");
        assert_eq!(csv.detail.as_deref(), Some("bad record"));
        assert!(!csv.message.contains("bad record"));
    }
}
