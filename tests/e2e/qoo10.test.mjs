// モール詳細設定 → 追加 → Qoo10 in the real window against the Qoo10 fake: the
// wizard filled in, 接続テスト green (Juchu issues the 販売認証キー), one 受注取得,
// and one 発送情報の更新 of a Qoo10 order.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { openApp, tabCount } from "./session.mjs";
import { cli, cliJson, ui } from "./ui.mjs";

const creds = JSON.parse(process.env.FAKEMALL_CREDENTIALS_QOO10 ?? "{}");

let browser;
after(async () => {
  if (browser) await browser.deleteSession();
});
const { byId, click, nextTo, shot } = ui(() => browser);

test("the Qoo10 wizard connects a shop; 受注取得 and 発送情報の更新 work against the fake", async () => {
  assert.ok(creds.user_id && creds.password && creds.api_key, "FAKEMALL_CREDENTIALS_QOO10 is set by run.sh");
  browser = await openApp();
  const before = await tabCount(browser, "全て");

  await click("nav-shops");
  await click("shop-add");
  await click("mall-pick-qoo10");
  await byId("wizard-step-1").waitForExist({ timeout: 10000 });
  await nextTo(2);
  await byId("user-id-input").setValue(creds.user_id);
  await byId("password-input").setValue(creds.password);
  await byId("api-key-input").setValue(creds.api_key);
  await nextTo(3);
  await shot("qoo10-settings");
  await nextTo(4);
  await click("get-access-key");
  const status = byId("wizard-status");
  await browser.waitUntil(async () => (await status.getText()).includes("Qoo10 に接続できました"), {
    timeout: 20000,
    timeoutMsg: "接続テスト did not pass",
  });
  assert.match(await byId("wizard-test-result").getText(), /販売認証キーを発行し/);
  await shot("qoo10-connected");
  await click("wizard-finish");

  const shop = cliJson(["shops"]).find((s) => s.mall === "qoo10" && s.name === "Qoo10 1号店");
  assert.ok(shop, "the Qoo10 shop was saved");
  const state = byId(`shop-state-${shop.id}`);
  await browser.waitUntil(async () => (await state.getText()) === "接続済み", { timeout: 10000 });
  assert.match(await byId(`shop-key-${shop.id}`).getText(), /販売認証キー: 発行から0日/);

  await click(`shop-sync-${shop.id}`);
  await browser.waitUntil(async () => /新規/.test(await byId(`shop-message-${shop.id}`).getText().catch(() => "")), {
    timeout: 30000,
    timeoutMsg: "受注取得 brought nothing",
  });
  await click("nav-orders");
  await browser.waitUntil(async () => (await tabCount(browser, "全て")) > before, { timeout: 10000 });

  // One order made ready with juchu-cli, then sent from the window.
  const order = cliJson(["orders", "--shop", String(shop.id)]).find((o) => o.status !== "キャンセル");
  const today = new Date(Date.now() + 9 * 3600000).toISOString().slice(0, 10);
  cli(["move", String(order.id), "発送待ち"]);
  cli(["ship", String(order.id), "--tracking", "123456789012", "--date", today, "--carrier", "ヤマト運輸"]);
  await click("nav-shops");
  await click(`shop-export-${shop.id}`);
  await byId(`export-line-${order.id}`).waitForExist({ timeout: 20000 });
  await click("export-send");
  const result = byId(`export-result-${order.id}`);
  await result.waitForExist({ timeout: 20000 });
  assert.match(await result.getText(), /送信済み/);
  await shot("qoo10-sent");
});
