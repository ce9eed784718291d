// Defaults of a new shop's settings, and the names Juchu proposes for it.
import type { AppInfo, BaseSettings, Mall, MallSettings, MallView, ShopSettings } from "../bindings";

export const FETCH_INTERVALS = [15, 30, 60, 120];

/** BASE's own defaults: 処理済以外も書き出す, the juchu:// コールバックURL. */
export function defaultBaseSettings(): BaseSettings {
  return { export_scope: "all_but_new_and_hold", oauth_redirect: "deep_link" };
}

/** What a new shop of this mall has of its own (the other malls have nothing yet). */
export function defaultMallSettings(mall: Mall): MallSettings {
  switch (mall) {
    case "base":
      return { mall, ...defaultBaseSettings() };
    case "qoo10":
    case "bcart":
    case "makeshop":
    case "shopserve":
      return { mall };
  }
}

export function defaultSettings(mall: Mall): ShopSettings {
  return {
    fetch_days: 7,
    auto_fetch: true,
    fetch_interval_minutes: 30,
    initial_status: "新規受付",
    mall: defaultMallSettings(mall),
  };
}

/** BASE's own settings of a shop; the defaults if they are not a BASE shop's. */
export function baseSettingsOf(settings: ShopSettings): BaseSettings {
  const m = settings.mall;
  return m.mall === "base" ? { export_scope: m.export_scope, oauth_redirect: m.oauth_redirect } : defaultBaseSettings();
}

export function mallView(info: AppInfo, mall: Mall): MallView | undefined {
  return info.malls.find((m) => m.mall === mall);
}

export function mallLabel(info: AppInfo, mall: Mall): string {
  return mallView(info, mall)?.label ?? mall;
}

/**
 * The mall has a setup wizard: it is ready and authorized in the browser (the BASE
 * wizard is the only one today).
 */
export function hasWizard(info: AppInfo, mall: Mall): boolean {
  const v = mallView(info, mall);
  return v !== undefined && v.ready && v.connect === "browser";
}

/** 「BASE 1号店」, or the first 「BASE N号店」 that no shop uses yet. */
export function nextShopName(label: string, takenNames: string[]): string {
  const taken = new Set(takenNames);
  for (let n = 1; ; n++) {
    const name = `${label} ${n}号店`;
    if (!taken.has(name)) return name;
  }
}
