//! The Juchu desktop shell: opens the data folder, registers the commands,
//! and shows the window. Everything else lives in juchu-core.

pub mod commands;
pub mod events;
pub mod ipc;

use juchu_core::{Juchu, Profile, UiError};
use tauri::Manager;

/// Demo mode: `juchu --demo` or `JUCHU_DEMO=1`. It opens its own data folder.
fn profile() -> Profile {
    let flag = std::env::args().any(|a| a == "--demo");
    let env = std::env::var("JUCHU_DEMO").is_ok_and(|v| v == "1");
    if flag || env {
        Profile::Demo
    } else {
        Profile::Real
    }
}

fn open(profile: Profile) -> Result<Juchu, UiError> {
    let juchu = Juchu::open(profile)?;
    if profile == Profile::Demo {
        juchu.seed_demo_if_empty()?;
    }
    Ok(juchu)
}

pub fn run() {
    tracing_subscriber_init();
    let profile = profile();
    let state = commands::AppState(open(profile));
    if let Err(e) = &state.0 {
        tracing::error!(code = %e.code, "data folder not opened");
    }
    let ipc = ipc::builder();
    let result = tauri::Builder::default()
        // Must be first: a second launch (or a juchu:// link) is handed to the running window.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .manage(state)
        .invoke_handler(ipc.invoke_handler())
        .setup(move |app| {
            ipc.mount_events(app);
            if profile == Profile::Demo {
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.set_title("Juchu 受注管理（デモ）");
                }
            }
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Juchu を起動できませんでした: {e}");
        std::process::exit(1);
    }
}

fn tracing_subscriber_init() {
    // Logs go to stderr; they never contain secrets (secrets never leave juchu-core's keyring module).
}
