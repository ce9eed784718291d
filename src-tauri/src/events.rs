//! Events the window listens to.

use juchu_core::progress::Progress;
use juchu_core::sync::SyncReport;
use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_specta::Event;

/// Orders were added or changed: counts and rows should be read again.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct OrdersChanged {
    pub reason: String,
}

/// An authorization (アクセスキー取得) ended, by deep link, loopback or paste.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct AuthorizationFinished {
    pub shop_id: i64,
    pub ok: bool,
    pub code: Option<String>,
    pub message: String,
}

/// A fetch ended (by the button or the 自動取得 schedule).
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct SyncFinished {
    pub reports: Vec<SyncReport>,
}

/// A fetch or an export moved on (pages read, shipments sent).
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct ProgressChanged {
    pub progress: Progress,
}

/// Forwards every fetch's and export's progress to the window.
pub fn forward_progress(app: &AppHandle) {
    use tauri::Manager;
    let handle = app.clone();
    app.state::<crate::state::AppState>()
        .on_progress(std::sync::Arc::new(move |p: &Progress| {
            let _ = (ProgressChanged {
                progress: p.clone(),
            })
            .emit(&handle);
        }));
}

pub fn changed(app: &AppHandle, reason: &str) {
    if let Err(e) = (OrdersChanged {
        reason: reason.into(),
    })
    .emit(app)
    {
        tracing::warn!("orders-changed not delivered: {e}");
    }
}
