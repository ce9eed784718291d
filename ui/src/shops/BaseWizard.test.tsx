import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, api, onAuthorizationFinished } from "../api";
import type { ShopInput } from "../bindings";
import { emit, shopStatus } from "../test/apiMock";
import { APP_INFO, SETTINGS } from "../test/fixtures";
import { BASE_DEVELOPERS_URL, BaseWizard } from "./BaseWizard";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

const REDIRECT = { deep_link: "juchu://oauth/base", loopback: "http://127.0.0.1:17653/oauth/base" };
const EXISTING = [shopStatus(1, { name: "BASE 1号店" })];

beforeEach(() => {
  m.redirectInfo.mockResolvedValue(REDIRECT);
  m.openExternal.mockResolvedValue(null);
  m.addShop.mockImplementation(async (input: ShopInput) => ({ id: 7, mall: input.mall, name: input.name, settings: input.settings }));
  m.updateShop.mockImplementation(async (id: number, input: ShopInput) => ({ id, mall: input.mall, name: input.name, settings: input.settings }));
  m.connectShop.mockResolvedValue(null);
  m.testConnection.mockResolvedValue(null);
  m.finishAuthorizationWithUrl.mockResolvedValue(null);
});

const step = () => screen.getByTestId(/^wizard-step-\d$/).getAttribute("data-testid");
const value = (id: string) => (screen.getByTestId(id) as HTMLInputElement).value;

function renderWizard(props: Partial<Parameters<typeof BaseWizard>[0]> = {}) {
  const onDone = vi.fn();
  const onCancel = vi.fn();
  render(<BaseWizard info={APP_INFO} existing={null} shops={EXISTING} onDone={onDone} onCancel={onCancel} {...props} />);
  return { onDone, onCancel };
}

/** Walks a new wizard to step 5 with valid input. */
async function toAccessKeyStep(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByTestId("wizard-next"));
  await user.click(screen.getByTestId("wizard-next"));
  await user.type(screen.getByTestId("client-id-input"), "cid123");
  await user.type(screen.getByTestId("client-secret-input"), "secret456");
  await user.click(screen.getByTestId("wizard-next"));
  await user.click(screen.getByTestId("wizard-next"));
  expect(step()).toBe("wizard-step-5");
}

describe("BASE wizard: steps", () => {
  it("opens BASE Developers in the browser, then shows the redirect URL with a working copy button", async () => {
    const user = userEvent.setup({ delay: null });
    renderWizard();
    expect(step()).toBe("wizard-step-1");
    expect(screen.getByTestId("wizard-back")).toHaveProperty("disabled", true);
    await user.click(screen.getByTestId("open-base-developers"));
    expect(m.openExternal).toHaveBeenCalledWith(BASE_DEVELOPERS_URL);

    await user.click(screen.getByTestId("wizard-next"));
    expect(step()).toBe("wizard-step-2");
    await waitFor(() => expect(value("redirect-uri")).toBe("juchu://oauth/base"));
    expect(m.redirectInfo).toHaveBeenCalledWith("base");
    expect((screen.getByTestId("redirect-uri") as HTMLInputElement).readOnly).toBe(true);
    expect(value("redirect-uri-loopback")).toBe("http://127.0.0.1:17653/oauth/base");
    expect(screen.getByTestId("wizard-step-2").textContent).toContain("全部にチェックを入れてください");
    for (const scope of ["注文情報を見る", "注文情報を更新する", "ユーザー情報を見る"]) {
      expect(screen.getByTestId("wizard-step-2").textContent).toContain(scope);
    }

    expect(screen.queryByText("コピーしました")).toBeNull();
    await user.click(screen.getByTestId("redirect-copy"));
    await screen.findByText("コピーしました");
    expect(await navigator.clipboard.readText()).toBe("juchu://oauth/base");
  });

  it("says so when the clipboard refuses", async () => {
    const user = userEvent.setup({ delay: null });
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new Error("denied"));
    document.execCommand = vi.fn(() => false);
    renderWizard();
    await user.click(screen.getByTestId("wizard-next"));
    await waitFor(() => expect(value("redirect-uri")).toBe("juchu://oauth/base"));
    expect(m.redirectInfo).toHaveBeenCalledWith("base");
    await user.click(screen.getByTestId("redirect-copy"));
    expect((await screen.findByText(/コピーできませんでした/)).textContent).toContain("Ctrl+C");
    expect(screen.queryByText("コピーしました")).toBeNull();
  });

  it("does not go past client_id / client_secret or the settings until they are valid", async () => {
    const user = userEvent.setup({ delay: null });
    renderWizard();
    await user.click(screen.getByTestId("wizard-next"));
    await user.click(screen.getByTestId("wizard-next"));
    expect(step()).toBe("wizard-step-3");
    expect(screen.getByTestId("client-secret-input").getAttribute("type")).toBe("password");
    // No error before the merchant tried to go on.
    expect(screen.queryByTestId("client-id-error")).toBeNull();

    await user.click(screen.getByTestId("wizard-next"));
    expect(step()).toBe("wizard-step-3");
    expect(screen.getByTestId("client-id-error").textContent).toContain("client_id を入力してください");
    expect(screen.getByTestId("client-secret-error").textContent).toContain("client_secret を入力してください");

    await user.type(screen.getByTestId("client-id-input"), "abc def");
    await user.type(screen.getByTestId("client-secret-input"), "s3cret");
    await user.click(screen.getByTestId("wizard-next"));
    expect(step()).toBe("wizard-step-3");
    expect(screen.getByTestId("client-id-error").textContent).toContain("空白");
    expect(screen.queryByTestId("client-secret-error")).toBeNull();

    await user.clear(screen.getByTestId("client-id-input"));
    await user.type(screen.getByTestId("client-id-input"), "abcdef");
    await user.click(screen.getByTestId("wizard-next"));
    expect(step()).toBe("wizard-step-4");
  });

  it("proposes defaults in 設定, checks them, and saves exactly what was entered", async () => {
    const user = userEvent.setup({ delay: null });
    renderWizard();
    await user.click(screen.getByTestId("wizard-next"));
    await user.click(screen.getByTestId("wizard-next"));
    await user.type(screen.getByTestId("client-id-input"), "abcdef");
    await user.type(screen.getByTestId("client-secret-input"), "s3cret");
    await user.click(screen.getByTestId("wizard-next"));
    expect(step()).toBe("wizard-step-4");

    // Defaults of step 4: the next free name, 7 days, every 30 minutes, 処理済以外も, 新規受付.
    expect(value("shop-name-input")).toBe("BASE 2号店");
    expect(value("fetch-days-input")).toBe("7");
    expect((screen.getByTestId("auto-fetch-toggle") as HTMLInputElement).checked).toBe(true);
    expect(value("interval-select")).toBe("30");
    expect([...(screen.getByTestId("interval-select") as HTMLSelectElement).options].map((o) => o.value)).toEqual(["15", "30", "60", "120"]);
    expect((screen.getByTestId("export-scope-all") as HTMLInputElement).checked).toBe(true);
    expect(value("initial-status-select")).toBe("新規受付");

    await user.clear(screen.getByTestId("fetch-days-input"));
    await user.type(screen.getByTestId("fetch-days-input"), "0");
    await user.clear(screen.getByTestId("shop-name-input"));
    await user.type(screen.getByTestId("shop-name-input"), "BASE 1号店");
    await user.click(screen.getByTestId("wizard-next"));
    expect(step()).toBe("wizard-step-4");
    expect(screen.getByTestId("fetch-days-error").textContent).toContain("1〜90");
    expect(screen.getByTestId("shop-name-error").textContent).toContain("同じ名前のショップがあります");

    await user.clear(screen.getByTestId("fetch-days-input"));
    await user.type(screen.getByTestId("fetch-days-input"), "14");
    await user.clear(screen.getByTestId("shop-name-input"));
    await user.type(screen.getByTestId("shop-name-input"), "BASE 雑貨店");
    await user.click(screen.getByTestId("auto-fetch-toggle"));
    expect(screen.getByTestId("interval-select")).toHaveProperty("disabled", true);
    await user.click(screen.getByTestId("export-scope-done"));
    await user.selectOptions(screen.getByTestId("initial-status-select"), "発送待ち");
    await user.click(screen.getByTestId("wizard-next"));
    expect(step()).toBe("wizard-step-5");

    await user.click(screen.getByTestId("wizard-back"));
    expect(step()).toBe("wizard-step-4");
    expect(value("shop-name-input")).toBe("BASE 雑貨店");
    await user.click(screen.getByTestId("wizard-next"));

    // Nothing was saved on the way; the access key button saves exactly what was entered.
    expect(m.addShop).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("get-access-key"));
    await waitFor(() => expect(m.addShop).toHaveBeenCalledTimes(1));
    expect(m.addShop).toHaveBeenCalledWith({
      mall: "base",
      name: "BASE 雑貨店",
      settings: {
        ...SETTINGS,
        fetch_days: 14,
        auto_fetch: false,
        initial_status: "発送待ち",
        mall: { mall: "base", export_scope: "done_only", oauth_redirect: "deep_link" },
      },
      credentials: { client_id: "abcdef", client_secret: "s3cret" },
    });
  });
});

describe("BASE wizard: コールバックURL", () => {
  it("defaults to the deep link and saves the loopback when the merchant registered that one", async () => {
    const user = userEvent.setup({ delay: null });
    renderWizard();
    await user.click(screen.getByTestId("wizard-next"));
    await screen.findByTestId("redirect-choice-deep_link");
    expect((screen.getByTestId("redirect-choice-deep_link") as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByTestId("redirect-choice-loopback"));
    await user.click(screen.getByTestId("wizard-next"));
    await user.type(screen.getByTestId("client-id-input"), "cid123");
    await user.type(screen.getByTestId("client-secret-input"), "secret456");
    await user.click(screen.getByTestId("wizard-next"));
    await user.click(screen.getByTestId("wizard-next"));
    await user.click(screen.getByTestId("get-access-key"));
    await waitFor(() => expect(m.addShop).toHaveBeenCalledTimes(1));
    expect(m.addShop.mock.calls[0][0].settings.mall).toMatchObject({ mall: "base", oauth_redirect: "loopback" });
  });
});

describe("BASE wizard: access key", () => {
  it("waits for authorizationFinished of this shop, then tests the connection", async () => {
    const user = userEvent.setup({ delay: null });
    renderWizard();
    await toAccessKeyStep(user);
    await user.click(screen.getByTestId("get-access-key"));
    await waitFor(() => expect(m.connectShop).toHaveBeenCalledWith(7));
    expect(screen.getByTestId("wizard-status").textContent).toContain("BASE の画面で「アプリを認証する」を押してください");
    expect(screen.getByTestId("get-access-key")).toHaveProperty("disabled", true);

    // Another shop's flow finishing does not finish this one.
    act(() => emit(onAuthorizationFinished, { shop_id: 3, ok: true, code: null, message: "ok" }));
    expect(m.testConnection).not.toHaveBeenCalled();
    expect(screen.getByTestId("wizard-status").textContent).toContain("「アプリを認証する」を押してください");

    act(() => emit(onAuthorizationFinished, { shop_id: 7, ok: true, code: null, message: "アクセスキーを取得しました" }));
    await waitFor(() => expect(screen.getByTestId("wizard-status").textContent).toContain("アクセスキーを取得しました"));
    expect(m.testConnection).toHaveBeenCalledWith(7);
    expect(screen.getByTestId("wizard-test-result").textContent).toContain("接続できました");
  });

  it("shows the event's Japanese message on failure and retries with the same shop", async () => {
    const user = userEvent.setup({ delay: null });
    renderWizard();
    await toAccessKeyStep(user);
    await user.click(screen.getByTestId("get-access-key"));
    await waitFor(() => expect(m.connectShop).toHaveBeenCalledTimes(1));
    const message = "client_id または client_secret が正しくありません。BASE Developers のアプリ情報を見て入力し直してください。";
    act(() => emit(onAuthorizationFinished, { shop_id: 7, ok: false, code: "invalid_client", message }));
    await waitFor(() => expect(screen.getByTestId("wizard-status").textContent).toContain(message));
    expect(screen.getByRole("alert").textContent).toContain("アクセスキーを取得できませんでした");
    expect(m.testConnection).not.toHaveBeenCalled();

    await user.click(screen.getByTestId("get-access-key"));
    await waitFor(() => expect(m.connectShop).toHaveBeenCalledTimes(2));
    // Saved once as a new shop, then updated: never a second shop, and the secret is not sent again.
    expect(m.addShop).toHaveBeenCalledTimes(1);
    expect(m.addShop.mock.calls[0][0].credentials).toEqual({ client_id: "cid123", client_secret: "secret456" });
    expect(m.updateShop).toHaveBeenCalledWith(7, expect.objectContaining({ name: "BASE 2号店", credentials: { client_id: "", client_secret: "" } }));
    expect(screen.getByTestId("wizard-status").textContent).toContain("「アプリを認証する」を押してください");
  });

  it("shows a connection test failure after a successful authorization", async () => {
    const user = userEvent.setup({ delay: null });
    m.testConnection.mockRejectedValue(new ApiError("scope", "注文情報を見る権限がありません。BASE Developers で利用権限を確認してください。"));
    renderWizard();
    await toAccessKeyStep(user);
    await user.click(screen.getByTestId("get-access-key"));
    await waitFor(() => expect(m.connectShop).toHaveBeenCalled());
    act(() => emit(onAuthorizationFinished, { shop_id: 7, ok: true, code: null, message: "" }));
    await waitFor(() => expect(screen.getByTestId("wizard-test-result").textContent).toContain("注文情報を見る権限がありません"));
  });

  it("reports a failure to open the browser", async () => {
    const user = userEvent.setup({ delay: null });
    m.connectShop.mockRejectedValue(new ApiError("browser", "ブラウザを開けませんでした。"));
    renderWizard();
    await toAccessKeyStep(user);
    await user.click(screen.getByTestId("get-access-key"));
    await waitFor(() => expect(screen.getByTestId("wizard-status").textContent).toContain("ブラウザを開けませんでした。"));
  });

  it("finishes with a pasted URL when the redirect does not come back", async () => {
    const user = userEvent.setup({ delay: null });
    renderWizard();
    await toAccessKeyStep(user);
    expect(screen.queryByTestId("paste-url-input")).toBeNull(); // nothing to finish before the shop is saved
    await user.click(screen.getByTestId("get-access-key"));
    await waitFor(() => expect(m.connectShop).toHaveBeenCalled());

    await user.click(screen.getByTestId("paste-url-submit"));
    expect(screen.getByTestId("paste-url-error").textContent).toContain("URL を貼り付けてください");
    expect(m.finishAuthorizationWithUrl).not.toHaveBeenCalled();

    m.finishAuthorizationWithUrl.mockRejectedValueOnce(new ApiError("state", "この URL は別の取得操作のものです。もう一度「アクセスキーを取得する」からやり直してください。"));
    const url = "http://127.0.0.1:17653/oauth/base?code=abc&state=xyz";
    fireEvent.change(screen.getByTestId("paste-url-input"), { target: { value: ` ${url} ` } });
    await user.click(screen.getByTestId("paste-url-submit"));
    await waitFor(() => expect(screen.getByTestId("paste-url-error").textContent).toContain("別の取得操作のもの"));
    expect(m.finishAuthorizationWithUrl).toHaveBeenCalledWith(7, url);

    await user.click(screen.getByTestId("paste-url-submit"));
    await waitFor(() => expect(screen.getByTestId("wizard-status").textContent).toContain("アクセスキーを取得しました"));
    expect(m.testConnection).toHaveBeenCalledTimes(1);
    // The event that follows the pasted URL does not test the connection a second time.
    act(() => emit(onAuthorizationFinished, { shop_id: 7, ok: true, code: null, message: "" }));
    expect(m.testConnection).toHaveBeenCalledTimes(1);
  });
});

describe("BASE wizard: editing", () => {
  it("starts at client_id, keeps blank secrets, and saves the shop on 設定を保存して完了", async () => {
    const user = userEvent.setup({ delay: null });
    const shop = shopStatus(1, { name: "BASE 1号店" });
    const { onDone } = renderWizard({ existing: shop, shops: [shop] });
    expect(step()).toBe("wizard-step-3");
    expect(screen.getByTestId("client-secret-input").getAttribute("placeholder")).toContain("設定済み");
    await user.click(screen.getByTestId("wizard-next"));
    expect(step()).toBe("wizard-step-4");
    expect(value("shop-name-input")).toBe("BASE 1号店"); // its own name is no duplicate
    await user.click(screen.getByTestId("wizard-finish"));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(m.updateShop).toHaveBeenCalledWith(1, {
      mall: "base",
      name: "BASE 1号店",
      settings: SETTINGS,
      credentials: { client_id: "", client_secret: "" },
    });
    expect(m.addShop).not.toHaveBeenCalled();
  });

  it("asks for the secret when the backend says none is stored", async () => {
    const user = userEvent.setup({ delay: null });
    const shop = shopStatus(1, { state: "not_configured", credentials_set: { client_id: true, client_secret: false } });
    const { onDone } = renderWizard({ existing: shop, shops: [shop] });
    await user.click(screen.getByTestId("wizard-finish"));
    expect(screen.getByTestId("client-secret-error").textContent).toContain("client_secret を入力してください");
    expect(screen.queryByTestId("client-id-error")).toBeNull();
    expect(m.updateShop).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
  });

  it("shows the backend's message when saving fails", async () => {
    const user = userEvent.setup({ delay: null });
    m.updateShop.mockRejectedValue(new ApiError("keyring", "資格情報の保管場所を使えません。パソコンにログインし直してください。"));
    const shop = shopStatus(1);
    const { onDone } = renderWizard({ existing: shop, shops: [shop] });
    await user.click(screen.getByTestId("wizard-finish"));
    await waitFor(() => expect(screen.getByTestId("wizard-finish-error").textContent).toContain("資格情報の保管場所を使えません"));
    expect(onDone).not.toHaveBeenCalled();
  });
});
