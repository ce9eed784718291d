import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "../bindings";
import { askedOffsets, pagedListOrders } from "../test/fixtures";
import { OrderTable, ROW_HEIGHT } from "./OrderTable";
import { PAGE_SIZE } from "./useOrderPages";

vi.mock("../bindings", async (importOriginal) => (await import("../test/fixtures")).bindingsMock(importOriginal));
const cmd = vi.mocked(commands);

const FILTER = { status: null, shopId: null, search: null, sortBy: "ordered_at" as const, sort: "desc" as const };

function renderTable(onSelectedChange = vi.fn(), onActivate = vi.fn()) {
  return render(
    <OrderTable
      filter={FILTER}
      refreshToken={0}
      selected={new Set()}
      onSelectedChange={onSelectedChange}
      activeId={null}
      onActivate={onActivate}
    />,
  );
}

describe("OrderTable paging", () => {
  beforeEach(() => {
    cmd.listOrders.mockImplementation(pagedListOrders(100_000));
  });

  it("asks only for the first page and renders only the rows on screen", async () => {
    renderTable();
    await screen.findByTestId("order-row-ORD-0");
    expect(askedOffsets(cmd.listOrders)).toEqual([0]);
    expect(cmd.listOrders.mock.calls[0][0]).toMatchObject({ offset: 0, limit: PAGE_SIZE, status: null });
    // 360px viewport = 10 rows, plus a few rows of overscan; nowhere near 100 or 100,000.
    const rows = screen.getAllByTestId(/^order-row-/);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeLessThan(30);
    expect(screen.queryByTestId("order-row-ORD-99")).toBeNull();
    expect(screen.getByTestId("order-row-ORD-3").textContent).toContain("¥1,003");
  });

  it("sizes the scroll area for the whole total", async () => {
    const { container } = renderTable();
    await screen.findByTestId("order-row-ORD-0");
    const body = container.querySelector<HTMLElement>(".order-table-body")!;
    expect(body.style.height).toBe(`${100_000 * ROW_HEIGHT}px`);
  });

  it("fetches the pages under a far scroll position and nothing in between", async () => {
    renderTable();
    await screen.findByTestId("order-row-ORD-0");
    const scroller = screen.getByTestId("order-table-scroll");
    await act(async () => {
      scroller.scrollTop = 50_000 * ROW_HEIGHT;
      fireEvent.scroll(scroller);
    });
    await screen.findByTestId("order-row-ORD-50000");
    const offsets = askedOffsets(cmd.listOrders);
    // Row 50,000 is the first of page 500; overscan reaches back into page 499.
    expect(new Set(offsets)).toEqual(new Set([0, 49_900, 50_000]));
  });

  it("shows a backend error with a way to retry", async () => {
    cmd.listOrders.mockResolvedValueOnce({
      status: "error",
      error: { code: "db", message: "データベースを開けませんでした。", detail: null },
    });
    renderTable();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("データベースを開けませんでした。");
    fireEvent.click(screen.getByText("再読み込み"));
    await screen.findByTestId("order-row-ORD-0");
  });
});

describe("OrderTable selection", () => {
  beforeEach(() => {
    cmd.listOrders.mockImplementation(pagedListOrders(50));
  });

  it("selects a range with shift-click on checkboxes", async () => {
    const onSelectedChange = vi.fn();
    renderTable(onSelectedChange);
    await screen.findByTestId("order-row-ORD-0");
    fireEvent.click(screen.getByLabelText("ORD-1 を選択"));
    expect([...onSelectedChange.mock.lastCall![0]]).toEqual([2]);
    fireEvent.click(screen.getByLabelText("ORD-4 を選択"), { shiftKey: true });
    // The props were not updated (selection is owned by the parent), so the range is added to {}.
    await waitFor(() => expect([...onSelectedChange.mock.lastCall![0]].sort()).toEqual([2, 3, 4, 5]));
  });
});

describe("OrderTable in a narrow window", () => {
  beforeEach(() => {
    cmd.listOrders.mockImplementation(pagedListOrders(50));
  });

  it("leaves out the columns that do not fit instead of cutting ステータス off", async () => {
    const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientWidth")!;
    Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 640 });
    try {
      renderTable();
      const row = await screen.findByTestId("order-row-ORD-0");
      const heads = screen.getAllByRole("columnheader").map((h) => h.textContent);
      expect(heads).toEqual(["", "注文番号", "ショップ", "購入者", "合計", "ステータス"]);
      expect(row.querySelectorAll('[role="gridcell"]')).toHaveLength(6);
      expect(row.textContent).toContain("新規受付");
      // No sideways scrolling: the kept columns fit.
      expect(parseInt(row.style.minWidth)).toBeLessThanOrEqual(640);
    } finally {
      Object.defineProperty(HTMLElement.prototype, "clientWidth", width);
    }
  });
});

describe("OrderTable from the keyboard", () => {
  /** The row the list's aria-activedescendant points at. */
  const current = () => {
    const id = screen.getByRole("grid").getAttribute("aria-activedescendant");
    return id ? document.getElementById(id)?.getAttribute("data-testid") : null;
  };

  it("moves with ↑/↓, opens with Enter and ticks with Space", async () => {
    cmd.listOrders.mockImplementation(pagedListOrders(50));
    const onSelectedChange = vi.fn();
    const onActivate = vi.fn();
    renderTable(onSelectedChange, onActivate);
    await screen.findByTestId("order-row-ORD-0");
    const grid = screen.getByRole("grid", { name: "受注一覧" });
    expect(grid.tabIndex).toBe(0);
    // Rows are reached through the list, not one Tab stop per checkbox.
    expect(screen.getByLabelText("ORD-0 を選択").tabIndex).toBe(-1);
    grid.focus();

    fireEvent.keyDown(grid, { key: "ArrowDown" }); // shows the cursor on the first row
    expect(current()).toBe("order-row-ORD-0");
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowUp" });
    expect(current()).toBe("order-row-ORD-1");
    expect(screen.getByTestId("order-row-ORD-1").classList.contains("cursor")).toBe(true);

    fireEvent.keyDown(grid, { key: " " });
    expect([...onSelectedChange.mock.lastCall![0]]).toEqual([2]);
    fireEvent.keyDown(grid, { key: "Enter" });
    expect(onActivate).toHaveBeenCalledWith(expect.objectContaining({ mall_order_id: "ORD-1" }));

    fireEvent.keyDown(grid, { key: "ArrowUp" });
    fireEvent.keyDown(grid, { key: "ArrowUp" }); // stays on the first row
    expect(current()).toBe("order-row-ORD-0");
  });

  it("carries on from a clicked row", async () => {
    cmd.listOrders.mockImplementation(pagedListOrders(50));
    const onActivate = vi.fn();
    renderTable(vi.fn(), onActivate);
    fireEvent.click(await screen.findByTestId("order-row-ORD-5"));
    const grid = screen.getByRole("grid");
    expect(document.activeElement).toBe(grid);
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(current()).toBe("order-row-ORD-6");
  });

  it("scrolls the current row into view, fetching its page when needed", async () => {
    cmd.listOrders.mockImplementation(pagedListOrders(250));
    const onActivate = vi.fn();
    renderTable(vi.fn(), onActivate);
    await screen.findByTestId("order-row-ORD-0");
    const grid = screen.getByRole("grid");
    grid.focus();

    // 360px, less the 34px header, holds 9 whole rows: the 10th scrolls the list.
    for (let i = 0; i < 10; i++) fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(current()).toBe("order-row-ORD-9");
    expect(grid.scrollTop).toBe(10 * ROW_HEIGHT - (360 - 34));

    fireEvent.keyDown(grid, { key: "End" });
    expect(grid.scrollTop).toBe(250 * ROW_HEIGHT - (360 - 34));
    await act(async () => {
      fireEvent.scroll(grid); // jsdom does not fire it for a scrollTop set by code
    });
    await screen.findByTestId("order-row-ORD-249");
    expect(askedOffsets(cmd.listOrders)).toContain(200);
    expect(current()).toBe("order-row-ORD-249");
    fireEvent.keyDown(grid, { key: "Enter" });
    expect(onActivate).toHaveBeenCalledWith(expect.objectContaining({ mall_order_id: "ORD-249" }));

    fireEvent.keyDown(grid, { key: "Home" });
    expect(grid.scrollTop).toBe(0);
  });

  it("leaves keys typed on a checkbox to the checkbox", async () => {
    cmd.listOrders.mockImplementation(pagedListOrders(50));
    const onSelectedChange = vi.fn();
    renderTable(onSelectedChange);
    await screen.findByTestId("order-row-ORD-0");
    fireEvent.keyDown(screen.getByLabelText("ORD-3 を選択"), { key: " " });
    expect(onSelectedChange).not.toHaveBeenCalled();
  });
});

describe("OrderTable marks", () => {
  it("marks a sent order beside its status, with when it was sent", async () => {
    const { ok, rowAt } = await import("../test/fixtures");
    cmd.listOrders.mockResolvedValue(ok({ rows: [rowAt(0, { sent_at: "2026-12-02T13:40:00+09:00" }), rowAt(1)], total: 2 }));
    renderTable();
    const mark = await screen.findByTestId("sent-1");
    expect(mark.getAttribute("aria-label")).toBe("送信済み（2026/12/02 13:40）");
    expect(screen.queryByTestId("sent-2")).toBeNull();
  });
});
