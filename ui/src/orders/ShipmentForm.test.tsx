import { fireEvent, render, screen, waitFor } from "@testing-library/react";
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
    fireEvent.change(screen.getByTestId("ship-date-input"), { target: { value: "2026-11-24" } });
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

  it("saves cleared fields as null and says 保存しました", async () => {
    const user = userEvent.setup();
    const row = rowAt(0, { tracking_number: "123456789012", ship_date: "2026-11-20", carrier: "佐川急便" });
    const saved = { ...row, tracking_number: null, ship_date: null, carrier: null };
    cmd.saveShipment.mockResolvedValue(ok(saved));
    const onSaved = vi.fn();
    render(<ShipmentForm orderId={1} shipment={detailOf(row).shipments[0]} carriers={CARRIERS} onSaved={onSaved} />);

    expect((screen.getByTestId("tracking-input") as HTMLInputElement).value).toBe("123456789012");
    expect((screen.getByTestId("carrier-select") as HTMLSelectElement).value).toBe("佐川急便");
    await user.clear(screen.getByTestId("tracking-input"));
    fireEvent.change(screen.getByTestId("ship-date-input"), { target: { value: "" } });
    await user.selectOptions(screen.getByTestId("carrier-select"), "");
    await user.click(screen.getByTestId("shipment-save"));

    expect(cmd.saveShipment).toHaveBeenCalledWith(1, { shipment_ref: "", tracking_number: null, ship_date: null, carrier: null });
    await waitFor(() => expect(screen.getByTestId("shipment-message").textContent).toBe("保存しました"));
    expect(onSaved).toHaveBeenCalledWith(saved);
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
