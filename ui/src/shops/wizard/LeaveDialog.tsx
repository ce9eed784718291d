// Asked when the merchant leaves a wizard that would lose something: typed entries
// ("discard"), or a new shop saved but never connected ("unfinished"), which is kept
// as 「設定の途中」 (finished later from its card) or deleted.
import { useState } from "react";
import { api, errorMessage } from "../../api";
import { Modal } from "../../ui/Modal";
import { Spinner } from "../../ui/Spinner";

export type LeaveKind = "discard" | "unfinished";

type Props = {
  kind: LeaveKind;
  shopName: string;
  mallLabel: string;
  shopId: number | null;
  onStay: () => void;
  onLeave: () => void;
};

export function LeaveDialog({ kind, shopName, mallLabel, shopId, onStay, onLeave }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    if (shopId === null) return onLeave();
    setBusy(true);
    try {
      await api.removeShop(shopId, false);
      onLeave();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  if (kind === "discard") {
    return (
      <Modal
        title="入力した内容を破棄しますか？"
        onClose={onStay}
        testId="leave-dialog"
        footer={
          <>
            <button type="button" data-testid="leave-stay" onClick={onStay}>
              入力を続ける
            </button>
            <button type="button" className="primary danger" data-testid="leave-discard" onClick={onLeave}>
              破棄して一覧に戻る
            </button>
          </>
        }
      >
        <p>保存していない入力があります。一覧に戻ると、入力した内容は失われます。</p>
      </Modal>
    );
  }
  return (
    <Modal
      title="設定の途中です"
      onClose={onStay}
      busy={busy}
      testId="leave-dialog"
      footer={
        <>
          <button type="button" data-testid="leave-stay" disabled={busy} onClick={onStay}>
            設定を続ける
          </button>
          <button type="button" className="danger-outline" data-testid="leave-delete" disabled={busy} onClick={remove}>
            {busy && <Spinner label="削除中" />}
            ショップを削除して戻る
          </button>
          <button type="button" className="primary" data-testid="leave-keep" disabled={busy} onClick={onLeave}>
            設定の途中として残す
          </button>
        </>
      }
    >
      <p>
        「{shopName}」はまだ{mallLabel}に接続していません。残すと、一覧に「設定の途中」と表示され、「設定を続ける」からこの続きを行えます。
      </p>
      {error && (
        <p className="inline-message error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
