// 送り状データ出力 in the real window: the 発送待ち tab's orders as ヤマト B2クラウド, and
// the check before anything is written — the sample orders hold names CP932 cannot
// encode (𠮷), so the cells to fix are listed and nothing can be written.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { openApp } from "./session.mjs";
import { cliJson, ui } from "./ui.mjs";

let browser;
after(async () => {
  if (browser) await browser.deleteSession();
});
const { byId, click, shot } = ui(() => browser);

/** Each shop's ご依頼主 and B2 codes, as the merchant sets them (juchu-cli for now: no screen yet). */
function setLabelSettings() {
  const settings = JSON.stringify({
    sender: { name: "テスト商店", kana: "ﾃｽﾄｼｮｳﾃﾝ", phone: "03-1234-5678", zip: "150-0001", address: "東京都渋谷区神宮前1-2-3", building: "" },
    b2_billing_code: "0312345678",
    b2_billing_class: "",
    b2_freight_no: "01",
    item_name: "雑貨",
  });
  for (const shop of cliJson(["shops"])) {
    execFileSync(process.env.JUCHU_E2E_CLI, ["labels", "settings", "--shop", String(shop.id), "--set"], { input: settings });
  }
}

test("送り状データ出力 checks before writing, and writes nothing while a cell cannot be encoded", async () => {
  setLabelSettings();
  browser = await openApp();
  await click("status-tab-発送待ち");
  await click("label-export-open");
  await byId("label-export-format").waitForExist({ timeout: 10000 });
  await byId("label-export-format").selectByAttribute("value", "b2");
  await byId("label-export-counts").waitForExist({ timeout: 20000 });
  await shot("labels-check");
  const issues = byId("label-export-issues");
  await issues.waitForExist({ timeout: 10000 });
  assert.match(await issues.getText(), /Shift_JIS \/ CP932/);
  assert.equal(await byId("label-export-write").isEnabled(), false, "nothing written until the cells are fixed");
});
