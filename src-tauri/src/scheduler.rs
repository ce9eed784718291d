//! 自動取得: every minute, fetch the shops whose interval has passed, and
//! tell the window.

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
    let due = match juchu.shops_due() {
        Ok(d) => d,
        Err(e) => {
            tracing::warn!(code = e.code(), "自動取得: shops not read");
            return;
        }
    };
    let mut reports = Vec::new();
    for shop in due {
        match juchu.sync(Some(shop.id)).await {
            Ok(r) => reports.extend(r),
            Err(e) => tracing::warn!(code = e.code(), shop = shop.id, "自動取得 failed"),
        }
    }
    if !reports.is_empty() {
        let _ = (SyncFinished { reports }).emit(app);
        changed(app, "auto-sync");
    }
}
