// 送り状 in the real window: 送り状データ出力 names the shop whose 送り状設定 lacks its ご依頼主
// and opens it; the merchant fills it in (checked as typed, with the 出力見本 row), then 送り状データ出力 of the 発送待ち tab as ヤマト B2クラウド — the check
// offers 𠮷 → 吉 for the sample names, and the file is written in CP932 with CRLF, 97
// columns a row, one row per shipment, the buyers' time wishes as B2 slot codes. An order's detail
// shows the wish.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openApp } from "./session.mjs";
import { cliJson, ui } from "./ui.mjs";

let browser;
const out = mkdtempSync(join(tmpdir(), "juchu-labels-"));
after(async () => {
  if (browser) await browser.deleteSession();
  rmSync(out, { recursive: true, force: true });
});
const { byId, click, shot } = ui(() => browser);

const SENDER = { name: "テスト商店", kana: "テストショウテン", phone: "03-1234-5678", zip: "150-0001", address: "東京都渋谷区神宮前1-2-3" };

/** The shops other than `typed` get their settings from juchu-cli (the window sets one). */
function setOtherShops(typed) {
  const settings = JSON.stringify({ sender: { ...SENDER, building: "" }, b2_billing_code: "0312345678", item_name: "雑貨" });
  for (const shop of cliJson(["shops"]).filter((s) => s.id !== typed)) {
    execFileSync(process.env.JUCHU_E2E_CLI, ["labels", "settings", "--shop", String(shop.id), "--set"], { input: settings });
  }
}

async function type(id, text) {
  const el = byId(`label-settings-${id}`);
  await el.waitForExist({ timeout: 10000 });
  await el.setValue(text);
}

test("送り状設定 is reached from 送り状データ出力, checked as it is typed and saved for the shop", async () => {
  const shop = cliJson(["shops"])[0].id;
  setOtherShops(shop);
  browser = await openApp();
  // The export names the shop whose ご依頼主 is missing and opens its settings over itself.
  await click("nav-orders");
  await click("label-export-open");
  const open = byId(`label-export-settings-${shop}`);
  await open.waitForExist({ timeout: 20000 });
  await shot("labels-settings-missing");
  await open.click();
  await byId("label-settings-sample-cells").waitForExist({ timeout: 10000 });
  // A wrong 佐川 code is named under its field and keeps 保存 off.
  await type("sagawa-customer-code", "12-34");
  await byId("label-settings-sagawa-customer-code-error").waitForExist({ timeout: 10000 });
  assert.equal(await byId("label-settings-save").isEnabled(), false);
  await type("sagawa-customer-code", "123456789012");
  await type("sender-name", SENDER.name);
  await type("sender-kana", SENDER.kana);
  await type("sender-phone", SENDER.phone);
  await type("sender-zip", SENDER.zip);
  await type("sender-address", SENDER.address);
  await type("b2-billing-code", "0312345678");
  await browser.waitUntil(async () => (await byId("label-settings-sample-cells").getText()).includes("0312345678"), {
    timeout: 10000,
    timeoutMsg: "the 出力見本 row shows the billing code typed",
  });
  await byId("label-settings-sample-ok").waitForExist({ timeout: 10000 });
  await shot("label-settings");
  await click("label-settings-save");
  await byId("label-settings-saved").waitForExist({ timeout: 10000 });
  const stored = JSON.parse(execFileSync(process.env.JUCHU_E2E_CLI, ["labels", "settings", "--shop", String(shop)], { encoding: "utf8" }));
  assert.equal(stored.sender.name, SENDER.name);
  assert.equal(stored.b2_billing_code, "0312345678");
  await click("label-settings-close");
  // Closed, the export checks again: nothing is missing from any shop's settings now.
  await browser.waitUntil(async () => !(await byId("label-export-settings-hint").isExisting()), {
    timeout: 20000,
    timeoutMsg: "the export checked again without the missing settings",
  });
  await click("label-export-cancel");
});

test("an order's detail shows the buyer's 配送方法 and お届け希望日時 as the mall sent them", async () => {
  await click("nav-orders");
  await click("status-tab-発送待ち");
  await browser.$('[data-testid^="order-row-"]').waitForExist({ timeout: 20000 });
  const rows = await browser.$$('[data-testid^="order-row-"]');
  let wished = null;
  for (const row of rows.slice(0, 8)) {
    await row.click();
    await byId("delivery-wish-1").waitForExist({ timeout: 10000 });
    await browser.waitUntil(async () => (await byId("detail-pane").getText()).includes("お届け希望日時"), { timeout: 10000 });
    const wish = await byId("delivery-wish-1").getText();
    if (wish !== "指定なし") {
      wished = { method: await byId("delivery-method-1").getText(), wish };
      break;
    }
  }
  assert.ok(wished, "one of the first orders of 発送待ち has a wish (the sample orders vary them)");
  assert.match(wished.wish, /午前中|14時～16時|19時～21時|\d{4}\/\d{2}\/\d{2}/);
  await shot("order-detail-delivery");
});

test("送り状データ出力 offers the replacements, then writes a CP932 B2クラウド file", async () => {
  await click("nav-orders");
  await click("status-tab-発送待ち");
  await click("label-export-open");
  await byId("label-export-format").waitForExist({ timeout: 10000 });
  await byId("label-export-format").selectByAttribute("value", "b2");
  // The whole tab, not the order opened above.
  if (await byId("label-export-scope-tab").isExisting()) await click("label-export-scope-tab");
  await byId("label-export-counts").waitForExist({ timeout: 20000 });
  // The sample buyers 𠮷男 are offered as 吉男, never written as &#134071;.
  const replace = byId("label-export-normalise");
  await replace.waitForExist({ timeout: 10000 });
  assert.match(await replace.getText(), /𠮷/);
  assert.match(await replace.getText(), /吉男/);
  if (await byId("label-export-skip-blocked").isExisting()) await click("label-export-skip-blocked");
  await shot("labels-check");
  const file = join(out, "b2.csv");
  await byId("label-export-path").setValue(file);
  await click("label-export-write");
  await byId("label-export-result").waitForExist({ timeout: 20000 });
  assert.match(await byId("label-export-paths").getText(), /b2\.csv/);

  const bytes = readFileSync(file);
  const text = new TextDecoder("shift_jis", { fatal: true }).decode(bytes);
  assert.ok(!text.includes("&#"), "never the lossy &#NNNN; form");
  assert.ok(!text.includes("𠮷"));
  const lines = text.split("\r\n").filter((l) => l !== "");
  assert.equal(text.replace(/\r\n/g, "").includes("\n"), false, "CRLF only");
  assert.ok(lines[0].startsWith("お客様管理番号,送り状種類"), lines[0]);
  assert.equal(lines[0].split(",").length, 97);
  assert.ok(lines.length > 1, "a row per shipment");
  assert.match(text, /吉男/);
  // The buyers' time wishes reach 配達時間帯 (column 7) as B2's codes.
  const slots = lines.slice(1).map((l) => l.split(",")[6].replace(/"/g, ""));
  assert.ok(slots.some((c) => ["0812", "1416", "1921"].includes(c)), `time-slot codes in column 7: ${slots.join(" ")}`);
  assert.ok(slots.every((c) => c === "" || /^\d{4}$/.test(c)), slots.join(" "));
  const result = await byId("label-export-result").getText();
  assert.match(result, new RegExp(`${lines.length - 1}件の送り状データを出力しました`));
  await click("label-export-close");
});
