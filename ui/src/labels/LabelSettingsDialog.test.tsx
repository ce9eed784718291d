import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, api } from "../api";
import type { LabelSettings, LabelSettingsCheck } from "../bindings";
import { PREVIEW_LABEL_CATALOG, PREVIEW_LABEL_SETTINGS } from "../preview/labels";
import { LabelSettingsDialog } from "./LabelSettingsDialog";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

function sample(over: Partial<LabelSettingsCheck["sample"]> = {}): LabelSettingsCheck["sample"] {
  return {
    format: "b2",
    mall_order_id: "B-100",
    service: "宅急便",
    cells: [
      { no: 1, column: "お客様管理番号", value: "J100" },
      { no: 40, column: "ご依頼主名", value: "テスト商店" },
    ],
    issues: [],
    blocked: null,
    ...over,
  };
}

beforeEach(() => {
  m.labelSettings.mockResolvedValue(PREVIEW_LABEL_SETTINGS);
  m.labelCatalog.mockResolvedValue(PREVIEW_LABEL_CATALOG);
  m.checkLabelSettings.mockResolvedValue({ problems: [], sample: sample() });
  m.setLabelSettings.mockResolvedValue(null);
});

describe("送り状設定", () => {
  it("checks what is typed, shows the row it would write, and saves it", async () => {
    const user = userEvent.setup();
    render(<LabelSettingsDialog shopId={7} shopName="BASE 1号店" onClose={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("label-settings-sample-cells")).toBeTruthy());
    expect(m.checkLabelSettings).toHaveBeenCalledWith(7, "b2", PREVIEW_LABEL_SETTINGS);
    expect(screen.getByTestId("label-settings-sample-order").textContent).toContain("注文 B-100");
    expect(screen.getByTestId("label-settings-sample-cells").textContent).toContain("テスト商店");
    expect(screen.getByTestId("label-settings-sample-ok")).toBeTruthy();
    // The defaults core sends are on screen.
    expect((screen.getByTestId("label-settings-b2-freight-no") as HTMLInputElement).value).toBe("01");
    expect((screen.getByTestId("label-settings-item-name") as HTMLInputElement).value).toBe("雑貨");

    await user.type(screen.getByTestId("label-settings-sender-name"), "テスト商店");
    await user.type(screen.getByTestId("label-settings-b2-billing-code"), "0312345678");
    await waitFor(() =>
      expect(m.checkLabelSettings).toHaveBeenLastCalledWith(
        7,
        "b2",
        expect.objectContaining({ b2_billing_code: "0312345678", sender: expect.objectContaining({ name: "テスト商店" }) }),
      ),
    );
    const save = screen.getByTestId("label-settings-save") as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    await user.click(save);
    await waitFor(() => expect(screen.getByTestId("label-settings-saved")).toBeTruthy());
    const saved = m.setLabelSettings.mock.calls[0][1] as LabelSettings;
    expect(saved.sender?.name).toBe("テスト商店");
    expect(saved.b2_billing_code).toBe("0312345678");
    expect(saved.cod_payment_methods).toEqual(PREVIEW_LABEL_SETTINGS.cod_payment_methods);
  });

  it("maps a shipping method to a service and sets ゆうプリR's slot codes", async () => {
    const user = userEvent.setup();
    render(<LabelSettingsDialog shopId={7} shopName="BASE 1号店" onClose={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("label-settings-sample-cells")).toBeTruthy());
    await user.click(screen.getByTestId("label-settings-method-add"));
    await user.type(screen.getByTestId("label-settings-method-0"), "メール便");
    await user.selectOptions(screen.getByTestId("label-settings-method-service-0"), "nekopos");
    expect((screen.getByTestId("label-settings-slot-12-14時") as HTMLInputElement).value).toBe("52");
    await user.type(screen.getByTestId("label-settings-slot-午前中"), "51");
    const save = screen.getByTestId("label-settings-save") as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    await user.click(save);
    await waitFor(() => expect(m.setLabelSettings).toHaveBeenCalled());
    const saved = m.setLabelSettings.mock.calls[0][1] as LabelSettings;
    expect(saved.method_services).toEqual([{ method: "メール便", service: "nekopos" }]);
    expect(saved.yupri_slot_codes).toEqual([
      { slot: "午前中", code: "51" },
      { slot: "12-14時", code: "52" },
    ]);
  });

  it("names a wrong field under it, and keeps 保存 off until it is fixed", async () => {
    const user = userEvent.setup();
    m.checkLabelSettings.mockImplementation(async (_shop, _format, s) => ({
      problems:
        s.sagawa_customer_code && s.sagawa_customer_code.length !== 12
          ? [{ key: "sagawa_customer_code", message: "佐川のお客様コードは12桁の数字です（ハイフンなし）。" }]
          : [],
      sample: sample({ issues: [] }),
    }));
    render(<LabelSettingsDialog shopId={7} shopName="BASE 1号店" onClose={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("label-settings-sample-cells")).toBeTruthy());
    await user.type(screen.getByTestId("label-settings-sagawa-customer-code"), "1234");
    await waitFor(() => expect(screen.getByTestId("label-settings-sagawa-customer-code-error").textContent).toContain("12桁"));
    const save = screen.getByTestId("label-settings-save") as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await user.type(screen.getByTestId("label-settings-sagawa-customer-code"), "56789012");
    await waitFor(() => expect(screen.queryByTestId("label-settings-sagawa-customer-code-error")).toBeNull());
    await waitFor(() => expect(save.disabled).toBe(false));
  });

  it("says what the export would stop at, for the format chosen", async () => {
    const user = userEvent.setup();
    m.checkLabelSettings.mockImplementation(async (_shop, format) => ({
      problems: [],
      sample:
        format === "ehiden3"
          ? sample({
              format,
              mall_order_id: null,
              issues: [
                {
                  key: "J1",
                  order_id: 1,
                  mall_order_id: "",
                  column_no: 11,
                  column: "お客様コード",
                  value: "",
                  problem: { kind: "invalid", reason: "佐川のお客様コードを送り状の設定で入力してください。" },
                  message: "お客様コード: 佐川のお客様コードを送り状の設定で入力してください。",
                },
              ],
            })
          : sample(),
    }));
    render(<LabelSettingsDialog shopId={7} shopName="BASE 1号店" onClose={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("label-settings-sample-ok")).toBeTruthy());
    await user.selectOptions(screen.getByTestId("label-settings-format"), "ehiden3");
    await waitFor(() => expect(screen.getByTestId("label-settings-sample-issues").textContent).toContain("お客様コード"));
    expect(screen.getByTestId("label-settings-sample-order").textContent).toContain("見本の注文");
  });

  it("shows the backend's message when the save is refused", async () => {
    const user = userEvent.setup();
    m.setLabelSettings.mockRejectedValue(new ApiError("INVALID_FIELDS", "運賃管理番号は2桁の数字です（ふつうは 01）。"));
    render(<LabelSettingsDialog shopId={7} shopName="BASE 1号店" onClose={vi.fn()} />);
    const save = screen.getByTestId("label-settings-save") as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    await user.click(save);
    await waitFor(() => expect(screen.getByTestId("label-settings-error").textContent).toContain("運賃管理番号"));
  });
});
