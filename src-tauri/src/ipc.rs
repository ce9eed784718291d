//! The typed IPC surface: one list of commands and events, from which
//! `ui/src/bindings.ts` is generated, and the mall registry as the window
//! receives it in `AppInfo.malls`, written to `ui/src/preview/malls.json`
//! for the dev preview and the UI tests (so no mall's text is typed twice).

use specta_typescript::Typescript;
use tauri_specta::{collect_commands, collect_events, Builder};

use crate::{commands, events};

pub const BINDINGS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/bindings.ts");

pub const MALLS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/preview/malls.json");

/// `AppInfo.malls` as JSON (what `MALLS_PATH` holds).
pub fn malls_json() -> Result<String, String> {
    serde_json::to_string_pretty(&juchu_core::malls::registry::MallView::all())
        .map(|j| j + "\n")
        .map_err(|e| e.to_string())
}

/// What 送り状設定 offers and a new shop's 送り状 settings, for the preview and
/// the UI tests (the preview's labels.json).
pub const LABELS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/preview/labels.json");

/// `label_catalog` and `LabelSettings::default()` as JSON (what `LABELS_PATH` holds).
pub fn labels_json() -> Result<String, String> {
    let v = serde_json::json!({
        "catalog": juchu_core::labels::sample::catalog(),
        "defaults": juchu_core::labels::LabelSettings::default(),
    });
    serde_json::to_string_pretty(&v)
        .map(|j| j + "\n")
        .map_err(|e| e.to_string())
}

pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::orders::app_info,
            commands::orders::open_demo,
            commands::orders::list_orders,
            commands::orders::status_counts,
            commands::orders::tab_ids,
            commands::orders::get_order,
            commands::orders::move_orders,
            commands::orders::save_shipment,
            commands::orders::tracking_warning,
            commands::orders::set_ship_plan,
            commands::shops::list_shops,
            commands::shops::list_shop_statuses,
            commands::shops::wizard_start,
            commands::shops::check_shop_form,
            commands::shops::save_shop_form,
            commands::shops::remove_shop,
            commands::shops::connect_shop,
            commands::shops::finish_authorization_with_url,
            commands::shops::test_connection,
            commands::shops::open_external,
            commands::sync::sync_now,
            commands::sync::export_preview,
            commands::sync::export_run,
            commands::sync::activity_log,
            commands::app_settings::start_at_login,
            commands::app_settings::set_start_at_login,
            commands::update::update_check,
            commands::update::update_install,
            commands::labels::label_plan,
            commands::labels::label_write,
            commands::labels::label_settings,
            commands::labels::set_label_settings,
            commands::labels::check_label_settings,
            commands::labels::label_catalog,
            commands::labels::label_import_preview,
            commands::labels::label_import_apply,
        ])
        .events(collect_events![
            events::OrdersChanged,
            events::AuthorizationFinished,
            events::SyncFinished,
            events::ProgressChanged
        ])
        // Order and shop ids are SQLite rowids: far below 2^53.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type (not separate input/output shapes).
        .disable_serde_phases()
}

/// Writes the TypeScript bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    builder()
        .export(Typescript::default().header("// Generated from Rust by tauri-specta: do not edit. Regenerate with `cargo run -p juchu --bin export-bindings`.\n/* eslint-disable */"), path)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    /// Fails when ui/src/bindings.ts no longer matches the Rust types.
    #[test]
    fn bindings_are_up_to_date() {
        let dir = std::env::temp_dir().join(format!("juchu-bindings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fresh = dir.join("bindings.ts");
        super::export_bindings(&fresh).unwrap();
        let fresh = std::fs::read_to_string(&fresh).unwrap();
        let committed = std::fs::read_to_string(super::BINDINGS_PATH).unwrap_or_default();
        assert!(
            fresh == committed,
            "ui/src/bindings.ts is stale: run `cargo run -p juchu --bin export-bindings` and commit it"
        );
    }

    /// Fails when ui/src/preview/malls.json no longer matches the registry.
    #[test]
    fn malls_json_is_up_to_date() {
        let committed = std::fs::read_to_string(super::MALLS_PATH).unwrap_or_default();
        assert!(
            super::malls_json().unwrap() == committed,
            "ui/src/preview/malls.json is stale: run `cargo run -p juchu --bin export-bindings` and commit it"
        );
        let committed = std::fs::read_to_string(super::LABELS_PATH).unwrap_or_default();
        assert!(
            super::labels_json().unwrap() == committed,
            "ui/src/preview/labels.json is stale: run `cargo run -p juchu --bin export-bindings` and commit it"
        );
    }
}
