// 受注一覧 screen: tabs, filters, the list, status moves and the detail pane.
import { useCallback, useEffect, useRef, useState } from "react";
import { onOrdersChanged, onSyncFinished } from "../api";
import type { AppInfo, Shop, SortDir, SortKey, Status } from "../bindings";
import { ExportDialog } from "../export/ExportDialog";
import { LabelExportDialog } from "../labels/LabelExportDialog";
import { LabelImportDialog } from "../labels/LabelImportDialog";
import { SyncNowButton } from "../sync/SyncNowButton";
import { useDebouncedValue } from "../useDebouncedValue";
import { DetailResizer, useDetailWidth } from "./DetailResizer";
import { filterKey, type OrderFilter } from "./filter";
import { FirstRunPanel } from "./FirstRunPanel";
import { TryDemoButton } from "./TryDemoButton";
import { MoveStatusControl } from "./MoveStatusControl";
import { OrderDetail } from "./OrderDetail";
import { OrderFilters } from "./OrderFilters";
import { OrderTable } from "./OrderTable";
import { SelectTabButton } from "./SelectTabButton";
import { StatusTabs } from "./StatusTabs";
import { useStatusCounts } from "./useStatusCounts";

export const SEARCH_DEBOUNCE_MS = 300;

type Props = {
  info: AppInfo;
  shops: Shop[];
  /** Goes to モール詳細設定 (from the first-run panel). */
  onOpenShops: () => void;
};

export function OrdersScreen({ info, shops, onOpenShops }: Props) {
  // No shop yet: there can be no order either; say what to do first.
  if (shops.length === 0) {
    return (
      <main className="orders-screen first-run-screen">
        <FirstRunPanel onOpenShops={onOpenShops} demoButton={<TryDemoButton />} />
      </main>
    );
  }
  return <OrdersWorkspace info={info} shops={shops} />;
}

function OrdersWorkspace({ info, shops }: { info: AppInfo; shops: Shop[] }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [shopId, setShopId] = useState<number | null>(null);
  const [searchText, setSearchText] = useState("");
  const [sort, setSort] = useState<SortDir>("desc");
  const [sortBy, setSortByState] = useState<SortKey>("ordered_at");
  /** A header click: that column, largest / newest first; the same column again reverses. */
  const sortByColumn = (key: SortKey) => {
    if (key === sortBy) setSort(sort === "desc" ? "asc" : "desc");
    else {
      setSortByState(key);
      setSort("desc");
    }
  };
  const [activeId, setActiveId] = useState<number | null>(null);
  const [refreshToken, setRefreshToken] = useState(0);
  const [exportOpen, setExportOpen] = useState(false);
  const [labelDialog, setLabelDialog] = useState<"export" | "import" | null>(null);
  const [detailWidth, setDetailWidth] = useDetailWidth();
  const bodyRef = useRef<HTMLDivElement>(null);
  const paneRef = useRef<HTMLElement>(null);

  const debounced = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const search = debounced === "" ? null : debounced;
  const filter: OrderFilter = { status, shopId, search, sortBy, sort };
  const key = filterKey(filter);

  // A selection belongs to the filter it was made in; changing the filter drops it.
  const [selection, setSelection] = useState<{ key: string; ids: Set<number> }>({
    key,
    ids: new Set(),
  });
  const selected = selection.key === key ? selection.ids : new Set<number>();
  const setSelected = useCallback((ids: Set<number>) => setSelection({ key, ids }), [key]);

  const refresh = useCallback(() => setRefreshToken((t) => t + 1), []);
  useEffect(() => onOrdersChanged(refresh), [refresh]);
  useEffect(() => onSyncFinished(refresh), [refresh]);

  const counts = useStatusCounts(shopId, search, refreshToken);
  const tabCount = counts.counts === null || status === null ? null : counts.counts.by_status.find((c) => c.status === status);
  const tabTotal = counts.counts === null ? null : status === null ? counts.counts.all : (tabCount?.count ?? 0);
  const tabCapped = counts.counts !== null && (status === null ? (counts.counts.all_capped ?? false) : (tabCount?.capped ?? false));

  return (
    <main className="orders-screen">
      <div className="action-bar">
        <SyncNowButton onSynced={refresh}>
          <button type="button" data-testid="export-open" onClick={() => setExportOpen(true)}>
            <span aria-hidden="true">⇪</span>発送情報の更新
          </button>
          <button type="button" data-testid="label-export-open" onClick={() => setLabelDialog("export")}>
            送り状データ出力
          </button>
          <button type="button" data-testid="label-import-open" onClick={() => setLabelDialog("import")}>
            発行済データ取込
          </button>
        </SyncNowButton>
      </div>
      <StatusTabs
        statuses={info.statuses}
        counts={counts.counts}
        current={status}
        onChange={setStatus}
      />
      {counts.error && (
        <div className="inline-message error pad" role="alert">
          件数を読み込めませんでした：{counts.error}
        </div>
      )}
      <div className="toolbar">
        <OrderFilters
          searchText={searchText}
          onSearchText={setSearchText}
          shops={shops}
          shopId={shopId}
          onShopId={setShopId}
          sort={sort}
          onSort={(s) => {
            setSortByState("ordered_at");
            setSort(s);
          }}
          sortedByColumn={sortBy !== "ordered_at"}
        />
        <SelectTabButton
          query={{ status, shop_id: shopId, search }}
          tabTotal={tabTotal}
          tabCapped={tabCapped}
          selectedCount={selected.size}
          onSelect={setSelected}
        />
        <MoveStatusControl
          statuses={info.statuses}
          selectedIds={[...selected]}
          onMoved={() => {
            setSelected(new Set());
            refresh();
          }}
        />
      </div>
      <div className={activeId === null ? "orders-body" : "orders-body with-detail"} ref={bodyRef}>
        <OrderTable
          key={key}
          filter={filter}
          refreshToken={refreshToken}
          selected={selected}
          onSelectedChange={setSelected}
          activeId={activeId}
          onActivate={(o) => setActiveId(o.id)}
          onSortBy={sortByColumn}
        />
        {activeId !== null && (
          <>
            <DetailResizer
              containerRef={bodyRef}
              paneRef={paneRef}
              width={detailWidth}
              onWidth={setDetailWidth}
              controls="detail-pane"
            />
            <OrderDetail
              orderId={activeId}
              refreshToken={refreshToken}
              carriers={info.carriers}
              onSaved={refresh}
              onClose={() => setActiveId(null)}
              width={detailWidth}
              paneRef={paneRef}
              malls={info.malls}
            />
          </>
        )}
      </div>
      {exportOpen && (
        <ExportDialog malls={info.malls} shopId={null} onClose={() => setExportOpen(false)} onSent={refresh} />
      )}
      {labelDialog === "export" && (
        <LabelExportDialog
          selectedIds={[...selected]}
          tab={{ status, shop_id: shopId, search }}
          tabLabel={status ?? "すべて"}
          shops={shops}
          onClose={() => setLabelDialog(null)}
        />
      )}
      {labelDialog === "import" && (
        <LabelImportDialog statuses={info.statuses} onClose={() => setLabelDialog(null)} onApplied={refresh} />
      )}
    </main>
  );
}
