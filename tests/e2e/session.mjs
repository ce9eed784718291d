// Opens and closes WebDriver sessions on the real app through tauri-driver.
import { remote } from "webdriverio";

export const APP = process.env.JUCHU_E2E_APP;
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 4444);

/** Starts the app (a new process per session) and waits for the order list. */
export async function openApp() {
  if (!APP) throw new Error("JUCHU_E2E_APP is not set (run tests/e2e/run.sh)");
  const browser = await remote({
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "warn",
    // No browserName: tauri-driver forwards it to WebKitWebDriver, which then fails to match.
    capabilities: { "tauri:options": { application: APP } },
  });
  await browser.$('[data-testid="status-count-全て"]').waitForExist({ timeout: 20000 });
  return browser;
}

/** The number shown in a status tab (thousands separators removed). */
export async function tabCount(browser, label) {
  const el = browser.$(`[data-testid="status-count-${label}"]`);
  await el.waitForExist({ timeout: 10000 });
  return Number((await el.getText()).replace(/[^0-9]/g, ""));
}

export async function waitForTabCount(browser, label, expected) {
  await browser.waitUntil(async () => (await tabCount(browser, label)) === expected, {
    timeout: 10000,
    timeoutMsg: `tab ${label} never showed ${expected}`,
  });
}
