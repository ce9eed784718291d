// モール詳細設定 → 追加 → BASE: the setup wizard in the real window, through
// アクセスキーを取得する (OAuth via the loopback redirect against the BASE
// fake) to a 接続済み shop, then 受注取得 fills the order list.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { openApp, tabCount } from "./session.mjs";
import { cliJson, ui } from "./ui.mjs";

const CLI = process.env.JUCHU_E2E_CLI;
const creds = JSON.parse(process.env.FAKEMALL_CREDENTIALS_BASE ?? "{}");

let browser;
after(async () => {
  if (browser) await browser.deleteSession();
});
const { byId, click, nextTo, shot } = ui(() => browser);

/** From 追加 → BASE through step 3 with the fake's credentials. */
async function addBaseShop(redirectChoice, shotPrefix) {
  await click("nav-shops");
  await click("shop-add");
  // Every mall's tile can be picked.
  await byId("mall-pick-shopserve").waitForClickable({ timeout: 10000 });
  await shot(`${shotPrefix}-mall-picker`);
  await click("mall-pick-base");
  await byId("wizard-step-1").waitForExist({ timeout: 10000 });
  await nextTo(2); // 1 BASE Developers に登録 → 2 アプリを作成
  const redirect = byId("redirect-uri");
  await redirect.waitForExist({ timeout: 10000 });
  const shown = (await redirect.getValue()) || (await redirect.getText());
  assert.equal(shown, "juchu://oauth/base");
  await click(`oauth-redirect-${redirectChoice}`);
  await shot(`${shotPrefix}-redirect`);
  await nextTo(3); // → client_id / client_secret
  await byId("client-id-input").setValue(creds.client_id);
  await byId("client-secret-input").setValue(creds.client_secret);
}

/** On step 4 (設定): on to アクセスキー, get it, and finish with 完了. */
async function getAccessKey(shotPrefix) {
  await nextTo(5); // → アクセスキー
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

/** Walks 追加 → BASE to 「アクセスキーを取得しました」 with the given コールバックURL choice. */
async function connectShop(redirectChoice, shotPrefix) {
  await addBaseShop(redirectChoice, shotPrefix);
  await nextTo(4); // → 設定
  await shot(`${shotPrefix}-settings`);
  await getAccessKey(shotPrefix);
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

test("the same BASE app cannot be a second shop; the shop is re-authorized through the juchu:// deep link", async () => {
  // A second shop on the same client_id would fetch every order twice: refused, naming the shop.
  await addBaseShop("deep_link", "duplicate");
  await click("wizard-next");
  const error = byId("client-id-error");
  await error.waitForExist({ timeout: 10000 });
  assert.match(await error.getText(), /「[^」]+」で使われています/);
  await shot("duplicate-refused");
  await click("wizard-cancel");
  await click("leave-discard"); // typed entries: asked before they are dropped
  await byId("shop-add").waitForExist({ timeout: 10000 });
  assert.equal(await connectedShops(), 1);

  // 編集 of the connected shop: back to アプリを作成 for the deep link, then the key again.
  let id;
  for (const s of await browser.$$('[data-testid^="shop-state-"]')) {
    if ((await s.getText()) === "接続済み") id = (await s.getAttribute("data-testid")).replace("shop-state-", "");
  }
  await click(`shop-edit-${id}`);
  await byId("wizard-step-3").waitForExist({ timeout: 10000 });
  await click("wizard-back");
  await click("oauth-redirect-deep_link");
  await nextTo(3);
  await nextTo(4); // the stored client_id / client_secret are kept
  await getAccessKey("deeplink");
  await browser.waitUntil(async () => (await connectedShops()) === 1, { timeout: 10000, timeoutMsg: "the shop is not 接続済み after the deep link" });
});

/** A test fixture: one order of the shop going to two destinations, one item each. */
function twoShipmentOrder() {
  const party = (name, address) => ({ name, kana: null, zip: "530-0001", address, phone: "06-1111-2222", email: null });
  return {
    mall_order_id: "FIX-2SHIP",
    mall_refs: [],
    ordered_at: Math.floor(Date.now() / 1000) - 3600,
    mall_status: "ordered",
    mall_state: "open",
    initial_status: "発送待ち",
    buyer: party("山田 太郎", "東京都港区六本木4-11-4"),
    ship_to: party("山田 太郎", "東京都港区六本木4-11-4"),
    payment_method: "クレジットカード決済",
    shipping_fee: 0,
    total: 3000,
    remark: "",
    items: [
      { mall_item_id: "1", sku: null, name: "緑茶", variation: null, unit_price: 1000, quantity: 1 },
      { mall_item_id: "2", sku: null, name: "煎茶", variation: null, unit_price: 2000, quantity: 1 },
    ],
    shipments: [
      { shipment_ref: "A", ship_to: party("山田 本店", "東京都港区六本木4-11-4"), mall_status: "未発送", mall_state: "open", item_ids: ["1"] },
      { shipment_ref: "B", ship_to: party("山田 大阪支店", "大阪府大阪市北区梅田1-1-1"), mall_status: "未発送", mall_state: "open", item_ids: ["2"] },
    ],
    raw: { unique_key: "FIX-2SHIP", order_items: [{ order_item_id: 1 }, { order_item_id: 2 }] },
    mall_modified: null,
  };
}

test("an order with two shipments shows both in its detail, and both reach 発送情報の更新", async () => {
  const shop = cliJson(["shops"])
    .filter((s) => s.mall === "base")
    .sort((a, b) => b.id - a.id)[0]; // the shop the wizard connected last
  execFileSync(CLI, ["import", "--shop", String(shop.id)], { input: JSON.stringify([twoShipmentOrder()]) });
  const orderId = cliJson(["orders", "--search", "FIX-2SHIP"])[0].id;

  await click("nav-orders");
  await byId("search-input").setValue("FIX-2SHIP");
  await click("order-row-FIX-2SHIP");
  await byId("shipment-card-2").waitForExist({ timeout: 10000 });
  assert.match(await byId("shipment-card-1").getText(), /山田 本店[\s\S]*緑茶/);
  assert.match(await byId("shipment-card-2").getText(), /山田 大阪支店[\s\S]*煎茶/);
  for (const [n, tracking] of [[1, "100000000015"], [2, "200000000023"]]) {
    await byId(`tracking-input-${n}`).setValue(tracking);
    await byId(`carrier-select-${n}`).selectByAttribute("value", "ヤマト運輸");
    await click(`shipment-save-${n}`);
    await browser.waitUntil(async () => (await byId(`shipment-message-${n}`).getText()) === "保存しました", {
      timeout: 10000,
      timeoutMsg: `shipment ${n} was not saved`,
    });
  }
  await shot("two-shipments");
  assert.match(await byId("shipments-" + orderId).getText(), /2件口 2\/2/);

  await click("export-open");
  for (const [ref, tracking] of [["A", "100000000015"], ["B", "200000000023"]]) {
    const line = byId(`export-line-${orderId}-${ref}`);
    await line.waitForExist({ timeout: 20000 });
    assert.match(await line.getText(), new RegExp(tracking));
  }
  await shot("two-shipments-export");
  await browser.keys("Escape");
});
