//! Which OS credential store holds the secrets (`secrets::store` picks it
//! once per process and proves it answers). keyring 3.6's features per
//! platform are in juchu-core's Cargo.toml.

use keyring::Entry;

use crate::secrets::{SecretsError, SERVICE};

/// Linux: the Secret Service (GNOME Keyring, KWallet) when it answers, else
/// the kernel's keyutils session keyring (a desktop without a Secret
/// Service, a server, CI). *Verified here*: `secrets`' round-trip test
/// inside `keyctl session -` (keyutils; what scripts/test.sh runs), and
/// Secret Service with gnome-keyring unlocked under dbus-run-session
/// (../shared/notes/tauri-on-debian.md §6).
#[cfg(target_os = "linux")]
pub(crate) fn select_store() -> Result<&'static str, SecretsError> {
    keyring::set_default_credential_builder(keyring::secret_service::default_credential_builder());
    let ss = probe_read();
    if ss.is_ok() {
        return Ok("Secret Service");
    }
    keyring::set_default_credential_builder(keyring::keyutils::default_credential_builder());
    match probe_write() {
        Ok(()) => Ok("keyutils"),
        Err(ku) => Err(SecretsError::NoUsableStore {
            hint: HINT,
            detail: format!(
                "Secret Service: {}; keyutils: {}",
                ss.err().map(|e| e.to_string()).unwrap_or_default(),
                ku
            ),
        }),
    }
}
#[cfg(target_os = "linux")]
const HINT: &str = "GNOME キーリング（gnome-keyring）か KWallet を起動してロックを解除するか、ログインし直してからもう一度お試しください。";

/// Windows: Credential Manager (generic credentials of the user). *Run only
/// on the hosted runner* (ci.yml, windows-latest: `secrets`' round-trip test
/// against the real Credential Manager), not verified here.
#[cfg(target_os = "windows")]
pub(crate) fn select_store() -> Result<&'static str, SecretsError> {
    probe_read().map_err(|e| SecretsError::NoUsableStore {
        hint: HINT,
        detail: e.to_string(),
    })?;
    Ok("Credential Manager")
}
#[cfg(target_os = "windows")]
const HINT: &str = "Windows の資格情報マネージャーが使えるか確認してください。";

/// macOS: the login Keychain. *Run only on the hosted runner* (ci.yml,
/// macos-latest: `secrets`' round-trip test against the runner's login
/// keychain), not verified here.
#[cfg(target_os = "macos")]
pub(crate) fn select_store() -> Result<&'static str, SecretsError> {
    probe_read().map_err(|e| SecretsError::NoUsableStore {
        hint: HINT,
        detail: e.to_string(),
    })?;
    Ok("Keychain")
}
#[cfg(target_os = "macos")]
const HINT: &str =
    "キーチェーンアクセスでログインキーチェーンのロックを解除してからもう一度お試しください。";

/// A store that can say "no such entry" is a store that answers.
fn probe_read() -> Result<(), keyring::Error> {
    match Entry::new(SERVICE, "probe/read")?.get_password() {
        Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e),
    }
}

/// keyutils answers reads without a session keyring; only a write proves it.
/// The entry is this process's own: with one shared name, two processes
/// probing at once (the app and juchu-cli, or tests side by side) deleted
/// each other's probe and one of them saw `NoEntry` and refused to start
/// (CI, crash_kill).
#[cfg(target_os = "linux")]
fn probe_write() -> Result<(), keyring::Error> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let e = Entry::new(SERVICE, &format!("probe/write/{}-{n}", std::process::id()))?;
    e.set_password("probe")?;
    match e.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(err) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    /// The store each platform is expected to pick (the round trip itself
    /// is `secrets`' test). Through `secrets::store`, which picks once: a
    /// second pick would switch the default store under the other tests.
    #[test]
    fn the_platform_store_is_the_expected_one() {
        let name =
            crate::secrets::store().expect("a usable keyring: run tests inside `keyctl session -`");
        #[cfg(target_os = "linux")]
        assert!(["Secret Service", "keyutils"].contains(&name), "{name}");
        #[cfg(target_os = "windows")]
        assert_eq!(name, "Credential Manager");
        #[cfg(target_os = "macos")]
        assert_eq!(name, "Keychain");
    }

    /// Probes running at once never see each other's entry (two processes
    /// probing at the same moment made one of them fail to start).
    #[cfg(target_os = "linux")]
    #[test]
    fn probes_at_the_same_time_all_succeed() {
        let name = crate::secrets::store().expect("a usable keyring");
        if name != "keyutils" {
            return;
        }
        let probes: Vec<_> = (0..8)
            .map(|_| std::thread::spawn(|| (0..20).try_for_each(|_| super::probe_write())))
            .collect();
        for p in probes {
            p.join().expect("probe thread").expect("probe");
        }
    }
}
