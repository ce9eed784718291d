//! tauri-plugin-updater over the release's `latest.json` (the endpoint and
//! the public key are in tauri.conf.json, `plugins.updater`). The offer found
//! by a check is kept until the merchant says 「今すぐ更新」.

use std::sync::Mutex;
use std::time::Duration;

use juchu_core::UiError;
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Manager};
use tauri_plugin_updater::{Update, UpdaterExt};

/// A newer version, as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct UpdateOffer {
    pub version: String,
    pub current_version: String,
    /// The release notes (the CHANGELOG's entry), if the release has them.
    pub notes: Option<String>,
}

/// The last update found, waiting for the merchant's answer.
#[derive(Default)]
pub struct PendingUpdate(Mutex<Option<Update>>);

/// How long a check may take before it gives up quietly.
const CHECK_TIMEOUT: Duration = Duration::from_secs(30);

/// Asks the update server. Every failure (offline, server unreachable, no
/// release yet, a bad answer) is logged and reads as "no update".
pub async fn check(app: &AppHandle) -> Option<UpdateOffer> {
    let found = match app.updater_builder().timeout(CHECK_TIMEOUT).build() {
        Ok(updater) => updater.check().await,
        Err(e) => Err(e),
    };
    let update = match found {
        Ok(Some(update)) => update,
        Ok(None) => return None,
        Err(e) => {
            tracing::info!("update check skipped: {e}");
            eprintln!("更新の確認はできませんでした（あとでもう一度確認します）: {e}");
            return None;
        }
    };
    let offer = UpdateOffer {
        version: update.version.clone(),
        current_version: update.current_version.clone(),
        notes: update.body.clone().filter(|b| !b.trim().is_empty()),
    };
    if let Some(pending) = app.try_state::<PendingUpdate>() {
        *pending.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(update);
    }
    Some(offer)
}

/// Downloads, verifies (the updater's signature) and installs the update a
/// check found. The caller holds the exports and restarts afterwards.
pub async fn install(app: &AppHandle) -> Result<(), UiError> {
    let update = app
        .try_state::<PendingUpdate>()
        .and_then(|p| p.0.lock().unwrap_or_else(|p| p.into_inner()).clone())
        .ok_or_else(|| UiError {
            code: "UPDATE_NOT_FOUND".into(),
            message: "インストールできる新しいバージョンが見つかりません。しばらくしてからもう一度お試しください。".into(),
            detail: None,
        })?;
    update
        .download_and_install(|_, _| {}, || {})
        .await
        .map_err(|e| UiError {
            code: "UPDATE_FAILED".into(),
            message: "新しいバージョンをインストールできませんでした。今のバージョンのまま使えます。インターネット接続を確認して、あとでもう一度お試しください。".into(),
            detail: Some(e.to_string()),
        })
}
