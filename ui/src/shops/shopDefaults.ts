// Defaults of a new shop's settings, and the names Juchu proposes for it.
import type { AppInfo, Mall, ShopSettings } from "../bindings";

export const FETCH_INTERVALS = [15, 30, 60, 120];

export function defaultSettings(): ShopSettings {
  return {
    fetch_days: 7,
    auto_fetch: true,
    fetch_interval_minutes: 30,
    initial_status: "新規受付",
    export_scope: "all_but_new_and_hold",
    oauth_redirect: "deep_link",
    // Qoo10 only (配送要請); unused by the other malls.
    qoo10_fetch_status: 2,
    auto_export: false,
    endpoint: null,
  };
}

export function mallLabel(info: AppInfo, mall: Mall): string {
  return info.malls.find((m) => m.mall === mall)?.label ?? mall;
}

/** 「BASE 1号店」, or the first 「BASE N号店」 that no shop uses yet. */
export function nextShopName(label: string, takenNames: string[]): string {
  const taken = new Set(takenNames);
  for (let n = 1; ; n++) {
    const name = `${label} ${n}号店`;
    if (!taken.has(name)) return name;
  }
}
