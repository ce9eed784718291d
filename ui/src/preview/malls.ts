// The mall registry as juchu-core serves it in AppInfo.malls, generated into
// malls.json by `cargo run -p juchu --bin export-bindings` (a Rust test fails
// when it is stale): the dev preview and the UI tests use it, so no mall's
// text or defaults are typed a second time in TypeScript.
import type { Mall, MallView, ShopSettings } from "../bindings";
import json from "./malls.json";

export const MALLS = json as MallView[];

/** The settings a new shop of `mall` starts with, as the registry says. */
export function registryDefaults(mall: Mall): ShopSettings {
  const view = MALLS.find((m) => m.mall === mall);
  if (!view) throw new Error(`malls.json has no ${mall}`);
  return view.defaults;
}
