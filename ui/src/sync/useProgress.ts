// The fetches and exports running now, per shop, from the backend's progress
// events: what the toolbar and the shop cards show while they run.
import { useEffect, useState } from "react";
import { onProgress } from "../api";
import type { Progress } from "../bindings";

/** Running tasks by `${task}:${shop_id}`; a finished one leaves the map. */
export function useProgress(): Map<string, Progress> {
  const [running, setRunning] = useState<Map<string, Progress>>(new Map());
  useEffect(
    () =>
      onProgress((p) =>
        setRunning((old) => {
          const next = new Map(old);
          const key = `${p.task}:${p.shop_id}`;
          if (p.finished) next.delete(key);
          else next.set(key, p);
          return next;
        }),
      ),
    [],
  );
  return running;
}

/** One running task in the merchant's words. */
export function progressLine(p: Progress): string {
  if (p.task === "export") return `${p.shop_name}: 発送情報を送信中 ${p.sent}/${p.total}件`;
  return p.pages === 0
    ? `${p.shop_name}: 受注を取得中…`
    : `${p.shop_name}: 受注を取得中 ${p.pages}ページ・${p.orders.toLocaleString("ja-JP")}件（API ${p.calls}回）`;
}
