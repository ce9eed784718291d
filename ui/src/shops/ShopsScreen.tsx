// モール詳細設定: 出店中のモール一覧 (one card per shop), 追加 (mall picker → wizard),
// 編集, 削除 (asks first), 接続テスト, 受注取得 and 発送情報の更新 per shop.
import { useCallback, useEffect, useState } from "react";
import { api, errorMessage, onOrdersChanged, onSyncFinished } from "../api";
import type { AppInfo, ConnectionState, Mall, Progress, ShopStatus } from "../bindings";
import { StartupSetting } from "../app/StartupSetting";
import { ExportDialog } from "../export/ExportDialog";
import { LabelSettingsDialog } from "../labels/LabelSettingsDialog";
import { formatDateTime } from "../format";
import { syncReportLine } from "../sync/syncSummary";
import { progressLine, useProgress } from "../sync/useProgress";
import { Modal } from "../ui/Modal";
import { DetailToggle } from "../ui/DetailToggle";
import { Spinner } from "../ui/Spinner";
import { ShopWizard } from "./wizard/ShopWizard";
import { hasWizard, mallLabel, mallView } from "./shopDefaults";

type Props = {
  info: AppInfo;
  /** Shops were added, renamed or removed: the order screen's shop list is stale. */
  onShopsChanged: () => void;
};

type Mode = { kind: "list" } | { kind: "wizard"; mall: Mall; shop: ShopStatus | null };
type CardMessage = { kind: "ok" | "error"; text: string };
type Busy = "test" | "sync";

export function ShopsScreen({ info, onShopsChanged }: Props) {
  const [shops, setShops] = useState<ShopStatus[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: "list" });
  const [picking, setPicking] = useState(false);
  const [deleting, setDeleting] = useState<ShopStatus | null>(null);
  const [exporting, setExporting] = useState<ShopStatus | null>(null);
  const [labelSettings, setLabelSettings] = useState<ShopStatus | null>(null);
  const [messages, setMessages] = useState<Record<number, CardMessage>>({});
  const [busy, setBusy] = useState<Record<number, Busy>>({});
  const running = useProgress();

  const reload = useCallback(() => {
    api.listShopStatuses().then(
      (list) => {
        setShops(list);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(errorMessage(e)),
    );
  }, []);

  useEffect(() => reload(), [reload]);
  useEffect(() => onSyncFinished(reload), [reload]);
  useEffect(() => onOrdersChanged(reload), [reload]);

  const say = (id: number, m: CardMessage | null) =>
    setMessages((all) => {
      const next = { ...all };
      if (m) next[id] = m;
      else delete next[id];
      return next;
    });
  const setShopBusy = (id: number, b: Busy | null) =>
    setBusy((all) => {
      const next = { ...all };
      if (b) next[id] = b;
      else delete next[id];
      return next;
    });

  const test = async (s: ShopStatus) => {
    const id = s.shop.id;
    setShopBusy(id, "test");
    say(id, null);
    try {
      await api.testConnection(id);
      say(id, { kind: "ok", text: "接続テスト: 接続できました。" });
    } catch (e) {
      say(id, { kind: "error", text: `接続テスト: ${errorMessage(e)}` });
    } finally {
      setShopBusy(id, null);
      reload();
    }
  };

  const sync = async (s: ShopStatus) => {
    const id = s.shop.id;
    setShopBusy(id, "sync");
    say(id, null);
    try {
      const reports = await api.syncNow(id);
      const mine = reports.find((r) => r.shop_id === id) ?? reports[0];
      say(id, mine ? { kind: mine.error ? "error" : "ok", text: syncReportLine(mine) } : { kind: "ok", text: "受注を取得しました。" });
    } catch (e) {
      say(id, { kind: "error", text: errorMessage(e) });
    } finally {
      setShopBusy(id, null);
      reload();
    }
  };

  if (mode.kind === "wizard") {
    return (
      <main className="shops-screen">
        <ShopWizard
          info={info}
          mall={mode.mall}
          existing={mode.shop}
          onSaved={onShopsChanged}
          onDone={() => {
            setMode({ kind: "list" });
            reload();
            onShopsChanged();
          }}
          onCancel={() => {
            setMode({ kind: "list" });
            reload();
          }}
        />
      </main>
    );
  }

  return (
    <main className="shops-screen">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">モール詳細設定</h1>
          <p className="muted">出店中のモールごとに、API の接続と受注取得・発送情報の更新の設定を行います。</p>
          <StartupSetting />
        </div>
        <button type="button" className="primary" data-testid="shop-add" onClick={() => setPicking(true)}>
          ＋ 追加
        </button>
      </div>

      <h2 className="section-title">出店中のモール一覧</h2>
      {loadError && (
        <div className="inline-message error pad" role="alert">
          ショップの一覧を読み込めませんでした：{loadError}{" "}
          <button type="button" onClick={reload}>
            もう一度読み込む
          </button>
        </div>
      )}
      {!shops && !loadError && <p className="muted">読み込み中…</p>}
      {shops && shops.length === 0 && (
        <div className="empty-shops" data-testid="shops-empty">
          <p>まだショップがありません。</p>
          <p className="muted">「＋ 追加」を押して、出店中のモールを選んでください。</p>
        </div>
      )}
      {shops && shops.length > 0 && (
        <ul className="shop-list">
          {shops.map((s) => (
            <ShopCard
              key={s.shop.id}
              info={info}
              status={s}
              message={messages[s.shop.id] ?? null}
              busy={busy[s.shop.id] ?? null}
              progress={[...running.values()].filter((p) => p.shop_id === s.shop.id)}
              onEdit={() => setMode({ kind: "wizard", mall: s.shop.mall, shop: s })}
              onDelete={() => setDeleting(s)}
              onTest={() => test(s)}
              onSync={() => sync(s)}
              onExport={() => setExporting(s)}
              onLabelSettings={() => setLabelSettings(s)}
            />
          ))}
        </ul>
      )}

      {picking && (
        <MallPicker
          info={info}
          onPick={(mall) => {
            setPicking(false);
            if (hasWizard(info, mall)) setMode({ kind: "wizard", mall, shop: null });
          }}
          onClose={() => setPicking(false)}
        />
      )}
      {deleting && (
        <DeleteShopDialog
          shop={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            reload();
            onShopsChanged();
          }}
        />
      )}
      {exporting && (
        <ExportDialog
          malls={info.malls}
          shopId={exporting.shop.id}
          shopName={exporting.shop.name}
          onClose={() => setExporting(null)}
          onSent={reload}
        />
      )}
      {labelSettings && (
        <LabelSettingsDialog shopId={labelSettings.shop.id} shopName={labelSettings.shop.name} onClose={() => setLabelSettings(null)} />
      )}
    </main>
  );
}

const STATE_TONE: Record<ConnectionState, string> = {
  connected: "ok",
  sync_error: "error",
  auth_error: "error",
  incomplete: "warn",
  not_supported: "none",
  not_configured: "none",
};

type CardProps = {
  info: AppInfo;
  status: ShopStatus;
  message: CardMessage | null;
  busy: Busy | null;
  /** What a fetch or an export of the shop running now has done. */
  progress: Progress[];
  onEdit: () => void;
  onDelete: () => void;
  onTest: () => void;
  onSync: () => void;
  onExport: () => void;
  onLabelSettings: () => void;
};

function ShopCard({ info, status: s, message, busy, progress, onEdit, onDelete, onTest, onSync, onExport, onLabelSettings }: CardProps) {
  const id = s.shop.id;
  const editable = hasWizard(info, s.shop.mall);
  // Without settings there is nothing to call; with an auth error, trying shows what is wrong.
  const unset = s.state === "not_configured" || s.state === "incomplete" || s.state === "not_supported";
  const unsetTitle =
    s.state === "not_supported"
      ? (mallView(info, s.shop.mall)?.planned ?? undefined)
      : unset
        ? "先に「編集」で API の設定を行ってください"
        : undefined;
  const next = s.next_sync_at ? formatDateTime(s.next_sync_at) : s.shop.settings.auto_fetch ? "—" : "自動取得しない";
  return (
    <li className={`shop-card state-${STATE_TONE[s.state]}`} data-testid={`shop-card-${id}`}>
      <div className="shop-card-main">
        <div className="shop-card-title">
          <span className={`mall-chip mall-${s.shop.mall}`}>{mallLabel(info, s.shop.mall)}</span>
          <span className="shop-name">{s.shop.name}</span>
          <span className={`state-badge state-${STATE_TONE[s.state]}`} data-testid={`shop-state-${id}`}>
            {s.state_label}
          </span>
          {STATE_TONE[s.state] === "error" && s.last_sync_at && (
            <span className="muted small" data-testid={`shop-state-time-${id}`}>
              {formatDateTime(s.last_sync_at)}
            </span>
          )}
        </div>
        <dl className="shop-facts">
          <div>
            <dt>最終取得</dt>
            <dd data-testid={`shop-last-sync-${id}`}>{s.last_sync_at ? formatDateTime(s.last_sync_at) : "まだ取得していません"}</dd>
          </div>
          <div>
            <dt>次回取得</dt>
            <dd data-testid={`shop-next-sync-${id}`}>{next}</dd>
          </div>
          <div>
            <dt>自動取得</dt>
            <dd>{s.shop.settings.auto_fetch ? `${s.shop.settings.fetch_interval_minutes}分ごと` : "しない"}</dd>
          </div>
        </dl>
        {s.last_error && (
          <p className="shop-error" data-testid={`shop-error-${id}`}>
            <span aria-hidden="true">⚠ </span>
            {s.last_error}
            <DetailToggle detail={s.last_error_detail} />
          </p>
        )}
        {s.state === "not_configured" && !s.last_error && (
          <p className="muted small">「編集」から API の設定を行ってください。</p>
        )}
        {s.state === "not_supported" && (
          <p className="muted small" data-testid={`shop-planned-${id}`}>
            {mallView(info, s.shop.mall)?.planned}
          </p>
        )}
        {s.key_note && (
          <p className={s.key_warning ? "inline-message error" : "muted small"} data-testid={`shop-key-${id}`}>
            {s.key_note}
          </p>
        )}
        {s.state === "incomplete" && (
          <p className="muted small" data-testid={`shop-incomplete-${id}`}>
            設定の途中です。「設定を続ける」から、{mallLabel(info, s.shop.mall)}への接続まで済ませてください。
          </p>
        )}
        {progress.map((p) => (
          <p key={p.task} className="shop-progress muted" role="status" data-testid={`shop-progress-${id}`}>
            {progressLine(p)}
          </p>
        ))}
        {message && (
          <p
            className={message.kind === "ok" ? "inline-message ok" : "inline-message error"}
            role={message.kind === "error" ? "alert" : "status"}
            data-testid={`shop-message-${id}`}
          >
            {message.text}
          </p>
        )}
      </div>
      <div className="shop-card-actions">
        <div className="button-row">
          <button type="button" data-testid={`shop-sync-${id}`} disabled={busy !== null || unset} title={unsetTitle} onClick={onSync}>
            {busy === "sync" && <Spinner label="受注を取得中" />}
            受注取得
          </button>
          <button type="button" data-testid={`shop-export-${id}`} disabled={busy !== null || unset} title={unsetTitle} onClick={onExport}>
            発送情報の更新
          </button>
          <button
            type="button"
            data-testid={`shop-test-${id}`}
            disabled={busy !== null || s.state === "not_supported"}
            title={s.state === "not_supported" ? unsetTitle : undefined}
            onClick={onTest}
          >
            {busy === "test" && <Spinner label="接続を確かめています" />}
            接続テスト
          </button>
        </div>
        <div className="button-row">
          <button
            type="button"
            data-testid={`shop-edit-${id}`}
            disabled={!editable || busy !== null}
            title={editable ? undefined : (mallView(info, s.shop.mall)?.planned ?? "準備中")}
            onClick={onEdit}
          >
            {!editable ? "編集（準備中）" : s.state === "incomplete" ? "設定を続ける" : "編集"}
          </button>
          <button type="button" data-testid={`shop-labels-${id}`} disabled={busy !== null} onClick={onLabelSettings}>
            送り状設定
          </button>
          <button type="button" className="danger-outline" data-testid={`shop-delete-${id}`} disabled={busy !== null} onClick={onDelete}>
            削除
          </button>
        </div>
      </div>
    </li>
  );
}

function MallPicker({ info, onPick, onClose }: { info: AppInfo; onPick: (m: Mall) => void; onClose: () => void }) {
  return (
    <Modal title="追加するモールを選んでください" onClose={onClose} testId="mall-picker">
      <div className="mall-grid">
        {info.malls.map((m) => {
          const offered = hasWizard(info, m.mall);
          return (
            <button
              key={m.mall}
              type="button"
              className={`mall-pick mall-${m.mall}${offered ? "" : " planned"}`}
              data-testid={`mall-pick-${m.mall}`}
              disabled={!offered}
              onClick={() => onPick(m.mall)}
            >
              <span className="mall-pick-label">
                {m.label}
                {!offered && <span className="mall-pick-note">準備中</span>}
              </span>
              {!offered && m.planned && (
                <span className="mall-pick-planned" data-testid={`mall-planned-${m.mall}`}>
                  {m.planned}
                </span>
              )}
            </button>
          );
        })}
      </div>
    </Modal>
  );
}

function DeleteShopDialog({ shop, onClose, onDeleted }: { shop: ShopStatus; onClose: () => void; onDeleted: () => void }) {
  const [keepOrders, setKeepOrders] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    if (keepOrders === null) return;
    setBusy(true);
    setError(null);
    try {
      await api.removeShop(shop.shop.id, keepOrders);
      onDeleted();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`「${shop.shop.name}」を削除しますか？`}
      onClose={onClose}
      busy={busy}
      testId="delete-dialog"
      footer={
        <>
          <button type="button" disabled={busy} onClick={onClose}>
            キャンセル
          </button>
          <button type="button" className="primary danger" data-testid="delete-confirm" disabled={busy || keepOrders === null} onClick={confirm}>
            {busy && <Spinner label="削除中" />}
            削除する
          </button>
        </>
      }
    >
      <p>ショップの設定と、このパソコンに保存している認証情報（キーやトークン）を削除します。このショップの受注をどうするか選んでください。</p>
      <div className="radios" role="radiogroup" aria-label="受注の扱い">
        <label className="check choice">
          <input
            type="radio"
            name="delete-orders"
            data-testid="delete-keep-orders"
            checked={keepOrders === true}
            onChange={() => setKeepOrders(true)}
          />
          <span>
            <b>受注は残す</b>
            <span className="muted small">取り込んだ受注は受注一覧に残ります。</span>
          </span>
        </label>
        <label className="check choice">
          <input
            type="radio"
            name="delete-orders"
            data-testid="delete-with-orders"
            checked={keepOrders === false}
            onChange={() => setKeepOrders(false)}
          />
          <span>
            <b>受注も削除する</b>
            <span className="muted small">このショップの受注をすべて削除します。元に戻せません。</span>
          </span>
        </label>
      </div>
      {error && (
        <p className="inline-message error" role="alert" data-testid="delete-error">
          {error}
        </p>
      )}
    </Modal>
  );
}
