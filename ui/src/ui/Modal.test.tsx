import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Modal } from "./Modal";

describe("Modal", () => {
  it("takes focus, keeps Tab inside, and closes on Esc", async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { rerender } = render(
      <>
        <button type="button">外のボタン</button>
      </>,
    );
    const outside = screen.getByText("外のボタン");
    outside.focus();
    rerender(
      <>
        <button type="button">外のボタン</button>
        <Modal title="確認" onClose={onClose} footer={<button type="button">OK</button>}>
          <input aria-label="入力" />
        </Modal>
      </>,
    );
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("dialog")));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText("閉じる"));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText("入力"));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByText("OK"));
    // Past the last control, focus wraps around inside instead of leaving the dialog.
    // (user-event moves once more after focus-trap's own move, so the exact control differs
    // from a browser's; what matters is that focus never reaches the screen behind.)
    const dialog = screen.getByRole("dialog");
    for (let i = 0; i < 4; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(outside);
    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalled();
  });
});
