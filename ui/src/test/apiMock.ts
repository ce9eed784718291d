// vi.mock("../api") factory: every backend call a vi.fn(), the event subscriptions
// recorded so a test can emit events; ApiError and errorMessage stay real.
import { vi } from "vitest";
import type * as ApiModule from "../api";
import type { ShopStatus } from "../bindings";
import { settingsFor } from "./fixtures";

type Api = typeof ApiModule;

export async function apiModuleMock(importOriginal: () => Promise<unknown>) {
  const orig = (await importOriginal()) as Api;
  const api = Object.fromEntries(Object.keys(orig.api).map((k) => [k, vi.fn()])) as unknown as Api["api"];
  return {
    ...orig,
    api,
    onOrdersChanged: vi.fn(() => () => {}),
    onSyncFinished: vi.fn(() => () => {}),
    onProgress: vi.fn(() => () => {}),
    onAuthorizationFinished: vi.fn(() => () => {}),
  };
}

/**
 * Calls every subscriber of a mocked onX function, e.g.
 * `emit(onAuthorizationFinished, {...})` with onAuthorizationFinished imported from the mocked "../api".
 */
export function emit<T>(subscribe: (cb: (p: T) => void) => () => void, payload: T) {
  const calls = (subscribe as unknown as { mock: { calls: [(p: T) => void][] } }).mock.calls;
  for (const [cb] of calls) cb(payload);
}

export function shopStatus(
  id: number,
  over: Partial<ShopStatus> & { name?: string; mall?: ShopStatus["shop"]["mall"] } = {},
): ShopStatus {
  const { name, mall, ...rest } = over;
  return {
    shop: { id, mall: mall ?? "base", name: name ?? `BASE ${id}号店`, settings: settingsFor(mall ?? "base") },
    state: "connected",
    state_label: "接続済み",
    last_sync_at: "2026-11-23T02:53:00Z",
    next_sync_at: "2026-11-23T12:23:00+09:00",
    last_error: null,
    last_error_detail: null,
    key_note: null,
    key_warning: false,
    credentials_set: { client_id: true, client_secret: true },
    ...rest,
  };
}
