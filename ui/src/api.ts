// The one place that talks to the Rust side. Wraps the generated commands and turns
// `Result<T, UiError>` into a plain value or a thrown ApiError carrying the backend's
// Japanese message unchanged.
import { commands, events } from "./bindings";
import type {
  ApplyOptions,
  ApplyReport,
  AppInfo,
  ImportPreview,
  Carrier,
  LabelCatalog,
  LabelFormat,
  LabelPlan,
  LabelSettingsCheck,
  LabelSelection,
  LabelSettings,
  LabelWritten,
  WriteOptions,
  AuthorizationFinished,
  CountFilter,
  ExportLine,
  LogEntry,
  LogFilter,
  Mall,
  OrderDetail,
  OrderPage,
  OrderQuery,
  OrderRow,
  Progress,
  ShipmentInput,
  ShipPlanInput,
  ShipPlanResult,
  Shop,
  ShopForm,
  ShopStatus,
  Status,
  StatusCounts,
  SyncFinished,
  SyncReport,
  TabIds,
  TabQuery,
  UiError,
  UpdateOffer,
  WizardStart,
  FieldError,
} from "./bindings";

/** What every generated command resolves to. */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

export class ApiError extends Error {
  readonly code: string;
  /** The technical part (an OS message, a mall's code), for the 「詳細」 toggle. */
  readonly detail: string | null;
  constructor(code: string, message: string, detail: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.detail = detail;
  }
}

/** Code used when the command never reached the backend (not running inside Juchu, crash...). */
export const IPC_ERROR_CODE = "ipc";

async function call<T>(run: () => Promise<Result<T, UiError>>): Promise<T> {
  let result: Result<T, UiError>;
  try {
    result = await run();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new ApiError(IPC_ERROR_CODE, "アプリ本体と通信できませんでした。Juchu を再起動してください。", detail);
  }
  if (result.status === "error") {
    throw new ApiError(result.error.code, result.error.message, result.error.detail);
  }
  return result.data;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The technical part of an error, when it has one. */
export function errorDetail(e: unknown): string | null {
  return e instanceof ApiError ? e.detail : null;
}

export const api = {
  appInfo: (): Promise<AppInfo> => call(() => commands.appInfo()),
  /** 「デモで試す」: this window serves the demo's data (and built-in malls) until restarted. */
  openDemo: (): Promise<null> => call(() => commands.openDemo()),
  listOrders: (query: OrderQuery): Promise<OrderPage> => call(() => commands.listOrders(query)),
  statusCounts: (filter: CountFilter): Promise<StatusCounts> =>
    call(() => commands.statusCounts(filter)),
  /** 「このタブの全件を選択」: every order of a tab, not only the rows on screen. */
  tabIds: (query: TabQuery): Promise<TabIds> => call(() => commands.tabIds(query)),
  getOrder: (id: number): Promise<OrderDetail> => call(() => commands.getOrder(id)),
  moveOrders: (ids: number[], status: Status): Promise<number> =>
    call(() => commands.moveOrders(ids, status)),
  /** A planned ship date on the mall for orders (Qoo10's 発送予定日): a result per order. */
  setShipPlan: (input: ShipPlanInput): Promise<ShipPlanResult[]> => call(() => commands.setShipPlan(input)),
  saveShipment: (orderId: number, input: ShipmentInput): Promise<OrderRow> =>
    call(() => commands.saveShipment(orderId, input)),
  listShops: (): Promise<Shop[]> => call(() => commands.listShops()),
  listShopStatuses: (): Promise<ShopStatus[]> => call(() => commands.listShopStatuses()),
  /** What a mall's setup wizard opens with (a new shop when `shopId` is null). */
  wizardStart: (mall: Mall, shopId: number | null): Promise<WizardStart> =>
    call(() => commands.wizardStart(mall, shopId)),
  /** Core's sentence for each wrong field of a wizard (empty: it can be saved). */
  checkShopForm: (form: ShopForm, shopId: number | null): Promise<FieldError[]> =>
    call(() => commands.checkShopForm(form, shopId)),
  /** Adds the shop (`shopId` null) or saves its changes. */
  saveShopForm: (form: ShopForm, shopId: number | null): Promise<Shop> =>
    call(() => commands.saveShopForm(form, shopId)),
  removeShop: (id: number, keepOrders: boolean): Promise<null> =>
    call(() => commands.removeShop(id, keepOrders)),
  /**
   * Connects a shop the way its mall wants: a browser authorization (its end arrives as
   * authorizationFinished), or the 接続テスト of its keys.
   */
  connectShop: (shopId: number): Promise<null> => call(() => commands.connectShop(shopId)),
  /** Ends a browser authorization with the address the merchant pasted. */
  finishAuthorizationWithUrl: (shopId: number, url: string): Promise<null> =>
    call(() => commands.finishAuthorizationWithUrl(shopId, url)),
  testConnection: (shopId: number): Promise<null> => call(() => commands.testConnection(shopId)),
  syncNow: (shopId: number | null): Promise<SyncReport[]> => call(() => commands.syncNow(shopId)),
  exportPreview: (shopId: number | null): Promise<ExportLine[]> =>
    call(() => commands.exportPreview(shopId)),
  exportRun: (shopId: number | null): Promise<ExportLine[]> =>
    call(() => commands.exportRun(shopId)),
  openExternal: (url: string): Promise<null> => call(() => commands.openExternal(url)),
  /** The 自動処理ログ, newest first. */
  activityLog: (filter: LogFilter): Promise<LogEntry[]> => call(() => commands.activityLog(filter)),
  /** 「パソコンの起動時に Juchu を開く」 (off until the merchant ticks it). */
  startAtLogin: (): Promise<boolean> => call(() => commands.startAtLogin()),
  setStartAtLogin: (on: boolean): Promise<null> => call(() => commands.setStartAtLogin(on)),
  /** A newer version of Juchu, or null (also when the update server cannot be reached). */
  updateCheck: (): Promise<UpdateOffer | null> => call(() => commands.updateCheck()),
  /** Installs the offered version and restarts; refused (EXPORT_RUNNING) while 発送情報の更新 sends. */
  updateInstall: (): Promise<null> => call(() => commands.updateInstall()),
  /** 送り状データ出力's check: rows, blocked shipments, cells to fix or accept. Writes nothing. */
  labelPlan: (format: LabelFormat, selection: LabelSelection): Promise<LabelPlan> =>
    call(() => commands.labelPlan(format, selection)),
  /** Writes the label file(s) to `path`, or (null) to the data folder's 送り状 subfolder. */
  labelWrite: (format: LabelFormat, selection: LabelSelection, opts: WriteOptions, path: string | null): Promise<LabelWritten> =>
    call(() => commands.labelWrite(format, selection, opts, path)),
  labelSettings: (shopId: number): Promise<LabelSettings> => call(() => commands.labelSettings(shopId)),
  setLabelSettings: (shopId: number, settings: LabelSettings): Promise<null> =>
    call(() => commands.setLabelSettings(shopId, settings)),
  /** 送り状設定's check of unsaved settings, with the row they would write in `format`. */
  checkLabelSettings: (shopId: number, format: LabelFormat, settings: LabelSettings): Promise<LabelSettingsCheck> =>
    call(() => commands.checkLabelSettings(shopId, format, settings)),
  labelCatalog: (): Promise<LabelCatalog> => commands.labelCatalog(),
  /** A warning when a typed tracking number's check digit does not match its carrier's. */
  trackingWarning: (carrier: Carrier, number: string): Promise<string | null> => commands.trackingWarning(carrier, number),
  /** 発行済データ取込's preview of a file's bytes; changes nothing. */
  labelImportPreview: (fileName: string, bytes: number[]): Promise<ImportPreview> =>
    call(() => commands.labelImportPreview(fileName, bytes)),
  labelImportApply: (fileName: string, bytes: number[], opts: ApplyOptions): Promise<ApplyReport> =>
    call(() => commands.labelImportApply(fileName, bytes, opts)),
};

type Listenable<T> = {
  listen: (cb: (e: { payload: T }) => void) => Promise<() => void>;
};

/**
 * Subscribe to one backend event. Returns a synchronous unsubscribe that also works
 * when called before the async listen() has resolved.
 */
function subscribe<T>(event: () => Listenable<T>, cb: (payload: T) => void): () => void {
  let unlisten: (() => void) | null = null;
  let cancelled = false;
  let listening: Promise<() => void>;
  try {
    listening = event().listen((e) => {
      if (!cancelled) cb(e.payload);
    });
  } catch {
    // Outside the app window there is no event bus; nothing to listen to.
    return () => {};
  }
  Promise.resolve(listening)
    .then((fn) => {
      if (typeof fn !== "function") return;
      if (cancelled) fn();
      else unlisten = fn;
    })
    .catch(() => {
      // Outside the app window there is no event bus; nothing to listen to.
    });
  return () => {
    cancelled = true;
    unlisten?.();
  };
}

/** The backend's ordersChanged event: counts and rows should be read again. */
export function onOrdersChanged(cb: (reason: string) => void): () => void {
  return subscribe(() => events.ordersChanged, (p) => cb(p.reason));
}

/** A sync finished (manual or automatic): per-shop reports. */
export function onSyncFinished(cb: (payload: SyncFinished) => void): () => void {
  return subscribe(() => events.syncFinished, cb);
}

/** A fetch or an export moved on (pages read, shipments sent), for the progress shown. */
export function onProgress(cb: (progress: Progress) => void): () => void {
  return subscribe(() => events.progressChanged, (p) => cb(p.progress));
}

/** The browser authorization of some shop ended (deep link, loopback or pasted URL). */
export function onAuthorizationFinished(cb: (payload: AuthorizationFinished) => void): () => void {
  return subscribe(() => events.authorizationFinished, cb);
}
