import { describe, expect, it } from "vitest";
import type { Mall } from "../bindings";
import { APP_INFO, SETTINGS } from "../test/fixtures";
import { baseSettingsOf, defaultSettings, hasWizard } from "./shopDefaults";

describe("defaultSettings", () => {
  it("gives BASE its own settings and the other malls none, with the same common ones", () => {
    expect(defaultSettings(APP_INFO, "base")).toEqual(SETTINGS);
    for (const mall of ["qoo10", "bcart", "makeshop", "shopserve"] as Mall[]) {
      expect(defaultSettings(APP_INFO, mall)).toEqual({ ...SETTINGS, mall: { mall } });
    }
  });

  it("reads BASE's settings of a BASE shop, the defaults of another", () => {
    const done = { ...SETTINGS, mall: { mall: "base" as const, export_scope: "done_only" as const, oauth_redirect: "loopback" as const } };
    expect(baseSettingsOf(APP_INFO, done)).toEqual({ export_scope: "done_only", oauth_redirect: "loopback" });
    expect(baseSettingsOf(APP_INFO, defaultSettings(APP_INFO, "qoo10"))).toEqual({ export_scope: "all_but_new_and_hold", oauth_redirect: "deep_link" });
  });
});

describe("hasWizard", () => {
  it("follows the backend's ready flag for a mall authorized in the browser", () => {
    expect(hasWizard(APP_INFO, "base")).toBe(true);
    expect(hasWizard(APP_INFO, "qoo10")).toBe(false);
    const notReady = { ...APP_INFO, malls: APP_INFO.malls.map((v) => ({ ...v, ready: false })) };
    expect(hasWizard(notReady, "base")).toBe(false);
  });
});
