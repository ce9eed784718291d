//! The app's own updates: 「新しいバージョン … があります。今すぐ更新しますか？」.
//! The window asks; nothing installs without the merchant's click, and
//! never while a 発送情報の更新 sends (core holds every shop's export lock).

use juchu_core::UiError;
use tauri::{AppHandle, State};

use super::AppState;
use crate::updater::{self, UpdateOffer};

/// Looks for a newer version. `None` when there is none, and also when the
/// update server cannot be reached (offline, or no release yet): that is
/// logged, never shown.
#[tauri::command]
#[specta::specta]
pub async fn update_check(app: AppHandle) -> Result<Option<UpdateOffer>, UiError> {
    Ok(updater::check(&app).await)
}

/// Downloads and installs the offered version, then restarts Juchu.
/// Refused (`EXPORT_RUNNING`) while a 発送情報の更新 is sending.
#[tauri::command]
#[specta::specta]
pub async fn update_install(app: AppHandle, state: State<'_, AppState>) -> Result<(), UiError> {
    // No data folder open means no export can run: nothing to hold then.
    let held = match state.juchu() {
        Ok(juchu) => Some(juchu.hold_exports()?),
        Err(_) => None,
    };
    updater::install(&app).await?;
    drop(held);
    app.restart()
}
