// DEV-ONLY sample orders for preview.html (never part of the production build).
import type { Carrier, DeliveryWish, Mall, OrderDetail, OrderRow, Party, Shop, ShipmentDetail, Status } from "../bindings";
import { registryDefaults } from "./malls";

export const SHOPS: Shop[] = [
  { id: 1, mall: "base", name: "BASE 1号店", settings: registryDefaults("base") },
  { id: 2, mall: "qoo10", name: "Qoo10 本店", settings: registryDefaults("qoo10") },
  { id: 3, mall: "bcart", name: "Bカート 卸販売", settings: { ...registryDefaults("bcart"), auto_fetch: false } },
  { id: 4, mall: "makeshop", name: "MakeShop 公式", settings: registryDefaults("makeshop") },
  { id: 5, mall: "shopserve", name: "ショップサーブ店", settings: registryDefaults("shopserve") },
];

const FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田"];
const GIVEN = ["太郎", "花子", "健一", "美咲", "大輔", "陽子", "翔太", "由美", "直樹", "彩"];
const PRODUCTS: [string, string | null, number][] = [
  ["オーガニック緑茶 100g", null, 1280],
  ["手ぬぐい 藍染め", "紺 / 90cm", 1650],
  ["有田焼 マグカップ", "白磁", 3300],
  ["国産ひのき まな板", "M", 4400],
  ["今治タオル フェイスタオル", "ベージュ", 1100],
  ["無添加 石けん 3個セット", null, 1980],
];
const CARRIERS: Carrier[] = ["ヤマト運輸", "佐川急便", "日本郵便"];

/** mulberry32: a small seeded PRNG, so the sample is the same on every load. */
function rand(seed: number): () => number {
  let a = (seed * 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mallOrderId(mall: Mall, n: number): string {
  switch (mall) {
    case "base":
      return (0xa1b2c3d4e5 + n * 7919).toString(16).toUpperCase();
    case "qoo10":
      return String(1000000000 + n * 13);
    case "bcart":
      return String(10000 + n);
    case "makeshop":
      return `MS${String(2026000000 + n)}`;
    case "shopserve":
      return `SS-${String(900000 + n)}`;
  }
}

function statusFor(ageDays: number, r: number): Status {
  if (r < 0.02) return "キャンセル";
  if (r < 0.04) return "保留";
  if (ageDays < 1) return "新規受付";
  if (ageDays < 3) return r < 0.2 ? "発送前入金待ち" : "発送待ち";
  if (ageDays < 6) return r < 0.3 ? "発送後入金待ち" : r < 0.5 ? "発送待ち" : "処理済";
  return "処理済";
}

/** n orders, newest first, one every ~7 minutes back from 2026-11-23 12:00 JST. */
export function makeOrders(n: number): OrderRow[] {
  const now = Date.parse("2026-11-23T12:00:00+09:00");
  const rows: OrderRow[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand(i + 1);
    const shop = SHOPS[Math.floor(r() * SHOPS.length)];
    const at = now - i * 7 * 60 * 1000 - Math.floor(r() * 300) * 1000;
    const ageDays = (now - at) / 86400000;
    const status = statusFor(ageDays, r());
    const shipped = status === "処理済" || status === "発送後入金待ち";
    const buyer = FAMILY[Math.floor(r() * FAMILY.length)] + " " + GIVEN[Math.floor(r() * GIVEN.length)];
    const receiver = r() < 0.8 ? buyer : FAMILY[Math.floor(r() * FAMILY.length)] + " " + GIVEN[Math.floor(r() * GIVEN.length)];
    const shipDay = new Date(at + 86400000 + 9 * 3600000).toISOString().slice(0, 10);
    rows.push({
      id: n - i,
      shop_id: shop.id,
      shop_name: shop.name,
      mall: shop.mall,
      mall_order_id: mallOrderId(shop.mall, n - i),
      status,
      ordered_at: toJst(at),
      buyer_name: buyer,
      receiver_name: receiver,
      total: 0, // filled from the items below
      tracking_number: shipped ? String(400000000000 + ((i * 7919) % 99999999999)) : null,
      ship_date: shipped ? shipDay : null,
      carrier: shipped ? CARRIERS[Math.floor(r() * CARRIERS.length)] : null,
      attention: i % 97 === 5 ? "モール側でキャンセルされましたが、発送済みです。購入者に連絡してください。" : null,
      // Every 9th Bカート order goes to two destinations (its second shipment starts empty).
      shipment_count: shop.mall === "bcart" && i % 9 === 0 ? 2 : 1,
      shipments_tracked: shipped ? 1 : 0,
      sent_at: shipped ? toJst(at + 2 * 86400000) : null,
    });
    rows[i].total = detailFor(rows[i]).items.reduce((s, it) => s + it.subtotal, 0) + shippingFee(rows[i]);
  }
  return rows;
}

function toJst(ms: number): string {
  return new Date(ms + 9 * 3600000).toISOString().slice(0, 19) + "+09:00";
}

function shippingFee(row: OrderRow): number {
  return row.id % 3 === 0 ? 0 : 770;
}

export function detailFor(row: OrderRow): OrderDetail {
  const r = rand(row.id * 31);
  const count = 1 + Math.floor(r() * 3);
  const items = Array.from({ length: count }, (_, k) => {
    const [name, variation, price] = PRODUCTS[Math.floor(r() * PRODUCTS.length)];
    const quantity = 1 + Math.floor(r() * 3);
    return {
      id: row.id * 10 + k,
      sku: `SKU-${1000 + Math.floor(r() * 9000)}`,
      name,
      variation,
      unit_price: price,
      quantity,
      subtotal: price * quantity,
    };
  });
  const party = (name: string) => ({
    name,
    kana: null,
    zip: "1500001",
    address: "東京都渋谷区神宮前1-2-3 サンプルビル4F",
    phone: "03-1234-5678",
    email: "sample@example.jp",
  });
  return {
    row,
    mall_status: row.mall === "base" ? (row.status === "処理済" ? "dispatched" : "ordered") : "",
    mall_status_label: row.mall === "base" ? (row.status === "処理済" ? "対応済（発送済み）" : "未対応") : "",
    buyer: { ...party(row.buyer_name), kana: "サンプル タロウ" },
    ship_to: party(row.receiver_name),
    payment_method: row.mall === "bcart" ? "銀行振込" : "クレジットカード決済",
    shipping_fee: shippingFee(row),
    remark: row.id % 4 === 0 ? "ギフト包装希望。のし：御礼" : "",
    memo: row.id % 5 === 0 ? "12/1 入荷分と同梱" : "",
    items,
    shipments: shipmentsOf(row, items.map((it) => it.id), party),
    ship_plan_available: row.mall === "qoo10" && row.status === "新規受付",
  };
}

/** The buyer's wish, varied the way the demo's generated orders vary it. */
function wishOf(row: OrderRow): DeliveryWish {
  const methods = ["宅急便", "ゆうパケット", "ネコポス", null];
  const times = ["午前中", "14時～16時", null, "19時～21時", null];
  return { method: methods[row.id % 4], date: null, time: methods[row.id % 4] === "宅急便" ? times[row.id % 5] : null };
}

/** The row's first shipment carries its slip; a second one (if any) goes to a branch. */
function shipmentsOf(row: OrderRow, itemIds: number[], party: (name: string) => Party): ShipmentDetail[] {
  const first: ShipmentDetail = {
    shipment_ref: row.shipment_count > 1 ? `${row.id}01` : "",
    ship_to: null,
    item_ids: row.shipment_count > 1 ? itemIds.slice(0, 1) : itemIds,
    mall_status: null,
    mall_status_label: null,
    mall_note: null,
    tracking_number: row.tracking_number,
    ship_date: row.ship_date,
    carrier: row.carrier,
    sent: row.sent_at && row.tracking_number ? { at: row.sent_at, tracking_number: row.tracking_number, carrier: row.carrier, ship_date: row.ship_date } : null,
    after_send_fix: "BASE は送信後の変更を API で受け付けません。BASE の管理画面でお荷物伝票番号を直してください。",
    delivery: wishOf(row),
  };
  if (row.shipment_count <= 1) return [first];
  const second: ShipmentDetail = {
    shipment_ref: `${row.id}02`,
    ship_to: { ...party(`${row.receiver_name}（大阪支店）`), address: "大阪府大阪市北区梅田1-1-1" },
    item_ids: itemIds.slice(1),
    mall_status: "未発送",
    mall_status_label: null,
    mall_note: null,
    tracking_number: null,
    ship_date: null,
    carrier: null,
    sent: null,
    after_send_fix: "モールの管理画面で発送情報を直してください。",
    delivery: wishOf(row),
  };
  return [{ ...first, mall_status: "未発送" }, second];
}
