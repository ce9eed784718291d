//! Commands of モール詳細設定 (shop list and setup wizard).

use juchu_core::domain::{Mall, Shop};
use juchu_core::shop_admin::{ShopInput, ShopStatus};
use juchu_core::UiError;
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, State};

use super::AppState;
use crate::events::changed;

#[derive(Debug, Clone, Serialize, Type)]
pub struct RedirectInfo {
    /// The URL to register at the mall as コールバックURL.
    pub deep_link: String,
    /// The alternative, where the mall or the system refuses the custom scheme.
    pub loopback: String,
}

#[tauri::command]
#[specta::specta]
pub fn list_shops(state: State<'_, AppState>) -> Result<Vec<Shop>, UiError> {
    Ok(state.juchu()?.shops()?)
}

#[tauri::command]
#[specta::specta]
pub fn list_shop_statuses(state: State<'_, AppState>) -> Result<Vec<ShopStatus>, UiError> {
    Ok(state.juchu()?.shop_statuses()?)
}

#[tauri::command]
#[specta::specta]
pub fn add_shop(state: State<'_, AppState>, input: ShopInput) -> Result<Shop, UiError> {
    Ok(state.juchu()?.add_shop(&input)?)
}

#[tauri::command]
#[specta::specta]
pub fn update_shop(state: State<'_, AppState>, id: i64, input: ShopInput) -> Result<Shop, UiError> {
    Ok(state.juchu()?.update_shop(id, &input)?)
}

#[tauri::command]
#[specta::specta]
pub fn remove_shop(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    keep_orders: bool,
) -> Result<(), UiError> {
    state.juchu()?.remove_shop(id, keep_orders)?;
    changed(&app, "shop-removed");
    Ok(())
}

/// The コールバックURLs of a mall authorized in the browser.
#[tauri::command]
#[specta::specta]
pub fn redirect_info(mall: Mall) -> Result<RedirectInfo, UiError> {
    Ok(RedirectInfo {
        deep_link: juchu_core::malls::browser_auth::deep_link(mall),
        loopback: crate::auth_flow::loopback_redirect(mall),
    })
}

/// Connects a shop the way its mall wants (browser authorization, or 接続テスト of its keys).
#[tauri::command]
#[specta::specta]
pub async fn connect_shop(app: AppHandle, shop_id: i64) -> Result<(), UiError> {
    crate::auth_flow::connect(&app, shop_id).await
}

/// Ends a browser authorization with the address the merchant pasted.
#[tauri::command]
#[specta::specta]
pub async fn finish_authorization_with_url(
    app: AppHandle,
    shop_id: i64,
    url: String,
) -> Result<(), UiError> {
    crate::auth_flow::finish_pasted(&app, shop_id, &url).await
}

#[tauri::command]
#[specta::specta]
pub async fn test_connection(state: State<'_, AppState>, shop_id: i64) -> Result<(), UiError> {
    Ok(state.juchu()?.test_connection(shop_id).await?)
}

#[tauri::command]
#[specta::specta]
pub fn open_external(app: AppHandle, url: String) -> Result<(), UiError> {
    crate::auth_flow::open_in_browser(&app, &url)
}
