// 発送情報の更新: a preview of what would be sent and what is skipped (and why), then
// one click on 「送信する」, then the result per order. Nothing is sent before that click.
import { useProgress } from "../sync/useProgress";
import { useEffect, useState } from "react";
import { api, errorMessage } from "../api";
import type { ExportLine, MallView, SkipReason } from "../bindings";
import { DetailToggle } from "../ui/DetailToggle";
import { formatCount, formatDate } from "../format";
import { Modal } from "../ui/Modal";
import { Spinner } from "../ui/Spinner";

type Props = {
  /** The mall registry (its warnings before sending). */
  malls: MallView[];
  /** One shop, or null for every shop. */
  shopId: number | null;
  /** Shown in the title when the dialog is for one shop. */
  shopName?: string;
  onClose: () => void;
  /** Called after a send, whatever its outcome, so that lists can be read again. */
  onSent?: () => void;
};

type Phase =
  | { kind: "loading" }
  | { kind: "load-error"; text: string }
  | { kind: "preview"; lines: ExportLine[] }
  | { kind: "sending"; lines: ExportLine[] }
  | { kind: "send-error"; lines: ExportLine[]; text: string }
  | { kind: "done"; lines: ExportLine[] };

/** Used when the backend gives no message of its own for a skipped order. */
export const SKIP_REASON_LABEL: Record<SkipReason, string> = {
  no_tracking_number: "伝票番号が入っていません",
  no_carrier: "配送会社が選ばれていません",
  status_not_exported: "このステータスは書き出し対象外です（API書出の設定）",
  cancelled: "キャンセルされた注文です",
  already_sent: "送信済みです",
  shipped_on_mall: "モール側ですでに発送済みです",
  future_ship_date: "出荷日が未来の日付です（当日になると送信します）",
  unpaid_on_mall: "モール側で入金待ちです",
  not_shippable_on_mall: "モール側で発送できない状態です",
  too_old: "注文日から日数が経ちすぎているため、モールが受け付けません",
  refused_by_mall: "モールが API での発送を受け付けない注文です（モールの管理画面で発送処理をしてください）",
  changed_after_sent: "送信済みの発送情報が、その後に変更されています（モールには前の発送情報が届いています）",
};

/** A line is one shipment: an order with several shipments has several lines. */
function lineKey(l: ExportLine): string {
  return `${l.order_id}:${l.shipment_ref}`;
}

/** A line's test id: the order's id, and its shipment's when it has several. */
function lineTestId(prefix: string, l: ExportLine): string {
  return l.shipment_ref === "" ? `${prefix}-${l.order_id}` : `${prefix}-${l.order_id}-${l.shipment_ref}`;
}

/** The order number, with the shipment's own number when the order has several. */
function orderLabel(l: ExportLine): string {
  return l.shipment_ref === "" ? l.mall_order_id : `${l.mall_order_id}（発送先 ${l.shipment_ref}）`;
}

export function skipText(l: ExportLine): string {
  return l.message ?? (l.skip ? SKIP_REASON_LABEL[l.skip] : "対象外です");
}

export function ExportDialog({ malls, shopId, shopName, onClose, onSent }: Props) {
  const running = useProgress();
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.exportPreview(shopId).then(
      (lines) => {
        if (!cancelled) setPhase({ kind: "preview", lines });
      },
      (e: unknown) => {
        if (!cancelled) setPhase({ kind: "load-error", text: errorMessage(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [shopId, attempt]);

  const send = async (lines: ExportLine[]) => {
    setPhase({ kind: "sending", lines });
    try {
      const result = await api.exportRun(shopId);
      setPhase({ kind: "done", lines: result });
    } catch (e) {
      setPhase({ kind: "send-error", lines, text: errorMessage(e) });
    }
    onSent?.();
  };

  const title = shopName ? `発送情報の更新（${shopName}）` : "発送情報の更新（すべてのショップ）";
  const busy = phase.kind === "sending";
  // What the backend has sent so far (every shop's, when sending for all).
  const exports = [...running.values()].filter((p) => p.task === "export" && (shopId === null || p.shop_id === shopId));
  const sending =
    exports.length > 0
      ? { sent: exports.reduce((n, p) => n + p.sent, 0), total: exports.reduce((n, p) => n + p.total, 0) }
      : null;
  const previewLines = phase.kind === "preview" || phase.kind === "sending" || phase.kind === "send-error" ? phase.lines : null;
  const toSend = previewLines?.filter((l) => l.outcome === "will_send") ?? [];
  const skipped = previewLines?.filter((l) => l.outcome === "skipped") ?? [];

  const footer =
    phase.kind === "done" ? (
      <button type="button" className="primary" data-testid="export-close" onClick={onClose}>
        閉じる
      </button>
    ) : (
      <>
        <button type="button" disabled={busy} onClick={onClose}>
          キャンセル
        </button>
        {previewLines && (
          <button
            type="button"
            className="primary danger"
            data-testid="export-send"
            disabled={busy || toSend.length === 0}
            onClick={() => send(previewLines)}
          >
            {busy && <Spinner label="送信中" />}
            {busy ? (sending ? `送信中… ${sending.sent}/${sending.total}件` : "送信中…") : `${formatCount(toSend.length)}件を送信する`}
          </button>
        )}
      </>
    );

  return (
    <Modal title={title} onClose={onClose} busy={busy} wide testId="export-dialog" footer={footer}>
      {phase.kind === "loading" && (
        <p className="muted">
          <Spinner /> 送信する注文を確認しています…
        </p>
      )}
      {phase.kind === "load-error" && (
        <div role="alert">
          <p className="inline-message error">{phase.text}</p>
          <button type="button" onClick={() => setAttempt((a) => a + 1)}>
            もう一度確認する
          </button>
        </div>
      )}
      {previewLines && (
        <>
          <p className="export-counts">
            送信 <strong data-testid="export-preview-send-count">{formatCount(toSend.length)}</strong>件・対象外{" "}
            <strong data-testid="export-preview-skip-count">{formatCount(skipped.length)}</strong>件
          </p>
          {toSend.length > 0 && <SendWarning lines={toSend} malls={malls} />}
          {phase.kind === "send-error" && (
            <p className="inline-message error" role="alert" data-testid="export-error">
              送信できませんでした：{phase.text}
            </p>
          )}
          <h3 className="export-h">送信する注文</h3>
          {toSend.length === 0 ? (
            <p className="muted" data-testid="export-nothing">
              送信する注文はありません。伝票番号・配送会社を入力し、注文を書き出し対象のステータスに移動してください。
            </p>
          ) : (
            <div className="export-table-wrap">
              <table className="export-table" data-testid="export-preview">
                <thead>
                  <tr>
                    <th>注文番号</th>
                    <th>ショップ</th>
                    <th>伝票番号</th>
                    <th>配送会社</th>
                    <th>出荷日</th>
                  </tr>
                </thead>
                <tbody>
                  {toSend.map((l) => (
                    <tr key={lineKey(l)} data-testid={lineTestId("export-line", l)}>
                      <td>
                        {orderLabel(l)}
                        {l.message && <div className="muted small">{l.message}</div>}
                      </td>
                      <td>{l.shop_name}</td>
                      <td>{l.tracking_number ?? ""}</td>
                      <td>{l.carrier ?? ""}</td>
                      <td>{formatDate(l.ship_date)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {skipped.length > 0 && (
            <>
              <h3 className="export-h">対象外の注文（送信しません）</h3>
              <ul className="export-skipped" data-testid="export-skipped">
                {skipped.map((l) => (
                  <li key={lineKey(l)} data-testid={lineTestId("export-skip", l)}>
                    <span className="skip-order">
                      {orderLabel(l)}
                      <span className="muted small">{l.shop_name}</span>
                    </span>
                    <span className="skip-reason">{skipText(l)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {phase.kind === "done" && <ExportResult lines={phase.lines} />}
    </Modal>
  );
}

function SendWarning({ lines, malls }: { lines: ExportLine[]; malls: MallView[] }) {
  const warnings = malls.filter((m) => m.send_warning && lines.some((l) => l.mall === m.mall));
  return (
    <div className="warning-box" role="note" data-testid="export-warning">
      <strong>送信前にご確認ください</strong>
      {warnings.map((m) => (
        <p key={m.mall}>{m.send_warning}</p>
      ))}
      <p>送信した発送情報はモール側で取り消せません。伝票番号・配送会社・出荷日に間違いがないか確認してから送信してください。</p>
    </div>
  );
}

const OUTCOME_LABEL = { sent: "送信済み", failed: "失敗", skipped: "対象外", will_send: "未送信" } as const;

function ExportResult({ lines }: { lines: ExportLine[] }) {
  const sent = lines.filter((l) => l.outcome === "sent").length;
  const failed = lines.filter((l) => l.outcome === "failed").length;
  const skipped = lines.filter((l) => l.outcome === "skipped").length;
  // Failures first: they are what the merchant has to act on.
  const rank = { failed: 0, sent: 1, will_send: 2, skipped: 3 } as const;
  const ordered = [...lines].sort((a, b) => rank[a.outcome] - rank[b.outcome]);
  return (
    <div data-testid="export-result">
      <p className="export-counts" data-testid="export-result-summary">
        送信済み {formatCount(sent)}件・失敗 {formatCount(failed)}件・対象外 {formatCount(skipped)}件
      </p>
      {failed > 0 && (
        <p className="inline-message error" role="alert">
          送信できなかった注文があります。理由を確認して直してから、もう一度「発送情報の更新」を行ってください。
        </p>
      )}
      <div className="export-table-wrap">
        <table className="export-table">
          <thead>
            <tr>
              <th>注文番号</th>
              <th>ショップ</th>
              <th>伝票番号</th>
              <th>結果</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((l) => (
              <tr key={lineKey(l)} data-testid={lineTestId("export-result", l)}>
                <td>{orderLabel(l)}</td>
                <td>{l.shop_name}</td>
                <td>{l.tracking_number ?? ""}</td>
                <td>
                  <span className={`outcome outcome-${l.outcome}`}>{OUTCOME_LABEL[l.outcome]}</span>
                  {l.outcome === "failed" && l.message && (
                    <span className="outcome-message">
                      {l.message}
                      <DetailToggle detail={l.detail} />
                    </span>
                  )}
                  {l.outcome === "skipped" && <span className="outcome-message">{skipText(l)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
