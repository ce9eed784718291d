//! The Juchu desktop shell: opens the data folder, registers the commands,
//! deep links, the 自動取得 schedule, the tray icon, notifications and
//! start at login, and shows the window. Everything else lives in juchu-core.

pub mod auth_flow;
pub mod commands;
#[cfg(feature = "demo-malls")]
mod demo_malls;
pub mod events;
pub mod ipc;
mod notify;
pub mod platform;
mod scheduler;
pub mod state;
mod tray;
pub mod updater;

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

pub(crate) fn open(profile: Profile) -> Result<Juchu, UiError> {
    let juchu = Juchu::open(profile)?;
    if profile == Profile::Demo {
        juchu.seed_demo_if_empty()?;
    }
    Ok(juchu)
}

/// Opens the data folder (migrations included) while the window already
/// shows 「データを準備しています」; the demo's shops connect once it is open.
fn open_in_background(app: tauri::AppHandle, profile: Profile) {
    std::thread::spawn(move || {
        let opened = open(profile);
        if let Err(e) = &opened {
            eprintln!(
                "データフォルダを開けませんでした [{}]: {}",
                e.code, e.message
            );
        }
        app.state::<state::AppState>().opened(opened);
        events::changed(&app, "data-opened");
        // The tray was installed before the folder was open: its status line now.
        tray::refresh(&app);
        if profile == Profile::Demo {
            connect_demo_shops(&app);
        }
    });
}

/// The demo's built-in malls, alive as long as the app.
#[cfg(feature = "demo-malls")]
static BUILTIN_MALLS: std::sync::OnceLock<demo_malls::BuiltinMalls> = std::sync::OnceLock::new();

/// Demo mode: serve the fake malls inside the app (unless the environment
/// already points the clients elsewhere).
pub(crate) fn start_builtin_malls(profile: Profile) {
    #[cfg(feature = "demo-malls")]
    if profile == Profile::Demo && BUILTIN_MALLS.get().is_none() {
        match demo_malls::start() {
            Ok(Some(malls)) => {
                let _ = BUILTIN_MALLS.set(malls);
            }
            Ok(None) => {}
            Err(e) => eprintln!("デモ用のモールを起動できませんでした: {e}"),
        }
    }
    #[cfg(not(feature = "demo-malls"))]
    let _ = profile;
}

/// Demo mode: connect a demo shop to each built-in mall and fetch its
/// orders, in the background (the window opens at once and fills in).
pub(crate) fn connect_demo_shops(app: &tauri::AppHandle) {
    #[cfg(feature = "demo-malls")]
    if let Some(malls) = BUILTIN_MALLS.get() {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            let state = app.state::<state::AppState>();
            let Ok(juchu) = state.juchu() else { return };
            match juchu.connect_demo_shops(&malls.credentials).await {
                Ok(shops) => {
                    for id in shops {
                        if let Err(e) = juchu.sync(Some(id)).await {
                            eprintln!("デモ店の受注取得に失敗しました: {e}");
                        }
                    }
                }
                Err(e) => eprintln!("デモ店を接続できませんでした: {e}"),
            }
            events::changed(&app, "demo-connected");
        });
    }
    #[cfg(not(feature = "demo-malls"))]
    let _ = app;
}

pub fn run() {
    let profile = profile();
    start_builtin_malls(profile);
    // Opened on its own thread once the window is up (`setup` below).
    let state = state::AppState::opening();
    let ipc = ipc::builder();
    let result = tauri::Builder::default()
        // Must be first: a second launch (or a juchu:// link) is handed to the running window.
        .plugin(platform::single_instance::plugin())
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        // Off until the merchant ticks 「パソコンの起動時に Juchu を開く」.
        .plugin(platform::autostart::plugin())
        // Checks only when the window asks; installs only on the merchant's click.
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(updater::PendingUpdate::default())
        .manage(state)
        .invoke_handler(ipc.invoke_handler())
        .on_window_event(tray::on_window_event)
        .setup(move |app| {
            ipc.mount_events(app);
            platform::deep_link::setup(app);
            if profile == Profile::Demo {
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.set_title("Juchu 受注管理（デモ）");
                }
            }
            open_in_background(app.handle().clone(), profile);
            notify::init(app.handle());
            tray::install(app.handle());
            events::forward_progress(app.handle());
            scheduler::start(app.handle().clone());
            Ok(())
        })
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|_app, _event| {
            // macOS: a click on the Dock icon brings back a window hidden in the tray.
            #[cfg(target_os = "macos")]
            if let tauri::RunEvent::Reopen { .. } = _event {
                tray::show_window(_app);
            }
        }),
        Err(e) => {
            eprintln!("Juchu を起動できませんでした: {e}");
            std::process::exit(1);
        }
    }
}
