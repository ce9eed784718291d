//! Always on: an icon in the system tray (今すぐ取得, 開く, 終了) whose
//! tooltip tells the last fetch and any failing shop, and a window that
//! hides into it when closed, so that 自動取得 keeps running.
//!
//! Where no tray can be shown (no tray host on a Linux desktop, the
//! indicator library missing), the window closes and quits as before.

use std::sync::atomic::{AtomicBool, Ordering};

use juchu_core::shop_admin::{ConnectionState, ShopStatus};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Listener, Manager, Window, WindowEvent, Wry};
use tauri_specta::Event;

use crate::events::{changed, OrdersChanged, SyncFinished};
use crate::state::AppState;

const SYNC_NOW: &str = "tray-sync-now";
const OPEN: &str = "tray-open";
const QUIT: &str = "tray-quit";

/// The icon and the menu's first line (what the tooltip says, for Linux
/// where tray icons have no tooltip).
struct Tray {
    icon: TrayIcon<Wry>,
    status: MenuItem<Wry>,
}

/// Creates the tray icon. A failure is logged; the app then works without it.
pub fn install(app: &AppHandle) {
    // libappindicator panics (rather than failing) when its library
    // (libayatana-appindicator3) is missing: that must not stop Juchu.
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(app)));
    match built {
        Ok(Ok(tray)) => {
            app.manage(tray);
            // After every fetch (the window's, the schedule's, the tray's),
            // and when shops come or go.
            let handle = app.clone();
            app.listen_any(<SyncFinished as Event>::NAME, move |_| refresh(&handle));
            let handle = app.clone();
            OrdersChanged::listen_any(app, move |e| {
                if matches!(e.payload.reason.as_str(), "demo-connected" | "shop-removed") {
                    refresh(&handle);
                }
            });
            refresh(app);
        }
        Ok(Err(e)) => eprintln!(
            "タスクトレイのアイコンを作れませんでした（ウィンドウを閉じると終了します）: {e}"
        ),
        Err(panic) => {
            let why = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("");
            eprintln!("タスクトレイを使えません（ウィンドウを閉じると終了します）: {why}");
        }
    }
}

fn build(app: &AppHandle) -> tauri::Result<Tray> {
    let status = MenuItem::with_id(app, "tray-status", "Juchu 受注管理", false, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &status,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, SYNC_NOW, "今すぐ取得", true, None::<&str>)?,
            &MenuItem::with_id(app, OPEN, "開く", true, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, QUIT, "終了", true, None::<&str>)?,
        ],
    )?;
    let mut builder = TrayIconBuilder::with_id("juchu")
        .menu(&menu)
        .tooltip("Juchu 受注管理")
        .on_menu_event(|app, event| match event.id().as_ref() {
            SYNC_NOW => fetch_now(app),
            OPEN => show_window(app),
            QUIT => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            // Windows: a left click opens the window, the menu is on the right button.
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                if cfg!(windows) {
                    show_window(tray.app_handle());
                }
            }
        });
    if cfg!(windows) {
        builder = builder.show_menu_on_left_click(false);
    }
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let icon = builder.build(app)?;
    Ok(Tray { icon, status })
}

/// Shows, unminimizes and focuses the main window.
pub fn show_window(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// 今すぐ取得: every shop, as the window's button does; the window is told,
/// and what is worth it is notified (the window may be hidden).
fn fetch_now(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let juchu = match app.state::<AppState>().juchu() {
            Ok(j) => j,
            Err(e) => return crate::notify::show(&app, "受注を取得できませんでした", &e.message),
        };
        match juchu.sync(None).await {
            Ok(reports) => {
                let _ = (SyncFinished {
                    reports: reports.clone(),
                })
                .emit(&app);
                changed(&app, "sync");
                crate::notify::after_run(&app, &reports, &[]);
            }
            Err(e) => {
                let e = juchu_core::UiError::from(e);
                crate::notify::show(&app, "受注を取得できませんでした", &e.message);
            }
        }
    });
}

/// Reads every shop's last fetch again and updates the tooltip and the
/// menu's first line.
pub fn refresh(app: &AppHandle) {
    if app.try_state::<Tray>().is_none() {
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let Ok(juchu) = app.state::<AppState>().juchu() else {
            return;
        };
        let statuses = match juchu.shop_statuses() {
            Ok(s) => s,
            Err(e) => return eprintln!("タスクトレイの表示を更新できませんでした: {e}"),
        };
        let line = status_line(&lines(&statuses), juchu_core::time::now_unix());
        let tray = app.state::<Tray>();
        let _ = tray.icon.set_tooltip(Some(format!("Juchu — {line}")));
        let _ = tray.status.set_text(line);
    });
}

/// What the tooltip needs of one shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopLine {
    pub name: String,
    /// Its last fetch failed (取得エラー or 認証エラー).
    pub failed: bool,
    /// UNIX seconds of its last fetch.
    pub last_sync_at: Option<i64>,
}

fn lines(statuses: &[ShopStatus]) -> Vec<ShopLine> {
    statuses
        .iter()
        .map(|s| ShopLine {
            name: s.shop.name.clone(),
            failed: matches!(
                s.state,
                ConnectionState::SyncError | ConnectionState::AuthError
            ),
            last_sync_at: s
                .last_sync_at
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.timestamp()),
        })
        .collect()
}

/// 「最終取得 14:30」, 「取得エラー: BASE 1号店」 or 「まだ取得していません」
/// (JST; the date is added when the last fetch was not today).
pub fn status_line(shops: &[ShopLine], now: i64) -> String {
    let failed: Vec<&str> = shops
        .iter()
        .filter(|s| s.failed)
        .map(|s| s.name.as_str())
        .collect();
    if !failed.is_empty() {
        let mut names = failed
            .iter()
            .take(2)
            .copied()
            .collect::<Vec<_>>()
            .join("、");
        if failed.len() > 2 {
            names.push_str(&format!(" ほか{}店", failed.len() - 2));
        }
        return format!("取得エラー: {names}");
    }
    match shops.iter().filter_map(|s| s.last_sync_at).max() {
        Some(at) => {
            let (at, now) = (juchu_core::time::jst(at), juchu_core::time::jst(now));
            if at.date_naive() == now.date_naive() {
                format!("最終取得 {}", at.format("%H:%M"))
            } else {
                format!("最終取得 {}", at.format("%-m/%-d %H:%M"))
            }
        }
        None => "まだ取得していません".into(),
    }
}

/// Whether a closed window can hide into the tray: the icon exists and,
/// on Linux, a tray host shows it.
fn keeps_running(app: &AppHandle) -> bool {
    app.try_state::<Tray>().is_some() && crate::platform::tray_host::tray_host()
}

/// Closing the main window hides it into the tray (once per run, a
/// notification says where Juchu went); without a tray it closes.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    static TOLD: AtomicBool = AtomicBool::new(false);
    if let WindowEvent::CloseRequested { api, .. } = event {
        if window.label() != "main" || !keeps_running(window.app_handle()) {
            return;
        }
        api.prevent_close();
        let _ = window.hide();
        if !TOLD.swap(true, Ordering::Relaxed) {
            crate::notify::show(
                window.app_handle(),
                "Juchu は動き続けています",
                "受注の自動取得を続けます。タスクトレイのアイコンから開けます（終了はアイコンのメニューの「終了」）。",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-23 14:30 JST.
    const AT: i64 = 1_795_411_800;

    fn shop(name: &str, failed: bool, last: Option<i64>) -> ShopLine {
        ShopLine {
            name: name.into(),
            failed,
            last_sync_at: last,
        }
    }

    #[test]
    fn the_newest_fetch_of_any_shop_in_jst() {
        let shops = [
            shop("BASE 1号店", false, Some(AT - 600)),
            shop("Qoo10 本店", false, Some(AT)),
            shop("未設定", false, None),
        ];
        assert_eq!(status_line(&shops, AT + 60), "最終取得 14:30");
    }

    #[test]
    fn a_fetch_of_another_day_shows_its_date() {
        let shops = [shop("BASE 1号店", false, Some(AT))];
        assert_eq!(status_line(&shops, AT + 86_400), "最終取得 11/23 14:30");
    }

    #[test]
    fn failing_shops_are_named() {
        let shops = [
            shop("BASE 1号店", true, Some(AT)),
            shop("Qoo10 本店", false, Some(AT)),
        ];
        assert_eq!(status_line(&shops, AT), "取得エラー: BASE 1号店");
        let many: Vec<ShopLine> = (1..=4)
            .map(|i| shop(&format!("店{i}"), true, None))
            .collect();
        assert_eq!(status_line(&many, AT), "取得エラー: 店1、店2 ほか2店");
    }

    #[test]
    fn nothing_fetched_yet() {
        assert_eq!(status_line(&[], AT), "まだ取得していません");
        assert_eq!(
            status_line(&[shop("BASE 1号店", false, None)], AT),
            "まだ取得していません"
        );
    }
}
