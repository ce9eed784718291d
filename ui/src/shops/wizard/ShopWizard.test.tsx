import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, onAuthorizationFinished } from "../../api";
import type { AppInfo, FieldError, ShopForm, Wizard, WizardStart } from "../../bindings";
import { newShopWizard } from "../../preview/malls";
import { emit, shopStatus } from "../../test/apiMock";
import { APP_INFO } from "../../test/fixtures";
import { ShopWizard } from "./ShopWizard";

vi.mock("../../api", async (importOriginal) => (await import("../../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

const step = () => screen.getByTestId(/^wizard-step-\d$/).getAttribute("data-testid");

/** 次へ, then waits for core's check and the step it leads to. */
async function next(user: ReturnType<typeof userEvent.setup>, to: number) {
  await user.click(screen.getByTestId("wizard-next"));
  await waitFor(() => expect(step()).toBe(`wizard-step-${to}`));
}
const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;

/** A wizard described only by test data: a keys mall with a link, a copy field, a secret and a select. */
const TEST_WIZARD: Wizard = {
  steps: [
    {
      title: "登録",
      heading: "テストモールに登録します",
      blocks: [
        { kind: "text", text: "まず **管理画面** を開きます。" },
        { kind: "link", label: "管理画面を開く", url: "https://admin.example.jp/", id: "open-admin" },
        { kind: "copy", label: "登録するURL", value: "https://juchu.example/callback", id: "callback" },
      ],
    },
    {
      title: "キー",
      heading: "キーを入力します",
      blocks: [{ kind: "fields", keys: ["account", "token", "mode", "days"] }],
    },
    { title: "接続", heading: "接続テスト", blocks: [{ kind: "connect" }] },
  ],
  fields: [
    { key: "account", group: "credential", label: "アカウントID", input: { kind: "text" }, hint: null, placeholder: "例: shop-001", unit: null, follows: false },
    { key: "token", group: "credential", label: "トークン", input: { kind: "secret" }, hint: null, placeholder: null, unit: null, follows: false },
    {
      key: "mode",
      group: "setting",
      label: "取得方法",
      input: { kind: "select", choices: [{ value: "a", label: "方法A", note: null }, { value: "b", label: "方法B", note: null }] },
      hint: null,
      placeholder: null,
      unit: null,
      follows: false,
    },
    { key: "days", group: "setting", label: "受注を取得する日数", input: { kind: "number" }, hint: null, placeholder: null, unit: "日分", follows: false },
  ],
  connect: {
    button: "接続テスト",
    retry_button: "もう一度接続テスト",
    again_button: "接続テストをやり直す",
    waiting: "",
    timeout_hint: "",
    wait_seconds: 60,
    success: "接続できました",
    failure: "接続できませんでした",
    test_ok: "接続テスト: テストモールに接続できました。",
    already_connected: "接続済みです。",
    paste: null,
  },
  edit_starts_at: 2,
};

/** The test mall is Qoo10's line of the registry, ready and connected by keys. */
const TEST_INFO: AppInfo = {
  ...APP_INFO,
  malls: APP_INFO.malls.map((v) => (v.mall === "qoo10" ? { ...v, ready: true, connect: "keys", wizard: TEST_WIZARD } : v)),
};

/** Stands in for core's checks of the test wizard (a saved shop's keys are stored). */
function testChecks(form: ShopForm, shopId: number | null): FieldError[] {
  const v = form.values;
  const errors: FieldError[] = [];
  const blank = (k: string) => shopId === null && (v[k] ?? "").trim() === "";
  if (blank("account")) errors.push({ key: "account", message: "アカウントIDを入力してください。" });
  if (blank("token")) errors.push({ key: "token", message: "トークンを入力してください。" });
  if (!/^\d+$/.test(v.days ?? "")) errors.push({ key: "days", message: "1〜90 の日数を数字で入力してください。" });
  return errors;
}

beforeEach(() => {
  m.openExternal.mockResolvedValue(null);
  m.connectShop.mockResolvedValue(null);
  m.testConnection.mockResolvedValue(null);
  m.finishAuthorizationWithUrl.mockResolvedValue(null);
  m.removeShop.mockResolvedValue(null);
  m.saveShopForm.mockImplementation(async (form: ShopForm, id: number | null) => ({
    id: id ?? 7,
    mall: form.mall,
    name: form.values.name ?? "",
    settings: APP_INFO.malls[0].defaults,
  }));
});

function renderTestWizard(start: Partial<WizardStart> = {}) {
  m.wizardStart.mockResolvedValue({
    wizard: TEST_WIZARD,
    values: { name: "テスト 1号店", account: "", token: "", mode: "b", days: "7" },
    stored: { account: false, token: false },
    connected: false,
    ...start,
  });
  m.checkShopForm.mockImplementation(async (form: ShopForm, shopId: number | null) => testChecks(form, shopId));
  const onDone = vi.fn();
  const onCancel = vi.fn();
  render(<ShopWizard info={TEST_INFO} mall="qoo10" existing={null} onDone={onDone} onCancel={onCancel} />);
  return { onDone, onCancel };
}

describe("a wizard described by data", () => {
  it("draws links, copy fields, secrets and selects from the description, and shows core's messages under the fields", async () => {
    const user = userEvent.setup({ delay: null });
    const { onDone } = renderTestWizard();
    await screen.findByText("テストモールに登録します");
    expect(screen.getByText("管理画面").tagName).toBe("B");
    await user.click(screen.getByTestId("open-admin"));
    expect(m.openExternal).toHaveBeenCalledWith("https://admin.example.jp/");
    expect(input("callback").value).toBe("https://juchu.example/callback");

    await next(user, 2);
    // Focus moves to the new step's first field.
    await waitFor(() => expect(document.activeElement).toBe(input("account-input")));
    expect(input("account-input").placeholder).toBe("例: shop-001");
    expect(input("token-input").type).toBe("password");
    const select = screen.getByTestId("mode-input") as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(["方法A", "方法B"]);
    expect(select.value).toBe("b");
    expect(screen.queryByTestId("account-error")).toBeNull();

    await user.clear(input("days-input"));
    await user.type(input("days-input"), "七");
    await user.click(screen.getByTestId("wizard-next"));
    await screen.findByTestId("account-error");
    expect(step()).toBe("wizard-step-2");
    expect(screen.getByTestId("account-error").textContent).toBe("アカウントIDを入力してください。");
    expect(screen.getByTestId("token-error").textContent).toBe("トークンを入力してください。");
    expect(screen.getByTestId("days-error").textContent).toContain("1〜90");
    expect(input("account-input").getAttribute("aria-invalid")).toBe("true");

    await user.type(input("account-input"), "shop-001");
    await user.type(input("token-input"), "tok");
    await user.clear(input("days-input"));
    await user.type(input("days-input"), "14");
    await waitFor(() => expect(screen.queryByTestId("account-error")).toBeNull());
    await user.selectOptions(select, "a");
    // Enter in a field goes on, as 次へ does.
    await user.type(input("days-input"), "{Enter}");
    await waitFor(() => expect(step()).toBe("wizard-step-3"));

    await user.click(screen.getByTestId("get-access-key"));
    await screen.findByText("接続テスト: テストモールに接続できました。");
    expect(m.saveShopForm).toHaveBeenCalledWith(
      { mall: "qoo10", values: { name: "テスト 1号店", account: "shop-001", token: "tok", mode: "a", days: "14" } },
      null,
    );
    expect(m.connectShop).toHaveBeenCalledWith(7);
    await user.click(screen.getByTestId("wizard-finish"));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
  });

  it("offers no 完了 before the shop is connected, and asks before losing typed entries", async () => {
    const user = userEvent.setup({ delay: null });
    const { onCancel } = renderTestWizard();
    await screen.findByText("テストモールに登録します");
    await user.click(screen.getByTestId("wizard-cancel"));
    expect(onCancel).toHaveBeenCalledTimes(1); // nothing typed: nothing to ask
    onCancel.mockClear();

    await next(user, 2);
    await user.type(input("account-input"), "shop-001");
    expect(screen.queryByTestId("wizard-finish")).toBeNull();
    await user.click(screen.getByTestId("wizard-cancel"));
    expect(screen.getByTestId("leave-dialog").textContent).toContain("入力した内容を破棄しますか");
    await user.click(screen.getByTestId("leave-stay"));
    expect(input("account-input").value).toBe("shop-001");
    await user.click(screen.getByTestId("wizard-cancel"));
    await user.click(screen.getByTestId("leave-discard"));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("a new shop saved but never connected is kept as 設定の途中 or deleted, as the merchant chooses", async () => {
    const user = userEvent.setup({ delay: null });
    m.connectShop.mockRejectedValue(new Error("トークンが無効です。"));
    const { onCancel } = renderTestWizard();
    await screen.findByText("テストモールに登録します");
    await next(user, 2);
    await user.type(input("account-input"), "shop-001");
    await user.type(input("token-input"), "tok");
    await next(user, 3);
    await user.click(screen.getByTestId("get-access-key"));
    expect((await screen.findByRole("alert")).textContent).toContain("トークンが無効です。");
    expect(screen.queryByTestId("wizard-finish")).toBeNull();

    await user.click(screen.getByTestId("wizard-cancel"));
    const dialog = screen.getByTestId("leave-dialog");
    expect(dialog.textContent).toContain("「テスト 1号店」はまだQoo10に接続していません");
    await user.click(screen.getByTestId("leave-delete"));
    await waitFor(() => expect(onCancel).toHaveBeenCalled());
    expect(m.removeShop).toHaveBeenCalledWith(7, false);
  });

  it("editing a connected shop starts at its first editable step and saves without reconnecting", async () => {
    const user = userEvent.setup({ delay: null });
    m.wizardStart.mockResolvedValue({
      wizard: TEST_WIZARD,
      values: { name: "テスト本店", account: "", token: "", mode: "a", days: "7" },
      stored: { account: true, token: true },
      connected: true,
    });
    m.checkShopForm.mockResolvedValue([]);
    const onDone = vi.fn();
    render(<ShopWizard info={TEST_INFO} mall="qoo10" existing={shopStatus(3, { mall: "qoo10", name: "テスト本店" })} onDone={onDone} onCancel={vi.fn()} />);
    await screen.findByText("キーを入力します");
    expect(step()).toBe("wizard-step-2");
    expect(input("token-input").placeholder).toContain("設定済み");
    await user.clear(input("days-input"));
    await user.type(input("days-input"), "30");
    await user.click(screen.getByTestId("wizard-finish"));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(m.saveShopForm).toHaveBeenCalledWith({ mall: "qoo10", values: { name: "テスト本店", account: "", token: "", mode: "a", days: "30" } }, 3);
    expect(m.connectShop).not.toHaveBeenCalled();
  });
});

describe("BASE's wizard (the registry's description)", () => {
  const base = newShopWizard("base", "BASE 1号店");

  function renderBase(wizard: Wizard = base.wizard) {
    m.wizardStart.mockResolvedValue({ ...base, wizard });
    m.checkShopForm.mockResolvedValue([]);
    render(<ShopWizard info={APP_INFO} mall="base" existing={null} onDone={vi.fn()} onCancel={vi.fn()} />);
  }

  async function toAccessKeyStep(user: ReturnType<typeof userEvent.setup>) {
    await screen.findByText("BASE Developers にアカウント登録します");
    await next(user, 2);
    expect(input("redirect-uri").value).toBe("juchu://oauth/base");
    await user.click(screen.getByTestId("oauth-redirect-loopback"));
    await next(user, 3);
    await user.type(input("client-id-input"), "0123456789abcdef");
    await user.type(input("client-secret-input"), "fedcba9876543210");
    await next(user, 4);
    expect(input("name-input").value).toBe("BASE 1号店");
    await next(user, 5);
  }

  it("shows やり直す at once while BASE's page is open, and a retry works after going back", async () => {
    const user = userEvent.setup({ delay: null });
    renderBase();
    await toAccessKeyStep(user);
    await user.click(screen.getByTestId("get-access-key"));
    await screen.findByTestId("wizard-retry");
    expect(screen.getByTestId("get-access-key")).toHaveProperty("disabled", true);
    expect(m.saveShopForm.mock.calls[0][0].values.oauth_redirect).toBe("loopback");

    // Back to fix the client_id, then on again: the button works.
    await user.click(screen.getByTestId("wizard-back"));
    await next(user, 5);
    expect(screen.getByTestId("get-access-key")).toHaveProperty("disabled", false);
    await user.click(screen.getByTestId("get-access-key"));
    await user.click(await screen.findByTestId("wizard-retry"));
    expect(screen.getByTestId("get-access-key")).toHaveProperty("disabled", false);
    expect(m.connectShop).toHaveBeenCalledTimes(2);

    await user.click(screen.getByTestId("get-access-key"));
    await screen.findByTestId("wizard-retry");
    act(() => emit(onAuthorizationFinished, { shop_id: 7, ok: true, code: null, message: "" }));
    await screen.findByText("接続テスト: BASE に接続できました。");
    expect(screen.getByTestId("wizard-finish").textContent).toBe("完了");
  });

  it("after a while without an answer, says what BASE's page probably shows", async () => {
    const user = userEvent.setup({ delay: null });
    renderBase({ ...base.wizard, connect: { ...base.wizard.connect, wait_seconds: 0 } });
    await toAccessKeyStep(user);
    await user.click(screen.getByTestId("get-access-key"));
    expect((await screen.findByTestId("wizard-wait-hint")).textContent).toContain("リダイレクトURIが一致しません");
  });
});
