//! 「パソコンの起動時に Juchu を開く」 (off until the merchant ticks it on
//! モール詳細設定; tauri-plugin-autostart, which uses the auto-launch crate).
//!
//! - **Linux**: a `.desktop` file in `~/.config/autostart` (XDG autostart).
//!   *Verified here*: the checkbox's component test and the end-to-end suite
//!   (the window reads the setting through the plugin).
//! - **Windows**: `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`
//!   (per user, no admin rights). *Compiled on the hosted runner (ci.yml,
//!   windows-latest), not run there or here.*
//! - **macOS**: a LaunchAgent plist in `~/Library/LaunchAgents` (works
//!   without the Login Items API's approval prompt). *Compiled on the hosted
//!   runner (ci.yml, macos-latest), not run there or here.*

use tauri::{plugin::TauriPlugin, Wry};

#[cfg(any(target_os = "linux", target_os = "windows"))]
pub fn plugin() -> TauriPlugin<Wry> {
    tauri_plugin_autostart::Builder::new().build()
}

#[cfg(target_os = "macos")]
pub fn plugin() -> TauriPlugin<Wry> {
    tauri_plugin_autostart::Builder::new()
        // The plugin's default, written out: no AppleScript permission prompt.
        .macos_launcher(tauri_plugin_autostart::MacosLauncher::LaunchAgent)
        .build()
}
