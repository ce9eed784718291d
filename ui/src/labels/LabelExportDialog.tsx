// 送り状データ出力: pick a format and the orders, see the check (shipments that cannot
// be written and why, cells to fix, characters to replace), then write. Nothing is
// written before 「出力する」 / 「置き換えて出力」.
import { useEffect, useState } from "react";
import { api, errorMessage } from "../api";
import type { CellIssue, LabelFormat, LabelPlan, LabelSelection, LabelWritten, Shop, TabQuery } from "../bindings";
import { formatCount } from "../format";
import { Modal } from "../ui/Modal";
import { Spinner } from "../ui/Spinner";
import { LabelSettingsDialog } from "./LabelSettingsDialog";

export const LABEL_FORMATS: { format: LabelFormat; label: string }[] = [
  { format: "b2", label: "ヤマト B2クラウド" },
  { format: "ehiden3", label: "佐川 e飛伝Ⅲ" },
  { format: "yupri", label: "日本郵便 ゆうプリR" },
  { format: "clickpost", label: "クリックポスト" },
];

type Props = {
  /** The orders ticked in the list (may be empty). */
  selectedIds: number[];
  /** The tab on screen, for 「表示中のタブの全件」. */
  tab: TabQuery;
  /** How the tab is named in the choice (e.g. 「発送待ち」). */
  tabLabel: string;
  /** The shops, to name (and open) one whose 送り状設定 lacks what the file needs. */
  shops: Shop[];
  onClose: () => void;
};

type Scope = "selected" | "tab";

type Phase =
  | { kind: "checking" }
  | { kind: "check-error"; text: string }
  | { kind: "checked"; plan: LabelPlan }
  | { kind: "writing"; plan: LabelPlan }
  | { kind: "write-error"; plan: LabelPlan; text: string }
  | { kind: "written"; result: LabelWritten };

function issueProblem(i: CellIssue): string {
  switch (i.problem.kind) {
    case "unencodable":
      return `使えない文字「${i.problem.chars}」`;
    case "too_long":
      return `長すぎます（${i.problem.bytes}バイト、${i.problem.max}バイトまで）`;
    case "invalid":
      return i.problem.reason;
    case "normalise":
      return "置き換え";
  }
}

export function LabelExportDialog({ selectedIds, tab, tabLabel, shops, onClose }: Props) {
  const [format, setFormat] = useState<LabelFormat>("b2");
  const [scope, setScope] = useState<Scope>(selectedIds.length > 0 ? "selected" : "tab");
  const [path, setPath] = useState("");
  const [skipBlocked, setSkipBlocked] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: "checking" });
  const [attempt, setAttempt] = useState(0);
  /** The shop whose 送り状設定 is open over this dialog. */
  const [settingsOf, setSettingsOf] = useState<Shop | null>(null);

  /** A new format, scope or retry: the check runs again (the effect below). */
  const recheck = (change: () => void) => {
    setPhase({ kind: "checking" });
    change();
  };

  const selection: LabelSelection = scope === "selected" ? { orders: selectedIds } : { tab };
  const selectionKey = JSON.stringify(selection);

  useEffect(() => {
    let cancelled = false;
    api.labelPlan(format, JSON.parse(selectionKey) as LabelSelection).then(
      (plan) => {
        if (!cancelled) setPhase({ kind: "checked", plan });
      },
      (e: unknown) => {
        if (!cancelled) setPhase({ kind: "check-error", text: errorMessage(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [format, selectionKey, attempt]);

  const plan = phase.kind === "checked" || phase.kind === "writing" || phase.kind === "write-error" ? phase.plan : null;
  const toFix = plan?.issues.filter((i) => i.problem.kind !== "normalise") ?? [];
  const toReplace = plan?.issues.filter((i) => i.problem.kind === "normalise") ?? [];
  const blocked = plan?.blocked ?? [];
  // Shipments with a cell to fix are written only once fixed, or left out with the blocked ones.
  const keysToFix = new Set(toFix.map((i) => i.key));
  const leftOut = blocked.length + keysToFix.size;
  const rowsToWrite = plan ? plan.rows.filter((r) => !(skipBlocked && keysToFix.has(r.key))).length : 0;
  const replacing = toReplace.filter((i) => !(skipBlocked && keysToFix.has(i.key)));
  const canWrite = plan !== null && rowsToWrite > 0 && (leftOut === 0 || skipBlocked);
  const settingsShops = (plan?.settings_shops ?? []).map((id) => shops.find((s) => s.id === id)).filter((s): s is Shop => s !== undefined);
  const busy = phase.kind === "writing";

  const write = async (p: LabelPlan) => {
    setPhase({ kind: "writing", plan: p });
    try {
      const result = await api.labelWrite(
        format,
        selection,
        { accept_normalisations: replacing.length > 0, skip_blocked: skipBlocked },
        path.trim() === "" ? null : path.trim(),
      );
      setPhase({ kind: "written", result });
    } catch (e) {
      setPhase({ kind: "write-error", plan: p, text: errorMessage(e) });
    }
  };

  const footer =
    phase.kind === "written" ? (
      <button type="button" className="primary" data-testid="label-export-close" onClick={onClose}>
        閉じる
      </button>
    ) : (
      <>
        <button type="button" disabled={busy} onClick={onClose} data-testid="label-export-cancel">
          キャンセル
        </button>
        {plan && (
          <button
            type="button"
            className="primary"
            data-testid="label-export-write"
            disabled={busy || !canWrite}
            onClick={() => write(plan)}
          >
            {busy && <Spinner label="出力中" />}
            {busy ? "出力中…" : replacing.length > 0 ? `置き換えて${formatCount(rowsToWrite)}件を出力` : `${formatCount(rowsToWrite)}件を出力する`}
          </button>
        )}
      </>
    );

  return (
    <Modal title="送り状データ出力" onClose={onClose} busy={busy} wide testId="label-export-dialog" footer={footer}>
      {phase.kind !== "written" && (
        <div className="label-export-choices">
          <label>
            形式{" "}
            <select
              data-testid="label-export-format"
              value={format}
              disabled={busy}
              onChange={(e) => {
                const next = e.target.value as LabelFormat;
                recheck(() => setFormat(next));
              }}
            >
              {LABEL_FORMATS.map((f) => (
                <option key={f.format} value={f.format}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <fieldset disabled={busy}>
            <legend>出力する注文</legend>
            <label>
              <input
                type="radio"
                name="label-scope"
                data-testid="label-export-scope-selected"
                checked={scope === "selected"}
                disabled={selectedIds.length === 0}
                onChange={() => recheck(() => setScope("selected"))}
              />
              選択中の注文（{formatCount(selectedIds.length)}件）
            </label>
            <label>
              <input
                type="radio"
                name="label-scope"
                data-testid="label-export-scope-tab"
                checked={scope === "tab"}
                onChange={() => recheck(() => setScope("tab"))}
              />
              表示中のタブ（{tabLabel}）の全件
            </label>
          </fieldset>
          <label>
            保存先{" "}
            <input
              type="text"
              data-testid="label-export-path"
              value={path}
              disabled={busy}
              placeholder="空欄のときはデータフォルダの「送り状」フォルダに保存します"
              onChange={(e) => setPath(e.target.value)}
              size={48}
            />
          </label>
        </div>
      )}
      {phase.kind === "checking" && (
        <p className="muted">
          <Spinner /> 出力する発送を確認しています…
        </p>
      )}
      {phase.kind === "check-error" && (
        <div role="alert">
          <p className="inline-message error" data-testid="label-export-check-error">
            {phase.text}
          </p>
          <button type="button" onClick={() => recheck(() => setAttempt((a) => a + 1))}>
            もう一度確認する
          </button>
        </div>
      )}
      {plan && (
        <>
          <p className="export-counts" data-testid="label-export-counts">
            出力 <strong>{formatCount(rowsToWrite)}</strong>件・出力できない発送 <strong>{formatCount(blocked.length)}</strong>
            件・直す項目 <strong>{formatCount(toFix.length)}</strong>件・置き換え <strong>{formatCount(toReplace.length)}</strong>件
          </p>
          {settingsShops.length > 0 && (
            <div className="label-export-settings" data-testid="label-export-settings-hint">
              <p>送り状設定に足りない項目（ご依頼主や請求先コードなど）があります。入力して保存すると、もう一度確認します。</p>
              {settingsShops.map((shop) => (
                <button key={shop.id} type="button" data-testid={`label-export-settings-${shop.id}`} disabled={busy} onClick={() => setSettingsOf(shop)}>
                  「{shop.name}」の送り状設定を開く
                </button>
              ))}
            </div>
          )}
          {settingsOf && (
            <LabelSettingsDialog
              shopId={settingsOf.id}
              shopName={settingsOf.name}
              onClose={() => {
                setSettingsOf(null);
                recheck(() => setAttempt((a) => a + 1));
              }}
            />
          )}
          {phase.kind === "write-error" && (
            <p className="inline-message error" role="alert" data-testid="label-export-error">
              出力できませんでした：{phase.text}
            </p>
          )}
          {rowsToWrite === 0 && blocked.length === 0 && (
            <p className="muted" data-testid="label-export-nothing">
              出力する発送はありません。伝票番号のある発送とキャンセルの注文は出力しません。
            </p>
          )}
          {blocked.length > 0 && (
            <>
              <h3 className="export-h">出力できない発送</h3>
              <ul className="export-skipped" data-testid="label-export-blocked">
                {blocked.map((b) => (
                  <li key={b.key} data-testid={`label-blocked-${b.key}`}>
                    <span className="skip-order">{b.mall_order_id}</span>
                    <span className="skip-reason">{b.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {toFix.length > 0 && (
            <>
              <h3 className="export-h">直す必要のある項目（注文を直すか、その発送を除いて出力してください）</h3>
              <div className="export-table-wrap">
                <table className="export-table" data-testid="label-export-issues">
                  <thead>
                    <tr>
                      <th>注文番号</th>
                      <th>項目</th>
                      <th>内容</th>
                      <th>問題</th>
                    </tr>
                  </thead>
                  <tbody>
                    {toFix.map((i) => (
                      <tr key={`${i.key}:${i.column_no}`} data-testid={`label-issue-${i.key}-${i.column_no}`}>
                        <td>{i.mall_order_id}</td>
                        <td>{i.column}</td>
                        <td>{i.value}</td>
                        <td>
                          <strong>{issueProblem(i)}</strong>
                          {i.problem.kind !== "invalid" && <div className="muted small">{i.message}</div>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {leftOut > 0 && (
            <label className="label-export-skip">
              <input
                type="checkbox"
                data-testid="label-export-skip-blocked"
                checked={skipBlocked}
                disabled={busy}
                onChange={(e) => setSkipBlocked(e.target.checked)}
              />
              出力できない発送と直す項目のある発送（{formatCount(leftOut)}件）を除いて出力する
            </label>
          )}
          {toReplace.length > 0 && (
            <>
              <h3 className="export-h">置き換える文字（「置き換えて出力」で置き換えます）</h3>
              <div className="export-table-wrap">
                <table className="export-table" data-testid="label-export-normalise">
                  <thead>
                    <tr>
                      <th>注文番号</th>
                      <th>項目</th>
                      <th>今の内容</th>
                      <th>出力する内容</th>
                    </tr>
                  </thead>
                  <tbody>
                    {toReplace.map((i) => (
                      <tr key={`${i.key}:${i.column_no}`}>
                        <td>{i.mall_order_id}</td>
                        <td>{i.column}</td>
                        <td>{i.value}</td>
                        <td>{i.problem.kind === "normalise" ? i.problem.to : ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {plan.warnings.length > 0 && (
            <>
              <h3 className="export-h">ご注意（出力はします）</h3>
              <ul className="export-skipped" data-testid="label-export-warnings">
                {plan.warnings.map((w, n) => (
                  <li key={`${w.key}:${n}`}>
                    <span className="skip-order">{w.mall_order_id}</span>
                    <span className="skip-reason">{w.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {phase.kind === "written" && (
        <div data-testid="label-export-result">
          <p className="export-counts">
            {formatCount(phase.result.rows)}件の送り状データを出力しました。
          </p>
          <p>保存先：</p>
          <ul data-testid="label-export-paths">
            {phase.result.paths.map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
          <p className="muted">このファイルを送り状発行ソフトで取り込んでください。</p>
        </div>
      )}
    </Modal>
  );
}
