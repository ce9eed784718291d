// GoQSystem-style status tabs: 全て and each status, each with its live count.
import type { Status, StatusCounts } from "../bindings";
import { formatCount } from "../format";

export const ALL_LABEL = "全て";

type Props = {
  statuses: Status[];
  counts: StatusCounts | null;
  current: Status | null;
  onChange: (status: Status | null) => void;
};

export function StatusTabs({ statuses, counts, current, onChange }: Props) {
  // A search counts each tab up to 1,000: more is 「1,000件以上」.
  const countOf = (s: Status | null): { n: number; capped: boolean } | null => {
    if (!counts) return null;
    if (s === null) return { n: counts.all, capped: counts.all_capped ?? false };
    const c = counts.by_status.find((c) => c.status === s);
    return { n: c?.count ?? 0, capped: c?.capped ?? false };
  };
  const tabs: (Status | null)[] = [null, ...statuses];
  return (
    <nav className="status-tabs" role="tablist" aria-label="ステータス">
      {tabs.map((s) => {
        const label = s ?? ALL_LABEL;
        const n = countOf(s);
        const active = s === current;
        return (
          <button
            key={label}
            type="button"
            role="tab"
            aria-selected={active}
            className={active ? "status-tab active" : "status-tab"}
            data-testid={`status-tab-${label}`}
            onClick={() => onChange(s)}
          >
            <span className="status-tab-label">{label}</span>
            <span className="status-count" data-testid={`status-count-${label}`}>
              {n === null ? "–" : n.capped ? `${formatCount(n.n)}件以上` : formatCount(n.n)}
            </span>
          </button>
        );
      })}
    </nav>
  );
}
