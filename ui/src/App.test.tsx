import { render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { commands, events } from "./bindings";
import { APP_INFO, SHOPS, err, ok, pagedListOrders } from "./test/fixtures";

vi.mock("./bindings", async () => (await import("./test/fixtures")).bindingsMock());
const cmd = vi.mocked(commands);

beforeEach(() => {
  cmd.appInfo.mockResolvedValue(ok(APP_INFO));
  cmd.listShops.mockResolvedValue(ok(SHOPS));
  cmd.listOrders.mockImplementation(pagedListOrders(3));
  cmd.statusCounts.mockResolvedValue(ok({ all: 3, by_status: [] }));
  vi.mocked(events.ordersChanged.listen).mockResolvedValue(() => {});
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
});
