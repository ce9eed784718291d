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
}
}

/** user-defined events **/


export const events = __makeEvents__<{
ordersChanged: OrdersChanged
}>({
ordersChanged: "orders-changed"
})

/** user-defined constants **/



/** user-defined types **/

export type AppInfo = { version: string; demo: boolean; data_dir: string; statuses: Status[]; carriers: Carrier[]; malls: MallInfo[] }
export type Carrier = "ヤマト運輸" | "佐川急便" | "日本郵便" | "西濃運輸" | "福山通運" | "その他"
export type CountFilter = { shop_id: number | null; search: string | null }
export type Mall = "base" | "qoo10" | "bcart" | "makeshop" | "shopserve"
export type MallInfo = { mall: Mall; label: string }
export type OrderDetail = { row: OrderRow; mall_status: string; buyer: Party; ship_to: Party; payment_method: string; shipping_fee: number; memo: string; items: OrderItem[] }
export type OrderItem = { id: number; sku: string | null; name: string; variation: string | null; unit_price: number; quantity: number; subtotal: number }
export type OrderPage = { rows: OrderRow[]; total: number }
export type OrderQuery = { status: Status | null; shop_id: number | null; search: string | null; sort: SortDir; offset: number; limit: number }
export type OrderRow = { id: number; shop_id: number; shop_name: string; mall: Mall; mall_order_id: string; status: Status; ordered_at: string; buyer_name: string; receiver_name: string; total: number; tracking_number: string | null; ship_date: string | null; carrier: Carrier | null }
export type OrdersChanged = { reason: string }
export type Party = { name: string; kana: string | null; zip: string | null; address: string; phone: string | null; email: string | null }
export type Shop = { id: number; mall: Mall; name: string }
export type ShipmentInput = { tracking_number: string | null; ship_date: string | null; carrier: Carrier | null }
export type SortDir = "desc" | "asc"
export type Status = "新規受付" | "発送前入金待ち" | "発送待ち" | "発送後入金待ち" | "処理済" | "保留" | "キャンセル"
export type StatusCount = { status: Status; count: number }
export type StatusCounts = { all: number; by_status: StatusCount[] }
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
