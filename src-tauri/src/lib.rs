//! The Juchu desktop shell: opens the data folder, registers the commands,
//! deep links and the 自動取得 schedule, and shows the window. Everything
//! else lives in juchu-core.

pub mod auth_flow;
pub mod commands;
pub mod events;
pub mod ipc;
mod scheduler;
pub mod state;

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

/// `juchu://oauth/<mall>?...` links, from a cold start's arguments or handed
/// over by a second instance.
fn deep_links(app: &tauri::AppHandle, urls: Vec<String>) {
    for url in urls.into_iter().filter(|u| u.starts_with("juchu://oauth/")) {
        let app = app.clone();
        tauri::async_runtime::spawn(async move { auth_flow::handle_redirect(&app, &url).await });
    }
}

pub fn run() {
    let profile = profile();
    let state = state::AppState {
        juchu: open(profile),
    };
    if let Err(e) = &state.juchu {
        eprintln!(
            "データフォルダを開けませんでした [{}]: {}",
            e.code, e.message
        );
    }
    let ipc = ipc::builder();
    let result = tauri::Builder::default()
        // Must be first: a second launch (or a juchu:// link) is handed to the running window.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
            deep_links(app, argv.into_iter().skip(1).collect());
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(ipc.invoke_handler())
        .setup(move |app| {
            ipc.mount_events(app);
            use tauri_plugin_deep_link::DeepLinkExt;
            let handle = app.handle().clone();
            app.deep_link().on_open_url(move |event| {
                deep_links(
                    &handle,
                    event.urls().iter().map(|u| u.to_string()).collect(),
                );
            });
            if let Ok(Some(urls)) = app.deep_link().get_current() {
                deep_links(app.handle(), urls.iter().map(|u| u.to_string()).collect());
            }
            if profile == Profile::Demo {
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.set_title("Juchu 受注管理（デモ）");
                }
            }
            scheduler::start(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Juchu を起動できませんでした: {e}");
        std::process::exit(1);
    }
}
