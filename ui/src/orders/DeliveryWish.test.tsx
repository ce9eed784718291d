import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DeliveryFacts, wishText } from "./DeliveryWish";

describe("delivery wish", () => {
  it("shows the date and time slot the buyer wished", () => {
    expect(wishText({ method: "宅急便", date: "2026-12-10", time: "14時～16時" })).toBe("2026/12/10 14時～16時");
    expect(wishText({ method: null, date: null, time: "午前中" })).toBe("午前中");
    expect(wishText({ method: null, date: "2026-12-10", time: null })).toBe("2026/12/10");
  });

  it("says 指定なし for what the buyer left open", () => {
    render(
      <dl>
        <DeliveryFacts wish={{ method: null, date: null, time: null }} n={1} />
      </dl>,
    );
    expect(screen.getByTestId("delivery-method-1").textContent).toBe("指定なし");
    expect(screen.getByTestId("delivery-wish-1").textContent).toBe("指定なし");
  });
});
