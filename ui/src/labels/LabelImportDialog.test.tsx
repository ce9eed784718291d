import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import type { ImportPreview, Status } from "../bindings";
import { LabelImportDialog } from "./LabelImportDialog";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

const STATUSES: Status[] = ["新規受付", "発送前入金待ち", "発送待ち", "発送後入金待ち", "処理済", "保留", "キャンセル"];

const PREVIEW: ImportPreview = {
  file_name: "issued.csv",
  sha256: "ab",
  already_imported: false,
  format: "b2",
  format_label: "B2クラウド 発行済データ",
  carrier: "ヤマト運輸",
  matched: [
    { key: "1-1", order_id: 1, mall_order_id: "B-1", shipment_ref: "", status: "新規受付", numbers: ["123456789012"], file_date: "2026/11/23", current: null, has_other_number: false },
    { key: "2-1", order_id: 2, mall_order_id: "B-2", shipment_ref: "", status: "新規受付", numbers: ["123456789029"], file_date: null, current: "999999999999", has_other_number: true },
  ],
  unknown_keys: ["77-1"],
  warnings: [{ line: 4, key: "5-1", message: "伝票番号が指数表記になっています。" }],
};

const BYTES = [0x61, 0x2c, 0x62];

function file() {
  return new File([new Uint8Array(BYTES)], "issued.csv", { type: "text/csv" });
}

beforeEach(() => {
  m.labelImportPreview.mockResolvedValue(PREVIEW);
  m.labelImportApply.mockResolvedValue({ already_imported: false, updated: 1, kept: 1, moved: 1 });
});

describe("発行済データ取込", () => {
  it("previews the chosen file, changes nothing, then applies it with the chosen status", async () => {
    const user = userEvent.setup();
    const onApplied = vi.fn();
    render(<LabelImportDialog statuses={STATUSES} onClose={vi.fn()} onApplied={onApplied} />);
    await user.upload(screen.getByTestId("label-import-file"), file());
    await waitFor(() => expect(screen.getByTestId("label-import-preview")).toBeTruthy());
    expect(m.labelImportPreview).toHaveBeenCalledWith("issued.csv", BYTES);
    expect(m.labelImportApply).not.toHaveBeenCalled();

    expect(screen.getByTestId("label-import-matched-count").textContent).toBe("2");
    expect(screen.getByTestId("label-import-row-2-1").textContent).toContain("別の伝票番号が入っています");
    expect(screen.getByTestId("label-import-unknown").textContent).toContain("77-1");
    expect(screen.getByTestId("label-import-warnings").textContent).toContain("4行目");
    expect((screen.getByTestId("label-import-status") as HTMLSelectElement).value).toBe("発送待ち");

    await user.selectOptions(screen.getByTestId("label-import-status"), "処理済");
    await user.click(screen.getByTestId("label-import-replace"));
    await user.click(screen.getByTestId("label-import-apply"));
    await waitFor(() => expect(screen.getByTestId("label-import-result")).toBeTruthy());
    expect(m.labelImportApply).toHaveBeenCalledWith("issued.csv", BYTES, {
      ship_date: "today",
      move_to: "処理済",
      replace_other_numbers: true,
    });
    expect(screen.getByTestId("label-import-result").textContent).toContain("1件に伝票番号を入れました");
    expect(onApplied).toHaveBeenCalled();
  });

  it("moves to 発送待ち by default", async () => {
    const user = userEvent.setup();
    render(<LabelImportDialog statuses={STATUSES} onClose={vi.fn()} />);
    await user.upload(screen.getByTestId("label-import-file"), file());
    await waitFor(() => expect(screen.getByTestId("label-import-apply")).toBeTruthy());
    await user.click(screen.getByTestId("label-import-apply"));
    await waitFor(() => expect(m.labelImportApply).toHaveBeenCalled());
    expect(m.labelImportApply.mock.calls[0][2]).toEqual({ ship_date: "today", move_to: "発送待ち", replace_other_numbers: false });
  });

  it("does not apply a file already imported", async () => {
    const user = userEvent.setup();
    m.labelImportPreview.mockResolvedValue({ ...PREVIEW, already_imported: true });
    render(<LabelImportDialog statuses={STATUSES} onClose={vi.fn()} />);
    await user.upload(screen.getByTestId("label-import-file"), file());
    await waitFor(() => expect(screen.getByTestId("label-import-already")).toBeTruthy());
    expect((screen.getByTestId("label-import-apply") as HTMLButtonElement).disabled).toBe(true);
  });
});
