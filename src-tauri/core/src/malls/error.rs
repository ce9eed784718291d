//! What can go wrong talking to a mall, in words a merchant can act on.
//! Every variant names the mall (`mall` is its label, e.g. "BASE"); where the
//! remedy depends on how the mall is connected (BASE: 「アクセスキーを取得する」,
//! a key-only mall: re-enter the key), the mall's client supplies it as `fix`.

/// Every variant names the mall (`mall` is its label, e.g. "BASE").
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MallError {
    #[error("{mall}と接続できていません。{fix}")]
    NotAuthorized {
        mall: &'static str,
        fix: &'static str,
    },

    #[error("{mall}が認証情報を受け付けませんでした。{fix} 詳細: {detail}")]
    Unauthorized {
        mall: &'static str,
        detail: String,
        fix: &'static str,
    },

    #[error("{mall}の認可の有効期限が切れました。{fix}")]
    RefreshExpired {
        mall: &'static str,
        fix: &'static str,
    },

    #[error("{mall}が接続用の ID またはキーを受け付けませんでした。{fix} 詳細: {detail}")]
    BadClient {
        mall: &'static str,
        detail: String,
        fix: &'static str,
    },

    #[error("{mall}で連携が許可されませんでした。{fix}")]
    AccessDenied {
        mall: &'static str,
        fix: &'static str,
    },

    #[error("{mall}のトークンに「{scope}」の権限（スコープ）がありません。{fix}")]
    MissingScope {
        mall: &'static str,
        scope: String,
        fix: &'static str,
    },

    #[error("認可の応答が Juchu の送った依頼と一致しません（state が違います）。安全のため中止しました。もう一度モール詳細設定から接続をやり直してください。")]
    StateMismatch,

    #[error("{mall}の認証情報が足りません。{missing}を入力してください。")]
    MissingCredentials { mall: &'static str, missing: String },

    #[error("{mall}の設定「{key}」が正しくありません: {reason}")]
    BadSetting {
        mall: &'static str,
        key: String,
        reason: String,
    },

    #[error("{mall}の API 利用上限に達しました（{limit}）。{resume}")]
    RateLimited {
        mall: &'static str,
        limit: String,
        resume: String,
        /// UNIX seconds at which calls may resume, when known.
        retry_at: Option<i64>,
    },

    #[error("{mall}はメンテナンス中です。終わり次第、自動取得で再開します。")]
    Maintenance { mall: &'static str },

    #[error("{mall}のサーバーが一時的にエラーを返しています（HTTP {status}）。しばらくしてからもう一度お試しください。")]
    Server { mall: &'static str, status: u16 },

    #[error("{mall}の応答がありません（タイムアウト）。インターネット接続を確認し、しばらくしてからもう一度お試しください。")]
    Timeout { mall: &'static str },

    #[error("{mall}に接続できません。インターネット接続を確認してください。 詳細: {detail}")]
    Network { mall: &'static str, detail: String },

    #[error("{mall}から想定外の応答が返りました。しばらくしてからもう一度お試しください。続く場合はサポートへご連絡ください。 詳細: {detail}")]
    Malformed { mall: &'static str, detail: String },

    /// The mall understood the request and said no (e.g. BASE `not_change_status`).
    #[error("{mall}が受け付けませんでした: {message} 詳細: {code}")]
    Refused {
        mall: &'static str,
        code: String,
        message: String,
    },

    /// The OS keyring holding the mall's tokens could not be read or written
    /// (`message` is the `SecretsError`'s own Japanese text, `code` its code).
    #[error("{mall}の認証情報を読み書きできませんでした。{message}")]
    Keyring {
        mall: &'static str,
        code: &'static str,
        message: String,
    },
}

impl MallError {
    /// A keyring failure while talking to `mall`.
    pub fn keyring(mall: &'static str, e: crate::secrets::SecretsError) -> MallError {
        MallError::Keyring {
            mall,
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl MallError {
    pub fn code(&self) -> &'static str {
        match self {
            MallError::NotAuthorized { .. } => "MALL_NOT_AUTHORIZED",
            MallError::Unauthorized { .. } => "MALL_UNAUTHORIZED",
            MallError::RefreshExpired { .. } => "MALL_REFRESH_EXPIRED",
            MallError::BadClient { .. } => "MALL_BAD_CLIENT",
            MallError::AccessDenied { .. } | MallError::MissingScope { .. } => "MALL_ACCESS_DENIED",
            MallError::StateMismatch => "OAUTH_STATE_MISMATCH",
            MallError::MissingCredentials { .. } => "MISSING_CREDENTIALS",
            MallError::BadSetting { .. } => "INVALID_SETTING",
            MallError::RateLimited { .. } => "MALL_RATE_LIMITED",
            MallError::Maintenance { .. } => "MALL_MAINTENANCE",
            MallError::Server { .. } => "MALL_SERVER_ERROR",
            MallError::Timeout { .. } => "MALL_TIMEOUT",
            MallError::Network { .. } => "MALL_NETWORK",
            MallError::Malformed { .. } => "MALL_MALFORMED",
            MallError::Refused { .. } => "MALL_REFUSED",
            MallError::Keyring { code, .. } => code,
        }
    }

    /// The merchant must authorize again before anything else works (認証エラー).
    pub fn needs_reauthorization(&self) -> bool {
        matches!(
            self,
            MallError::NotAuthorized { .. }
                | MallError::Unauthorized { .. }
                | MallError::RefreshExpired { .. }
                | MallError::BadClient { .. }
        )
    }

    /// Worth trying again later without the merchant doing anything.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            MallError::RateLimited { .. }
                | MallError::Maintenance { .. }
                | MallError::Server { .. }
                | MallError::Timeout { .. }
                | MallError::Network { .. }
                | MallError::Malformed { .. }
        )
    }
}
