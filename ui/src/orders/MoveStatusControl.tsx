// 「ステータス移動」: move the selected orders to another status in one call.
// What happened is shown in a toast laid over the top of the list, so the toolbar and
// the list under it never move; a success goes away by itself, an error stays until closed.
import { useEffect, useState } from "react";
import { api, errorMessage } from "../api";
import type { Status } from "../bindings";
import { formatCount } from "../format";

type Props = {
  statuses: Status[];
  selectedIds: number[];
  onMoved: () => void;
};

type Message = { kind: "ok" | "error"; text: string } | null;

/** How long 「N件を…に移動しました」 stays. */
export const OK_MESSAGE_MS = 6000;

export function MoveStatusControl({ statuses, selectedIds, onMoved }: Props) {
  const [target, setTarget] = useState<Status | "">("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const count = selectedIds.length;

  useEffect(() => {
    if (message?.kind !== "ok") return;
    const timer = setTimeout(() => setMessage(null), OK_MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [message]);

  const apply = async () => {
    if (target === "" || count === 0) return;
    setBusy(true);
    setMessage(null);
    try {
      const moved = await api.moveOrders(selectedIds, target);
      setMessage({ kind: "ok", text: `${formatCount(moved)}件を「${target}」に移動しました` });
      onMoved();
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="move-status">
      <span className="selection-count" data-testid="selection-count">
        {count > 0 ? `${formatCount(count)}件選択中` : "注文を選択してください"}
      </span>
      <label className="field-inline">
        <span>ステータス移動</span>
        <select
          data-testid="move-status-select"
          value={target}
          onChange={(e) => setTarget(e.target.value as Status | "")}
        >
          <option value="">移動先を選択</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="primary"
        data-testid="move-status-apply"
        disabled={busy || target === "" || count === 0}
        onClick={apply}
      >
        {busy ? "移動中…" : "移動"}
      </button>
      {message && (
        <div className={`toast ${message.kind}`} data-testid="move-status-toast">
          <span
            className={message.kind === "ok" ? "inline-message ok" : "inline-message error"}
            role={message.kind === "error" ? "alert" : "status"}
            data-testid="move-status-message"
          >
            {message.text}
          </span>
          <button
            type="button"
            className="icon-button small-x"
            aria-label="メッセージを閉じる"
            data-testid="move-status-message-close"
            onClick={() => setMessage(null)}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
