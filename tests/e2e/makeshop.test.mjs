// モール詳細設定 → 追加 → MakeShop in the real window against the MakeShop fake
// (GraphQL, 1 request/s): the wizard filled in (endpoint prefilled), 接続テスト
// green, one 受注取得, a delivery whose slipNumber is the shop's memo shown as
// such, and one 発送情報の更新 of MakeShop orders.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { openApp, tabCount } from "./session.mjs";
import { cli, cliJson, ui } from "./ui.mjs";

const creds = JSON.parse(process.env.FAKEMALL_CREDENTIALS_MAKESHOP ?? "{}");
const ENDPOINT = process.env.JUCHU_API_BASE_MAKESHOP;

let browser;
after(async () => {
  if (browser) await browser.deleteSession();
});
const { byId, click, nextTo, shot } = ui(() => browser);

/** The fake's orders, asked as a client would (waits its turn: 1 request/s). */
async function fakeOrders() {
  const query = "query searchOrder($input: SearchOrderRequest!) { searchOrder(input: $input) { orders { displayOrderNumber deliveryInfos { deliveryId slipNumber } } } }";
  for (let i = 0; i < 5; i++) {
    const r = await fetch(ENDPOINT, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${creds.access_token}`,
        "x-api-key": creds.api_key,
        "x-timestamp": String(Math.floor(Date.now() / 1000)),
      },
      body: JSON.stringify({ query, variables: { input: { limit: 200 } } }),
    });
    const body = await r.json();
    if (body.data) return body.data.searchOrder.orders;
    await new Promise((ok) => setTimeout(ok, 1200));
  }
  throw new Error("the MakeShop fake did not answer");
}

test("the MakeShop wizard connects a shop; 受注取得 and 発送情報の更新 work against the fake", async () => {
  assert.ok(creds.access_token && creds.api_key && ENDPOINT, "FAKEMALL_CREDENTIALS_MAKESHOP is set by run.sh");
  browser = await openApp();
  const before = await tabCount(browser, "全て");

  await click("nav-shops");
  await click("shop-add");
  await click("mall-pick-makeshop");
  await byId("wizard-step-1").waitForExist({ timeout: 10000 });
  await shot("makeshop-apply");
  await nextTo(2);
  assert.equal(await byId("endpoint-input").getValue(), "https://app-api.makeshop.jp/v1/graphql", "prefilled");
  await byId("access-token-input").setValue(creds.access_token);
  await byId("api-key-input").setValue(creds.api_key);
  await shot("makeshop-keys");
  await nextTo(3);
  // The fake's orders span 30 days: fetch them all.
  await byId("days-input").clearValue();
  await byId("days-input").setValue("31");
  await nextTo(4);
  await click("get-access-key");
  const status = byId("wizard-status");
  await browser.waitUntil(async () => (await status.getText()).includes("MakeShop に接続できました"), {
    timeout: 30000,
    timeoutMsg: "接続テスト did not pass",
  });
  await shot("makeshop-connected");
  await click("wizard-finish");

  const shop = cliJson(["shops"]).find((s) => s.mall === "makeshop" && s.name === "MakeShop 1号店");
  assert.ok(shop, "the MakeShop shop was saved");
  const state = byId(`shop-state-${shop.id}`);
  await browser.waitUntil(async () => (await state.getText()) === "接続済み", { timeout: 10000 });

  await click(`shop-sync-${shop.id}`);
  await browser.waitUntil(async () => /新規/.test(await byId(`shop-message-${shop.id}`).getText().catch(() => "")), {
    timeout: 60000,
    timeoutMsg: "受注取得 brought nothing",
  });
  await click("nav-orders");
  await browser.waitUntil(async () => (await tabCount(browser, "全て")) > before, { timeout: 10000 });

  // A delivery whose slipNumber is the shop's memo (再注文): shown as a memo, not a 伝票番号.
  const memo = (await fakeOrders()).find((o) => o.deliveryInfos.some((d) => d.slipNumber === "再注文"));
  assert.ok(memo, "the fake seeds a 再注文 memo");
  await byId("search-input").setValue(memo.displayOrderNumber);
  const row = byId(`order-row-${memo.displayOrderNumber}`);
  await row.waitForExist({ timeout: 10000 });
  await row.click();
  await byId("detail-pane").waitForExist({ timeout: 10000 });
  const n = memo.deliveryInfos.findIndex((d) => d.slipNumber === "再注文") + 1;
  await browser.waitUntil(async () => (await byId(`shipment-note-${n}`).getText().catch(() => "")).includes("再注文"), {
    timeout: 10000,
    timeoutMsg: "the memo is not shown",
  });
  await shot("makeshop-memo");
  await byId("search-input").clearValue();

  // Five orders made ready with juchu-cli, then sent from the window.
  const orders = cliJson(["orders", "--shop", String(shop.id)])
    .filter((o) => o.status !== "キャンセル" && !o.tracking_number)
    .slice(0, 5);
  const today = new Date(Date.now() + 9 * 3600000).toISOString().slice(0, 10);
  for (const [i, order] of orders.entries()) {
    cli(["move", String(order.id), "発送待ち"]);
    cli(["ship", String(order.id), "--tracking", `55345678900${i}`, "--date", today, "--carrier", "ヤマト運輸"]);
  }
  await click("nav-shops");
  await click(`shop-export-${shop.id}`);
  await browser.waitUntil(async () => (await browser.$$('[data-testid^="export-line-"]')).length > 0, { timeout: 20000 });
  await click("export-send");
  await byId("export-result").waitForExist({ timeout: 60000 });
  assert.match(await byId("export-result-summary").getText(), /送信済み [1-9]/);
  await shot("makeshop-sent");
});
