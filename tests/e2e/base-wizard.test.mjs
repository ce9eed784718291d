// モール詳細設定 → 追加 → BASE: the setup wizard in the real window, through
// アクセスキーを取得する (OAuth via the loopback redirect against the BASE
// fake) to a 接続済み shop, then 受注取得 fills the order list.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { openApp, tabCount } from "./session.mjs";

const SHOTS = process.env.JUCHU_E2E_SHOTS;
const creds = JSON.parse(process.env.FAKEMALL_CREDENTIALS_BASE ?? "{}");

let browser;
after(async () => {
  if (browser) await browser.deleteSession();
});

const byId = (id) => browser.$(`[data-testid="${id}"]`);
async function click(id) {
  const el = byId(id);
  await el.waitForClickable({ timeout: 10000 });
  await el.click();
}
async function shot(name) {
  if (!SHOTS) return;
  await browser.pause(400);
  await browser.saveScreenshot(`${SHOTS}/${name}.png`);
}

/** Walks 追加 → BASE to 「アクセスキーを取得しました」 with the given コールバックURL choice. */
async function connectShop(redirectChoice, shotPrefix) {
  await click("nav-shops");
  await click("shop-add");
  // The malls without a client say what is planned on their tiles.
  await byId("mall-planned-qoo10").waitForExist({ timeout: 10000 });
  await shot(`${shotPrefix}-mall-picker`);
  await click("mall-pick-base");
  await click("wizard-next"); // 1 BASE Developers に登録 → 2 アプリを作成
  const redirect = byId("redirect-uri");
  await redirect.waitForExist({ timeout: 10000 });
  const shown = (await redirect.getValue()) || (await redirect.getText());
  assert.equal(shown, "juchu://oauth/base");
  await click(`redirect-choice-${redirectChoice}`);
  await shot(`${shotPrefix}-redirect`);
  await click("wizard-next"); // → 3 client_id / client_secret
  await byId("client-id-input").setValue(creds.client_id);
  await byId("client-secret-input").setValue(creds.client_secret);
  await click("wizard-next"); // → 4 設定
  await click("wizard-next"); // → 5 アクセスキー
  await click("get-access-key");
  const status = byId("wizard-status");
  try {
    await browser.waitUntil(async () => (await status.getText()).includes("アクセスキーを取得しました"), { timeout: 20000 });
  } catch {
    await shot(`${shotPrefix}-failed`);
    assert.fail(`the authorization never finished; the wizard says: ${await status.getText()}`);
  }
  await shot(`${shotPrefix}-connected`);
  await click("wizard-finish");
}

async function connectedShops() {
  let n = 0;
  for (const s of await browser.$$('[data-testid^="shop-state-"]')) if ((await s.getText()) === "接続済み") n++;
  return n;
}

test("the BASE wizard connects a shop and 受注取得 brings its orders", async () => {
  assert.ok(creds.client_id && creds.client_secret, "FAKEMALL_CREDENTIALS_BASE is set by run.sh");
  browser = await openApp();
  const before = await tabCount(browser, "全て");

  await connectShop("loopback", "wizard");
  // The seeded folder also has sample shops (未設定): the new one is the 接続済み card.
  await browser.waitUntil(async () => (await connectedShops()) === 1, { timeout: 10000, timeoutMsg: "no shop shows 接続済み" });
  await shot("shop-list");

  await click("nav-orders");
  await click("sync-now");
  await byId("sync-result").waitForExist({ timeout: 30000 });
  await browser.waitUntil(async () => (await tabCount(browser, "全て")) > before, {
    timeout: 30000,
    timeoutMsg: "受注取得 added no orders",
  });
  assert.match(await byId("sync-result").getText(), /新規/);
  await shot("after-sync");
});

test("a second BASE shop is connected through the juchu:// deep link", async () => {
  await connectShop("deep_link", "deeplink");
  await browser.waitUntil(async () => (await connectedShops()) === 2, { timeout: 10000, timeoutMsg: "the second shop is not 接続済み" });
});
