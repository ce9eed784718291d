import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError, api } from "../api";
import { StartupSetting } from "./StartupSetting";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

const box = () => screen.getByRole("checkbox", { name: "パソコンの起動時に Juchu を開く" }) as HTMLInputElement;

describe("パソコンの起動時に Juchu を開く", () => {
  it("shows the setting as the system has it (off by default)", async () => {
    m.startAtLogin.mockResolvedValue(false);
    render(<StartupSetting />);
    expect(box().disabled).toBe(true);
    await waitFor(() => expect(box().disabled).toBe(false));
    expect(box().checked).toBe(false);
  });

  it("turns it on and off", async () => {
    const user = userEvent.setup({ delay: null });
    m.startAtLogin.mockResolvedValue(false);
    m.setStartAtLogin.mockResolvedValue(null);
    render(<StartupSetting />);
    await waitFor(() => expect(box().disabled).toBe(false));

    await user.click(box());
    expect(m.setStartAtLogin).toHaveBeenLastCalledWith(true);
    await waitFor(() => expect(box().checked).toBe(true));

    await user.click(box());
    expect(m.setStartAtLogin).toHaveBeenLastCalledWith(false);
    await waitFor(() => expect(box().checked).toBe(false));
  });

  it("keeps the old value and says why when the change fails", async () => {
    const user = userEvent.setup({ delay: null });
    m.startAtLogin.mockResolvedValue(false);
    m.setStartAtLogin.mockRejectedValue(
      new ApiError("AUTOSTART_NOT_CHANGED", "起動時に Juchu を開くように設定できませんでした。", "permission denied"),
    );
    render(<StartupSetting />);
    await waitFor(() => expect(box().disabled).toBe(false));
    await user.click(box());
    const alert = await screen.findByTestId("start-at-login-error");
    expect(alert.textContent).toContain("起動時に Juchu を開くように設定できませんでした。");
    expect(box().checked).toBe(false);
    expect(box().disabled).toBe(false);
    await user.click(screen.getByRole("button", { name: "詳細" }));
    expect(screen.getByTestId("error-detail").textContent).toBe("permission denied");
  });

  it("says so when the setting cannot be read, and stays untouchable", async () => {
    m.startAtLogin.mockRejectedValue(new ApiError("AUTOSTART_UNREADABLE", "起動時に Juchu を開く設定を読み取れませんでした。"));
    render(<StartupSetting />);
    expect((await screen.findByRole("alert")).textContent).toContain("読み取れませんでした");
    expect(box().disabled).toBe(true);
  });
});
