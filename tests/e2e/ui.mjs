// What every end-to-end test does in the window: find by test id, click when
// clickable, go on to a wizard step, save a screenshot, ask juchu-cli.
import { execFileSync } from "node:child_process";

const SHOTS = process.env.JUCHU_E2E_SHOTS;
const CLI = process.env.JUCHU_E2E_CLI;

/** Helpers over the session `browser()` returns (it changes when a test reopens the app). */
export function ui(browser) {
  const byId = (id) => browser().$(`[data-testid="${id}"]`);
  async function click(id) {
    const el = byId(id);
    await el.waitForClickable({ timeout: 10000 });
    await el.click();
  }
  /** 次へ, then waits until the wizard shows step `n` (core checks the fields first). */
  async function nextTo(n) {
    await click("wizard-next");
    await byId(`wizard-step-${n}`).waitForExist({ timeout: 10000 });
  }
  async function shot(name) {
    if (!SHOTS) return;
    await browser().pause(400);
    await browser().saveScreenshot(`${SHOTS}/${name}.png`);
  }
  return { byId, click, nextTo, shot };
}

/** `juchu-cli ARGS --json`, parsed. */
export function cliJson(args) {
  return JSON.parse(execFileSync(CLI, [...args, "--json"], { encoding: "utf8" }));
}

/** `juchu-cli ARGS`. */
export function cli(args) {
  execFileSync(CLI, args);
}
