import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { commands } from "../bindings";
import { CARRIERS, detailOf, err, ok, rowAt } from "../test/fixtures";
import { ShipmentForm } from "./ShipmentForm";

vi.mock("../bindings", async (importOriginal) => (await import("../test/fixtures")).bindingsMock(importOriginal));
const cmd = vi.mocked(commands);

describe("ShipmentForm", () => {
  it("sends what was entered and shows the backend's error as it is", async () => {
    const user = userEvent.setup();
    const message = "ヤマト運輸の伝票番号は12桁の数字です。伝票を見て入力し直してください。";
    cmd.saveShipment.mockResolvedValue(err("invalid_tracking", message));
    const onSaved = vi.fn();
    render(<ShipmentForm orderId={7} shipment={detailOf(rowAt(6)).shipments[0]} carriers={CARRIERS} onSaved={onSaved} />);

    await user.type(screen.getByTestId("tracking-input"), " 1234-5678 ");
    await user.type(screen.getByTestId("ship-date-input"), "2026-11-24");
    await user.selectOptions(screen.getByTestId("carrier-select"), "ヤマト運輸");
    await user.click(screen.getByTestId("shipment-save"));

    expect(cmd.saveShipment).toHaveBeenCalledWith(7, {
      shipment_ref: "",
      tracking_number: "1234-5678",
      ship_date: "2026-11-24",
      carrier: "ヤマト運輸",
    });
    await waitFor(() => expect(screen.getByTestId("shipment-message").textContent).toBe(message));
    expect(screen.getByRole("alert").textContent).toBe(message);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("warns, without blocking the save, when core finds the check digit wrong", async () => {
    const user = userEvent.setup();
    const warning = "伝票番号「123412341234」はヤマト運輸の伝票番号のチェックディジット（末尾の1桁）と合いません。打ち間違いがないか、伝票と見比べてください。";
    cmd.trackingWarning.mockImplementation(async (_carrier, number) => (number === "123412341234" ? warning : null));
    const row = rowAt(6);
    cmd.saveShipment.mockResolvedValue(ok(row));
    render(<ShipmentForm orderId={7} shipment={detailOf(row).shipments[0]} carriers={CARRIERS} onSaved={vi.fn()} />);

    await user.selectOptions(screen.getByTestId("carrier-select"), "ヤマト運輸");
    await user.type(screen.getByTestId("tracking-input"), "123412341234");
    await waitFor(() => expect(screen.getByTestId("tracking-warning").textContent).toBe(warning));
    expect(cmd.trackingWarning).toHaveBeenLastCalledWith("ヤマト運輸", "123412341234");
    // A corrected number clears it.
    await user.clear(screen.getByTestId("tracking-input"));
    await user.type(screen.getByTestId("tracking-input"), "123412341233");
    await waitFor(() => expect(screen.queryByTestId("tracking-warning")).toBeNull());
    expect((screen.getByTestId("shipment-save") as HTMLButtonElement).disabled).toBe(false);
  });

  it("saves cleared fields as null and says 保存しました", async () => {
    const user = userEvent.setup();
    const row = rowAt(0, { tracking_number: "123456789012", ship_date: "2026-11-20", carrier: "佐川急便" });
    const saved = { ...row, tracking_number: null, ship_date: null, carrier: null };
    cmd.saveShipment.mockResolvedValue(ok(saved));
    const onSaved = vi.fn();
    render(<ShipmentForm orderId={1} shipment={detailOf(row).shipments[0]} carriers={CARRIERS} onSaved={onSaved} />);

    expect((screen.getByTestId("tracking-input") as HTMLInputElement).value).toBe("123456789012");
    expect((screen.getByTestId("carrier-select") as HTMLSelectElement).value).toBe("佐川急便");
    expect((screen.getByTestId("ship-date-input") as HTMLInputElement).value).toBe("2026-11-20");
    await user.clear(screen.getByTestId("tracking-input"));
    await user.clear(screen.getByTestId("ship-date-input"));
    await user.selectOptions(screen.getByTestId("carrier-select"), "");
    await user.click(screen.getByTestId("shipment-save"));

    expect(cmd.saveShipment).toHaveBeenCalledWith(1, { shipment_ref: "", tracking_number: null, ship_date: null, carrier: null });
    await waitFor(() => expect(screen.getByTestId("shipment-message").textContent).toBe("保存しました"));
    expect(onSaved).toHaveBeenCalledWith(saved);
  });

  it("shows an unset 出荷日 as empty, with a placeholder that says so", () => {
    render(<ShipmentForm orderId={1} shipment={detailOf(rowAt(0)).shipments[0]} carriers={CARRIERS} onSaved={vi.fn()} />);
    const date = screen.getByTestId("ship-date-input") as HTMLInputElement;
    expect(date.type).toBe("text");
    expect(date.value).toBe("");
    expect(date.placeholder).toBe("未設定（例: 2026-12-02）");
    expect(screen.getByLabelText("出荷日")).toBe(date);
  });

  it("「今日」 fills today's date in Japan, even where the PC's clock is still on yesterday", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // 2026-12-01 23:30 UTC is already 2026-12-02 08:30 in Japan.
      vi.setSystemTime(new Date("2026-12-01T23:30:00Z"));
      const user = userEvent.setup();
      cmd.saveShipment.mockImplementation(async () => ok(rowAt(0, { ship_date: "2026-12-02" })));
      render(<ShipmentForm orderId={1} shipment={detailOf(rowAt(0)).shipments[0]} carriers={CARRIERS} onSaved={vi.fn()} idSuffix="-2" />);
      await user.click(screen.getByTestId("ship-date-today-2"));
      expect((screen.getByTestId("ship-date-input-2") as HTMLInputElement).value).toBe("2026-12-02");
      await user.click(screen.getByTestId("shipment-save-2"));
      expect(cmd.saveShipment).toHaveBeenCalledWith(1, { shipment_ref: "", tracking_number: null, ship_date: "2026-12-02", carrier: null });
    } finally {
      vi.useRealTimers();
    }
  });

  it("sends a typed date as typed and shows it the way it was saved", async () => {
    const user = userEvent.setup();
    cmd.saveShipment.mockImplementation(async () => ok(rowAt(0, { ship_date: "2026-12-02" })));
    render(<ShipmentForm orderId={1} shipment={detailOf(rowAt(0)).shipments[0]} carriers={CARRIERS} onSaved={vi.fn()} />);
    await user.type(screen.getByTestId("ship-date-input"), "２０２６/１２/０２");
    await user.click(screen.getByTestId("shipment-save"));
    expect(cmd.saveShipment.mock.lastCall![1].ship_date).toBe("２０２６/１２/０２");
    await waitFor(() => expect(screen.getByTestId("shipment-message").textContent).toBe("保存しました"));
    expect((screen.getByTestId("ship-date-input") as HTMLInputElement).value).toBe("2026-12-02");
  });

  it("never refuses a half-typed date in silence: the backend's message is shown under 出荷日", async () => {
    const user = userEvent.setup();
    const message = "出荷日「2026-12」は日付として読めません。2026-11-23 のように 年-月-日 で入力してください。";
    cmd.saveShipment.mockResolvedValue(err("INVALID_DATE", message));
    render(<ShipmentForm orderId={1} shipment={detailOf(rowAt(0)).shipments[0]} carriers={CARRIERS} onSaved={vi.fn()} />);
    const date = screen.getByTestId("ship-date-input");
    await user.type(date, "2026-12");
    await user.click(screen.getByTestId("shipment-save"));

    expect(cmd.saveShipment).toHaveBeenCalledWith(1, { shipment_ref: "", tracking_number: null, ship_date: "2026-12", carrier: null });
    const shown = await screen.findByTestId("ship-date-error");
    expect(shown.textContent).toBe(message);
    expect(date.getAttribute("aria-invalid")).toBe("true");
    expect(date.getAttribute("aria-describedby")).toBe(shown.id);
    expect(document.activeElement).toBe(date);
    // Typing again clears it.
    await user.type(date, "-02");
    expect(screen.queryByTestId("ship-date-error")).toBeNull();
    expect(date.getAttribute("aria-invalid")).toBe("false");
  });

  it("puts a missing 配送会社 next to 配送会社", async () => {
    const user = userEvent.setup();
    const message = "伝票番号を保存するには配送会社を選んでください。";
    cmd.saveShipment.mockResolvedValue(err("CARRIER_REQUIRED", message));
    render(<ShipmentForm orderId={1} shipment={detailOf(rowAt(0)).shipments[0]} carriers={CARRIERS} onSaved={vi.fn()} />);
    await user.type(screen.getByTestId("tracking-input"), "123456789012");
    await user.click(screen.getByTestId("shipment-save"));
    expect((await screen.findByTestId("carrier-error")).textContent).toBe(message);
    expect(document.activeElement).toBe(screen.getByTestId("carrier-select"));
    expect(screen.queryByTestId("shipment-message")).toBeNull();
  });

  it("explains when the app itself cannot be reached", async () => {
    const user = userEvent.setup();
    cmd.saveShipment.mockRejectedValue(new Error("ipc down"));
    render(<ShipmentForm orderId={1} shipment={detailOf(rowAt(0)).shipments[0]} carriers={CARRIERS} onSaved={vi.fn()} />);
    await user.click(screen.getByTestId("shipment-save"));
    await waitFor(() =>
      expect(screen.getByTestId("shipment-message").textContent).toContain("Juchu を再起動してください"),
    );
  });
});

describe("ShipmentForm after a send", () => {
  it("says what the mall has, and warns as soon as the slip here differs from it", async () => {
    const user = userEvent.setup();
    const row = rowAt(0, { tracking_number: "123456789012", carrier: "ヤマト運輸", sent_at: "2026-12-02T13:40:00+09:00" });
    const shipment = {
      ...detailOf(row).shipments[0],
      sent: { at: "2026-12-02T13:40:00+09:00", tracking_number: "123456789012", carrier: "ヤマト運輸" as const, ship_date: null },
      after_send_fix: "BASE は送信後の変更を API で受け付けません。BASE の管理画面でお荷物伝票番号を直してください。",
    };
    render(<ShipmentForm orderId={1} shipment={shipment} carriers={CARRIERS} onSaved={vi.fn()} />);
    expect(screen.getByTestId("sent-note").textContent).toContain("送信済み");
    expect(screen.getByTestId("sent-note").textContent).toContain("123456789012");
    expect(screen.queryByTestId("sent-changed")).toBeNull();
    // The same number typed with hyphens is the same number.
    await user.clear(screen.getByTestId("tracking-input"));
    await user.type(screen.getByTestId("tracking-input"), "1234-5678-9012");
    expect(screen.queryByTestId("sent-changed")).toBeNull();
    await user.clear(screen.getByTestId("tracking-input"));
    await user.type(screen.getByTestId("tracking-input"), "999988887777");
    const warning = screen.getByTestId("sent-changed").textContent!;
    expect(warning).toContain("伝票番号 123456789012 が届いています");
    expect(warning).toContain("BASE の管理画面");
  });
});
