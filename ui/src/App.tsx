import { useCallback, useEffect, useState } from "react";
import { ApiError, api, errorMessage, onOrdersChanged, onSyncFinished } from "./api";
import type { AppInfo, Shop } from "./bindings";
import { ActivityLogScreen } from "./log/ActivityLogScreen";
import { OrdersScreen } from "./orders/OrdersScreen";
import { ShopsScreen } from "./shops/ShopsScreen";
import { UpdatePrompt } from "./app/UpdatePrompt";
import { Spinner } from "./ui/Spinner";

type Boot =
  | { phase: "loading" }
  | { phase: "opening"; message: string }
  | { phase: "error"; message: string }
  | { phase: "ready"; info: AppInfo; shops: Shop[] };

type Screen = "orders" | "shops" | "log";

/** The shell's answer while it opens the data folder (src-tauri/src/state.rs). */
const DATA_OPENING = "DATA_OPENING";
const OPENING_RETRY_MS = 500;

export function App() {
  const [boot, setBoot] = useState<Boot>({ phase: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [screen, setScreen] = useState<Screen>("orders");
  const [noticeClosed, setNoticeClosed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    Promise.all([api.appInfo(), api.listShops()]).then(
      ([info, shops]) => {
        if (!cancelled) setBoot({ phase: "ready", info, shops });
      },
      (e: unknown) => {
        if (cancelled) return;
        // The data folder is still being opened (a schema update can take minutes): ask again.
        if (e instanceof ApiError && e.code === DATA_OPENING) {
          setBoot({ phase: "opening", message: e.message });
          retry = setTimeout(() => setAttempt((a) => a + 1), OPENING_RETRY_MS);
          return;
        }
        setBoot({ phase: "error", message: errorMessage(e) });
      },
    );
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [attempt]);

  // Shops can be added or renamed while the window is open (sync, settings).
  const reloadShops = useCallback(() => {
    api.listShops().then(
      (shops) => setBoot((b) => (b.phase === "ready" ? { ...b, shops } : b)),
      () => {},
    );
  }, []);
  useEffect(() => onOrdersChanged(reloadShops), [reloadShops]);
  useEffect(() => onSyncFinished(reloadShops), [reloadShops]);

  const info = boot.phase === "ready" ? boot.info : null;
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark">受</span>
          <span className="brand-name">Juchu</span>
          <span className="brand-sub">受注管理</span>
        </div>
        <nav className="app-nav" aria-label="画面">
          <NavItem testId="nav-orders" active={screen === "orders"} onClick={() => setScreen("orders")}>
            受注一覧
          </NavItem>
          <NavItem testId="nav-shops" active={screen === "shops"} onClick={() => setScreen("shops")}>
            モール詳細設定
          </NavItem>
          <NavItem testId="nav-log" active={screen === "log"} onClick={() => setScreen("log")}>
            自動処理ログ
          </NavItem>
        </nav>
        {info && <span className="app-version">ver. {info.version}</span>}
      </header>
      {info?.demo && (
        <div className="demo-banner" role="note" data-testid="demo-banner">
          <strong>デモモード</strong>
          <span>
            表示中の注文はサンプルデータです。実際のショップのデータとは別のフォルダ（{info.data_dir}
            ）に保存され、混ざることはありません。
          </span>
        </div>
      )}
      {info && <UpdatePrompt />}
      {info?.notice && !noticeClosed && (
        <div className="notice-banner" role="alert" data-testid="notice-banner">
          <strong>お知らせ</strong>
          <span>{info.notice}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="お知らせを閉じる"
            data-testid="notice-close"
            onClick={() => setNoticeClosed(true)}
          >
            ×
          </button>
        </div>
      )}
      {boot.phase === "loading" && <p className="boot-message">読み込み中…</p>}
      {boot.phase === "opening" && (
        <div className="boot-message" role="status" data-testid="boot-opening">
          <Spinner />
          <p>{boot.message}</p>
        </div>
      )}
      {boot.phase === "error" && (
        <div className="boot-message" role="alert">
          <p>起動に必要な情報を読み込めませんでした。</p>
          <p className="inline-message error">{boot.message}</p>
          <button type="button" className="primary" onClick={() => setAttempt((a) => a + 1)}>
            もう一度読み込む
          </button>
        </div>
      )}
      {boot.phase === "ready" && screen === "orders" && (
        <OrdersScreen info={boot.info} shops={boot.shops} onOpenShops={() => setScreen("shops")} />
      )}
      {boot.phase === "ready" && screen === "shops" && <ShopsScreen info={boot.info} onShopsChanged={reloadShops} />}
      {boot.phase === "ready" && screen === "log" && <ActivityLogScreen shops={boot.shops} />}
    </div>
  );
}

function NavItem({
  testId,
  active,
  onClick,
  children,
}: {
  testId: string;
  active: boolean;
  onClick: () => void;
  children: string;
}) {
  return (
    <button
      type="button"
      className={active ? "app-nav-item active" : "app-nav-item"}
      aria-current={active ? "page" : undefined}
      data-testid={testId}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
