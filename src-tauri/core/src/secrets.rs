//! Secrets (client secrets, OAuth tokens, API keys, passwords) in the OS
//! credential store, and nowhere else: Windows Credential Manager, macOS
//! Keychain, and on Linux the Secret Service (GNOME Keyring, KWallet) or,
//! where none runs, the kernel's keyutils session keyring.
//!
//! Entries are named `<install id>/shop-<id>/<key>` under the service
//! `jp.juchu.app`, so that the demo, tests and the real data never share one.

use std::sync::OnceLock;

use keyring::Entry;

pub(crate) const SERVICE: &str = "jp.juchu.app";

#[derive(Debug, Clone, thiserror::Error)]
pub enum SecretsError {
    #[error(
        "認証情報を安全に保存できる場所（OS のキーリング）が使えません。{hint} 詳細: {detail}"
    )]
    NoUsableStore { hint: &'static str, detail: String },
    #[error("キーリングがロックされています。ログインし直すか、キーリングのロックを解除してからもう一度お試しください。")]
    Locked,
    #[error("キーリングの操作に失敗しました。もう一度お試しください。詳細: {0}")]
    Platform(String),
}

impl SecretsError {
    pub fn code(&self) -> &'static str {
        match self {
            SecretsError::NoUsableStore { .. } => "KEYRING_UNAVAILABLE",
            SecretsError::Locked => "KEYRING_LOCKED",
            SecretsError::Platform(_) => "KEYRING_ERROR",
        }
    }
}

static STORE: OnceLock<Result<&'static str, SecretsError>> = OnceLock::new();

/// Picks the platform store once per process and proves it works
/// (`platform::keyring`: the three platforms side by side).
/// Returns the store's name (for the about screen and logs).
pub fn store() -> Result<&'static str, SecretsError> {
    STORE
        .get_or_init(crate::platform::keyring::select_store)
        .clone()
}

fn map(e: keyring::Error) -> SecretsError {
    match e {
        keyring::Error::NoStorageAccess(_) => SecretsError::Locked,
        other => SecretsError::Platform(other.to_string()),
    }
}

/// The secrets of one database (see the module docs for the naming).
#[derive(Debug, Clone)]
pub struct Secrets {
    install_id: String,
}

impl Secrets {
    pub fn new(install_id: &str) -> Secrets {
        Secrets {
            install_id: install_id.to_string(),
        }
    }

    fn entry(&self, shop_id: i64, key: &str) -> Result<Entry, SecretsError> {
        store()?;
        Entry::new(
            SERVICE,
            &format!("{}/shop-{shop_id}/{key}", self.install_id),
        )
        .map_err(map)
    }

    pub fn set(&self, shop_id: i64, key: &str, value: &str) -> Result<(), SecretsError> {
        self.entry(shop_id, key)?.set_password(value).map_err(map)
    }

    pub fn get(&self, shop_id: i64, key: &str) -> Result<Option<String>, SecretsError> {
        match self.entry(shop_id, key)?.get_password() {
            Ok(v) => Ok(Some(v)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map(e)),
        }
    }

    pub fn is_set(&self, shop_id: i64, key: &str) -> Result<bool, SecretsError> {
        Ok(self.get(shop_id, key)?.is_some())
    }

    pub fn delete(&self, shop_id: i64, key: &str) -> Result<(), SecretsError> {
        match self.entry(shop_id, key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map(e)),
        }
    }
}

/// These tests use the real platform store. On Linux run them inside
/// `keyctl session - …` or under `dbus-run-session` with an unlocked
/// gnome-keyring (the README's test command does the former).
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_in_the_real_store() {
        let name = store().expect("a usable keyring: run tests inside `keyctl session -`");
        assert!(!name.is_empty());
        let s = Secrets::new(&uuid::Uuid::new_v4().to_string());
        assert_eq!(s.get(1, "client_secret").unwrap(), None);
        s.set(1, "client_secret", "秘密-value").unwrap();
        assert_eq!(
            s.get(1, "client_secret").unwrap().as_deref(),
            Some("秘密-value")
        );
        assert!(s.is_set(1, "client_secret").unwrap());
        // Another database's entries are separate.
        let other = Secrets::new(&uuid::Uuid::new_v4().to_string());
        assert_eq!(other.get(1, "client_secret").unwrap(), None);
        s.set(1, "client_secret", "rotated").unwrap();
        assert_eq!(
            s.get(1, "client_secret").unwrap().as_deref(),
            Some("rotated")
        );
        s.delete(1, "client_secret").unwrap();
        assert_eq!(s.get(1, "client_secret").unwrap(), None);
        s.delete(1, "client_secret").unwrap();
    }
}
