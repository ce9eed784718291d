// 自動処理ログ: every fetch and export (shop, start and end, what it did, the API
// calls, its result and the Japanese error) and what the merchant did, newest
// first, filtered by shop and result, reloaded when something changes.
import { useCallback, useEffect, useState } from "react";
import { api, errorMessage, onOrdersChanged, onSyncFinished } from "../api";
import type { LogEntry, RunStats, Shop } from "../bindings";
import { formatDateTime } from "../format";

/** How many entries the screen shows. */
export const LOG_LIMIT = 300;

type Props = { shops: Shop[] };
type ResultFilter = "all" | "ok" | "error";

export function ActivityLogScreen({ shops }: Props) {
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shopId, setShopId] = useState<number | null>(null);
  const [result, setResult] = useState<ResultFilter>("all");

  const reload = useCallback(() => {
    api.activityLog({ limit: LOG_LIMIT, shop_id: shopId, ok: result === "all" ? null : result === "ok" }).then(
      (list) => {
        setEntries(list);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [shopId, result]);
  useEffect(() => reload(), [reload]);
  useEffect(() => onSyncFinished(reload), [reload]);
  useEffect(() => onOrdersChanged(reload), [reload]);

  const shopName = (id: number | null) => (id === null ? "" : (shops.find((s) => s.id === id)?.name ?? ""));

  return (
    <main className="shops-screen" data-testid="activity-log">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">自動処理ログ</h1>
          <p className="muted">受注取得・発送情報の更新・自動書き出しなど、Juchu が行った処理の記録です（新しい順、1年分）。</p>
        </div>
        <div className="log-tools">
          <label>
            ショップ{" "}
            <select
              value={shopId ?? ""}
              onChange={(e) => setShopId(e.target.value === "" ? null : Number(e.target.value))}
              data-testid="log-shop"
            >
              <option value="">すべて</option>
              {shops.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            結果{" "}
            <select value={result} onChange={(e) => setResult(e.target.value as ResultFilter)} data-testid="log-result">
              <option value="all">すべて</option>
              <option value="ok">成功</option>
              <option value="error">エラー</option>
            </select>
          </label>
          <button type="button" onClick={reload} data-testid="log-reload">
            最新の状態にする
          </button>
        </div>
      </div>
      {error && (
        <div className="inline-message error pad" role="alert">
          自動処理ログを読み込めませんでした。{error}
        </div>
      )}
      {!entries && !error && <p className="muted">読み込み中…</p>}
      {entries && entries.length === 0 && (
        <p className="table-empty" data-testid="log-empty">
          該当する記録はありません。受注取得や発送情報の更新を行うと、ここに残ります。
        </p>
      )}
      {entries && entries.length > 0 && (
        <table className="export-table log-table">
          <thead>
            <tr>
              <th>日時</th>
              <th>種類</th>
              <th>ショップ</th>
              <th>注文番号</th>
              <th>結果</th>
              <th>内容</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="log-row" data-kind={e.kind}>
                <td>{when(e)}</td>
                <td>{e.kind_label}</td>
                <td>{shopName(e.shop_id)}</td>
                <td>{e.order_number ?? ""}</td>
                <td>{e.run && <RunResult run={e.run} />}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

/** A run's start and end (「12/02 15:30 〜 15:31」), or the entry's time. */
function when(e: LogEntry): string {
  if (!e.run) return formatDateTime(e.at);
  const start = formatDateTime(e.run.started_at);
  const end = formatDateTime(e.at);
  return start === end ? end : `${start} 〜 ${end.slice(-5)}`;
}

function RunResult({ run }: { run: RunStats }) {
  return (
    <span className={run.ok ? "inline-message ok" : "inline-message error"} data-testid="log-run-result">
      {run.ok ? "成功" : "エラー"}
    </span>
  );
}
