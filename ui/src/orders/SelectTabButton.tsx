// 「このタブの全件を選択」: once some rows are ticked, select every order of the tab
// (status, shop and search as filtered), not only the rows on screen.
import { useState } from "react";
import { api, errorMessage } from "../api";
import type { TabQuery } from "../bindings";
import { formatCount } from "../format";

type Props = {
  query: TabQuery;
  /** Orders in the tab now (its count). */
  tabTotal: number | null;
  /** The count stopped at the cap (a search that finds more: 「1,000件以上」). */
  tabCapped?: boolean;
  selectedCount: number;
  onSelect: (ids: Set<number>) => void;
};

export function SelectTabButton({ query, tabTotal, tabCapped = false, selectedCount, onSelect }: Props) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  // A capped count is a floor: the tab holds more until more than it are selected.
  const whole = tabTotal !== null && (tabCapped ? tabTotal < selectedCount : tabTotal <= selectedCount);
  if (selectedCount === 0 || tabTotal === null || whole) {
    return note ? <span className="muted small">{note}</span> : null;
  }
  const selectAll = async () => {
    setBusy(true);
    setNote(null);
    try {
      const r = await api.tabIds(query);
      onSelect(new Set(r.ids));
      if (r.capped) setNote(`一度に選べるのは ${formatCount(r.ids.length)}件までです（新しい順に選びました）。`);
    } catch (e) {
      setNote(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="link-button" data-testid="select-tab" disabled={busy} onClick={selectAll}>
      このタブの全件（{formatCount(tabTotal)}件{tabCapped ? "以上" : ""}）を選択
    </button>
  );
}
