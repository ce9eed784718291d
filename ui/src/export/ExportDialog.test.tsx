import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, api } from "../api";
import type { ExportLine } from "../bindings";
import { ExportDialog } from "./ExportDialog";
import { APP_INFO } from "../test/fixtures";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

function line(id: number, over: Partial<ExportLine> = {}): ExportLine {
  return {
    order_id: id,
    shop_id: 1,
    shop_name: "BASE 1号店",
    mall: "base",
    mall_order_id: `B-${id}`,
    shipment_ref: "",
    tracking_number: `1234567890${id}`,
    carrier: "ヤマト運輸",
    ship_date: "2026-11-23",
    outcome: "will_send",
    skip: null,
    message: null,
    detail: null,
    ...over,
  };
}

const PREVIEW = [
  line(1),
  line(2, { carrier: "佐川急便", ship_date: "2026-11-22" }),
  line(3, { outcome: "skipped", skip: "no_tracking_number", tracking_number: null, message: "伝票番号が入っていません。注文詳細で入力してください。" }),
  line(4, { outcome: "skipped", skip: "future_ship_date", message: null }),
];

beforeEach(() => {
  m.exportPreview.mockResolvedValue(PREVIEW);
});

describe("発送情報の更新", () => {
  it("previews what will be sent and what is skipped, and sends nothing before the click", async () => {
    render(<ExportDialog malls={APP_INFO.malls} shopId={null} onClose={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("export-preview-send-count").textContent).toBe("2"));
    expect(m.exportPreview).toHaveBeenCalledWith(null);
    expect(screen.getByTestId("export-preview-skip-count").textContent).toBe("2");
    expect(screen.getByRole("dialog").textContent).toContain("送信 2件・対象外 2件");

    const row = screen.getByTestId("export-line-2");
    expect([...row.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["B-2", "BASE 1号店", "12345678902", "佐川急便", "2026/11/22"]);
    expect(screen.queryByTestId("export-line-3")).toBeNull();

    // Skip reasons: the backend's message, or a Japanese label for the reason code.
    expect(screen.getByTestId("export-skip-3").textContent).toContain("伝票番号が入っていません。注文詳細で入力してください。");
    expect(screen.getByTestId("export-skip-4").textContent).toContain("出荷日が未来の日付です");

    const warning = screen.getByTestId("export-warning").textContent!;
    expect(warning).toContain("購入者に発送通知メール");
    expect(warning).toContain("元に戻せません");
    expect(m.exportRun).not.toHaveBeenCalled();
  });

  it("sends on 送信する and shows the result of every order", async () => {
    const user = userEvent.setup({ delay: null });
    const onSent = vi.fn();
    m.exportRun.mockResolvedValue([
      line(1, { outcome: "sent" }),
      line(2, { outcome: "failed", message: "BASE: この注文はキャンセルされています。BASE の管理画面で確認してください。" }),
      PREVIEW[2],
    ]);
    render(<ExportDialog malls={APP_INFO.malls} shopId={5} shopName="BASE 1号店" onClose={vi.fn()} onSent={onSent} />);
    expect(screen.getByRole("dialog").textContent).toContain("発送情報の更新（BASE 1号店）");
    await user.click(await screen.findByTestId("export-send"));
    expect(m.exportRun).toHaveBeenCalledTimes(1);
    expect(m.exportRun).toHaveBeenCalledWith(5);

    const result = await screen.findByTestId("export-result");
    expect(within(result).getByTestId("export-result-summary").textContent).toBe("送信済み 1件・失敗 1件・対象外 1件");
    expect(within(result).getByTestId("export-result-1").textContent).toContain("送信済み");
    const failed = within(result).getByTestId("export-result-2").textContent!;
    expect(failed).toContain("失敗");
    expect(failed).toContain("この注文はキャンセルされています");
    expect(within(result).getByTestId("export-result-3").textContent).toContain("対象外");
    expect(within(result).getByTestId("export-result-3").textContent).toContain("伝票番号が入っていません");
    expect(screen.queryByTestId("export-send")).toBeNull(); // no second send from the result
    expect(onSent).toHaveBeenCalled();
  });

  it("cannot send when nothing is to be sent", async () => {
    m.exportPreview.mockResolvedValue([PREVIEW[2]]);
    render(<ExportDialog malls={APP_INFO.malls} shopId={null} onClose={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("export-preview-send-count").textContent).toBe("0"));
    expect(screen.getByTestId("export-send")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("export-nothing")).toBeTruthy();
    expect(screen.queryByTestId("export-warning")).toBeNull();
  });

  it("shows a failed send and a failed preview with the backend's message", async () => {
    const user = userEvent.setup({ delay: null });
    m.exportPreview.mockRejectedValueOnce(new ApiError("db", "注文を読み込めませんでした。"));
    render(<ExportDialog malls={APP_INFO.malls} shopId={null} onClose={vi.fn()} />);
    expect((await screen.findByRole("alert")).textContent).toContain("注文を読み込めませんでした。");
    await user.click(screen.getByText("もう一度確認する"));
    m.exportRun.mockRejectedValue(new ApiError("network", "BASE に接続できませんでした。インターネット接続を確認してください。"));
    await user.click(await screen.findByTestId("export-send"));
    await waitFor(() => expect(screen.getByTestId("export-error").textContent).toContain("BASE に接続できませんでした"));
  });
});
