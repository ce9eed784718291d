// 発行済データ取込: choose the file the label software wrote after printing, see which
// shipments it matches (and what it does not), pick the status to move them to, then
// apply. Nothing changes before 「取り込む」.
import { useState } from "react";
import { api, errorMessage } from "../api";
import type { ApplyReport, ImportPreview, Status } from "../bindings";
import { formatCount } from "../format";
import { Modal } from "../ui/Modal";
import { Spinner } from "../ui/Spinner";

type Props = {
  /** Every status, in the screen's order (for 「取り込んだ注文の移動先」). */
  statuses: Status[];
  onClose: () => void;
  /** Called after an apply, so that lists can be read again. */
  onApplied?: () => void;
};

type Loaded = { name: string; bytes: number[]; preview: ImportPreview };

type Phase =
  | { kind: "choose" }
  | { kind: "reading" }
  | { kind: "read-error"; text: string }
  | { kind: "preview"; file: Loaded }
  | { kind: "applying"; file: Loaded }
  | { kind: "apply-error"; file: Loaded; text: string }
  | { kind: "done"; file: Loaded; report: ApplyReport };

/** A file's bytes, read in the window (the command takes them as numbers). */
export function readBytes(file: Blob): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(Array.from(new Uint8Array(reader.result as ArrayBuffer)));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsArrayBuffer(file);
  });
}

const NO_MOVE = "";

export function LabelImportDialog({ statuses, onClose, onApplied }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: "choose" });
  const [moveTo, setMoveTo] = useState<string>("発送待ち");
  const [fromFile, setFromFile] = useState(false);
  const [replace, setReplace] = useState(false);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setPhase({ kind: "reading" });
    try {
      const bytes = await readBytes(file);
      const preview = await api.labelImportPreview(file.name, bytes);
      setPhase({ kind: "preview", file: { name: file.name, bytes, preview } });
    } catch (e) {
      setPhase({ kind: "read-error", text: errorMessage(e) });
    }
  };

  const apply = async (file: Loaded) => {
    setPhase({ kind: "applying", file });
    try {
      const report = await api.labelImportApply(file.name, file.bytes, {
        ship_date: fromFile ? "from_file" : "today",
        move_to: moveTo === NO_MOVE ? null : (moveTo as Status),
        replace_other_numbers: replace,
      });
      setPhase({ kind: "done", file, report });
    } catch (e) {
      setPhase({ kind: "apply-error", file, text: errorMessage(e) });
    }
    onApplied?.();
  };

  const file = phase.kind === "preview" || phase.kind === "applying" || phase.kind === "apply-error" ? phase.file : null;
  const p = file?.preview ?? null;
  const busy = phase.kind === "applying" || phase.kind === "reading";
  const others = p?.matched.filter((m) => m.has_other_number) ?? [];

  const footer =
    phase.kind === "done" ? (
      <button type="button" className="primary" data-testid="label-import-close" onClick={onClose}>
        閉じる
      </button>
    ) : (
      <>
        <button type="button" disabled={busy} onClick={onClose}>
          キャンセル
        </button>
        {file && p && (
          <button
            type="button"
            className="primary"
            data-testid="label-import-apply"
            disabled={busy || p.already_imported || p.matched.length === 0}
            onClick={() => apply(file)}
          >
            {phase.kind === "applying" && <Spinner label="取込中" />}
            {phase.kind === "applying" ? "取り込み中…" : `${formatCount(p.matched.length)}件を取り込む`}
          </button>
        )}
      </>
    );

  return (
    <Modal title="発行済データ取込" onClose={onClose} busy={busy} wide testId="label-import-dialog" footer={footer}>
      {phase.kind !== "done" && (
        <div className="label-import-choose">
          <p>
            送り状発行ソフトが書き出したファイル（B2クラウドの発行済データ、e飛伝の出荷データ、ゆうプリRの発送履歴）を選んでください。
          </p>
          <input
            type="file"
            accept=".csv,.txt,text/csv"
            data-testid="label-import-file"
            disabled={busy}
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </div>
      )}
      {phase.kind === "reading" && (
        <p className="muted">
          <Spinner /> ファイルを確認しています…
        </p>
      )}
      {phase.kind === "read-error" && (
        <p className="inline-message error" role="alert" data-testid="label-import-read-error">
          {phase.text}
        </p>
      )}
      {p && (
        <div data-testid="label-import-preview">
          <p className="export-counts">
            {p.format_label}（{p.carrier}）：一致 <strong data-testid="label-import-matched-count">{formatCount(p.matched.length)}</strong>
            件・見つからない管理番号 <strong>{formatCount(p.unknown_keys.length)}</strong>件・別の伝票番号あり{" "}
            <strong>{formatCount(others.length)}</strong>件
          </p>
          {p.already_imported && (
            <p className="inline-message" role="note" data-testid="label-import-already">
              このファイルは取り込み済みです。もう一度取り込んでも何も変わりません。
            </p>
          )}
          {phase.kind === "apply-error" && (
            <p className="inline-message error" role="alert" data-testid="label-import-error">
              取り込めませんでした：{phase.text}
            </p>
          )}
          {p.matched.length > 0 && (
            <div className="export-table-wrap">
              <table className="export-table" data-testid="label-import-matched">
                <thead>
                  <tr>
                    <th>注文番号</th>
                    <th>ステータス</th>
                    <th>伝票番号（ファイル）</th>
                    <th>今の伝票番号</th>
                  </tr>
                </thead>
                <tbody>
                  {p.matched.map((m) => (
                    <tr key={m.key} data-testid={`label-import-row-${m.key}`}>
                      <td>
                        {m.shipment_ref === "" ? m.mall_order_id : `${m.mall_order_id}（発送先 ${m.shipment_ref}）`}
                      </td>
                      <td>{m.status}</td>
                      <td>{m.numbers.join("、")}</td>
                      <td>
                        {m.current ?? ""}
                        {m.has_other_number && <div className="muted small">別の伝票番号が入っています</div>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {p.unknown_keys.length > 0 && (
            <>
              <h3 className="export-h">Juchu にない管理番号（取り込みません）</h3>
              <ul className="export-skipped" data-testid="label-import-unknown">
                {p.unknown_keys.map((k) => (
                  <li key={k}>{k}</li>
                ))}
              </ul>
            </>
          )}
          {p.warnings.length > 0 && (
            <>
              <h3 className="export-h">ご注意</h3>
              <ul className="export-skipped" data-testid="label-import-warnings">
                {p.warnings.map((w, n) => (
                  <li key={`${w.line}:${n}`}>
                    <span className="skip-order">
                      {w.line}行目 {w.key}
                    </span>
                    <span className="skip-reason">{w.message}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="label-import-options">
            <label>
              取り込んだ注文の移動先{" "}
              <select
                data-testid="label-import-status"
                value={moveTo}
                disabled={busy}
                onChange={(e) => setMoveTo(e.target.value)}
              >
                <option value={NO_MOVE}>移動しない</option>
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <input
                type="checkbox"
                data-testid="label-import-file-date"
                checked={fromFile}
                disabled={busy}
                onChange={(e) => setFromFile(e.target.checked)}
              />
              出荷日をファイルの日付にする（外すと今日の日付）
            </label>
            {others.length > 0 && (
              <label>
                <input
                  type="checkbox"
                  data-testid="label-import-replace"
                  checked={replace}
                  disabled={busy}
                  onChange={(e) => setReplace(e.target.checked)}
                />
                別の伝票番号が入っている発送もファイルの番号に置き換える
              </label>
            )}
          </div>
        </div>
      )}
      {phase.kind === "done" && (
        <div data-testid="label-import-result">
          {phase.report.already_imported ? (
            <p>このファイルは取り込み済みです。何も変更していません。</p>
          ) : (
            <p className="export-counts">
              {formatCount(phase.report.updated)}件に伝票番号を入れました（ステータスの移動 {formatCount(phase.report.moved)}
              件、前の伝票番号を残した発送 {formatCount(phase.report.kept)}件）。
            </p>
          )}
        </div>
      )}
    </Modal>
  );
}
