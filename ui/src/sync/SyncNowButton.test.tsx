import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError, api, onProgress } from "../api";
import { emit } from "../test/apiMock";
import type { Progress, SyncReport } from "../bindings";
import { SyncNowButton } from "./SyncNowButton";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

function report(shop_id: number, shop_name: string, over: Partial<SyncReport> = {}): SyncReport {
  return { shop_id, shop_name, new: 0, updated: 0, unchanged: 0, cancelled: 0, flagged: 0, calls: 1, error_code: null, error: null, error_detail: null, ...over };
}

describe("受注取得", () => {
  it("fetches every shop with a spinner, then one line per shop", async () => {
    const user = userEvent.setup({ delay: null });
    let finish: (r: SyncReport[]) => void = () => {};
    m.syncNow.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const onSynced = vi.fn();
    render(<SyncNowButton onSynced={onSynced} />);
    await user.click(screen.getByTestId("sync-now"));
    expect(m.syncNow).toHaveBeenCalledWith(null);
    expect(screen.getByTestId("sync-now")).toHaveProperty("disabled", true);
    expect(screen.getByRole("progressbar")).toBeTruthy();

    finish([
      report(1, "BASE 1号店", { new: 12, updated: 3 }),
      report(2, "Qoo10 本店", { error_code: "auth", error: "Qoo10 の API キーが無効です。「編集」で入力し直してください。" }),
      report(3, "Bカート", { new: 1, updated: 0, cancelled: 2 }),
    ]);
    await waitFor(() => expect(screen.getByTestId("sync-now")).toHaveProperty("disabled", false));
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(screen.getByTestId("sync-result-1").textContent).toContain("BASE 1号店: 新規 12件・更新 3件");
    expect(screen.getByTestId("sync-result-2").textContent).toContain("Qoo10 本店: Qoo10 の API キーが無効です。");
    expect(screen.getByTestId("sync-result-3").textContent).toContain("Bカート: 新規 1件・更新 0件・キャンセル 2件");
    expect(screen.getByTestId("sync-result").getAttribute("role")).toBe("alert");
    expect(onSynced).toHaveBeenCalled();
  });

  it("explains when there is no shop and shows a whole failure", async () => {
    const user = userEvent.setup({ delay: null });
    m.syncNow.mockResolvedValueOnce([]);
    render(<SyncNowButton onSynced={vi.fn()} />);
    await user.click(screen.getByTestId("sync-now"));
    await waitFor(() => expect(screen.getByTestId("sync-result").textContent).toContain("モール詳細設定"));

    m.syncNow.mockRejectedValueOnce(new ApiError("busy", "受注取得の途中です。終わるまでお待ちください。"));
    await user.click(screen.getByTestId("sync-now"));
    await waitFor(() => expect(screen.getByTestId("sync-result").textContent).toContain("受注取得の途中です。"));
  });
});

describe("progress", () => {
  it("shows each running fetch's pages, orders and calls, and drops it when it ends", () => {
    render(<SyncNowButton onSynced={vi.fn()} />);
    const p: Progress = { shop_id: 2, shop_name: "MakeShop 本店", task: "sync", pages: 2, orders: 400, calls: 2, sent: 0, total: 0, finished: false };
    act(() => emit(onProgress, p));
    expect(screen.getByTestId("sync-progress").textContent).toBe("MakeShop 本店: 受注を取得中 2ページ・400件（API 2回）");
    act(() => emit(onProgress, { ...p, finished: true }));
    expect(screen.queryByTestId("sync-progress")).toBeNull();
  });
});
