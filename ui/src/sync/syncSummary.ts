// One line per shop after 受注取得: 「BASE 1号店: 新規 12件・更新 3件」 or the shop's error.
import type { SyncReport } from "../bindings";
import { formatCount } from "../format";

export function syncReportLine(r: SyncReport): string {
  if (r.error) return `${r.shop_name}: ${r.error}`;
  const parts = [`新規 ${formatCount(r.new)}件`, `更新 ${formatCount(r.updated)}件`];
  if (r.cancelled > 0) parts.push(`キャンセル ${formatCount(r.cancelled)}件`);
  if (r.flagged > 0) parts.push(`要確認 ${formatCount(r.flagged)}件`);
  return `${r.shop_name}: ${parts.join("・")}`;
}

export const NO_SHOPS_TO_SYNC =
  "受注を取得できるショップがありません。「モール詳細設定」でショップを追加し、接続まで済ませてください（連携準備中のモールのショップは受注取得できません）。";
