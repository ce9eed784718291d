// DEV-ONLY: a stand-in for the Rust side so preview.html can show the real screen
// outside Tauri. It replaces the functions of bindings.ts's `commands` with typed
// fakes (`typeof commands`: a command added, renamed or changed in Rust breaks this
// file's type check), answering errors with core's own codes.
import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { commands } from "../bindings";
import type { Result } from "../api";
import type {
  AppInfo,
  AuthorizationFinished,
  Carrier,
  CountFilter,
  ExportLine,
  ImportPreview,
  LabelFormat,
  LabelPlan,
  LabelSample,
  LabelSelection,
  LabelSettings,
  LogEntry,
  Mall,
  OrderQuery,
  OrderRow,
  ShipmentInput,
  ShopForm,
  ShopStatus,
  SortKey,
  Status,
  StatusCounts,
  SyncReport,
  UiError,
} from "../bindings";
import { PREVIEW_LABEL_CATALOG, PREVIEW_LABEL_SETTINGS } from "./labels";
import { MALLS, newShopWizard } from "./malls";
import { SHOPS, detailFor, makeOrders } from "./sampleData";
import { readShipDate } from "../format";

const STATUSES: Status[] = ["新規受付", "発送前入金待ち", "発送待ち", "発送後入金待ち", "処理済", "保留", "キャンセル"];
const CARRIERS: Carrier[] = ["ヤマト運輸", "佐川急便", "日本郵便", "西濃運輸", "福山通運", "その他"];

export type FakeOptions = {
  /** BASE authorization: "ok" finishes after a moment, "fail" fails, "wait" never finishes. */
  auth: "ok" | "fail" | "wait";
  notice: string | null;
  /** Start with no shops at all. */
  empty: boolean;
  /** A newer version the update check offers (none when null). */
  update: string | null;
  /** 「今すぐ更新」 answers EXPORT_RUNNING, as while 発送情報の更新 sends. */
  updateBusy: boolean;
};

const LABELS: Record<ShopStatus["state"], string> = {
  connected: "接続済み",
  sync_error: "取得エラー",
  auth_error: "認証エラー",
  incomplete: "設定の途中",
  not_supported: "連携準備中",
  not_configured: "未設定",
};

const mallOf = (mall: Mall) => MALLS.find((m) => m.mall === mall)!;

export function installFakeBackend(orderCount: number, opts: FakeOptions) {
  // No shop means no order, and a first start is not the demo.
  let orders = makeOrders(opts.empty ? 0 : orderCount);
  const byId = new Map(orders.map((o) => [o.id, o]));
  // A few recent orders ready to ship, so that 発送情報の更新 has something to send.
  const recent = () => orders.slice(0, 400).filter((o) => o.status === "発送待ち" || o.status === "キャンセル").slice(0, 30);
  recent().forEach((o, i) => {
    if (o.status === "発送待ち" && i % 4 !== 3) {
      o.tracking_number = String(300000000000 + o.id);
      o.carrier = i % 3 === 0 ? "佐川急便" : "ヤマト運輸";
      o.ship_date = i % 5 === 2 ? "2026-11-30" : "2026-11-23";
    }
  });
  const sent = new Set<number>();
  /** The slips typed for an order's second (and later) shipments, by "orderId/ref". */
  const laterShipments = new Map<string, Pick<ShipmentInput, "tracking_number" | "ship_date" | "carrier">>();

  const jst = (ms: number) => new Date(ms + 9 * 3600000).toISOString().slice(0, 19) + "+09:00";
  const now = Date.parse("2026-11-23T12:00:00+09:00");
  const statuses: ShopStatus[] = opts.empty
    ? []
    : SHOPS.map((shop, i): ShopStatus => {
        // As core says it: a mall without a client yet is 連携準備中; ?auth=fail shows
        // BASE's shop after a failed fetch.
        const state: ShopStatus["state"] = !mallOf(shop.mall).ready ? "not_supported" : opts.auth === "fail" ? "sync_error" : "connected";
        return {
          shop,
          state,
          state_label: LABELS[state],
          last_sync_at: state === "not_supported" ? null : jst(now - (i + 1) * 7 * 60000),
          next_sync_at: state === "connected" && shop.settings.auto_fetch ? jst(now + (23 - i * 4) * 60000) : null,
          last_error:
            state === "sync_error" ? "BASEに接続できません。インターネット接続を確認してください。" : null,
          last_error_detail: state === "sync_error" ? "Connection refused (os error 111)" : null,
          key_note: null,
          key_warning: false,
          credentials_set:
            state === "not_supported" ? {} : Object.fromEntries(mallOf(shop.mall).credentials.map((c) => [c.key, true])),
        };
      });
  const statusOf = (id: number) =>
    statuses.find((s) => s.shop.id === id) ?? fail("SHOP_NOT_FOUND", "ショップが見つかりません。一覧を読み込み直してください。");
  let nextShopId = 100;

  const info: AppInfo = {
    version: "0.1.0",
    demo: !opts.empty,
    data_dir: "C:\\Users\\shop\\AppData\\Roaming\\Juchu\\demo",
    statuses: STATUSES,
    carriers: CARRIERS,
    malls: MALLS,
    notice: opts.notice,
  };

  const matches = (o: OrderRow, f: CountFilter) => {
    if (f.shop_id !== null && o.shop_id !== f.shop_id) return false;
    if (!f.search) return true;
    const q = f.search;
    return [o.mall_order_id, o.buyer_name, o.receiver_name, o.tracking_number ?? ""].some((v) => v.includes(q));
  };

  const fail = (code: string, message: string): never => {
    throw { code, message, detail: null } satisfies UiError;
  };

  const changed = (reason: string) => setTimeout(() => void emit("orders-changed", { reason }), 0);
  const authFinished = (p: AuthorizationFinished) => setTimeout(() => void emit("authorization-finished", p), 0);

  const setState = (s: ShopStatus, state: ShopStatus["state"], error: string | null = null) => {
    s.state = state;
    s.state_label = LABELS[state];
    s.last_error = error;
  };

  /** The form's name and typed keys (settings stay as they were: core parses those). */
  const applyForm = (s: ShopStatus, form: ShopForm) => {
    s.shop = { ...s.shop, name: form.values.name ?? s.shop.name };
    for (const c of mallOf(form.mall).credentials) {
      if ((form.values[c.key] ?? "").trim() !== "") {
        s.credentials_set[c.key] = true;
        if (s.state === "not_configured" || s.state === "connected") setState(s, "incomplete");
      }
    }
  };

  const testConnection = (s: ShopStatus): null => {
    if (s.state === "not_configured" || s.state === "incomplete") fail("MALL_NOT_AUTHORIZED", "API の設定がまだです。「設定を続ける」から設定してください。");
    if (s.state === "auth_error") fail("MALL_UNAUTHORIZED", s.last_error ?? "認証に失敗しました。");
    return null;
  };

  const exportLines = (shopId: number | null, run: boolean): ExportLine[] => {
    const shopIds = new Set(
      statuses.filter((s) => s.state === "connected" && (shopId === null || s.shop.id === shopId)).map((s) => s.shop.id),
    );
    const lines: ExportLine[] = [];
    for (const o of recent()) {
      if (!shopIds.has(o.shop_id)) continue;
      if (o.status === "新規受付" || o.status === "保留") continue;
      const line: ExportLine = {
        order_id: o.id,
        shop_id: o.shop_id,
        shop_name: o.shop_name,
        mall: o.mall,
        mall_order_id: o.mall_order_id,
        shipment_ref: "",
        tracking_number: o.tracking_number,
        carrier: o.carrier,
        ship_date: o.ship_date,
        outcome: "will_send",
        skip: null,
        message: null,
        detail: null,
      };
      const skip = (reason: ExportLine["skip"], message: string) => Object.assign(line, { outcome: "skipped", skip: reason, message });
      if (o.status === "キャンセル") skip("cancelled", "キャンセルされた注文は送信しません。");
      else if (!o.tracking_number) skip("no_tracking_number", "伝票番号が入っていません。注文詳細の「発送情報」で入力してください。");
      else if (sent.has(o.id) || o.status === "処理済") skip("already_sent", "送信済みです（二重には送りません）。");
      else if (o.ship_date && o.ship_date > "2026-11-23") skip("future_ship_date", `出荷日（${o.ship_date}）が未来の日付です。当日になってから送信します。`);
      else if (run) {
        if (o.id % 11 === 0) {
          Object.assign(line, { outcome: "failed", message: "BASE: この注文はすでにキャンセルされています。BASE の管理画面で確認してください。" });
        } else {
          line.outcome = "sent";
          sent.add(o.id);
        }
      }
      lines.push(line);
    }
    return lines;
  };

  /** Runs a fake the way a command resolves: its value, or its UiError. */
  async function answer<T>(run: () => T | Promise<T>): Promise<Result<T, UiError>> {
    try {
      return { status: "ok", data: await run() };
    } catch (e) {
      if (e && typeof e === "object" && "code" in e) return { status: "error", error: e as UiError };
      throw e;
    }
  }
  const later = <T,>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

  // The 自動処理ログ, newest first: what the fake's syncs and exports did.
  const KIND_LABELS: Record<string, string> = { sync: "受注取得", export: "発送情報の更新", auto_export: "自動書き出し" };
  const activity: LogEntry[] = [];
  const record = (kind: string, shopId: number | null, message: string) =>
    activity.unshift({
      id: activity.length + 1,
      at: new Date().toISOString(),
      kind,
      kind_label: KIND_LABELS[kind] ?? "その他",
      shop_id: shopId,
      order_id: null,
      order_number: null,
      message,
      run: null,
    });

  // 送り状データ出力 / 発行済データ取込: a plan like core's (a few blocked shipments,
  // a character CP932 lacks, a wave dash to replace) and an import that matches the
  // shipments of 発送待ち still without a number.
  const labelKey = (o: OrderRow) => `${o.id}-1`;
  const labelIds = (sel: LabelSelection): number[] => {
    if (sel.orders) return sel.orders;
    const q = sel.tab;
    return orders.filter((o) => (q.status === null || o.status === q.status) && matches(o, q)).map((o) => o.id);
  };
  // Like core's required columns from 送り状設定: a shop without its ご依頼主 is named.
  const senderMissing = (shopId: number) => {
    const st = labelSettingsOf.get(shopId) ?? PREVIEW_LABEL_SETTINGS;
    return (st.sender?.name ?? "").trim() === "" || (st.sender?.phone ?? "").trim() === "";
  };
  const labelPlanOf = (format: LabelFormat, sel: LabelSelection): LabelPlan => {
    const plan: LabelPlan = { format, rows: [], blocked: [], issues: [], warnings: [], settings_shops: [] };
    for (const id of labelIds(sel).slice(0, 2000)) {
      const o = byId.get(id);
      if (!o || o.status === "キャンセル" || o.tracking_number) continue;
      const base = { key: labelKey(o), order_id: o.id, mall_order_id: o.mall_order_id };
      if (format !== "clickpost" && senderMissing(o.shop_id)) {
        if (!plan.settings_shops.includes(o.shop_id)) plan.settings_shops.push(o.shop_id);
        plan.issues.push({ ...base, column_no: 25, column: "ご依頼主名", value: "", problem: { kind: "invalid", reason: "ご依頼主の名前を送り状の設定で入力してください。" }, message: "ご依頼主名: ご依頼主の名前を送り状の設定で入力してください。" });
      }
      if (o.id % 17 === 0) {
        plan.blocked.push({ ...base, reason: "お届け先の郵便番号がありません。注文の詳細で住所を直してください。" });
        continue;
      }
      if (o.id % 23 === 0) {
        plan.issues.push({ ...base, column_no: 10, column: "お届け先名", value: `${o.receiver_name}𠮷`, problem: { kind: "unencodable", chars: "𠮷" }, message: "Shift_JIS にない文字です。「吉」などに直してください。" });
      } else if (o.id % 11 === 0) {
        plan.issues.push({ ...base, column_no: 12, column: "お届け先住所", value: "東京都港区芝公園4〜2〜8", problem: { kind: "normalise", to: "東京都港区芝公園4～2～8", fixes: ["wave_dash"] }, message: "〜 を ～ に置き換えます。" });
      }
      plan.rows.push({ ...base, service: format === "clickpost" ? "クリックポスト" : "発払い", cod_amount: null });
    }
    return plan;
  };
  const importKeys = () =>
    orders.filter((o) => o.status === "発送待ち" && !o.tracking_number).slice(0, 5);

  const fake: typeof commands = {
    appInfo: () => answer(() => info),
    openDemo: () => answer(() => null),
    setShipPlan: (input) =>
      answer(() =>
        input.order_ids.map((id) => {
          const o = byId.get(id) ?? fail("ORDER_NOT_FOUND", "注文が見つかりません。");
          return { order_id: id, mall_order_id: o.mall_order_id, ok: true, message: `発送予定日を ${input.date} にしました。` };
        }),
      ),
    listShops: () => answer(() => statuses.map((s) => s.shop)),
    listShopStatuses: () => answer(() => structuredClone(statuses)),
    wizardStart: (mall, shopId) =>
      answer(() => {
        const names = statuses.map((s) => s.shop.name);
        let n = 1;
        while (names.includes(`${mallOf(mall).label} ${n}号店`)) n++;
        const start = newShopWizard(mall, `${mallOf(mall).label} ${n}号店`);
        if (shopId === null) return start;
        const s = statusOf(shopId);
        return { ...start, values: { ...start.values, name: s.shop.name }, stored: { ...s.credentials_set }, connected: s.state === "connected" };
      }),
    // Core's own checks are not repeated here: the preview only asks for the keys a new shop lacks.
    checkShopForm: (form, shopId) =>
      answer(() =>
        mallOf(form.mall)
          .credentials.filter((c) => (form.values[c.key] ?? "").trim() === "" && (shopId === null || !statusOf(shopId).credentials_set[c.key]))
          .map((c) => ({ key: c.key, message: `${c.label}を入力してください。` })),
      ),
    saveShopForm: (form, shopId) =>
      answer(() => {
        if (shopId !== null) {
          const s = statusOf(shopId);
          applyForm(s, form);
          return s.shop;
        }
        const s: ShopStatus = {
          shop: { id: nextShopId++, mall: form.mall, name: form.values.name ?? "", settings: mallOf(form.mall).defaults },
          state: "not_configured",
          state_label: LABELS.not_configured,
          last_sync_at: null,
          next_sync_at: null,
          last_error: null,
          last_error_detail: null,
          key_note: null,
          key_warning: false,
          credentials_set: {},
        };
        applyForm(s, form);
        statuses.push(s);
        return s.shop;
      }),
    removeShop: (id, keepOrders) =>
      answer(() => {
        statuses.splice(statuses.indexOf(statusOf(id)), 1);
        if (!keepOrders) {
          orders = orders.filter((o) => o.shop_id !== id);
          changed("shop_removed");
        }
        return null;
      }),
    connectShop: (id) =>
      answer(() => {
        const s = statusOf(id);
        if (mallOf(s.shop.mall).connect === "keys") return testConnection(s);
        if (opts.auth === "ok") {
          setTimeout(() => {
            setState(s, "connected");
            authFinished({ shop_id: id, ok: true, code: null, message: "アクセスキーを取得しました" });
          }, 1500);
        } else if (opts.auth === "fail") {
          setTimeout(() => {
            setState(s, "auth_error", "BASE で認証が拒否されました。");
            authFinished({
              shop_id: id,
              ok: false,
              code: "MALL_BAD_CLIENT",
              message: "client_id または client_secret が正しくありません。BASE Developers のアプリ情報を見て入力し直してください。",
            });
          }, 1500);
        }
        return null;
      }),
    finishAuthorizationWithUrl: (id, url) =>
      answer(() => {
        if (!/[?&]code=/.test(url)) {
          fail("MALL_NOT_AUTHORIZED", "この URL にはアクセスキーの取得に必要な情報（code）がありません。BASE で「アプリを認証する」を押したあとの URL を貼り付けてください。");
        }
        setState(statusOf(id), "connected");
        authFinished({ shop_id: id, ok: true, code: null, message: "アクセスキーを取得しました" });
        return null;
      }),
    testConnection: (id) => answer(() => testConnection(statusOf(id))),
    syncNow: (id) =>
      answer(() => {
        const reports: SyncReport[] = statuses
          .filter((s) => s.state !== "not_configured" && s.state !== "incomplete" && (id === null || s.shop.id === id))
          .map((s, i) => ({
            shop_id: s.shop.id,
            shop_name: s.shop.name,
            new: s.state === "connected" ? 12 - i * 3 : 0,
            updated: s.state === "connected" ? 3 + i : 0,
            unchanged: 40,
            cancelled: i === 2 ? 1 : 0,
            flagged: 0,
            calls: 4,
            error_code: s.state === "auth_error" ? "MALL_UNAUTHORIZED" : null,
            error: s.state === "auth_error" ? s.last_error : null,
            error_detail: s.state === "auth_error" ? s.last_error_detail : null,
          }));
        for (const s of statuses) if (reports.some((r) => r.shop_id === s.shop.id)) s.last_sync_at = jst(Date.now());
        for (const r of reports)
          record(
            "sync",
            r.shop_id,
            r.error ? `${r.shop_name}: 受注取得に失敗しました。${r.error}` : `${r.shop_name}: 受注取得 新規 ${r.new} 件、更新 ${r.updated} 件（API ${r.calls} 回）`,
          );
        setTimeout(() => void emit("sync-finished", { reports }), 0);
        changed("sync");
        return later(1200, reports);
      }),
    exportPreview: (shopId) => answer(() => exportLines(shopId, false)),
    exportRun: (shopId) =>
      answer(() => {
        const lines = exportLines(shopId, true);
        for (const l of lines.filter((l) => l.outcome === "sent"))
          record("export", l.shop_id, `${l.shop_name}: 注文 ${l.mall_order_id} の発送情報を送信しました（伝票番号 ${l.tracking_number}）`);
        changed("export");
        return later(800, lines);
      }),
    activityLog: (filter) =>
      answer(() =>
        activity
          .filter((e) => filter.shop_id === null || e.shop_id === filter.shop_id)
          .filter((e) => filter.ok === null || e.run?.ok === filter.ok)
          .slice(0, filter.limit),
      ),
    openExternal: (url) =>
      answer(() => {
        console.info("open_external", url);
        return null;
      }),
    listOrders: (q: OrderQuery) =>
      answer(() => {
        let rows = orders.filter((o) => (q.status === null || o.status === q.status) && matches(o, q));
        const sign = q.sort === "asc" ? 1 : -1;
        const by: Record<SortKey, (o: OrderRow) => string | number> = {
          ordered_at: (o) => o.ordered_at,
          ship_date: (o) => o.ship_date ?? "",
          total: (o) => o.total,
          status: (o) => STATUSES.indexOf(o.status),
          shop: (o) => o.shop_name,
        };
        const key = by[q.sort_by ?? "ordered_at"];
        rows = rows.slice().sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : b.id - a.id));
        return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
      }),
    tabIds: (q) =>
      answer(() => {
        const ids = orders.filter((o) => (q.status === null || o.status === q.status) && matches(o, q)).map((o) => o.id);
        return { ids: ids.slice(0, 50000), capped: ids.length > 50000 };
      }),
    statusCounts: (f: CountFilter) =>
      answer((): StatusCounts => {
        const counts = new Map<Status, number>(STATUSES.map((s) => [s, 0]));
        let all = 0;
        for (const o of orders) {
          if (!matches(o, f)) continue;
          all++;
          counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
        }
        return { all, by_status: STATUSES.map((s) => ({ status: s, count: counts.get(s)! })) };
      }),
    getOrder: (id) =>
      answer(() => {
        const d = detailFor(byId.get(id) ?? fail("ORDER_NOT_FOUND", "注文が見つかりません。一覧を更新してください。"));
        return { ...d, shipments: d.shipments.map((s) => ({ ...s, ...laterShipments.get(`${id}/${s.shipment_ref}`) })) };
      }),
    moveOrders: (ids, status) =>
      answer(() => {
        for (const id of ids) {
          const o = byId.get(id);
          if (o) o.status = status;
        }
        changed("moved");
        return ids.length;
      }),
    saveShipment: (orderId, input: ShipmentInput) =>
      answer(() => {
        const o = byId.get(orderId) ?? fail("ORDER_NOT_FOUND", "注文が見つかりません。");
        const t = input.tracking_number;
        if (t && input.carrier === "ヤマト運輸" && !/^\d{12}$/.test(t)) {
          fail("INVALID_TRACKING", "ヤマト運輸の伝票番号は12桁の数字です。伝票を見て入力し直してください。");
        }
        if (t && !input.carrier) fail("CARRIER_REQUIRED", "伝票番号を保存するには配送会社を選んでください。");
        // Like save_shipment: 2026-12-02, 2026/12/02 or 20261202 (full-width too), stored as 2026-12-02.
        const typed = input.ship_date?.trim() || null;
        const shipDate = typed === null ? null : (readShipDate(typed) ?? fail("INVALID_DATE", `出荷日「${typed}」は日付として読めません。2026-11-23 のように 年-月-日 で入力してください。`));
        const slip = { tracking_number: input.tracking_number, ship_date: shipDate, carrier: input.carrier };
        const first = detailFor(o).shipments[0];
        if (input.shipment_ref && input.shipment_ref !== first.shipment_ref) {
          laterShipments.set(`${orderId}/${input.shipment_ref}`, slip);
          o.shipments_tracked = (o.tracking_number ? 1 : 0) + (slip.tracking_number ? 1 : 0);
        } else {
          Object.assign(o, slip);
        }
        changed("shipment");
        return o;
      }),
    labelPlan: (format, selection) => answer(async () => later(300, labelPlanOf(format, selection))),
    labelWrite: (format, selection, opts, path) =>
      answer(async () => {
        await later(400, null);
        const plan = labelPlanOf(format, selection);
        // As core's render: shipments with a cell to fix are left out with the blocked ones.
        const toFix = new Set(plan.issues.filter((i) => i.problem.kind !== "normalise").map((i) => i.key));
        if (toFix.size > 0 && !opts.skip_blocked) fail("LABEL_CELLS_TO_FIX", `直す必要のある項目があります。一覧の注文を直してからもう一度出力するか、それらの発送を除いて出力してください。`);
        if (plan.blocked.length > 0 && !opts.skip_blocked) fail("LABEL_SHIPMENTS_BLOCKED", `出力できない発送が${plan.blocked.length}件あります（理由は一覧を見てください）。`);
        const pending = plan.issues.filter((i) => i.problem.kind === "normalise" && !toFix.has(i.key)).length;
        if (pending > 0 && !opts.accept_normalisations) fail("LABEL_NORMALISATIONS_PENDING", `文字の置き換えが${pending}件あります。`);
        const rows = plan.rows.filter((r) => !toFix.has(r.key));
        if (rows.length === 0) fail("LABEL_NOTHING_TO_WRITE", "出力する発送がありません。注文を選び直してください。");
        const out = path ?? `${info.data_dir}\\送り状\\${format}-20261123-120000.csv`;
        const per = format === "clickpost" ? 40 : rows.length;
        const n = Math.ceil(rows.length / per);
        const paths = n === 1 ? [out] : Array.from({ length: n }, (_, i) => out.replace(/(\.[^.\\/]*)?$/, (ext) => `-${String(i + 1).padStart(2, "0")}${ext}`));
        return { plan, paths, rows: rows.length };
      }),
    labelSettings: (shopId) => answer(() => labelSettingsOf.get(shopId) ?? PREVIEW_LABEL_SETTINGS),
    setLabelSettings: (shopId, settings) =>
      answer(() => {
        labelSettingsOf.set(shopId, settings);
        return null;
      }),
    checkLabelSettings: (_shopId, format, settings) =>
      answer(async () => {
        await later(150, null);
        // The preview shows the 見本 order; core checks every field in the app.
        const sample: LabelSample = {
          format,
          mall_order_id: null,
          service: "宅急便",
          cells: [
            { no: 1, column: "お客様管理番号", value: "J1" },
            { no: 16, column: "お届け先名", value: "見本 花子" },
            { no: 40, column: "ご依頼主名", value: settings.sender?.name ?? "" },
            { no: 50, column: "ご請求先顧客コード", value: settings.b2_billing_code ?? "" },
          ].filter((c) => c.value !== ""),
          issues: [],
          blocked: null,
        };
        return { problems: [], sample };
      }),
    labelCatalog: () => Promise.resolve(PREVIEW_LABEL_CATALOG),
    trackingWarning: () => Promise.resolve(null),
    labelImportPreview: (fileName, bytes) =>
      answer(async () => {
        await later(300, null);
        if (bytes.length === 0) fail("LABEL_UNKNOWN_LAYOUT", "このファイルには伝票番号とお客様管理番号の列が見つかりません。");
        const preview: ImportPreview = {
          file_name: fileName,
          sha256: String(bytes.length),
          already_imported: importedFiles.has(`${fileName}/${bytes.length}`),
          format: "b2",
          format_label: "B2クラウド 発行済データ",
          carrier: "ヤマト運輸",
          matched: importKeys().map((o, i) => ({
            key: labelKey(o),
            order_id: o.id,
            mall_order_id: o.mall_order_id,
            shipment_ref: "",
            status: o.status,
            numbers: [String(400000000000 + o.id)],
            file_date: "2026-11-23",
            current: null,
            has_other_number: i === 9,
          })),
          unknown_keys: ["999999-1"],
          warnings: [{ line: 8, key: "999999-1", message: "この管理番号の注文は Juchu にありません。" }],
        };
        return preview;
      }),
    labelImportApply: (fileName, bytes, opts) =>
      answer(async () => {
        await later(300, null);
        const id = `${fileName}/${bytes.length}`;
        if (importedFiles.has(id)) return { already_imported: true, updated: 0, kept: 0, moved: 0 };
        importedFiles.add(id);
        let moved = 0;
        const hit = importKeys();
        for (const o of hit) {
          o.tracking_number = String(400000000000 + o.id);
          o.carrier = "ヤマト運輸";
          // The preview's today and the file's date are the same day.
          o.ship_date = "2026-11-23";
          if (opts.move_to && opts.move_to !== o.status) {
            o.status = opts.move_to;
            moved++;
          }
        }
        changed("labels");
        return { already_imported: false, updated: hit.length, kept: 0, moved };
      }),
    // 「パソコンの起動時に Juchu を開く」: off until ticked, kept while the preview runs.
    updateCheck: () =>
      answer(() => (opts.update ? { version: opts.update, current_version: "0.1.0", notes: "- プレビューの変更内容" } : null)),
    // The preview cannot restart: a successful install stays on 「ダウンロードしています…」.
    updateInstall: () =>
      answer(async () => {
        if (opts.updateBusy) {
          await later(300, null);
          throw {
            code: "EXPORT_RUNNING",
            message:
              "発送情報の更新を実行中のため、アップデートを始められません。送信が終わってから、もう一度「今すぐ更新」を押してください。",
            detail: null,
          } satisfies UiError;
        }
        return new Promise<null>(() => {});
      }),
    startAtLogin: () => answer(() => startAtLogin.on),
    setStartAtLogin: (on) =>
      answer(async () => {
        await later(200, null);
        startAtLogin.on = on;
        return null;
      }),
  };
  const startAtLogin = { on: false };
  const importedFiles = new Set<string>();
  const labelSettingsOf = new Map<number, LabelSettings>();
  Object.assign(commands, fake);
  // Events only: every command is answered above, never through IPC.
  mockIPC(() => {
    throw new Error("preview: a command went to IPC instead of the typed fake");
  }, { shouldMockEvents: true });
}
