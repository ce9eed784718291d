// DEV-ONLY: a stand-in for the Rust side so preview.html can show the real screen
// outside Tauri. Answers the same command names and arguments as bindings.ts.
import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type {
  AppInfo,
  Carrier,
  CountFilter,
  OrderQuery,
  OrderRow,
  ShipmentInput,
  Status,
  StatusCounts,
  UiError,
} from "../bindings";
import { SHOPS, detailFor, makeOrders } from "./sampleData";

const STATUSES: Status[] = ["新規受付", "発送前入金待ち", "発送待ち", "発送後入金待ち", "処理済", "保留", "キャンセル"];
const CARRIERS: Carrier[] = ["ヤマト運輸", "佐川急便", "日本郵便", "西濃運輸", "福山通運", "その他"];

export function installFakeBackend(orderCount: number) {
  const orders = makeOrders(orderCount);
  const byId = new Map(orders.map((o) => [o.id, o]));

  const info: AppInfo = {
    version: "0.1.0",
    demo: true,
    data_dir: "C:\\Users\\shop\\AppData\\Roaming\\Juchu\\demo",
    statuses: STATUSES,
    carriers: CARRIERS,
    malls: [
      { mall: "base", label: "BASE" },
      { mall: "qoo10", label: "Qoo10" },
      { mall: "bcart", label: "Bカート" },
      { mall: "makeshop", label: "MakeShop" },
      { mall: "shopserve", label: "ショップサーブ" },
    ],
  };

  const matches = (o: OrderRow, f: CountFilter) => {
    if (f.shop_id !== null && o.shop_id !== f.shop_id) return false;
    if (!f.search) return true;
    const q = f.search;
    return [o.mall_order_id, o.buyer_name, o.receiver_name, o.tracking_number ?? ""].some((v) => v.includes(q));
  };

  const fail = (code: string, message: string): never => {
    throw { code, message } satisfies UiError;
  };

  const changed = (reason: string) => setTimeout(() => void emit("orders-changed", { reason }), 0);

  mockIPC(
    (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      switch (cmd) {
        case "app_info":
          return info;
        case "list_shops":
          return SHOPS;
        case "list_orders": {
          const q = a.query as OrderQuery;
          let rows = orders.filter((o) => (q.status === null || o.status === q.status) && matches(o, q));
          if (q.sort === "asc") rows = rows.slice().reverse();
          return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
        }
        case "status_counts": {
          const f = a.filter as CountFilter;
          const counts = new Map<Status, number>(STATUSES.map((s) => [s, 0]));
          let all = 0;
          for (const o of orders) {
            if (!matches(o, f)) continue;
            all++;
            counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
          }
          return { all, by_status: STATUSES.map((s) => ({ status: s, count: counts.get(s)! })) } satisfies StatusCounts;
        }
        case "get_order": {
          const o = byId.get(a.id as number) ?? fail("not_found", "注文が見つかりません。一覧を更新してください。");
          return detailFor(o);
        }
        case "move_orders": {
          const ids = a.ids as number[];
          for (const id of ids) {
            const o = byId.get(id);
            if (o) o.status = a.status as Status;
          }
          changed("moved");
          return ids.length;
        }
        case "save_shipment": {
          const o = byId.get(a.orderId as number) ?? fail("not_found", "注文が見つかりません。");
          const input = a.input as ShipmentInput;
          const t = input.tracking_number;
          if (t && input.carrier === "ヤマト運輸" && !/^\d{12}$/.test(t)) {
            fail("invalid_tracking", "ヤマト運輸の伝票番号は12桁の数字です。伝票を見て入力し直してください。");
          }
          Object.assign(o, input);
          changed("shipment");
          return o;
        }
        default:
          return fail("unknown_command", `未対応のコマンドです: ${cmd}`);
      }
    },
    { shouldMockEvents: true },
  );
}
