// PLACEHOLDER written by hand in the shape of the tauri-specta output, until the
// generated file from src-tauri lands and overwrites it. Do not edit by hand after that.

/** user-defined commands **/

export const commands = {
async appInfo() : Promise<Result<AppInfo, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("app_info") };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async listOrders(query: OrderQuery) : Promise<Result<OrderPage, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("list_orders", { query }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async statusCounts(filter: CountFilter) : Promise<Result<StatusCounts, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("status_counts", { filter }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async getOrder(id: number) : Promise<Result<OrderDetail, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("get_order", { id }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async moveOrders(ids: number[], status: Status) : Promise<Result<number, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("move_orders", { ids, status }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async saveShipment(orderId: number, input: ShipmentInput) : Promise<Result<OrderRow, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("save_shipment", { orderId, input }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async listShops() : Promise<Result<Shop[], UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("list_shops") };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async listShopStatuses() : Promise<Result<ShopStatus[], UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("list_shop_statuses") };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async addShop(input: ShopInput) : Promise<Result<Shop, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("add_shop", { input }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async updateShop(id: number, input: ShopInput) : Promise<Result<Shop, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("update_shop", { id, input }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async removeShop(id: number, keepOrders: boolean) : Promise<Result<null, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("remove_shop", { id, keepOrders }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async redirectInfo() : Promise<Result<RedirectInfo, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("redirect_info") };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async beginBaseAuthorization(shopId: number) : Promise<Result<null, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("begin_base_authorization", { shopId }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async finishBaseAuthorizationWithUrl(shopId: number, url: string) : Promise<Result<null, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("finish_base_authorization_with_url", { shopId, url }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async testConnection(shopId: number) : Promise<Result<null, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("test_connection", { shopId }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async syncNow(shopId: number | null) : Promise<Result<SyncReport[], UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("sync_now", { shopId }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async exportPreview(shopId: number | null) : Promise<Result<ExportLine[], UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("export_preview", { shopId }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async exportRun(shopId: number | null) : Promise<Result<ExportLine[], UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("export_run", { shopId }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
},
async openExternal(url: string) : Promise<Result<null, UiError>> {
    try {
    return { status: "ok", data: await TAURI_INVOKE("open_external", { url }) };
} catch (e) {
    if(e instanceof Error) throw e;
    else return { status: "error", error: e  as any };
}
}
}

/** user-defined events **/


export const events = __makeEvents__<{
authorizationFinished: AuthorizationFinished,
ordersChanged: OrdersChanged,
syncFinished: SyncFinished
}>({
authorizationFinished: "authorization-finished",
ordersChanged: "orders-changed",
syncFinished: "sync-finished"
})

/** user-defined constants **/



/** user-defined types **/

export type AppInfo = { version: string; demo: boolean; data_dir: string; statuses: Status[]; carriers: Carrier[]; malls: MallInfo[]; notice: string | null }
export type AuthorizationFinished = { shop_id: number; ok: boolean; code: string | null; message: string }
export type Carrier = "ヤマト運輸" | "佐川急便" | "日本郵便" | "西濃運輸" | "福山通運" | "その他"
export type ConnectionState = "connected" | "auth_error" | "not_configured"
export type CountFilter = { shop_id: number | null; search: string | null }
export type ExportLine = { order_id: number; shop_id: number; shop_name: string; mall: Mall; mall_order_id: string; tracking_number: string | null; carrier: Carrier | null; ship_date: string | null; outcome: ExportOutcome; skip: SkipReason | null; message: string | null }
export type ExportOutcome = "will_send" | "skipped" | "sent" | "failed"
export type ExportScope = "all_but_new_and_hold" | "done_only"
export type Mall = "base" | "qoo10" | "bcart" | "makeshop" | "shopserve"
export type MallInfo = { mall: Mall; label: string }
export type OrderDetail = { row: OrderRow; mall_status: string; buyer: Party; ship_to: Party; payment_method: string; shipping_fee: number; remark: string; memo: string; items: OrderItem[] }
export type OrderItem = { id: number; sku: string | null; name: string; variation: string | null; unit_price: number; quantity: number; subtotal: number }
export type OrderPage = { rows: OrderRow[]; total: number }
export type OrderQuery = { status: Status | null; shop_id: number | null; search: string | null; sort: SortDir; offset: number; limit: number }
export type OrderRow = { id: number; shop_id: number; shop_name: string; mall: Mall; mall_order_id: string; status: Status; ordered_at: string; buyer_name: string; receiver_name: string; total: number; tracking_number: string | null; ship_date: string | null; carrier: Carrier | null; attention: string | null }
export type OrdersChanged = { reason: string }
export type Party = { name: string; kana: string | null; zip: string | null; address: string; phone: string | null; email: string | null }
export type RedirectInfo = { deep_link: string; loopback: string }
export type Shop = { id: number; mall: Mall; name: string; settings: ShopSettings }
export type ShopInput = { mall: Mall; name: string; settings: ShopSettings; credentials: { [key in string]: string } }
export type ShopSettings = { fetch_days: number; auto_fetch: boolean; fetch_interval_minutes: number; initial_status: Status; export_scope: ExportScope; qoo10_fetch_status: number; auto_export: boolean; endpoint: string | null }
export type ShopStatus = { shop: Shop; state: ConnectionState; state_label: string; last_sync_at: string | null; next_sync_at: string | null; last_error: string | null; credentials_set: { [key in string]: boolean } }
export type ShipmentInput = { tracking_number: string | null; ship_date: string | null; carrier: Carrier | null }
export type SkipReason = "no_tracking_number" | "no_carrier" | "status_not_exported" | "cancelled" | "already_sent" | "shipped_on_mall" | "future_ship_date" | "unpaid_on_mall" | "not_shippable_on_mall"
export type SortDir = "desc" | "asc"
export type Status = "新規受付" | "発送前入金待ち" | "発送待ち" | "発送後入金待ち" | "処理済" | "保留" | "キャンセル"
export type StatusCount = { status: Status; count: number }
export type StatusCounts = { all: number; by_status: StatusCount[] }
export type SyncFinished = { reports: SyncReport[] }
export type SyncReport = { shop_id: number; shop_name: string; new: number; updated: number; unchanged: number; cancelled: number; flagged: number; calls: number; error_code: string | null; error: string | null }
export type UiError = { code: string; message: string }

/** tauri-specta globals **/

import {
	invoke as TAURI_INVOKE,
} from "@tauri-apps/api/core";
import * as TAURI_API_EVENT from "@tauri-apps/api/event";
import { type WebviewWindow as __WebviewWindow__ } from "@tauri-apps/api/webviewWindow";

type __EventObj__<T> = {
	listen: (
		cb: TAURI_API_EVENT.EventCallback<T>,
	) => ReturnType<typeof TAURI_API_EVENT.listen<T>>;
	once: (
		cb: TAURI_API_EVENT.EventCallback<T>,
	) => ReturnType<typeof TAURI_API_EVENT.once<T>>;
	emit: null extends T
		? (payload?: T) => ReturnType<typeof TAURI_API_EVENT.emit>
		: (payload: T) => ReturnType<typeof TAURI_API_EVENT.emit>;
};

export type Result<T, E> =
	| { status: "ok"; data: T }
	| { status: "error"; error: E };

function __makeEvents__<T extends Record<string, any>>(
	mappings: Record<keyof T, string>,
) {
	return new Proxy(
		{} as unknown as {
			[K in keyof T]: __EventObj__<T[K]> & {
				(handle: __WebviewWindow__): __EventObj__<T[K]>;
			};
		},
		{
			get: (_, event) => {
				const name = mappings[event as keyof T];

				return new Proxy((() => {}) as any, {
					apply: (_, __, [window]: [__WebviewWindow__]) => ({
						listen: (arg: any) => window.listen(name, arg),
						once: (arg: any) => window.once(name, arg),
						emit: (arg: any) => window.emit(name, arg),
					}),
					get: (_, command: keyof __EventObj__<any>) => {
						switch (command) {
							case "listen":
								return (arg: any) => TAURI_API_EVENT.listen(name, arg);
							case "once":
								return (arg: any) => TAURI_API_EVENT.once(name, arg);
							case "emit":
								return (arg: any) => TAURI_API_EVENT.emit(name, arg);
						}
					},
				});
			},
		},
	);
}
