import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, api } from "../api";
import { UpdatePrompt } from "./UpdatePrompt";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

const OFFER = { version: "0.2.0", current_version: "0.1.0", notes: "- ショップサーブ 連携の改善" };

afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

describe("アップデートの確認", () => {
  it("asks before installing, and installs on 「今すぐ更新」", async () => {
    const user = userEvent.setup({ delay: null });
    m.updateCheck.mockResolvedValue(OFFER);
    m.updateInstall.mockReturnValue(new Promise(() => {})); // Juchu restarts: never returns
    render(<UpdatePrompt />);
    const banner = await screen.findByTestId("update-banner");
    expect(banner.textContent).toContain("新しいバージョン 0.2.0 があります");
    expect(banner.textContent).toContain("今のバージョンは 0.1.0");
    expect(banner.textContent).toContain("今すぐ更新しますか？");
    expect(m.updateInstall).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "今すぐ更新" }));
    expect(m.updateInstall).toHaveBeenCalledTimes(1);
    expect(banner.textContent).toContain("ダウンロードしています");
    expect((screen.getByRole("button", { name: "今すぐ更新" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "後で" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("「後で」 hides the offer and installs nothing", async () => {
    const user = userEvent.setup({ delay: null });
    m.updateCheck.mockResolvedValue(OFFER);
    render(<UpdatePrompt />);
    await user.click(await screen.findByRole("button", { name: "後で" }));
    expect(screen.queryByTestId("update-banner")).toBeNull();
    expect(m.updateInstall).not.toHaveBeenCalled();
  });

  it("shows nothing when there is no update, or the update server cannot be reached", async () => {
    m.updateCheck.mockResolvedValueOnce(null);
    const { unmount } = render(<UpdatePrompt />);
    await waitFor(() => expect(m.updateCheck).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId("update-banner")).toBeNull();
    unmount();

    m.updateCheck.mockRejectedValueOnce(new ApiError("ipc", "アプリ本体と通信できませんでした。"));
    render(<UpdatePrompt />);
    await waitFor(() => expect(m.updateCheck).toHaveBeenCalledTimes(2));
    expect(screen.queryByTestId("update-banner")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says why when 発送情報の更新 is sending, and lets the merchant try again", async () => {
    const user = userEvent.setup({ delay: null });
    m.updateCheck.mockResolvedValue(OFFER);
    m.updateInstall.mockRejectedValueOnce(
      new ApiError(
        "EXPORT_RUNNING",
        "発送情報の更新を実行中のため、アップデートを始められません。送信が終わってから、もう一度「今すぐ更新」を押してください。",
      ),
    );
    render(<UpdatePrompt />);
    await user.click(await screen.findByRole("button", { name: "今すぐ更新" }));
    const alert = await screen.findByTestId("update-error");
    expect(alert.textContent).toContain("発送情報の更新を実行中のため");
    const again = screen.getByRole("button", { name: "今すぐ更新" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    m.updateInstall.mockReturnValue(new Promise(() => {}));
    await user.click(again);
    expect(m.updateInstall).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId("update-error")).toBeNull();
  });

  it("looks again later while Juchu runs all day", async () => {
    vi.useFakeTimers();
    m.updateCheck.mockResolvedValueOnce(null).mockResolvedValueOnce(OFFER);
    render(<UpdatePrompt recheckMs={1000} />);
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.queryByTestId("update-banner")).toBeNull();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(m.updateCheck).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId("update-banner").textContent).toContain("0.2.0");
  });
});
