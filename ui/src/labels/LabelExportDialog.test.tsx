import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, api } from "../api";
import type { LabelPlan } from "../bindings";
import { PREVIEW_LABEL_CATALOG, PREVIEW_LABEL_SETTINGS } from "../preview/labels";
import { SHOPS } from "../test/fixtures";
import { LabelExportDialog } from "./LabelExportDialog";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

const TAB = { status: "発送待ち" as const, shop_id: null, search: null };

function row(id: number) {
  return { key: `${id}-1`, order_id: id, mall_order_id: `B-${id}`, service: "発払い", cod_amount: null };
}

const CLEAN: LabelPlan = { format: "b2", rows: [row(1), row(2)], blocked: [], issues: [], warnings: [], settings_shops: [] };

const CHECKED: LabelPlan = {
  format: "b2",
  rows: [row(1), row(2)],
  blocked: [{ key: "3-1", order_id: 3, mall_order_id: "B-3", reason: "お届け先の郵便番号がありません。" }],
  issues: [
    {
      key: "2-1",
      order_id: 2,
      mall_order_id: "B-2",
      column_no: 12,
      column: "お届け先住所",
      value: "芝公園4〜2〜8",
      problem: { kind: "normalise", to: "芝公園4～2～8", fixes: ["wave_dash"] },
      message: "〜 を ～ に置き換えます。",
    },
  ],
  warnings: [],
  settings_shops: [],
};

beforeEach(() => {
  m.labelPlan.mockResolvedValue(CLEAN);
  m.labelWrite.mockResolvedValue({ plan: CLEAN, paths: ["/data/送り状/b2-20261123-120000.csv"], rows: 2 });
});

describe("送り状データ出力", () => {
  it("checks the selected orders in the chosen format and writes nothing before the click", async () => {
    const user = userEvent.setup();
    render(<LabelExportDialog selectedIds={[1, 2]} tab={TAB} tabLabel="発送待ち" shops={SHOPS} onClose={vi.fn()} />);
    await waitFor(() => expect(m.labelPlan).toHaveBeenCalledWith("b2", { orders: [1, 2] }));
    await user.selectOptions(screen.getByTestId("label-export-format"), "ehiden3");
    await waitFor(() => expect(m.labelPlan).toHaveBeenLastCalledWith("ehiden3", { orders: [1, 2] }));
    await user.click(screen.getByTestId("label-export-scope-tab"));
    await waitFor(() => expect(m.labelPlan).toHaveBeenLastCalledWith("ehiden3", { tab: TAB }));
    expect(m.labelWrite).not.toHaveBeenCalled();

    await waitFor(() => expect(screen.getByTestId("label-export-write").textContent).toBe("2件を出力する"));
    await user.click(screen.getByTestId("label-export-write"));
    await waitFor(() => expect(screen.getByTestId("label-export-result")).toBeTruthy());
    expect(m.labelWrite).toHaveBeenCalledWith("ehiden3", { tab: TAB }, { accept_normalisations: false, skip_blocked: false }, null);
    expect(screen.getByTestId("label-export-paths").textContent).toContain("/data/送り状/b2-20261123-120000.csv");
  });

  it("shows blocked shipments and replacements, and writes only once they are accepted", async () => {
    const user = userEvent.setup();
    m.labelPlan.mockResolvedValue(CHECKED);
    render(<LabelExportDialog selectedIds={[]} tab={TAB} tabLabel="発送待ち" shops={SHOPS} onClose={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("label-export-blocked")).toBeTruthy());
    expect(m.labelPlan).toHaveBeenCalledWith("b2", { tab: TAB });
    expect(screen.getByTestId("label-blocked-3-1").textContent).toContain("お届け先の郵便番号がありません。");
    const table = screen.getByTestId("label-export-normalise").textContent!;
    expect(table).toContain("芝公園4〜2〜8");
    expect(table).toContain("芝公園4～2～8");

    const write = screen.getByTestId("label-export-write") as HTMLButtonElement;
    expect(write.textContent).toBe("置き換えて2件を出力");
    expect(write.disabled).toBe(true);
    await user.click(screen.getByTestId("label-export-skip-blocked"));
    expect(write.disabled).toBe(false);
    await user.type(screen.getByTestId("label-export-path"), "C:\\out\\b2.csv");
    await user.click(write);
    await waitFor(() => expect(m.labelWrite).toHaveBeenCalled());
    expect(m.labelWrite).toHaveBeenCalledWith("b2", { tab: TAB }, { accept_normalisations: true, skip_blocked: true }, "C:\\out\\b2.csv");
  });

  it("shows the characters that cannot be written, and writes only without their shipment", async () => {
    const user = userEvent.setup();
    m.labelPlan.mockResolvedValue({
      ...CLEAN,
      issues: [
        {
          key: "1-1",
          order_id: 1,
          mall_order_id: "B-1",
          column_no: 10,
          column: "お届け先名",
          value: "丂田様",
          problem: { kind: "unencodable", chars: "丂" },
          message: "お届け先名: 「丂」は送り状ソフトの文字コード（Shift_JIS / CP932）にない文字です。別の文字に直してください。",
        },
      ],
    });
    render(<LabelExportDialog selectedIds={[1]} tab={TAB} tabLabel="発送待ち" shops={SHOPS} onClose={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("label-issue-1-1-10")).toBeTruthy());
    const issue = screen.getByTestId("label-issue-1-1-10").textContent!;
    expect(issue).toContain("使えない文字「丂」");
    expect(issue).toContain("別の文字に直してください");
    const write = screen.getByTestId("label-export-write") as HTMLButtonElement;
    expect(write.disabled).toBe(true);
    expect(m.labelWrite).not.toHaveBeenCalled();
    // Left out, the other shipment is written.
    expect(screen.getByTestId("label-export-skip-blocked").parentElement!.textContent).toContain("（1件）");
    await user.click(screen.getByTestId("label-export-skip-blocked"));
    expect(write.textContent).toBe("1件を出力する");
    await user.click(write);
    await waitFor(() => expect(m.labelWrite).toHaveBeenCalledWith("b2", { orders: [1] }, { accept_normalisations: false, skip_blocked: true }, null));
  });

  it("shows the backend's message when the write fails", async () => {
    const user = userEvent.setup();
    m.labelWrite.mockRejectedValue(new ApiError("IO_ERROR", "ファイルの読み書きに失敗しました（C:\\x.csv）。"));
    render(<LabelExportDialog selectedIds={[1]} tab={TAB} tabLabel="発送待ち" shops={SHOPS} onClose={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("label-export-write")).toBeTruthy());
    await user.click(screen.getByTestId("label-export-write"));
    await waitFor(() => expect(screen.getByTestId("label-export-error").textContent).toContain("ファイルの読み書きに失敗しました"));
  });

  it("names the shop whose 送り状設定 lacks a value, opens it, and checks again once it is closed", async () => {
    const user = userEvent.setup();
    const shop = SHOPS[0];
    const missing = {
      key: "1-1",
      order_id: 1,
      mall_order_id: "B-1",
      column_no: 20,
      column: "ご依頼主電話番号",
      value: "",
      problem: { kind: "invalid" as const, reason: "ご依頼主の電話番号を送り状の設定で入力してください。" },
      message: "ご依頼主電話番号: ご依頼主の電話番号を送り状の設定で入力してください。",
    };
    m.labelPlan.mockResolvedValueOnce({ ...CLEAN, issues: [missing], settings_shops: [shop.id] });
    m.labelSettings.mockResolvedValue(PREVIEW_LABEL_SETTINGS);
    m.labelCatalog.mockResolvedValue(PREVIEW_LABEL_CATALOG);
    m.checkLabelSettings.mockResolvedValue({ problems: [], sample: { format: "b2", mall_order_id: "B-1", service: "宅急便", cells: [], issues: [], blocked: null } });
    render(<LabelExportDialog selectedIds={[1]} tab={TAB} tabLabel="発送待ち" shops={SHOPS} onClose={vi.fn()} />);
    const open = await screen.findByTestId(`label-export-settings-${shop.id}`);
    expect(open.textContent).toBe(`「${shop.name}」の送り状設定を開く`);
    await user.click(open);
    await waitFor(() => expect(m.labelSettings).toHaveBeenCalledWith(shop.id));
    const calls = m.labelPlan.mock.calls.length;
    await user.click(await screen.findByTestId("label-settings-close"));
    await waitFor(() => expect(m.labelPlan.mock.calls.length).toBe(calls + 1));
    await waitFor(() => expect(screen.queryByTestId("label-export-settings-hint")).toBeNull());
  });
});
