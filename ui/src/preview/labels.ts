// What 送り状設定 offers (formats, their services, time slots) and a new shop's 送り状
// settings, as juchu-core has them, generated into labels.json by
// `cargo run -p juchu --bin export-bindings` (a Rust test fails when it is stale).
import type { LabelCatalog, LabelSettings } from "../bindings";
import json from "./labels.json";

export const PREVIEW_LABEL_CATALOG = json.catalog as unknown as LabelCatalog;
export const PREVIEW_LABEL_SETTINGS = json.defaults as unknown as LabelSettings;
