//! 自動取得 and 自動書き出し: every minute, run what is due
//! (`Juchu::run_due`), tell the window (the tray follows its event) and
//! notify what is worth it (`notify`).

use std::time::Duration;

use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::events::{changed, SyncFinished};
use crate::state::AppState;

const TICK: Duration = Duration::from_secs(60);

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(TICK).await;
            run_due(&app).await;
        }
    });
}

async fn run_due(app: &AppHandle) {
    let state = app.state::<AppState>();
    let Ok(juchu) = state.juchu() else { return };
    let run = match juchu.run_due().await {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(code = e.code(), "自動取得 failed");
            return;
        }
    };
    if !run.syncs.is_empty() {
        let _ = (SyncFinished {
            reports: run.syncs.clone(),
        })
        .emit(app);
    }
    if !run.is_empty() {
        changed(app, "auto-sync");
    }
    crate::notify::after_run(app, &run.syncs, &run.exports);
}
