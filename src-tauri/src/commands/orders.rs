//! Commands of the order screen (受注一覧).

use juchu_core::domain::*;
use juchu_core::{AppInfo, UiError};
use tauri::{AppHandle, State};

use super::AppState;
use crate::events::changed;

/// 「デモで試す」 (first start, no shop yet): this window serves the demo's
/// data folder from now on, with its built-in malls; the real data folder
/// comes back at the next start.
#[tauri::command]
#[specta::specta]
pub fn open_demo(app: AppHandle, state: State<'_, AppState>) -> Result<(), UiError> {
    crate::start_builtin_malls(juchu_core::Profile::Demo);
    state.replace(crate::open(juchu_core::Profile::Demo)?);
    if let Some(w) = tauri::Manager::get_webview_window(&app, "main") {
        let _ = w.set_title("Juchu 受注管理（デモ）");
    }
    crate::connect_demo_shops(&app);
    Ok(())
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

/// 「このタブの全件を選択」: every order of a tab, not only the rows on screen.
#[tauri::command]
#[specta::specta]
pub fn tab_ids(state: State<'_, AppState>, query: TabQuery) -> Result<TabIds, UiError> {
    Ok(state.juchu()?.tab_ids(&query)?)
}

#[tauri::command]
#[specta::specta]
pub fn status_counts(
    state: State<'_, AppState>,
    filter: CountFilter,
) -> Result<StatusCounts, UiError> {
    Ok(state.juchu()?.status_counts(&filter)?)
}

#[tauri::command]
#[specta::specta]
pub fn get_order(state: State<'_, AppState>, id: i64) -> Result<OrderDetail, UiError> {
    Ok(state.juchu()?.order_detail(id)?)
}

#[tauri::command]
#[specta::specta]
pub fn move_orders(
    app: AppHandle,
    state: State<'_, AppState>,
    ids: Vec<i64>,
    status: Status,
) -> Result<u32, UiError> {
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

/// A warning on a tracking number typed by hand whose check digit does not
/// match its carrier's (saving is still allowed).
#[tauri::command]
#[specta::specta]
pub fn tracking_warning(carrier: Carrier, number: String) -> Option<String> {
    carrier.tracking_warning(&number)
}

/// Qoo10's 発送予定日 for orders (SetSellerCheckYN_V2); a result per order.
#[tauri::command]
#[specta::specta]
pub async fn set_ship_plan(
    app: AppHandle,
    state: State<'_, AppState>,
    input: juchu_core::ship_plan::ShipPlanInput,
) -> Result<Vec<juchu_core::ship_plan::ShipPlanResult>, UiError> {
    let results = state.juchu()?.set_ship_plan(&input).await?;
    changed(&app, "ship-plan");
    Ok(results)
}
