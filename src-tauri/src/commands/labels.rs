//! 送り状データ出力 and 発行済データ取込: a few lines over `juchu_core::labels`.
//!
//! The window cannot write or read files itself (no file plugin): the export
//! writes to the path the merchant typed, or by default to the data folder's
//! `送り状` subfolder, and returns the paths; the import takes the file's
//! name and bytes (read in the window from an `<input type="file">`).

use std::path::{Path, PathBuf};

use juchu_core::labels::{
    ApplyOptions, ApplyReport, ImportPreview, LabelCatalog, LabelError, LabelFormat, LabelPlan,
    LabelSelection, LabelSettings, LabelSettingsCheck, WriteOptions,
};
use juchu_core::UiError;
use tauri::{AppHandle, State};

use super::AppState;
use crate::events::changed;

/// What 送り状データ出力 wrote: the check it wrote from and the files.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct LabelWritten {
    pub plan: LabelPlan,
    /// Full paths, in order (クリックポスト: one file per 40 rows).
    pub paths: Vec<String>,
    pub rows: u32,
}

/// The check before writing: rows, blocked shipments, cells to fix or accept.
#[tauri::command]
#[specta::specta]
pub fn label_plan(
    state: State<'_, AppState>,
    format: LabelFormat,
    selection: LabelSelection,
) -> Result<LabelPlan, UiError> {
    Ok(state.juchu()?.label_plan(format, &selection)?)
}

/// Writes the file(s) to `path`, or to `<data folder>/送り状/<format>-<time>.csv`.
#[tauri::command]
#[specta::specta]
pub fn label_write(
    state: State<'_, AppState>,
    format: LabelFormat,
    selection: LabelSelection,
    opts: WriteOptions,
    path: Option<String>,
) -> Result<LabelWritten, UiError> {
    let j = state.juchu()?;
    let (plan, files) = j.label_write(format, &selection, opts)?;
    let out = match path.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()) {
        Some(p) => PathBuf::from(p),
        None => {
            let stamp = juchu_core::time::jst(juchu_core::time::now_unix()).format("%Y%m%d-%H%M%S");
            PathBuf::from(j.app_info().data_dir)
                .join("送り状")
                .join(format!("{}-{stamp}.csv", format.code()))
        }
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    }
    let mut paths = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let p = if files.len() == 1 {
            out.clone()
        } else {
            let stem = out.file_stem().unwrap_or_default().to_string_lossy();
            let ext = out
                .extension()
                .map_or(String::new(), |e| format!(".{}", e.to_string_lossy()));
            out.with_file_name(format!("{stem}-{:02}{ext}", i + 1))
        };
        std::fs::write(&p, &f.bytes).map_err(|e| io(&p, e))?;
        paths.push(p.display().to_string());
    }
    let rows = files.iter().map(|f| f.rows as u32).sum();
    Ok(LabelWritten { plan, paths, rows })
}

fn io(path: &Path, e: std::io::Error) -> UiError {
    LabelError::Io {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
    .into()
}

#[tauri::command]
#[specta::specta]
pub fn label_settings(state: State<'_, AppState>, shop_id: i64) -> Result<LabelSettings, UiError> {
    Ok(state.juchu()?.label_settings(shop_id)?)
}

#[tauri::command]
#[specta::specta]
pub fn set_label_settings(
    state: State<'_, AppState>,
    shop_id: i64,
    settings: LabelSettings,
) -> Result<(), UiError> {
    Ok(state.juchu()?.set_label_settings(shop_id, &settings)?)
}

/// 送り状設定's check of settings not saved yet, and the row they would write.
#[tauri::command]
#[specta::specta]
pub fn check_label_settings(
    state: State<'_, AppState>,
    shop_id: i64,
    format: LabelFormat,
    settings: LabelSettings,
) -> Result<LabelSettingsCheck, UiError> {
    Ok(state
        .juchu()?
        .check_label_settings(shop_id, format, &settings)?)
}

/// The formats, services and time slots 送り状設定 offers.
#[tauri::command]
#[specta::specta]
pub fn label_catalog() -> LabelCatalog {
    juchu_core::labels::sample::catalog()
}

/// 発行済データ取込's preview of a file (its bytes); changes nothing.
#[tauri::command]
#[specta::specta]
pub fn label_import_preview(
    state: State<'_, AppState>,
    file_name: String,
    bytes: Vec<u8>,
) -> Result<ImportPreview, UiError> {
    Ok(state.juchu()?.label_import_preview(&file_name, &bytes)?)
}

#[tauri::command]
#[specta::specta]
pub fn label_import_apply(
    app: AppHandle,
    state: State<'_, AppState>,
    file_name: String,
    bytes: Vec<u8>,
    opts: ApplyOptions,
) -> Result<ApplyReport, UiError> {
    let report = state
        .juchu()?
        .label_import_apply(&file_name, &bytes, &opts)?;
    changed(&app, "labels");
    Ok(report)
}
