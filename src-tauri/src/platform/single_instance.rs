//! One Juchu per user: a second launch (or a `juchu://` link opened while
//! Juchu runs) is handed to the running window, which comes forward.
//!
//! - **Linux**: tauri-plugin-single-instance owns the D-Bus name
//!   `jp.juchu.desktop.SingleInstance` on the session bus; a second process
//!   forwards its arguments there and exits. Without a session bus it logs a
//!   warning and Juchu starts normally. *Verified here*: the deep-link notes
//!   (second instance under one `dbus-run-session` exits at once, the first
//!   receives the link) and the end-to-end suite, which runs the window.
//! - **Windows**: the plugin's named mutex and a hidden message window
//!   (`WM_COPYDATA`) carry the arguments; the deep link arrives the same way,
//!   because Windows starts `juchu.exe "juchu://…"` for a link. *Compiled on
//!   the hosted runner (ci.yml, windows-latest), not run there or here.*
//! - **macOS**: LaunchServices opens a running `.app` instead of a second
//!   copy and delivers links as open-URL events (see `deep_link`); the plugin
//!   covers a copy started from a terminal. *Compiled on the hosted runner
//!   (ci.yml, macos-latest), not run there or here.*

use tauri::{plugin::TauriPlugin, Wry};

/// The plugin, with what the running window does with a second launch.
/// Must be the first plugin registered.
pub fn plugin() -> TauriPlugin<Wry> {
    tauri_plugin_single_instance::init(|app, argv, _cwd| {
        // The window may be hidden in the tray.
        crate::tray::show_window(app);
        super::deep_link::handle(app, argv.into_iter().skip(1).collect());
    })
}
