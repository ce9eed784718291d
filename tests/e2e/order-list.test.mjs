// 受注一覧 in the real window: tab counts from SQLite, moving an order to
// 発送待ち, and the move surviving a restart of the app.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { openApp, tabCount, waitForTabCount } from "./session.mjs";

const CLI = process.env.JUCHU_E2E_CLI;
const SHOT_DIR = process.env.JUCHU_E2E_SHOTS;

function cliJson(args) {
  return JSON.parse(execFileSync(CLI, [...args, "--json"], { encoding: "utf8" }));
}

let browser;
after(async () => {
  if (browser) await browser.deleteSession();
});

test("tab counts match the database, a move to 発送待ち survives a restart", async () => {
  const all = cliJson(["orders"]);
  const newOrders = all.filter((o) => o.status === "新規受付");
  const waiting = all.filter((o) => o.status === "発送待ち").length;
  assert.ok(newOrders.length > 0, "the seeded database has 新規受付 orders");

  browser = await openApp();
  await waitForTabCount(browser, "全て", all.length);
  assert.equal(await tabCount(browser, "新規受付"), newOrders.length);
  assert.equal(await tabCount(browser, "発送待ち"), waiting);
  if (SHOT_DIR) {
    await browser.pause(500);
    await browser.saveScreenshot(`${SHOT_DIR}/order-list.png`);
  }

  // Open the 新規受付 tab, pick its newest order, move it to 発送待ち.
  await browser.$('[data-testid="status-tab-新規受付"]').click();
  const target = newOrders[0].mall_order_id;
  const row = browser.$(`[data-testid="order-row-${target}"]`);
  await row.waitForExist({ timeout: 10000 });
  await row.click();
  await browser.$('[data-testid="detail-pane"]').waitForExist({ timeout: 10000 });
  if (SHOT_DIR) {
    await browser.pause(500);
    await browser.saveScreenshot(`${SHOT_DIR}/order-detail.png`);
  }
  await browser.$('[data-testid="move-status-select"]').selectByAttribute("value", "発送待ち");
  await browser.$('[data-testid="move-status-apply"]').click();
  await waitForTabCount(browser, "発送待ち", waiting + 1);
  assert.equal(await tabCount(browser, "新規受付"), newOrders.length - 1);
  await browser.deleteSession();
  browser = undefined;

  // What the window did is in the database...
  const moved = cliJson(["orders", "--search", target]).find((o) => o.mall_order_id === target);
  assert.equal(moved.status, "発送待ち");

  // ...and the restarted app shows it.
  browser = await openApp();
  await waitForTabCount(browser, "発送待ち", waiting + 1);
  await browser.$('[data-testid="status-tab-発送待ち"]').click();
  await browser.$(`[data-testid="order-row-${target}"]`).waitForExist({ timeout: 10000 });
});
