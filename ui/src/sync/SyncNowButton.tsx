// 「受注取得」 in the 受注一覧 toolbar: fetch every shop now, then one line per shop.
import { useState, type ReactNode } from "react";
import { api, errorDetail, errorMessage } from "../api";
import { DetailToggle } from "../ui/DetailToggle";
import type { SyncReport } from "../bindings";
import { Spinner } from "../ui/Spinner";
import { NO_SHOPS_TO_SYNC, syncReportLine } from "./syncSummary";
import { progressLine, useProgress } from "./useProgress";

type Result = { kind: "ok"; reports: SyncReport[] } | { kind: "error"; text: string; detail: string | null } | null;

/** `children` (other toolbar buttons) sit right after the button, before the result. */
export function SyncNowButton({ onSynced, children }: { onSynced: () => void; children?: ReactNode }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const running = [...useProgress().values()];

  const run = async () => {
    setBusy(true);
    setResult(null);
    try {
      const reports = await api.syncNow(null);
      setResult({ kind: "ok", reports });
      onSynced();
    } catch (e) {
      setResult({ kind: "error", text: errorMessage(e), detail: errorDetail(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sync-now">
      <button type="button" className="primary" data-testid="sync-now" disabled={busy} onClick={run}>
        {busy ? <Spinner label="受注を取得中" /> : <span aria-hidden="true">⟳</span>}
        {busy ? "取得中…" : "受注取得"}
      </button>
      {children}
      {running.length > 0 && (
        <div className="sync-progress" role="status" data-testid="sync-progress">
          {running.map((p) => (
            <span key={`${p.task}:${p.shop_id}`} className="sync-line muted">
              {progressLine(p)}
            </span>
          ))}
        </div>
      )}
      {result && (
        <div
          className="sync-result"
          data-testid="sync-result"
          role={result.kind === "error" || hasError(result) ? "alert" : "status"}
        >
          {result.kind === "error" ? (
            <span className="inline-message error">
              {result.text}
              <DetailToggle detail={result.detail} />
            </span>
          ) : result.reports.length === 0 ? (
            <span className="muted">{NO_SHOPS_TO_SYNC}</span>
          ) : (
            result.reports.map((r) => (
              <span
                key={r.shop_id}
                className={r.error ? "sync-line inline-message error" : "sync-line inline-message ok"}
                data-testid={`sync-result-${r.shop_id}`}
              >
                <span aria-hidden="true">{r.error ? "⚠ " : "✓ "}</span>
                {syncReportLine(r)}
                <DetailToggle detail={r.error_detail} />
              </span>
            ))
          )}
          <button type="button" className="icon-button small-x" aria-label="結果を閉じる" onClick={() => setResult(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

function hasError(r: Result): boolean {
  return r?.kind === "ok" && r.reports.some((x) => x.error !== null);
}
