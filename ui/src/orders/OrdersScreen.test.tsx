import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands, events } from "../bindings";
import type { CountFilter, OrderQuery, OrdersChanged } from "../bindings";
import { APP_INFO, SHOPS, detailOf, err, ok, pagedListOrders, rowAt } from "../test/fixtures";
import { withAppStylesheet } from "../test/stylesheet";
import { OK_MESSAGE_MS } from "./MoveStatusControl";
import { OrdersScreen } from "./OrdersScreen";

vi.mock("../bindings", async (importOriginal) => (await import("../test/fixtures")).bindingsMock(importOriginal));
const cmd = vi.mocked(commands);
const listen = vi.mocked(events.ordersChanged.listen);

const COUNTS = {
  all: 2345,
  by_status: [
    { status: "新規受付" as const, count: 12 },
    { status: "発送待ち" as const, count: 1234 },
    { status: "処理済" as const, count: 1099 },
  ],
};

let emitOrdersChanged: (p: OrdersChanged) => void = () => {};

beforeEach(() => {
  cmd.listOrders.mockImplementation(pagedListOrders(30));
  cmd.statusCounts.mockResolvedValue(ok(COUNTS));
  cmd.getOrder.mockImplementation(async (id) => ok(detailOf(rowAt(id - 1))));
  cmd.moveOrders.mockImplementation(async (ids) => ok(ids.length));
  listen.mockImplementation(async (cb) => {
    emitOrdersChanged = (payload) => cb({ event: "orders-changed", id: 1, payload });
    return () => {};
  });
});

const lastQuery = () => cmd.listOrders.mock.lastCall![0] as OrderQuery;
const lastCountFilter = () => cmd.statusCounts.mock.lastCall![0] as CountFilter;

function renderScreen() {
  return render(<OrdersScreen info={APP_INFO} shops={SHOPS} onOpenShops={vi.fn()} />);
}

describe("status tabs", () => {
  it("show the count of every status and 全て", async () => {
    renderScreen();
    await waitFor(() => expect(screen.getByTestId("status-count-発送待ち").textContent).toBe("1,234"));
    expect(screen.getByTestId("status-count-全て").textContent).toBe("2,345");
    expect(screen.getByTestId("status-count-新規受付").textContent).toBe("12");
    // A status the backend did not list has no orders.
    expect(screen.getByTestId("status-count-保留").textContent).toBe("0");
    expect(screen.getAllByRole("tab")).toHaveLength(8);
  });

  it("switch the list query to the clicked status", async () => {
    renderScreen();
    await screen.findByTestId("order-row-ORD-0");
    expect(lastQuery().status).toBeNull();
    fireEvent.click(screen.getByTestId("status-tab-発送待ち"));
    await waitFor(() => expect(lastQuery()).toMatchObject({ status: "発送待ち", offset: 0 }));
    expect(screen.getByTestId("status-tab-発送待ち").getAttribute("aria-selected")).toBe("true");
    fireEvent.click(screen.getByTestId("status-tab-全て"));
    await waitFor(() => expect(lastQuery().status).toBeNull());
  });
});

describe("filters", () => {
  it("search is debounced and goes to both the list and the counts", async () => {
    const user = userEvent.setup();
    renderScreen();
    await screen.findByTestId("order-row-ORD-0");
    await user.type(screen.getByTestId("search-input"), "山田");
    // Not one query per keystroke.
    expect(cmd.listOrders.mock.calls.some((c) => c[0].search === "山")).toBe(false);
    await waitFor(() => expect(lastQuery().search).toBe("山田"));
    expect(lastCountFilter()).toEqual({ shop_id: null, search: "山田" });
  });

  it("shop filter and sort change the query", async () => {
    renderScreen();
    await screen.findByTestId("order-row-ORD-0");
    fireEvent.change(screen.getByTestId("shop-filter"), { target: { value: "2" } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ shop_id: 2, sort: "desc" }));
    expect(lastCountFilter().shop_id).toBe(2);
    fireEvent.change(screen.getByTestId("sort-select"), { target: { value: "asc" } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ shop_id: 2, sort: "asc" }));
  });
});

describe("moving orders", () => {
  it("moves the selected rows and refreshes rows and counts", async () => {
    renderScreen();
    await screen.findByTestId("order-row-ORD-0");
    fireEvent.click(screen.getByLabelText("ORD-1 を選択"));
    fireEvent.click(screen.getByLabelText("ORD-3 を選択"), { shiftKey: true });
    fireEvent.click(screen.getByLabelText("ORD-7 を選択"));
    expect(screen.getByTestId("selection-count").textContent).toBe("4件選択中");

    const listCalls = cmd.listOrders.mock.calls.length;
    const countCalls = cmd.statusCounts.mock.calls.length;
    fireEvent.change(screen.getByTestId("move-status-select"), { target: { value: "発送待ち" } });
    fireEvent.click(screen.getByTestId("move-status-apply"));

    await waitFor(() => expect(cmd.moveOrders).toHaveBeenCalledTimes(1));
    const [ids, status] = cmd.moveOrders.mock.calls[0];
    expect([...ids].sort((a, b) => a - b)).toEqual([2, 3, 4, 8]);
    expect(status).toBe("発送待ち");
    await waitFor(() =>
      expect(screen.getByTestId("move-status-message").textContent).toBe("4件を「発送待ち」に移動しました"),
    );
    await waitFor(() => expect(cmd.listOrders.mock.calls.length).toBeGreaterThan(listCalls));
    expect(cmd.statusCounts.mock.calls.length).toBeGreaterThan(countCalls);
    expect(screen.getByTestId("selection-count").textContent).toBe("注文を選択してください");
  });

  it("select-all-visible selects the rows on screen only", async () => {
    renderScreen();
    await screen.findByTestId("order-row-ORD-0");
    fireEvent.click(screen.getByTestId("select-visible"));
    // 360px viewport / 36px rows = 10 rows on screen.
    expect(screen.getByTestId("selection-count").textContent).toBe("10件選択中");
    fireEvent.change(screen.getByTestId("move-status-select"), { target: { value: "保留" } });
    fireEvent.click(screen.getByTestId("move-status-apply"));
    await waitFor(() => expect(cmd.moveOrders).toHaveBeenCalled());
    expect(cmd.moveOrders.mock.calls[0][0]).toHaveLength(10);
  });

  it("shows the backend's message when the move fails", async () => {
    cmd.moveOrders.mockResolvedValue({ status: "error", error: { code: "db", message: "保存できませんでした。もう一度お試しください。", detail: null } });
    renderScreen();
    await screen.findByTestId("order-row-ORD-0");
    fireEvent.click(screen.getByTestId("order-row-ORD-2"));
    fireEvent.change(screen.getByTestId("move-status-select"), { target: { value: "処理済" } });
    fireEvent.click(screen.getByTestId("move-status-apply"));
    await waitFor(() =>
      expect(screen.getByTestId("move-status-message").textContent).toBe("保存できませんでした。もう一度お試しください。"),
    );
  });
});

describe("detail pane and events", () => {
  it("opens the clicked order", async () => {
    renderScreen();
    await screen.findByTestId("order-row-ORD-0");
    fireEvent.click(screen.getByTestId("order-row-ORD-4"));
    const pane = await screen.findByTestId("detail-pane");
    await waitFor(() => expect(cmd.getOrder).toHaveBeenCalledWith(5));
    await within(pane).findByText("緑茶 100g");
    expect(pane.textContent).toContain("ORD-4");
    expect(pane.textContent).toContain("未対応"); // mall_status
    expect(pane.textContent).toContain("〒150-0001");
    expect(within(pane).getByTestId("detail-total").textContent).toBe("¥1,004");
    expect(screen.getByTestId("order-row-ORD-4").getAttribute("aria-selected")).toBe("true");
  });

  it("refreshes counts and rows on ordersChanged", async () => {
    renderScreen();
    await screen.findByTestId("order-row-ORD-0");
    await waitFor(() => expect(listen).toHaveBeenCalled());
    const listCalls = cmd.listOrders.mock.calls.length;
    const countCalls = cmd.statusCounts.mock.calls.length;
    cmd.listOrders.mockImplementation(async () => ok({ rows: [rowAt(0, { buyer_name: "更新後の購入者" })], total: 1 }));
    emitOrdersChanged({ reason: "sync" });
    await screen.findByText("更新後の購入者");
    expect(cmd.listOrders.mock.calls.length).toBeGreaterThan(listCalls);
    expect(cmd.statusCounts.mock.calls.length).toBeGreaterThan(countCalls);
    expect(screen.queryByTestId("order-row-ORD-1")).toBeNull();
  });

  it("marks orders that need attention and shows the buyer's 備考 apart from the shop's memo", async () => {
    const attention = "モール側でキャンセルされましたが、発送済みです。購入者に連絡してください。";
    cmd.listOrders.mockImplementation(async () => ok({ rows: [rowAt(0), rowAt(1, { attention })], total: 2 }));
    cmd.getOrder.mockImplementation(async (id) => {
      const row = id === 2 ? rowAt(1, { attention }) : rowAt(0);
      return ok({ ...detailOf(row), remark: "ギフト包装希望", memo: "12/1 入荷分と同梱" });
    });
    renderScreen();
    await screen.findByTestId("order-row-ORD-1");
    expect(screen.getByTestId("attention-ORD-1").getAttribute("title")).toBe(attention);
    expect(screen.queryByTestId("attention-ORD-0")).toBeNull();

    fireEvent.click(screen.getByTestId("order-row-ORD-1"));
    const pane = await screen.findByTestId("detail-pane");
    await within(pane).findByText("緑茶 100g");
    expect(within(pane).getByTestId("detail-attention").textContent).toContain(attention);
    expect(within(pane).getByTestId("detail-remark").textContent).toBe("ギフト包装希望");
    expect(within(pane).getByTestId("detail-memo").textContent).toBe("12/1 入荷分と同梱");

    fireEvent.click(screen.getByTestId("order-row-ORD-0"));
    await waitFor(() => expect(cmd.getOrder).toHaveBeenLastCalledWith(1));
    await waitFor(() => expect(within(pane).queryByTestId("detail-attention")).toBeNull());
  });
});

describe("an order with two shipments", () => {
  it("is listed once with its shipments' state, and its detail takes a slip per destination", async () => {
    const row = rowAt(0, { shipment_count: 2, shipments_tracked: 1, tracking_number: "123456789012", carrier: "ヤマト運輸" });
    const base = detailOf(row);
    const detail = {
      ...base,
      items: [...base.items, { id: 2, sku: null, name: "ほうじ茶", variation: null, unit_price: 900, quantity: 1, subtotal: 900 }],
      shipments: [
        { ...base.shipments[0], shipment_ref: "7001", item_ids: [1], mall_status: "発送済" },
        {
          shipment_ref: "7002",
          ship_to: { name: "山田 大阪支店", kana: null, zip: "5300001", address: "大阪府大阪市北区梅田1-1-1", phone: "06-3333-4444", email: null },
          item_ids: [2],
          mall_status: "未発送",
          mall_status_label: null,
          mall_note: "再注文",
          tracking_number: null,
          ship_date: null,
          carrier: null,
          sent: null,
          after_send_fix: "",
          delivery: { method: "宅急便", date: "2026-12-12", time: null },
        },
      ],
    };
    cmd.listOrders.mockImplementation(async () => ok({ rows: [row], total: 1 }));
    cmd.getOrder.mockResolvedValue(ok(detail));
    cmd.saveShipment.mockImplementation(async () => ok({ ...row, shipments_tracked: 2 }));
    const user = userEvent.setup();
    renderScreen();
    const listed = await screen.findByTestId("order-row-ORD-0");
    expect(screen.getAllByTestId(/^order-row-/)).toHaveLength(1);
    expect(within(listed).getByTestId("shipments-1").textContent).toBe("2件口 1/2123456789012");

    fireEvent.click(listed);
    const pane = await screen.findByTestId("detail-pane");
    const second = await within(pane).findByTestId("shipment-card-2");
    expect(within(pane).getByTestId("shipment-card-1").textContent).toContain("緑茶 100g");
    expect(second.textContent).toContain("山田 大阪支店");
    expect(second.textContent).toContain("ほうじ茶");
    expect(second.textContent).toContain("未発送");
    // The shop's memo in the mall's 伝票番号 field is shown as a memo, not as a slip.
    expect(within(second).getByTestId("shipment-note-2").textContent).toContain("再注文");
    expect(within(pane).queryByTestId("shipment-note-1")).toBeNull();
    // Each destination shows the buyer's wish for it.
    expect(within(second).getByTestId("delivery-method-2").textContent).toBe("宅急便");
    expect(within(second).getByTestId("delivery-wish-2").textContent).toBe("2026/12/12");
    expect(within(pane).getByTestId("delivery-wish-1").textContent).toBe("午前中");
    expect((within(second).getByTestId("tracking-input-2") as HTMLInputElement).value).toBe("");
    expect((within(pane).getByTestId("tracking-input-1") as HTMLInputElement).value).toBe("123456789012");

    await user.type(within(second).getByTestId("tracking-input-2"), "223456789013");
    await user.selectOptions(within(second).getByTestId("carrier-select-2"), "佐川急便");
    await user.click(within(second).getByTestId("shipment-save-2"));
    await waitFor(() =>
      expect(cmd.saveShipment).toHaveBeenCalledWith(1, { shipment_ref: "7002", tracking_number: "223456789013", ship_date: null, carrier: "佐川急便" }),
    );
  });
});

/** 発送待ち with one row ticked: 「このタブの全件を選択」 appears. */
async function offerWholeTab() {
  renderScreen();
  await screen.findByTestId("status-tab-発送待ち");
  fireEvent.click(screen.getByTestId("status-tab-発送待ち"));
  const row = await screen.findByTestId("order-row-ORD-0");
  fireEvent.click(within(row).getByRole("checkbox"));
  return screen.findByTestId("select-tab");
}

describe("list tools", () => {
  it("sorts by a column's header, and a second click reverses it", async () => {
    renderScreen();
    await screen.findByTestId("order-row-ORD-0");
    fireEvent.click(screen.getByTestId("sort-total"));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort_by: "total", sort: "desc", offset: 0 }));
    expect(screen.getByTestId("sort-total").closest('[role="columnheader"]')!.getAttribute("aria-sort")).toBe("descending");
    fireEvent.click(screen.getByTestId("sort-total"));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort_by: "total", sort: "asc" }));
    expect((screen.getByTestId("sort-select") as HTMLSelectElement).value).toBe("column");
    // Back to 注文日 from the select.
    fireEvent.change(screen.getByTestId("sort-select"), { target: { value: "desc" } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort_by: "ordered_at", sort: "desc" }));
  });

  it("selects every order of the tab, not only the rows on screen, and moves them all", async () => {
    cmd.tabIds.mockResolvedValue(ok({ ids: Array.from({ length: 1234 }, (_, i) => i + 1), capped: false }));
    const all = await offerWholeTab();
    expect(all.textContent).toBe("このタブの全件（1,234件）を選択");
    fireEvent.click(all);
    await waitFor(() => expect(cmd.tabIds).toHaveBeenCalledWith({ status: "発送待ち", shop_id: null, search: null }));
    await waitFor(() => expect(screen.queryByTestId("select-tab")).toBeNull());
    fireEvent.change(screen.getByTestId("move-status-select"), { target: { value: "処理済" } });
    fireEvent.click(screen.getByTestId("move-status-apply"));
    await waitFor(() => expect(cmd.moveOrders).toHaveBeenCalled());
    expect((cmd.moveOrders.mock.lastCall![0] as number[]).length).toBe(1234);
  });
});

describe("a search that finds more than the count's cap", () => {
  it("offers the whole tab as 「1,000件以上」 and keeps offering it until more are selected", async () => {
    cmd.statusCounts.mockResolvedValue(
      ok({ all: 1000, all_capped: true, by_status: [{ status: "発送待ち" as const, count: 1000, capped: true }] }),
    );
    cmd.tabIds.mockResolvedValue(ok({ ids: Array.from({ length: 4321 }, (_, i) => i + 1), capped: false }));
    const all = await offerWholeTab();
    expect(all.textContent).toBe("このタブの全件（1,000件以上）を選択");
    fireEvent.click(all);
    await waitFor(() => expect(screen.queryByTestId("select-tab")).toBeNull());
  });
});

describe("toolbar", () => {
  it("refreshes the list after 受注取得 and opens 発送情報の更新 for all shops", async () => {
    cmd.syncNow.mockResolvedValue(ok([]));
    cmd.exportPreview.mockResolvedValue(ok([]));
    renderScreen();
    await screen.findByTestId("order-row-ORD-0");
    const listCalls = cmd.listOrders.mock.calls.length;
    fireEvent.click(screen.getByTestId("sync-now"));
    await waitFor(() => expect(cmd.syncNow).toHaveBeenCalledWith(null));
    await waitFor(() => expect(cmd.listOrders.mock.calls.length).toBeGreaterThan(listCalls));

    fireEvent.click(screen.getByTestId("export-open"));
    await waitFor(() => expect(cmd.exportPreview).toHaveBeenCalledWith(null));
    expect(screen.getByRole("dialog").textContent).toContain("すべてのショップ");
    expect(cmd.exportRun).not.toHaveBeenCalled();
  });
});

describe("first start", () => {
  it("without any shop shows the first-run panel, not an empty list", async () => {
    const onOpenShops = vi.fn();
    render(<OrdersScreen info={APP_INFO} shops={[]} onOpenShops={onOpenShops} />);
    const panel = screen.getByTestId("first-run");
    expect(within(panel).getByRole("heading").textContent).toBe("Juchu へようこそ");
    expect(screen.getByTestId("first-run-demo").textContent).toContain(
      "まずは試してみたい場合は、デモモード（サンプルの注文と、練習用のモール）で Juchu を起動できます。",
    );
    expect(within(panel).getByTestId("try-demo").textContent).toBe("デモで試す");
    expect(screen.queryByText("条件に合う注文はありません。")).toBeNull();
    expect(screen.queryByRole("tab")).toBeNull();
    fireEvent.click(within(panel).getByRole("button", { name: "最初のショップを接続する" }));
    expect(onOpenShops).toHaveBeenCalledTimes(1);
    // Nothing to ask the backend for yet.
    expect(cmd.listOrders).not.toHaveBeenCalled();
    expect(cmd.statusCounts).not.toHaveBeenCalled();
  });

  it("with shops, a filter that matches nothing still says 条件に合う注文はありません。", async () => {
    cmd.listOrders.mockImplementation(pagedListOrders(0));
    renderScreen();
    await screen.findByText("条件に合う注文はありません。");
    expect(screen.queryByTestId("first-run")).toBeNull();
  });
});

describe("detail pane in a small window", () => {
  beforeEach(() => localStorage.clear());

  it("can be made wider or narrower with its handle, and keeps that width next time", async () => {
    const first = renderScreen();
    fireEvent.click(await screen.findByTestId("order-row-ORD-2"));
    const pane = await screen.findByTestId("detail-pane");
    const handle = screen.getByRole("separator", { name: "注文詳細の幅" });
    expect(handle.getAttribute("aria-controls")).toBe(pane.id);
    expect(pane.style.width).toBe(""); // the default width, from CSS

    // Dragging left widens the pane (jsdom has no layout: the drag starts from the minimum, 300px).
    fireEvent.pointerDown(handle, { clientX: 700, button: 0, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientX: 600, pointerId: 1 });
    fireEvent.pointerUp(handle, { clientX: 600, pointerId: 1 });
    expect(pane.style.width).toBe("400px");
    fireEvent.pointerMove(handle, { clientX: 100, pointerId: 1 }); // not dragging any more
    expect(pane.style.width).toBe("400px");

    // Keyboard: ← widens, → narrows, never below the minimum.
    fireEvent.keyDown(handle, { key: "ArrowRight" });
    expect(pane.style.width).toBe("380px");
    fireEvent.keyDown(handle, { key: "Home" });
    expect(pane.style.width).toBe("300px");
    fireEvent.keyDown(handle, { key: "ArrowRight" });
    expect(pane.style.width).toBe("300px");
    fireEvent.keyDown(handle, { key: "ArrowLeft" });
    expect(pane.style.width).toBe("320px");
    expect(handle.getAttribute("aria-valuenow")).toBe("320");
    expect(localStorage.getItem("juchu.detailPaneWidth")).toBe("320");

    first.unmount();
    renderScreen();
    fireEvent.click(await screen.findByTestId("order-row-ORD-2"));
    expect((await screen.findByTestId("detail-pane")).style.width).toBe("320px");

    // A double click goes back to the default width.
    fireEvent.doubleClick(screen.getByTestId("detail-resizer"));
    expect(screen.getByTestId("detail-pane").style.width).toBe("");
    expect(localStorage.getItem("juchu.detailPaneWidth")).toBeNull();
  });

  it("puts the 発送情報 form and its 保存 first, before the order's facts", async () => {
    renderScreen();
    fireEvent.click(await screen.findByTestId("order-row-ORD-2"));
    const pane = await screen.findByTestId("detail-pane");
    const save = await within(pane).findByTestId("shipment-save");
    const facts = within(pane).getByText("支払方法");
    expect(save.compareDocumentPosition(facts) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe("ステータス移動's message", () => {
  it("is laid over the list (the toolbar keeps its height); a success goes away by itself, an error stays until closed", async () => {
    // The real stylesheet, so that the toast's position can be read.
    const removeStylesheet = withAppStylesheet();
    try {
      renderScreen();
      fireEvent.click(await screen.findByTestId("order-row-ORD-2"));
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      fireEvent.change(screen.getByTestId("move-status-select"), { target: { value: "処理済" } });
      await act(async () => {
        fireEvent.click(screen.getByTestId("move-status-apply"));
      });
      const toast = screen.getByTestId("move-status-toast");
      expect(screen.getByTestId("move-status-message").textContent).toBe("1件を「処理済」に移動しました");
      expect(getComputedStyle(toast).position).toBe("absolute");
      expect(getComputedStyle(toast.parentElement!).position).toBe("relative");
      act(() => vi.advanceTimersByTime(OK_MESSAGE_MS));
      expect(screen.queryByTestId("move-status-toast")).toBeNull();

      cmd.moveOrders.mockResolvedValue(err("db", "保存できませんでした。もう一度お試しください。"));
      vi.useRealTimers();
      fireEvent.click(screen.getByTestId("order-row-ORD-3"));
      fireEvent.click(screen.getByTestId("move-status-apply"));
      expect((await screen.findByRole("alert")).textContent).toBe("保存できませんでした。もう一度お試しください。");
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      act(() => vi.advanceTimersByTime(OK_MESSAGE_MS * 2));
      expect(screen.getByTestId("move-status-toast")).toBeTruthy();
      fireEvent.click(screen.getByRole("button", { name: "メッセージを閉じる" }));
      expect(screen.queryByTestId("move-status-toast")).toBeNull();
    } finally {
      vi.useRealTimers();
      removeStylesheet();
    }
  });
});
