// The one place that talks to the Rust side. Wraps the generated commands and turns
// `Result<T, UiError>` into a plain value or a thrown ApiError carrying the backend's
// Japanese message unchanged.
import { commands, events } from "./bindings";
import type {
  AppInfo,
  CountFilter,
  OrderDetail,
  OrderPage,
  OrderQuery,
  OrderRow,
  Result,
  ShipmentInput,
  Shop,
  Status,
  StatusCounts,
  UiError,
} from "./bindings";

export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
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
    throw new ApiError(
      IPC_ERROR_CODE,
      `アプリ本体と通信できませんでした。Juchu を再起動してください。(${detail})`,
    );
  }
  if (result.status === "error") {
    throw new ApiError(result.error.code, result.error.message);
  }
  return result.data;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export const api = {
  appInfo: (): Promise<AppInfo> => call(() => commands.appInfo()),
  listOrders: (query: OrderQuery): Promise<OrderPage> => call(() => commands.listOrders(query)),
  statusCounts: (filter: CountFilter): Promise<StatusCounts> =>
    call(() => commands.statusCounts(filter)),
  getOrder: (id: number): Promise<OrderDetail> => call(() => commands.getOrder(id)),
  moveOrders: (ids: number[], status: Status): Promise<number> =>
    call(() => commands.moveOrders(ids, status)),
  saveShipment: (orderId: number, input: ShipmentInput): Promise<OrderRow> =>
    call(() => commands.saveShipment(orderId, input)),
  listShops: (): Promise<Shop[]> => call(() => commands.listShops()),
};

/**
 * Subscribe to the backend's ordersChanged event. Returns a synchronous unsubscribe
 * that also works when called before the async listen() has resolved.
 */
export function onOrdersChanged(cb: (reason: string) => void): () => void {
  let unlisten: (() => void) | null = null;
  let cancelled = false;
  events.ordersChanged
    .listen((e) => cb(e.payload.reason))
    .then((fn) => {
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
