// Defaults of a new shop's settings, and the names Juchu proposes for it.
import type { AppInfo, BaseSettings, Mall, MallView, ShopSettings } from "../bindings";

export const FETCH_INTERVALS = [15, 30, 60, 120];

/** The settings a new shop of `mall` starts with (juchu-core's defaults, served in AppInfo). */
export function defaultSettings(info: AppInfo, mall: Mall): ShopSettings {
  const view = mallView(info, mall);
  if (!view) throw new Error(`AppInfo has no ${mall}`);
  return view.defaults;
}

/** BASE's own settings of a shop; BASE's defaults if they are not a BASE shop's. */
export function baseSettingsOf(info: AppInfo, settings: ShopSettings): BaseSettings {
  for (const m of [settings.mall, defaultSettings(info, "base").mall]) {
    if (m.mall === "base") return { export_scope: m.export_scope, oauth_redirect: m.oauth_redirect };
  }
  throw new Error("AppInfo's BASE defaults are not a BASE shop's");
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
