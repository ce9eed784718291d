// The mall registry as juchu-core serves it in AppInfo.malls, generated into
// malls.json by `cargo run -p juchu --bin export-bindings` (a Rust test fails
// when it is stale): the dev preview and the UI tests use it, so no mall's
// text or defaults are typed a second time in TypeScript.
import type { Mall, MallView, ShopSettings, WizardStart } from "../bindings";
import json from "./malls.json";

export const MALLS = json as unknown as MallView[];

/** The settings a new shop of `mall` starts with, as the registry says. */
export function registryDefaults(mall: Mall): ShopSettings {
  const view = MALLS.find((m) => m.mall === mall);
  if (!view) throw new Error(`malls.json has no ${mall}`);
  return view.defaults;
}

/**
 * What core's wizard_start answers for a new shop of `mall` (its name aside), from the
 * registry: the wizard, the default values, every credential blank and not stored.
 */
export function newShopWizard(mall: Mall, name: string): WizardStart {
  const view = MALLS.find((m) => m.mall === mall);
  if (!view?.wizard) throw new Error(`malls.json has no wizard for ${mall}`);
  const credentials = view.credentials.map((c) => c.key);
  return {
    wizard: view.wizard,
    values: { ...view.default_values, name, ...Object.fromEntries(credentials.map((k) => [k, ""])) },
    stored: Object.fromEntries(credentials.map((k) => [k, false])),
    connected: false,
  };
}
