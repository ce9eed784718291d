// モール詳細設定 → 追加 → ショップサーブ in the real window against the
// ショップサーブ fake: the wizard in the seed's steps (the re-issue advice
// shown), 接続テスト green, one 受注取得 over 31 days (7-day windows), and one
// 発送情報の更新 of ショップサーブ orders.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { openApp, tabCount } from "./session.mjs";
import { cli, cliJson, ui } from "./ui.mjs";

const creds = JSON.parse(process.env.FAKEMALL_CREDENTIALS_SHOPSERVE ?? "{}");

let browser;
after(async () => {
  if (browser) await browser.deleteSession();
});
const { byId, click, nextTo, shot } = ui(() => browser);

test("the ショップサーブ wizard connects a shop; 受注取得 and 発送情報の更新 work against the fake", async () => {
  assert.ok(creds.shop_id && creds.open_key && creds.manager_key, "FAKEMALL_CREDENTIALS_SHOPSERVE is set by run.sh");
  browser = await openApp();
  const before = await tabCount(browser, "全て");

  await click("nav-shops");
  await click("shop-add");
  await click("mall-pick-shopserve");
  await byId("wizard-step-1").waitForExist({ timeout: 10000 });
  assert.match(await byId("wizard-step-1").getText(), /再発行/);
  await nextTo(2);
  await byId("shop-id-input").setValue(creds.shop_id);
  await byId("open-key-input").setValue(creds.open_key);
  await byId("manager-key-input").setValue(creds.manager_key);
  await shot("shopserve-keys");
  await nextTo(3);
  await byId("days-input").clearValue();
  await byId("days-input").setValue("31");
  await nextTo(4);
  await click("get-access-key");
  const status = byId("wizard-status");
  await browser.waitUntil(async () => (await status.getText()).includes("ショップサーブに接続できました"), {
    timeout: 30000,
    timeoutMsg: "接続テスト did not pass",
  });
  await click("wizard-finish");

  const shop = cliJson(["shops"]).find((s) => s.mall === "shopserve" && s.name === "ショップサーブ 1号店");
  assert.ok(shop, "the ショップサーブ shop was saved");
  const state = byId(`shop-state-${shop.id}`);
  await browser.waitUntil(async () => (await state.getText()) === "接続済み", { timeout: 10000 });

  await click(`shop-sync-${shop.id}`);
  await browser.waitUntil(async () => /新規/.test(await byId(`shop-message-${shop.id}`).getText().catch(() => "")), {
    timeout: 60000,
    timeoutMsg: "受注取得 brought nothing",
  });
  await click("nav-orders");
  await browser.waitUntil(async () => (await tabCount(browser, "全て")) > before, { timeout: 10000 });

  // Five orders made ready with juchu-cli, then sent from the window.
  const orders = cliJson(["orders", "--shop", String(shop.id)])
    .filter((o) => o.status !== "キャンセル" && !o.tracking_number)
    .slice(0, 5);
  const today = new Date(Date.now() + 9 * 3600000).toISOString().slice(0, 10);
  for (const [i, order] of orders.entries()) {
    cli(["move", String(order.id), "発送待ち"]);
    cli(["ship", String(order.id), "--tracking", `77345678900${i}`, "--date", today, "--carrier", "佐川急便"]);
  }
  await click("nav-shops");
  await click(`shop-export-${shop.id}`);
  await browser.waitUntil(async () => (await browser.$$('[data-testid^="export-line-"]')).length > 0, { timeout: 20000 });
  await click("export-send");
  await byId("export-result").waitForExist({ timeout: 60000 });
  assert.match(await byId("export-result-summary").getText(), /送信済み [1-9]/);
  await shot("shopserve-sent");
});
