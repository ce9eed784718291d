import type { Status } from "../bindings";

const TONE: Record<Status, string> = {
  新規受付: "new",
  発送前入金待ち: "prepay",
  発送待ち: "toship",
  発送後入金待ち: "postpay",
  処理済: "done",
  保留: "hold",
  キャンセル: "cancel",
};

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge badge-${TONE[status] ?? "hold"}`}>{status}</span>;
}
