//! Settings of the app itself (not of a shop): 「パソコンの起動時に Juchu を開く」.

use juchu_core::UiError;
use tauri::{AppHandle, Manager};
use tauri_plugin_autostart::AutoLaunchManager;

fn autostart(app: &AppHandle) -> Result<tauri::State<'_, AutoLaunchManager>, UiError> {
    app.try_state::<AutoLaunchManager>().ok_or_else(|| UiError {
        code: "AUTOSTART_UNAVAILABLE".into(),
        message: "このパソコンでは、起動時に Juchu を開く設定を使えません。".into(),
        detail: None,
    })
}

/// Whether Juchu opens when the merchant logs in to the computer (off until
/// the merchant turns it on).
#[tauri::command]
#[specta::specta]
pub fn start_at_login(app: AppHandle) -> Result<bool, UiError> {
    autostart(&app)?.is_enabled().map_err(|e| UiError {
        code: "AUTOSTART_UNREADABLE".into(),
        message: "起動時に Juchu を開く設定を読み取れませんでした。".into(),
        detail: Some(e.to_string()),
    })
}

/// Turns 「パソコンの起動時に Juchu を開く」 on or off.
#[tauri::command]
#[specta::specta]
pub fn set_start_at_login(app: AppHandle, on: bool) -> Result<(), UiError> {
    let manager = autostart(&app)?;
    let done = if on {
        manager.enable()
    } else {
        manager.disable()
    };
    done.map_err(|e| UiError {
        code: "AUTOSTART_NOT_CHANGED".into(),
        message: if on {
            "起動時に Juchu を開くように設定できませんでした。もう一度試すか、OS の設定（スタートアップ / ログイン項目）で Juchu を追加してください。".into()
        } else {
            "起動時に Juchu を開く設定を解除できませんでした。もう一度試すか、OS の設定（スタートアップ / ログイン項目）で Juchu を外してください。".into()
        },
        detail: Some(e.to_string()),
    })
}
