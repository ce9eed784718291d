//! Commands of モール詳細設定 (shop list and setup wizard).

use juchu_core::domain::{Mall, Shop};
use juchu_core::shop_admin::ShopStatus;
use juchu_core::shop_form::{FieldError, ShopForm, WizardStart};
use juchu_core::UiError;
use tauri::{AppHandle, State};

use super::AppState;
use crate::events::changed;

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

/// What a mall's setup wizard opens with, for a new shop or the shop `shop_id`.
#[tauri::command]
#[specta::specta]
pub fn wizard_start(
    state: State<'_, AppState>,
    mall: Mall,
    shop_id: Option<i64>,
) -> Result<WizardStart, UiError> {
    Ok(state.juchu()?.wizard_start(mall, shop_id)?)
}

/// What is wrong with each field of a wizard (nothing: it can be saved).
#[tauri::command]
#[specta::specta]
pub fn check_shop_form(
    state: State<'_, AppState>,
    form: ShopForm,
    shop_id: Option<i64>,
) -> Result<Vec<FieldError>, UiError> {
    Ok(state.juchu()?.check_shop_form(&form, shop_id)?)
}

/// Adds the shop (`shop_id` null) or saves its changes.
#[tauri::command]
#[specta::specta]
pub fn save_shop_form(
    state: State<'_, AppState>,
    form: ShopForm,
    shop_id: Option<i64>,
) -> Result<Shop, UiError> {
    Ok(state.juchu()?.save_shop_form(&form, shop_id)?)
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
