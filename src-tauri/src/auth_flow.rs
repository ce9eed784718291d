//! アクセスキーを取得する (BASE OAuth) in the window: opens the system
//! browser, then takes BASE's redirect from whichever way it comes back — a
//! `juchu://oauth/base?…` deep link (a cold start or a second instance hands
//! it over), the loopback receiver on 127.0.0.1, or a URL the merchant
//! pasted — and reports the end as an `AuthorizationFinished` event.

use std::time::Duration;

use juchu_core::domain::OAuthRedirect;
use juchu_core::oauth::{self, Authorization, Pending};
use juchu_core::{Juchu, UiError};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::commands::AppState;
use crate::events::{changed, AuthorizationFinished};

/// How long a loopback receiver waits for the merchant to approve.
const LOOPBACK_WAIT: Duration = Duration::from_secs(10 * 60);

/// The loopback コールバックURL to register at BASE (fixed port).
pub fn loopback_redirect() -> String {
    oauth::loopback::redirect_uri(oauth::loopback::REGISTERED_PORT)
}

#[derive(Default)]
pub struct AuthFlow {
    pending: Pending,
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
            "ブラウザを開けませんでした。次の URL をブラウザのアドレス欄に貼り付けて開いてください: {url}（{e}）"
        ),
    })
}

fn finished(app: &AppHandle, shop_id: i64, result: &Result<(), juchu_core::CoreError>) {
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

impl AuthFlow {
    /// Starts the flow with the redirect the merchant registered for the shop.
    pub fn begin(&self, app: &AppHandle, juchu: &Juchu, shop_id: i64) -> Result<(), UiError> {
        let shop = juchu
            .shops()?
            .into_iter()
            .find(|s| s.id == shop_id)
            .ok_or_else(|| UiError::from(juchu_core::CoreError::ShopNotFound(shop_id)))?;
        match shop.settings.oauth_redirect {
            OAuthRedirect::DeepLink => {
                ensure_scheme(app)?;
                let auth = juchu.begin_authorization(shop_id, oauth::DEEP_LINK_REDIRECT)?;
                let url = auth.url.clone();
                self.pending.insert(shop_id, auth);
                open_in_browser(app, &url)
            }
            OAuthRedirect::Loopback => {
                let receiver = oauth::loopback::listen_on(oauth::loopback::REGISTERED_PORT)
                    .map_err(|e| UiError::from(juchu_core::CoreError::from(e)))?;
                let auth = juchu.begin_authorization(shop_id, &receiver.redirect_uri)?;
                let url = auth.url.clone();
                self.pending.insert(shop_id, auth);
                let app2 = app.clone();
                tauri::async_runtime::spawn(async move {
                    match receiver.wait(LOOPBACK_WAIT).await {
                        Ok(redirected) => handle_redirect(&app2, &redirected).await,
                        Err(e) => finished(&app2, shop_id, &Err(e.into())),
                    }
                });
                open_in_browser(app, &url)
            }
        }
    }

    /// The merchant pasted the address BASE redirected to.
    pub async fn finish_pasted(
        &self,
        app: &AppHandle,
        juchu: &Juchu,
        shop_id: i64,
        url: &str,
    ) -> Result<(), UiError> {
        let Some((sid, auth)) = self
            .pending
            .take_for_url(url)
            .filter(|(sid, _)| *sid == shop_id)
        else {
            return Err(
                juchu_core::CoreError::from(juchu_core::malls::MallError::StateMismatch).into(),
            );
        };
        let result = juchu.finish_authorization(sid, &auth, url).await;
        finished(app, sid, &result);
        Ok(result?)
    }

    fn take(&self, url: &str) -> Option<(i64, Authorization)> {
        self.pending.take_for_url(url)
    }
}

/// A redirect arrived (deep link or loopback): finish the matching authorization.
pub async fn handle_redirect(app: &AppHandle, url: &str) {
    let state = app.state::<AppState>();
    let Ok(juchu) = state.juchu() else { return };
    match state.auth.take(url) {
        Some((shop_id, auth)) => {
            let result = juchu.finish_authorization(shop_id, &auth, url).await;
            finished(app, shop_id, &result);
        }
        None => tracing::warn!("an OAuth redirect arrived that no pending authorization expects"),
    }
}

/// Registers `juchu://` with the system where that happens at run time
/// (Linux, Windows); macOS registers it when the app is installed.
fn ensure_scheme(app: &AppHandle) -> Result<(), UiError> {
    #[cfg(any(target_os = "linux", windows))]
    {
        use tauri_plugin_deep_link::DeepLinkExt;
        let dl = app.deep_link();
        if dl.is_registered("juchu").unwrap_or(false) {
            return Ok(());
        }
        dl.register_all().map_err(|e| UiError {
            code: "DEEP_LINK_UNAVAILABLE".into(),
            message: format!(
                "このパソコンでは juchu:// のリンクを登録できませんでした。ショップの設定で戻り先を「127.0.0.1（ループバック）」に変え、BASE Developers のコールバックURLも {} に変更してください。（{e}）",
                loopback_redirect()
            ),
        })?;
    }
    let _ = app;
    Ok(())
}
