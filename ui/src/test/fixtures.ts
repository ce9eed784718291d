// Test data in the shapes of bindings.ts, and a fake `commands` backend over it.
import { vi } from "vitest";
import type {
  AppInfo,
  Carrier,
  Mall,
  OrderDetail,
  OrderQuery,
  OrderRow,
  Shop,
  ShopSettings,
  Status,
  UiError,
} from "../bindings";
import type { Result } from "../api";
import type * as Bindings from "../bindings";
import { MALLS, registryDefaults } from "../preview/malls";

export const STATUSES: Status[] = ["新規受付", "発送前入金待ち", "発送待ち", "発送後入金待ち", "処理済", "保留", "キャンセル"];
export const CARRIERS: Carrier[] = ["ヤマト運輸", "佐川急便", "日本郵便", "西濃運輸", "福山通運", "その他"];

export const APP_INFO: AppInfo = {
  version: "0.1.0",
  demo: true,
  data_dir: "/tmp/juchu-demo",
  statuses: STATUSES,
  carriers: CARRIERS,
  // The registry as juchu-core serves it (generated; a Rust test keeps it current).
  malls: MALLS,
  notice: null,
};

/** The defaults the wizard must propose, written out independently of shopDefaults.ts. */
export const SETTINGS: ShopSettings = {
  fetch_days: 7,
  auto_fetch: true,
  fetch_interval_minutes: 30,
  initial_status: "新規受付",
  sent_status: "処理済",
  mall: { mall: "base", export_scope: "all_but_new_and_hold", oauth_redirect: "deep_link" },
};

/** The settings of a shop of this mall: SETTINGS's common ones, and the mall's own defaults. */
export function settingsFor(mall: Mall): ShopSettings {
  return mall === "base" ? SETTINGS : { ...SETTINGS, mall: registryDefaults(mall).mall };
}

export const SHOPS: Shop[] = [
  { id: 1, mall: "base", name: "BASE 1号店", settings: SETTINGS },
  { id: 2, mall: "qoo10", name: "Qoo10 本店", settings: settingsFor("qoo10") },
];

export function ok<T>(data: T): Result<T, UiError> {
  return { status: "ok", data };
}
export function err<T>(code: string, message: string): Result<T, UiError> {
  return { status: "error", error: { code, message, detail: null } };
}

/** The order at list index i: id = i + 1, mall_order_id = "ORD-<i>". */
export function rowAt(i: number, over: Partial<OrderRow> = {}): OrderRow {
  return {
    id: i + 1,
    shop_id: 1,
    shop_name: "BASE 1号店",
    mall: "base",
    mall_order_id: `ORD-${i}`,
    status: "新規受付",
    ordered_at: "2026-11-23T10:05:00+09:00",
    buyer_name: `購入者${i}`,
    receiver_name: `届け先${i}`,
    total: 1000 + i,
    tracking_number: null,
    ship_date: null,
    carrier: null,
    attention: null,
    shipment_count: 1,
    shipments_tracked: over.tracking_number ? 1 : 0,
    sent_at: null,
    ...over,
  };
}

export function detailOf(row: OrderRow): OrderDetail {
  const party = { name: row.buyer_name, kana: "コウニュウシャ", zip: "1500001", address: "東京都渋谷区神宮前1-2-3", phone: "03-1234-5678", email: "a@example.jp" };
  return {
    row,
    mall_status: "ordered",
    mall_status_label: "未対応",
    buyer: party,
    ship_to: { ...party, name: row.receiver_name },
    payment_method: "クレジットカード決済",
    shipping_fee: 770,
    remark: "ギフト包装希望",
    memo: "",
    items: [{ id: 1, sku: "SKU-1", name: "緑茶 100g", variation: "缶入り", unit_price: 1280, quantity: 2, subtotal: 2560 }],
    ship_plan_available: false,
    shipments: [
      {
        shipment_ref: "",
        ship_to: null,
        item_ids: [1],
        mall_status: null,
        mall_status_label: null,
        mall_note: null,
        tracking_number: row.tracking_number,
        ship_date: row.ship_date,
        carrier: row.carrier,
        sent: null,
        after_send_fix: "モールの管理画面で発送情報を直してください。",
        delivery: { method: "宅急便", date: null, time: "午前中" },
      },
    ],
  };
}

/** A listOrders implementation serving `total` generated rows. */
export function pagedListOrders(total: number) {
  return async (q: OrderQuery) => {
    const rows: OrderRow[] = [];
    for (let i = q.offset; i < Math.min(total, q.offset + q.limit); i++) rows.push(rowAt(i, q.status ? { status: q.status } : {}));
    return ok({ rows, total });
  };
}

/**
 * What vi.mock("../bindings") hands out: every command of the real bindings as a
 * vi.fn() (so the list follows the generated file), and the events' listen.
 */
export async function bindingsMock(importOriginal: () => Promise<unknown>) {
  const real = (await importOriginal()) as typeof Bindings;
  const commands = Object.fromEntries(Object.keys(real.commands).map((k) => [k, vi.fn()])) as unknown as typeof Bindings.commands;
  // Asked as the merchant types a tracking number: no warning unless a test says so.
  vi.mocked(commands.trackingWarning).mockResolvedValue(null);
  const events = Object.fromEntries(Object.keys(real.events).map((k) => [k, { listen: vi.fn() }]));
  return { ...real, commands, events };
}

/** Offsets asked of listOrders so far, in order. */
export function askedOffsets(listOrders: { mock: { calls: unknown[][] } }): number[] {
  return listOrders.mock.calls.map((c) => (c[0] as OrderQuery).offset);
}
