//! Tauri commands: each is a few lines over `juchu_core::Juchu`.

use juchu_core::domain::*;
use juchu_core::{AppInfo, Juchu, UiError};
use tauri::{AppHandle, State};
use tauri_specta::Event;

use crate::events::OrdersChanged;

/// The opened data folder, or why it could not be opened (shown in the window
/// instead of crashing).
pub struct AppState(pub Result<Juchu, UiError>);

impl AppState {
    fn juchu(&self) -> Result<&Juchu, UiError> {
        self.0.as_ref().map_err(Clone::clone)
    }
}

fn changed(app: &AppHandle, reason: &str) {
    if let Err(e) = (OrdersChanged { reason: reason.into() }).emit(app) {
        tracing::warn!("orders-changed not delivered: {e}");
    }
}

#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, UiError> {
    Ok(state.juchu()?.app_info())
}

#[tauri::command]
#[specta::specta]
pub fn list_orders(state: State<'_, AppState>, query: OrderQuery) -> Result<OrderPage, UiError> {
    Ok(state.juchu()?.list_orders(&query)?)
}

#[tauri::command]
#[specta::specta]
pub fn status_counts(state: State<'_, AppState>, filter: CountFilter) -> Result<StatusCounts, UiError> {
    Ok(state.juchu()?.status_counts(&filter)?)
}

#[tauri::command]
#[specta::specta]
pub fn get_order(state: State<'_, AppState>, id: i64) -> Result<OrderDetail, UiError> {
    Ok(state.juchu()?.order_detail(id)?)
}

#[tauri::command]
#[specta::specta]
pub fn move_orders(app: AppHandle, state: State<'_, AppState>, ids: Vec<i64>, status: Status) -> Result<u32, UiError> {
    let moved = state.juchu()?.move_orders(&ids, status)?;
    changed(&app, "move");
    Ok(moved)
}

#[tauri::command]
#[specta::specta]
pub fn save_shipment(
    app: AppHandle,
    state: State<'_, AppState>,
    order_id: i64,
    input: ShipmentInput,
) -> Result<OrderRow, UiError> {
    let row = state.juchu()?.save_shipment(order_id, &input)?;
    changed(&app, "shipment");
    Ok(row)
}

#[tauri::command]
#[specta::specta]
pub fn list_shops(state: State<'_, AppState>) -> Result<Vec<Shop>, UiError> {
    Ok(state.juchu()?.shops()?)
}
