//! Connecting a shop in the window (モール詳細設定 → 接続): for a mall
//! authorized in the browser (BASE's アクセスキーを取得する) it opens the
//! system browser, then takes the mall's redirect from whichever way it
//! comes back — a `juchu://oauth/<mall>?…` deep link (a cold start or a
//! second instance hands it over), the loopback receiver on 127.0.0.1, or a
//! URL the merchant pasted — and reports the end as an
//! `AuthorizationFinished` event. A mall connected by keys only runs its
//! 接続テスト. Which way a mall connects is juchu-core's registry.

use std::time::Duration;

use juchu_core::connect::ConnectStep;
use juchu_core::malls::loopback;
use juchu_core::{CoreError, UiError};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::events::{changed, AuthorizationFinished};
use crate::state::AppState;

/// How long a loopback receiver waits for the merchant to approve.
const LOOPBACK_WAIT: Duration = Duration::from_secs(10 * 60);

/// The loopback コールバックURL to register at the mall (fixed port).
pub fn loopback_redirect(mall: juchu_core::domain::Mall) -> String {
    loopback::redirect_uri(mall, loopback::REGISTERED_PORT)
}

/// Opens a web page in the system browser, or with the command in
/// `JUCHU_BROWSER` when set (kiosk setups, and the end-to-end tests, where
/// a script plays the merchant's click).
pub fn open_in_browser(app: &AppHandle, url: &str) -> Result<(), UiError> {
    use tauri_plugin_opener::OpenerExt;
    let opened = match std::env::var("JUCHU_BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
    {
        Some(browser) => std::process::Command::new(browser)
            .arg(url)
            .spawn()
            .map(drop)
            .map_err(|e| e.to_string()),
        None => app
            .opener()
            .open_url(url, None::<&str>)
            .map_err(|e| e.to_string()),
    };
    opened.map_err(|e| UiError {
        code: "BROWSER_NOT_OPENED".into(),
        message: format!(
            "ブラウザを開けませんでした。次の URL をブラウザのアドレス欄に貼り付けて開いてください: {url}"
        ),
        detail: Some(e),
    })
}

fn finished(app: &AppHandle, shop_id: i64, result: &Result<(), CoreError>) {
    let event = match result {
        Ok(()) => AuthorizationFinished {
            shop_id,
            ok: true,
            code: None,
            message: "アクセスキーを取得しました。".into(),
        },
        Err(e) => AuthorizationFinished {
            shop_id,
            ok: false,
            code: Some(e.code().into()),
            message: e.to_string(),
        },
    };
    let _ = event.emit(app);
    changed(app, "authorization");
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_focus();
    }
}

/// Connects a shop: a browser authorization is started (the end arrives as
/// an `AuthorizationFinished` event), a key-only shop is tested.
pub async fn connect(app: &AppHandle, shop_id: i64) -> Result<(), UiError> {
    let state = app.state::<AppState>();
    let juchu = state.juchu()?;
    match juchu.connect_shop(shop_id).await? {
        ConnectStep::Tested => Ok(()),
        ConnectStep::Browser { url, loopback } => {
            if loopback.is_none() {
                crate::platform::deep_link::ensure_registered(
                    app,
                    &loopback_redirect(juchu_core::domain::Mall::Base),
                )?;
            }
            if let Some(receiver) = loopback {
                let app2 = app.clone();
                tauri::async_runtime::spawn(async move {
                    match receiver.wait(LOOPBACK_WAIT).await {
                        Ok(redirected) => handle_redirect(&app2, &redirected).await,
                        Err(e) => finished(&app2, shop_id, &Err(e.into())),
                    }
                });
            }
            open_in_browser(app, &url)
        }
    }
}

/// The merchant pasted the address the mall redirected to.
pub async fn finish_pasted(app: &AppHandle, shop_id: i64, url: &str) -> Result<(), UiError> {
    let state = app.state::<AppState>();
    let result = state.juchu()?.finish_pasted(shop_id, url).await;
    finished(app, shop_id, &result);
    Ok(result?)
}

/// A redirect arrived (deep link or loopback): finish the matching authorization.
pub async fn handle_redirect(app: &AppHandle, url: &str) {
    let state = app.state::<AppState>();
    let Ok(juchu) = state.juchu() else { return };
    match juchu.finish_redirect(url).await {
        Some((shop_id, result)) => finished(app, shop_id, &result),
        None => tracing::warn!("an OAuth redirect arrived that no pending authorization expects"),
    }
}
