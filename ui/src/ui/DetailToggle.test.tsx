import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { DetailToggle } from "./DetailToggle";

describe("DetailToggle", () => {
  it("keeps the technical part hidden until 詳細 is pressed", async () => {
    const user = userEvent.setup();
    render(<DetailToggle detail="Connection refused (os error 111)" />);
    expect(screen.queryByTestId("error-detail")).toBeNull();
    await user.click(screen.getByText("詳細"));
    expect(screen.getByTestId("error-detail").textContent).toBe("Connection refused (os error 111)");
  });

  it("shows nothing without a detail", () => {
    const { container } = render(<DetailToggle detail={null} />);
    expect(container.textContent).toBe("");
  });
});
