import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError, api, onSyncFinished } from "../api";
import type { LogEntry, Shop } from "../bindings";
import { emit } from "../test/apiMock";
import { settingsFor } from "../test/fixtures";
import { ActivityLogScreen, LOG_LIMIT } from "./ActivityLogScreen";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

const shops: Shop[] = [{ id: 3, mall: "bcart", name: "Bカート 卸", settings: settingsFor("bcart") }];

function entry(id: number, kind: string, kind_label: string, message: string): LogEntry {
  return { id, at: "2026-12-02T06:00:00Z", kind, kind_label, shop_id: 3, order_id: null, order_number: null, message, run: null };
}

describe("自動処理ログ", () => {
  it("lists what was done, newest first, with the shop's name, and filters by kind", async () => {
    const user = userEvent.setup({ delay: null });
    const run = { started_at: "2026-12-02T05:59:00Z", ok: true, new: 5, updated: 0, cancelled: 0, sent: 0, failed: 0, calls: 2 };
    m.activityLog.mockResolvedValue([
      entry(2, "auto_export", "自動書き出し", "Bカート 卸: 自動書き出し 送信 2 件、失敗 0 件"),
      { ...entry(1, "sync", "受注取得", "Bカート 卸: 受注取得に失敗しました。"), run: { ...run, ok: false } },
    ]);
    render(<ActivityLogScreen shops={shops} />);
    await waitFor(() => expect(screen.getAllByTestId("log-row")).toHaveLength(2));
    expect(m.activityLog).toHaveBeenCalledWith({ limit: LOG_LIMIT, shop_id: null, ok: null });
    const first = screen.getAllByTestId("log-row")[0];
    expect(within(first).getByText("自動書き出し")).toBeTruthy();
    expect(within(first).getByText("Bカート 卸")).toBeTruthy();
    expect(first.textContent).toContain("2026/12/02 15:00");
    const second = screen.getAllByTestId("log-row")[1];
    expect(within(second).getByTestId("log-run-result").textContent).toBe("エラー");
    expect(second.textContent).toContain("2026/12/02 14:59 〜 15:00");

    // The backend filters: by shop, by result.
    await user.selectOptions(screen.getByTestId("log-shop"), "3");
    await waitFor(() => expect(m.activityLog).toHaveBeenLastCalledWith({ limit: LOG_LIMIT, shop_id: 3, ok: null }));
    await user.selectOptions(screen.getByTestId("log-result"), "error");
    await waitFor(() => expect(m.activityLog).toHaveBeenLastCalledWith({ limit: LOG_LIMIT, shop_id: 3, ok: false }));
  });

  it("reloads after a fetch, says when empty and when it cannot read", async () => {
    m.activityLog.mockResolvedValueOnce([]);
    render(<ActivityLogScreen shops={shops} />);
    await waitFor(() => expect(screen.getByTestId("log-empty")).toBeTruthy());

    m.activityLog.mockResolvedValueOnce([entry(1, "sync", "受注取得", "Bカート 卸: 受注取得 新規 1 件")]);
    emit(onSyncFinished, { reports: [] });
    await waitFor(() => expect(screen.getAllByTestId("log-row")).toHaveLength(1));

    m.activityLog.mockRejectedValueOnce(new ApiError("STORE", "データベースを読めませんでした。"));
    await userEvent.setup({ delay: null }).click(screen.getByTestId("log-reload"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("データベースを読めませんでした。"));
  });
});
