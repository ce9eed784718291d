import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { api } from "../api";
import { TryDemoButton } from "./TryDemoButton";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

describe("デモで試す", () => {
  it("switches the backend to the demo and reloads the window", async () => {
    const user = userEvent.setup();
    m.openDemo.mockResolvedValue(null);
    const onOpened = vi.fn();
    render(<TryDemoButton onOpened={onOpened} />);
    await user.click(screen.getByTestId("try-demo"));
    await waitFor(() => expect(onOpened).toHaveBeenCalled());
    expect(m.openDemo).toHaveBeenCalledTimes(1);
  });
});
