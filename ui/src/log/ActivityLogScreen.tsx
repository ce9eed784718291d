// 自動処理ログ: what Juchu did by itself and at the merchant's request (受注取得,
// 発送情報の更新, 自動書き出し…), newest first, reloaded when something changes.
import { useCallback, useEffect, useState } from "react";
import { api, errorMessage, onOrdersChanged, onSyncFinished } from "../api";
import type { LogEntry, Shop } from "../bindings";
import { formatDateTime } from "../format";

/** How many entries the screen shows. */
export const LOG_LIMIT = 300;

type Props = { shops: Shop[] };

export function ActivityLogScreen({ shops }: Props) {
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<string>("");

  const reload = useCallback(() => {
    api.activityLog(LOG_LIMIT).then(
      (list) => {
        setEntries(list);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);
  useEffect(() => reload(), [reload]);
  useEffect(() => onSyncFinished(reload), [reload]);
  useEffect(() => onOrdersChanged(reload), [reload]);

  const shopName = (id: number | null) => (id === null ? "" : (shops.find((s) => s.id === id)?.name ?? ""));
  const kinds = Array.from(new Map((entries ?? []).map((e) => [e.kind, e.kind_label])).entries());
  const shown = (entries ?? []).filter((e) => kind === "" || e.kind === kind);

  return (
    <main className="shops-screen" data-testid="activity-log">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">自動処理ログ</h1>
          <p className="muted">受注取得・発送情報の更新・自動書き出しなど、Juchu が行った処理の記録です（新しい順）。</p>
        </div>
        <div className="log-tools">
          <label>
            種類{" "}
            <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="log-kind">
              <option value="">すべて</option>
              {kinds.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
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
      {entries && shown.length === 0 && (
        <p className="table-empty" data-testid="log-empty">
          まだ記録はありません。受注取得や発送情報の更新を行うと、ここに残ります。
        </p>
      )}
      {shown.length > 0 && (
        <table className="export-table log-table">
          <thead>
            <tr>
              <th>日時</th>
              <th>種類</th>
              <th>ショップ</th>
              <th>注文番号</th>
              <th>内容</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id} data-testid="log-row" data-kind={e.kind}>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.kind_label}</td>
                <td>{shopName(e.shop_id)}</td>
                <td>{e.order_number ?? ""}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
