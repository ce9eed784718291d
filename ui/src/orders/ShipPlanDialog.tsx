// A planned ship date (Qoo10's 発送予定日) for an order, with the mall's delay reasons
// and its warning, all in the words core serves for the mall (MallView.ship_plan).
import { useState } from "react";
import { api, errorMessage } from "../api";
import type { ShipPlanResult, ShipPlanView } from "../bindings";
import { todayJst } from "../format";
import { Modal } from "../ui/Modal";
import { Spinner } from "../ui/Spinner";

type Props = {
  plan: ShipPlanView;
  orderIds: number[];
  onClose: () => void;
  onDone: () => void;
};

export function ShipPlanDialog({ plan, orderIds, onClose, onDone }: Props) {
  const [date, setDate] = useState(todayJst());
  const [reason, setReason] = useState(plan.reasons[0]?.value ?? "1");
  const [memo, setMemo] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<ShipPlanResult[] | null>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      setResults(await api.setShipPlan({ order_ids: orderIds, date, reason: Number(reason), memo }));
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={plan.action}
      onClose={onClose}
      busy={busy}
      testId="ship-plan-dialog"
      footer={
        results ? (
          <button type="button" className="primary" onClick={onClose}>
            閉じる
          </button>
        ) : (
          <>
            <button type="button" disabled={busy} onClick={onClose}>
              キャンセル
            </button>
            <button type="button" className="primary" data-testid="ship-plan-send" disabled={busy} onClick={send}>
              {busy && <Spinner label="登録中" />}
              登録する
            </button>
          </>
        )
      }
    >
      {results ? (
        <ul className="ship-plan-results" data-testid="ship-plan-results">
          {results.map((r) => (
            <li key={r.order_id} className={r.ok ? "inline-message ok" : "inline-message error"}>
              {r.mall_order_id}: {r.message}
            </li>
          ))}
        </ul>
      ) : (
        <>
          <p>{plan.explanation}</p>
          <div className="warning-box" role="note">
            <p>{plan.warning}</p>
          </div>
          <label className="form-field">
            <span>発送予定日</span>
            <input data-testid="ship-plan-date" value={date} onChange={(e) => setDate(e.target.value)} placeholder="例: 2026-12-05" />
          </label>
          <label className="form-field">
            <span>遅れる理由</span>
            <select data-testid="ship-plan-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
              {plan.reasons.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <label className="form-field">
            <span>メモ（任意）</span>
            <input data-testid="ship-plan-memo" value={memo} onChange={(e) => setMemo(e.target.value)} />
          </label>
          {error && (
            <p className="inline-message error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </Modal>
  );
}
