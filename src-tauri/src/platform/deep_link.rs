//! `juchu://oauth/<mall>?…`: a mall's OAuth redirect coming back to the app
//! (tauri-plugin-deep-link, scheme `juchu` in tauri.conf.json).
//!
//! - **Linux**: registered at run time, the first time a wizard needs it
//!   (`register_all` writes `~/.local/share/applications/juchu-handler.desktop`
//!   and calls `xdg-mime`); the `.deb` also declares it (`linux/juchu.desktop`,
//!   `MimeType=x-scheme-handler/juchu`, `Exec=… %u`). The link arrives as the
//!   only argument: on a cold start through `get_current`, while running
//!   through single-instance. *Verified here*: the deep-link notes in
//!   ../shared/notes/tauri-on-debian.md §7 and the BASE end-to-end test.
//! - **Windows**: registered at run time too (`register_all` writes
//!   `HKCU\Software\Classes\juchu`, no admin rights) and by the installers;
//!   arrives as the argument, like Linux. *Compiled on the hosted runner
//!   (ci.yml, windows-latest), not run there or here.*
//! - **macOS**: registered by the installed `.app` (`CFBundleURLTypes` in its
//!   Info.plist, written by the bundler from the same config); cannot be
//!   registered at run time; arrives as an open-URL event (`on_open_url`).
//!   *Compiled on the hosted runner (ci.yml, macos-latest), not run there or
//!   here.*

use juchu_core::UiError;
use tauri::{App, AppHandle};
use tauri_plugin_deep_link::DeepLinkExt;

/// Starts listening for links, and handles the one Juchu was started with.
pub fn setup(app: &App) {
    let handle = app.handle().clone();
    app.deep_link().on_open_url(move |event| {
        handle_urls(&handle, event.urls().iter().map(|u| u.to_string()));
    });
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        handle_urls(app.handle(), urls.iter().map(|u| u.to_string()));
    }
}

/// Arguments of a second launch (single-instance): the link, if any.
pub fn handle(app: &AppHandle, args: Vec<String>) {
    handle_urls(app, args.into_iter());
}

fn handle_urls(app: &AppHandle, urls: impl Iterator<Item = String>) {
    for url in urls.filter(|u| u.starts_with("juchu://oauth/")) {
        let app = app.clone();
        tauri::async_runtime::spawn(
            async move { crate::auth_flow::handle_redirect(&app, &url).await },
        );
    }
}

/// Makes sure the system sends `juchu://` to Juchu before a wizard sends the
/// merchant to the mall. `fallback` is what to tell the merchant to use
/// instead when that is impossible.
pub fn ensure_registered(app: &AppHandle, fallback: &str) -> Result<(), UiError> {
    #[cfg(any(target_os = "linux", target_os = "windows"))]
    {
        let dl = app.deep_link();
        if dl.is_registered("juchu").unwrap_or(false) {
            return Ok(());
        }
        dl.register_all().map_err(|e| UiError {
            code: "DEEP_LINK_UNAVAILABLE".into(),
            message: format!(
                "このパソコンでは juchu:// のリンクを登録できませんでした。ショップの設定で戻り先を「127.0.0.1（ループバック）」に変え、モールに登録したコールバックURLも {fallback} に変更してください。"
            ),
            detail: Some(e.to_string()),
        })?;
    }
    #[cfg(target_os = "macos")]
    let _ = (app, fallback);
    Ok(())
}
