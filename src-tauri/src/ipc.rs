//! The typed IPC surface: one list of commands and events, from which
//! `ui/src/bindings.ts` is generated.

use specta_typescript::Typescript;
use tauri_specta::{collect_commands, collect_events, Builder};

use crate::{commands, events};

pub const BINDINGS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/bindings.ts");

pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::app_info,
            commands::list_orders,
            commands::status_counts,
            commands::get_order,
            commands::move_orders,
            commands::save_shipment,
            commands::list_shops,
        ])
        .events(collect_events![events::OrdersChanged])
        // Order and shop ids are SQLite rowids: far below 2^53.
        .dangerously_cast_bigints_to_number()
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
}
