import { describe, expect, it } from "vitest";
import { APP_INFO } from "../test/fixtures";
import { hasWizard, mallLabel } from "./shopDefaults";

describe("hasWizard", () => {
  it("follows the backend's ready flag and wizard description", () => {
    expect(hasWizard(APP_INFO, "base")).toBe(true);
    expect(hasWizard(APP_INFO, "qoo10")).toBe(true);
    expect(hasWizard(APP_INFO, "bcart")).toBe(true);
    expect(hasWizard(APP_INFO, "makeshop")).toBe(true);
    expect(hasWizard(APP_INFO, "shopserve")).toBe(true);
    const notReady = { ...APP_INFO, malls: APP_INFO.malls.map((v) => ({ ...v, ready: false })) };
    expect(hasWizard(notReady, "base")).toBe(false);
  });

  it("names a mall by the registry's label", () => {
    expect(mallLabel(APP_INFO, "bcart")).toBe("Bカート");
  });
});
