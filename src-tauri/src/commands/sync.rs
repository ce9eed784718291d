//! 受注取得, 発送情報の更新 and the 自動処理ログ.

use juchu_core::export::ExportLine;
use juchu_core::store::{LogEntry, LogFilter};
use juchu_core::sync::SyncReport;
use juchu_core::UiError;
use tauri::{AppHandle, State};
use tauri_specta::Event;

use super::AppState;
use crate::events::{changed, SyncFinished};

#[tauri::command]
#[specta::specta]
pub async fn sync_now(
    app: AppHandle,
    state: State<'_, AppState>,
    shop_id: Option<i64>,
) -> Result<Vec<SyncReport>, UiError> {
    let reports = state.juchu()?.sync(shop_id).await?;
    let _ = (SyncFinished {
        reports: reports.clone(),
    })
    .emit(&app);
    changed(&app, "sync");
    Ok(reports)
}

#[tauri::command]
#[specta::specta]
pub async fn export_preview(
    state: State<'_, AppState>,
    shop_id: Option<i64>,
) -> Result<Vec<ExportLine>, UiError> {
    Ok(state.juchu()?.export(shop_id, true).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn export_run(
    app: AppHandle,
    state: State<'_, AppState>,
    shop_id: Option<i64>,
) -> Result<Vec<ExportLine>, UiError> {
    let lines = state.juchu()?.export(shop_id, false).await?;
    changed(&app, "export");
    Ok(lines)
}

/// The 自動処理ログ, newest first, as the screen filters it.
#[tauri::command]
#[specta::specta]
pub async fn activity_log(
    state: State<'_, AppState>,
    filter: LogFilter,
) -> Result<Vec<LogEntry>, UiError> {
    Ok(state.juchu()?.log_entries(&filter)?)
}
