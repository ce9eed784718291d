import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, api, onSyncFinished } from "../api";
import { emit, shopStatus } from "../test/apiMock";
import { newShopWizard } from "../preview/malls";
import { APP_INFO, SETTINGS } from "../test/fixtures";
import { ShopsScreen } from "./ShopsScreen";

vi.mock("../api", async (importOriginal) => (await import("../test/apiMock")).apiModuleMock(importOriginal));
const m = vi.mocked(api);

const SHOPS = [
  shopStatus(1, { name: "BASE 1号店" }),
  shopStatus(2, {
    mall: "qoo10",
    name: "Qoo10 本店",
    state: "auth_error",
    state_label: "認証エラー",
    next_sync_at: null,
    last_error: "Qoo10 の API キーが無効です。「編集」で入力し直してください。",
  }),
  shopStatus(3, {
    name: "BASE 3号店",
    state: "not_configured",
    state_label: "未設定",
    last_sync_at: null,
    next_sync_at: null,
    credentials_set: {},
  }),
];

beforeEach(() => {
  m.listShopStatuses.mockResolvedValue(SHOPS);
  const base = newShopWizard("base", "BASE 1号店");
  m.wizardStart.mockResolvedValue({ ...base, stored: { client_id: true, client_secret: true }, connected: true });
  m.checkShopForm.mockResolvedValue([]);
});

function renderScreen(info = APP_INFO) {
  const onShopsChanged = vi.fn();
  render(<ShopsScreen info={info} onShopsChanged={onShopsChanged} />);
  return { onShopsChanged };
}

/** Every mall has a client today; the next one starts as 準備中, as ショップサーブ did. */
const PLANNED = "ショップサーブとの連携は準備中です。それまでは店舗運営Webアプリで受注を確認してください。";
const WITH_PLANNED = {
  ...APP_INFO,
  malls: APP_INFO.malls.map((v) => (v.mall === "shopserve" ? { ...v, ready: false, wizard: null, planned: PLANNED } : v)),
};

describe("出店中のモール一覧", () => {
  it("shows each shop with its state, times in JST and last error", async () => {
    renderScreen();
    const card1 = await screen.findByTestId("shop-card-1");
    expect(screen.getByTestId("shop-state-1").textContent).toBe("接続済み");
    expect(screen.getByTestId("shop-state-1").className).toContain("state-ok");
    expect(screen.getByTestId("shop-state-2").textContent).toBe("認証エラー");
    expect(screen.getByTestId("shop-state-2").className).toContain("state-error");
    // A failing state says when; a good one does not need to.
    expect(screen.getByTestId("shop-state-time-2").textContent).toMatch(/^2026\/11\/23 \d\d:\d\d$/);
    expect(screen.queryByTestId("shop-state-time-1")).toBeNull();
    expect(screen.getByTestId("shop-state-3").textContent).toBe("未設定");
    expect(screen.getByTestId("shop-state-3").className).toContain("state-none");

    expect(card1.textContent).toContain("BASE");
    expect(screen.getByTestId("shop-last-sync-1").textContent).toBe("2026/11/23 11:53"); // 02:53Z in JST
    expect(screen.getByTestId("shop-next-sync-1").textContent).toBe("2026/11/23 12:23");
    expect(screen.getByTestId("shop-last-sync-3").textContent).toBe("まだ取得していません");
    expect(screen.getByTestId("shop-error-2").textContent).toContain("Qoo10 の API キーが無効です");
    expect(screen.queryByTestId("shop-error-1")).toBeNull();

    // BASE and Qoo10 have a wizard; a shop without settings cannot sync or export yet.
    expect(screen.getByTestId("shop-edit-1")).toHaveProperty("disabled", false);
    expect(screen.getByTestId("shop-edit-2")).toHaveProperty("disabled", false);
    expect(screen.getByTestId("shop-sync-3")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("shop-export-3")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("shop-sync-2")).toHaveProperty("disabled", false);
  });

  it("reads the list again when a sync finishes", async () => {
    renderScreen();
    await screen.findByTestId("shop-card-1");
    m.listShopStatuses.mockResolvedValue([{ ...SHOPS[0], state: "auth_error", state_label: "認証エラー" }]);
    act(() => emit(onSyncFinished, { reports: [] }));
    await waitFor(() => expect(screen.getByTestId("shop-state-1").textContent).toBe("認証エラー"));
    expect(screen.queryByTestId("shop-card-2")).toBeNull();
  });

  it("tests the connection and syncs one shop, showing the results on its card", async () => {
    const user = userEvent.setup({ delay: null });
    m.testConnection.mockRejectedValue(new ApiError("auth", "アクセスキーの期限が切れています。「編集」からアクセスキーを取得し直してください。"));
    m.syncNow.mockResolvedValue([
      { shop_id: 1, shop_name: "BASE 1号店", new: 12, updated: 3, unchanged: 40, cancelled: 0, flagged: 0, calls: 5, error_code: null, error: null, error_detail: null },
    ]);
    renderScreen();
    await screen.findByTestId("shop-card-1");
    await user.click(screen.getByTestId("shop-test-1"));
    expect(m.testConnection).toHaveBeenCalledWith(1);
    await waitFor(() => expect(screen.getByTestId("shop-message-1").textContent).toContain("アクセスキーの期限が切れています"));

    await user.click(screen.getByTestId("shop-sync-1"));
    expect(m.syncNow).toHaveBeenCalledWith(1);
    await waitFor(() => expect(screen.getByTestId("shop-message-1").textContent).toBe("BASE 1号店: 新規 12件・更新 3件"));
  });

  it("opens the export dialog for one shop", async () => {
    const user = userEvent.setup({ delay: null });
    m.exportPreview.mockResolvedValue([]);
    renderScreen();
    await screen.findByTestId("shop-card-1");
    await user.click(screen.getByTestId("shop-export-1"));
    expect(m.exportPreview).toHaveBeenCalledWith(1);
    expect(screen.getByRole("dialog").textContent).toContain("発送情報の更新（BASE 1号店）");
  });
});

describe("追加", () => {
  it("offers the five malls, all ready, and opens the BASE wizard", async () => {
    const user = userEvent.setup({ delay: null });
    renderScreen();
    await screen.findByTestId("shop-card-1");
    await user.click(screen.getByTestId("shop-add"));
    const picker = screen.getByTestId("mall-picker");
    expect(within(picker).getByTestId("mall-pick-qoo10")).toHaveProperty("disabled", false);
    expect(within(picker).getByTestId("mall-pick-bcart")).toHaveProperty("disabled", false);
    for (const mall of ["makeshop", "shopserve"]) {
      expect(within(picker).getByTestId(`mall-pick-${mall}`)).toHaveProperty("disabled", false);
    }
    expect(within(picker).queryByTestId("mall-planned-base")).toBeNull();
    expect(within(picker).getByTestId("mall-pick-base")).toHaveProperty("disabled", false);
    await user.click(screen.getByTestId("mall-pick-base"));
    expect(screen.queryByTestId("mall-picker")).toBeNull();
    m.wizardStart.mockResolvedValue(newShopWizard("base", "BASE 4号店"));
    expect(await screen.findByTestId("wizard-step-1")).toBeTruthy();
    expect(m.wizardStart).toHaveBeenCalledWith("base", null);
    expect(screen.getByTestId("shop-wizard").textContent).toContain("BASE のショップを追加");
  });

  it("offers a wizard only for a mall the backend says is ready", async () => {
    const user = userEvent.setup({ delay: null });
    const planned = "BASEとの連携は準備中です。";
    const info = {
      ...APP_INFO,
      malls: APP_INFO.malls.map((v) => (v.mall === "base" ? { ...v, ready: false, planned } : v)),
    };
    render(<ShopsScreen info={info} onShopsChanged={vi.fn()} />);
    await screen.findByTestId("shop-card-1");
    expect(screen.getByTestId("shop-edit-1")).toHaveProperty("disabled", true);
    await user.click(screen.getByTestId("shop-add"));
    const base = within(screen.getByTestId("mall-picker")).getByTestId("mall-pick-base");
    expect(base).toHaveProperty("disabled", true);
    expect(within(base).getByTestId("mall-planned-base").textContent).toBe(planned);
  });

  it("edits a BASE shop in the wizard and goes back to the list when done", async () => {
    const user = userEvent.setup({ delay: null });
    m.saveShopForm.mockResolvedValue({ id: 1, mall: "base", name: "BASE 1号店", settings: SETTINGS });
    const { onShopsChanged } = renderScreen();
    await screen.findByTestId("shop-card-1");
    await user.click(screen.getByTestId("shop-edit-1"));
    expect(await screen.findByTestId("wizard-step-3")).toBeTruthy();
    expect(m.wizardStart).toHaveBeenCalledWith("base", 1);
    await user.click(screen.getByTestId("wizard-next"));
    await user.clear(screen.getByTestId("days-input"));
    await user.type(screen.getByTestId("days-input"), "14");
    await user.click(screen.getByTestId("wizard-finish"));
    await screen.findByTestId("shop-card-1");
    expect(m.saveShopForm).toHaveBeenCalledWith({ mall: "base", values: expect.objectContaining({ name: "BASE 1号店", days: "14" }) }, 1);
    expect(onShopsChanged).toHaveBeenCalled();
  });

  it("a shop of a mall without a client says what is planned, and offers nothing that cannot work", async () => {
    m.listShopStatuses.mockResolvedValue([
      shopStatus(5, { mall: "shopserve", name: "ショップサーブ サンプル店", state: "not_supported", state_label: "連携準備中", last_sync_at: null, next_sync_at: null, credentials_set: {} }),
    ]);
    renderScreen(WITH_PLANNED);
    expect((await screen.findByTestId("shop-state-5")).textContent).toBe("連携準備中");
    const planned = PLANNED;
    expect(screen.getByTestId("shop-planned-5").textContent).toBe(planned);
    expect(screen.getByTestId("shop-card-5").textContent).not.toContain("「編集」から");
    for (const b of ["shop-sync-5", "shop-export-5", "shop-test-5", "shop-edit-5"]) {
      expect(screen.getByTestId(b)).toHaveProperty("disabled", true);
    }
    expect(screen.getByTestId("shop-sync-5").getAttribute("title")).toBe(planned);
  });

  it("shows the age of a key Juchu renews, and warns when its end is near", async () => {
    m.listShopStatuses.mockResolvedValue([
      shopStatus(6, { mall: "qoo10", name: "Qoo10 本店", key_note: "販売認証キー: 発行から40日（有効期限まで残り325日）", key_warning: false }),
      shopStatus(7, { mall: "qoo10", name: "Qoo10 2号店", key_note: "販売認証キーの有効期限まで残り12日です。", key_warning: true }),
    ]);
    renderScreen();
    expect((await screen.findByTestId("shop-key-6")).className).toContain("muted");
    expect(screen.getByTestId("shop-key-7").className).toContain("error");
    expect(screen.getByTestId("shop-key-7").textContent).toContain("残り12日");
  });

  it("a shop left half set up says 設定の途中 and offers 設定を続ける", async () => {
    const user = userEvent.setup({ delay: null });
    m.listShopStatuses.mockResolvedValue([
      shopStatus(4, { name: "BASE 4号店", state: "incomplete", state_label: "設定の途中", last_sync_at: null, next_sync_at: null, credentials_set: { client_id: true, client_secret: true } }),
    ]);
    renderScreen();
    expect((await screen.findByTestId("shop-state-4")).textContent).toBe("設定の途中");
    expect(screen.getByTestId("shop-incomplete-4").textContent).toContain("「設定を続ける」");
    expect(screen.getByTestId("shop-sync-4")).toHaveProperty("disabled", true);
    const resume = screen.getByTestId("shop-edit-4");
    expect(resume.textContent).toBe("設定を続ける");
    await user.click(resume);
    expect(await screen.findByTestId("shop-wizard")).toBeTruthy();
    expect(m.wizardStart).toHaveBeenCalledWith("base", 4);
  });
});

describe("削除", () => {
  it("asks first and removes the shop but keeps its orders when told so", async () => {
    const user = userEvent.setup({ delay: null });
    m.removeShop.mockResolvedValue(null);
    const { onShopsChanged } = renderScreen();
    await screen.findByTestId("shop-card-2");
    await user.click(screen.getByTestId("shop-delete-2"));
    const dialog = screen.getByRole("dialog");
    expect(dialog.textContent).toContain("「Qoo10 本店」を削除しますか？");
    // Nothing happens before a choice and the confirmation.
    expect(screen.getByTestId("delete-confirm")).toHaveProperty("disabled", true);
    expect(m.removeShop).not.toHaveBeenCalled();

    m.listShopStatuses.mockResolvedValue([SHOPS[0], SHOPS[2]]);
    await user.click(screen.getByTestId("delete-keep-orders"));
    await user.click(screen.getByTestId("delete-confirm"));
    expect(m.removeShop).toHaveBeenCalledWith(2, true);
    await waitFor(() => expect(screen.queryByTestId("shop-card-2")).toBeNull());
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(onShopsChanged).toHaveBeenCalled();
  });

  it("removes the orders too when 受注も削除する is chosen", async () => {
    const user = userEvent.setup({ delay: null });
    m.removeShop.mockResolvedValue(null);
    renderScreen();
    await screen.findByTestId("shop-card-1");
    await user.click(screen.getByTestId("shop-delete-1"));
    await user.click(screen.getByTestId("delete-keep-orders"));
    await user.click(screen.getByTestId("delete-with-orders"));
    await user.click(screen.getByTestId("delete-confirm"));
    expect(m.removeShop).toHaveBeenCalledWith(1, false);
  });

  it("cancel removes nothing; a backend error stays in the dialog", async () => {
    const user = userEvent.setup({ delay: null });
    m.removeShop.mockRejectedValue(new ApiError("db", "削除できませんでした。もう一度お試しください。"));
    renderScreen();
    await screen.findByTestId("shop-card-1");
    await user.click(screen.getByTestId("shop-delete-1"));
    await user.click(screen.getByText("キャンセル"));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(m.removeShop).not.toHaveBeenCalled();

    await user.click(screen.getByTestId("shop-delete-1"));
    await user.click(screen.getByTestId("delete-with-orders"));
    await user.click(screen.getByTestId("delete-confirm"));
    await waitFor(() => expect(screen.getByTestId("delete-error").textContent).toContain("削除できませんでした"));
    expect(screen.getByRole("dialog")).toBeTruthy();
  });
});
