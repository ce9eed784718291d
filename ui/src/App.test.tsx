import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { commands, events } from "./bindings";
import { APP_INFO, SETTINGS, SHOPS, err, ok, pagedListOrders } from "./test/fixtures";

vi.mock("./bindings", async (importOriginal) => (await import("./test/fixtures")).bindingsMock(importOriginal));
const cmd = vi.mocked(commands);

beforeEach(() => {
  cmd.appInfo.mockResolvedValue(ok(APP_INFO));
  cmd.listShops.mockResolvedValue(ok(SHOPS));
  cmd.listOrders.mockImplementation(pagedListOrders(3));
  cmd.statusCounts.mockResolvedValue(ok({ all: 3, by_status: [] }));
  vi.mocked(events.ordersChanged.listen).mockResolvedValue(() => {});
  vi.mocked(events.syncFinished.listen).mockResolvedValue(() => {});
});

describe("App", () => {
  it("says clearly that demo data is sample data kept apart", async () => {
    render(<App />);
    const banner = await screen.findByTestId("demo-banner");
    expect(banner.textContent).toContain("デモモード");
    expect(banner.textContent).toContain("サンプルデータ");
    expect(banner.textContent).toContain("/tmp/juchu-demo");
    expect(screen.getByTestId("shop-filter").textContent).toContain("Qoo10 本店");
  });

  it("has no demo banner with real data", async () => {
    cmd.appInfo.mockResolvedValue(ok({ ...APP_INFO, demo: false }));
    render(<App />);
    await screen.findByTestId("order-row-ORD-0");
    expect(screen.queryByTestId("demo-banner")).toBeNull();
  });

  it("shows a startup error and lets the merchant retry", async () => {
    cmd.appInfo.mockResolvedValueOnce(err("db_locked", "データファイルが他のプログラムで使われています。"));
    render(<App />);
    expect((await screen.findByRole("alert")).textContent).toContain("データファイルが他のプログラムで使われています。");
    screen.getByText("もう一度読み込む").click();
    await screen.findByTestId("order-row-ORD-0");
  });

  it("says the data is being prepared while the shell opens it, then shows the orders by itself", async () => {
    const message = "データを準備しています（新しいバージョンに合わせてデータを更新している間は、数分かかることがあります）。このままお待ちください。";
    cmd.appInfo.mockResolvedValueOnce(err("DATA_OPENING", message)).mockResolvedValueOnce(err("DATA_OPENING", message));
    render(<App />);
    expect((await screen.findByTestId("boot-opening")).textContent).toContain("データを準備しています");
    expect(screen.queryByRole("alert")).toBeNull();
    await screen.findByTestId("order-row-ORD-0", {}, { timeout: 5000 });
    expect(cmd.appInfo).toHaveBeenCalledTimes(3);
  });

  it("switches between 受注一覧 and モール詳細設定, keeping the demo banner", async () => {
    const user = userEvent.setup();
    cmd.listShopStatuses.mockResolvedValue(
      ok([
        {
          shop: { id: 1, mall: "base", name: "BASE 1号店", settings: SETTINGS },
          state: "connected",
          state_label: "接続済み",
          last_sync_at: null,
          next_sync_at: null,
          last_error: null,
          last_error_detail: null,
          key_note: null,
          key_warning: false,
          credentials_set: {},
        },
      ]),
    );
    render(<App />);
    await screen.findByTestId("order-row-ORD-0");
    expect(screen.getByTestId("nav-orders").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("sync-now")).toBeTruthy();
    expect(screen.getByTestId("export-open")).toBeTruthy();

    await user.click(screen.getByTestId("nav-shops"));
    expect((await screen.findByTestId("shop-state-1")).textContent).toBe("接続済み");
    expect(screen.getByTestId("nav-shops").getAttribute("aria-current")).toBe("page");
    expect(screen.queryByTestId("order-row-ORD-0")).toBeNull();
    expect(screen.getByTestId("demo-banner")).toBeTruthy();

    await user.click(screen.getByTestId("nav-orders"));
    await screen.findByTestId("order-row-ORD-0");
  });

  it("shows the startup notice until it is dismissed", async () => {
    const user = userEvent.setup();
    const notice = "データファイルが壊れていたため別の場所に移し、新しく作り直しました。";
    cmd.appInfo.mockResolvedValue(ok({ ...APP_INFO, notice }));
    render(<App />);
    expect((await screen.findByTestId("notice-banner")).textContent).toContain(notice);
    await user.click(screen.getByTestId("notice-close"));
    expect(screen.queryByTestId("notice-banner")).toBeNull();
  });

  it("has no notice banner without a notice", async () => {
    render(<App />);
    await screen.findByTestId("order-row-ORD-0");
    await waitFor(() => expect(screen.queryByTestId("notice-banner")).toBeNull());
  });

  it("on first start, with no shop, 受注一覧 says so and 「最初のショップを接続する」 goes to モール詳細設定", async () => {
    const user = userEvent.setup();
    cmd.appInfo.mockResolvedValue(ok({ ...APP_INFO, demo: false }));
    cmd.listShops.mockResolvedValue(ok([]));
    cmd.listShopStatuses.mockResolvedValue(ok([]));
    render(<App />);
    const panel = await screen.findByTestId("first-run");
    expect(panel.textContent).toContain("まだショップが登録されていません。");
    expect(screen.queryByText("条件に合う注文はありません。")).toBeNull();
    expect(cmd.listOrders).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "最初のショップを接続する" }));
    expect(screen.getByTestId("nav-shops").getAttribute("aria-current")).toBe("page");
    await screen.findByTestId("shops-empty");
  });
});
