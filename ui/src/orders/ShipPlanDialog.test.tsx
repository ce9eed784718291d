import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { api } from "../api";
import { APP_INFO } from "../test/fixtures";
import { ShipPlanDialog } from "./ShipPlanDialog";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

describe("発送予定日", () => {
  it("shows the mall's words and reasons, sends the choice, and says what happened per order", async () => {
    const user = userEvent.setup();
    const plan = APP_INFO.malls.find((v) => v.mall === "qoo10")!.ship_plan!;
    m.setShipPlan.mockResolvedValue([{ order_id: 7, mall_order_id: "512345678", ok: true, message: "発送予定日を 2026/12/05 にしました。" }]);
    const onDone = vi.fn();
    render(<ShipPlanDialog plan={plan} orderIds={[7]} onClose={vi.fn()} onDone={onDone} />);
    expect(screen.getByTestId("ship-plan-dialog").textContent).toContain("配送準備");
    const reasons = [...(screen.getByTestId("ship-plan-reason") as HTMLSelectElement).options].map((o) => o.textContent);
    expect(reasons).toEqual(["商品準備中", "注文製作", "顧客要求", "その他"]);
    await user.clear(screen.getByTestId("ship-plan-date"));
    await user.type(screen.getByTestId("ship-plan-date"), "2026-12-05");
    await user.selectOptions(screen.getByTestId("ship-plan-reason"), "3");
    await user.type(screen.getByTestId("ship-plan-memo"), "お客様のご希望");
    await user.click(screen.getByTestId("ship-plan-send"));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(m.setShipPlan).toHaveBeenCalledWith({ order_ids: [7], date: "2026-12-05", reason: 3, memo: "お客様のご希望" });
    expect(screen.getByTestId("ship-plan-results").textContent).toContain("512345678: 発送予定日を 2026/12/05 にしました。");
  });
});
