// 受注一覧: a virtualized table. Only the rows on screen (plus a small overscan) exist
// in the DOM, and only their pages are fetched (see useOrderPages).
//
// Keyboard: the list takes focus (Tab); ↑/↓ (PageUp/PageDown, Home/End) move the
// current row, scrolling it into view (its page is fetched like any row scrolled to),
// Enter opens it in the detail pane, Space ticks its checkbox, Shift+↑/↓ ticks the rows
// passed over.
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type Row,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import type { OrderRow, SortKey } from "../bindings";
import { useElementWidth } from "../ui/useElementWidth";
import { SORTABLE, columnLayout, orderColumns, type WindowRow } from "./columns";
import type { OrderFilter } from "./filter";
import { idsInRange, toggled, withAll, withoutAll } from "./selection";
import { useOrderPages } from "./useOrderPages";

export const ROW_HEIGHT = 36;
/** The sticky header row's height (.order-table-head): rows under it are not in view. */
const HEAD_HEIGHT = 34;

type Props = {
  /** The owner must remount this component (key) when the filter changes. */
  filter: OrderFilter;
  refreshToken: number;
  selected: ReadonlySet<number>;
  onSelectedChange: (next: Set<number>) => void;
  activeId: number | null;
  onActivate: (order: OrderRow) => void;
  /** A sortable column's header was clicked. */
  onSortBy?: (key: SortKey) => void;
};

export function OrderTable({
  filter,
  refreshToken,
  selected,
  onSelectedChange,
  activeId,
  onActivate,
  onSortBy,
}: Props) {
  const pages = useOrderPages(filter, refreshToken);
  const { rowAt, ensureRange } = pages;
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<number | null>(null);
  /** The keyboard's current row (a list index); null until the list is used. */
  const [cursor, setCursor] = useState<number | null>(null);
  const rowIdPrefix = useId();

  const virtualizer = useVirtualizer({
    count: pages.total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? items[0].index : -1;
  const last = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (first >= 0) ensureRange(first, last);
  }, [first, last, ensureRange]);

  const windowRows = useMemo(() => {
    const out: WindowRow[] = [];
    for (let i = first; i >= 0 && i <= last; i++) {
      const order = rowAt(i);
      if (order) out.push({ index: i, order });
    }
    return out;
  }, [first, last, rowAt]);

  const onCheckbox = (index: number, order: OrderRow, e: MouseEvent<HTMLInputElement>) => {
    setCursor(index);
    scrollRef.current?.focus({ preventScroll: true });
    if (e.shiftKey && anchor.current !== null) {
      onSelectedChange(withAll(selected, idsInRange(rowAt, anchor.current, index)));
    } else {
      onSelectedChange(toggled(selected, order.id));
    }
    anchor.current = index;
  };

  // Columns that do not fit the list's width are left out rather than cut off.
  const width = useElementWidth(scrollRef);
  const layout = useMemo(() => columnLayout(width ?? Infinity), [width]);
  const columnVisibility = useMemo(
    () => Object.fromEntries(layout.hidden.map((id) => [id, false])),
    [layout],
  );

  const table = useReactTable({
    data: windowRows,
    columns: orderColumns,
    state: { columnVisibility },
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.index),
    meta: { isSelected: (id) => selected.has(id), onCheckbox },
  });
  const gridStyle = { gridTemplateColumns: layout.template, minWidth: layout.minWidth };
  const tableRows = new Map<number, Row<WindowRow>>(
    table.getRowModel().rows.map((r) => [r.original.index, r]),
  );

  const onRowClick = (index: number, order: OrderRow, e: MouseEvent) => {
    // The keyboard carries on from the clicked row.
    setCursor(index);
    scrollRef.current?.focus({ preventScroll: true });
    if (e.shiftKey && anchor.current !== null) {
      const ids = idsInRange(rowAt, anchor.current, index);
      onSelectedChange(e.ctrlKey || e.metaKey ? withAll(selected, ids) : new Set(ids));
      return;
    }
    anchor.current = index;
    if (e.ctrlKey || e.metaKey) {
      onSelectedChange(toggled(selected, order.id));
      return;
    }
    onSelectedChange(new Set([order.id]));
    onActivate(order);
  };

  // 「表示中をすべて選択」: the rows actually in the viewport (not the overscan).
  const range = virtualizer.range;
  const visibleIds = range ? idsInRange(rowAt, range.startIndex, range.endIndex) : [];
  const selectedVisible = visibleIds.filter((id) => selected.has(id)).length;
  const allVisibleSelected = visibleIds.length > 0 && selectedVisible === visibleIds.length;

  /** Scrolls just enough for the row at `index` to be in view below the header. */
  const scrollIntoView = (index: number) => {
    const el = scrollRef.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    const room = el.clientHeight - HEAD_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + room) el.scrollTop = top + ROW_HEIGHT - room;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys pressed on a checkbox inside the list are the checkbox's own.
    if (e.target !== e.currentTarget) return;
    const total = pages.total ?? 0;
    if (total === 0) return;
    const here = cursor ?? range?.startIndex ?? 0;
    const pageStep = Math.max(1, (range ? range.endIndex - range.startIndex : 10) - 1);
    const moves: Record<string, number> = {
      // The first press only shows where the cursor is.
      ArrowDown: cursor === null ? here : here + 1,
      ArrowUp: cursor === null ? here : here - 1,
      PageDown: here + pageStep,
      PageUp: here - pageStep,
      Home: 0,
      End: total - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.max(0, Math.min(total - 1, moves[e.key]));
      if (e.shiftKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
        onSelectedChange(withAll(selected, idsInRange(rowAt, anchor.current ?? here, next)));
      }
      setCursor(next);
      scrollIntoView(next);
      return;
    }
    const order = rowAt(here);
    if (e.key === "Enter") {
      e.preventDefault();
      setCursor(here);
      if (order) onActivate(order);
    } else if (e.key === " ") {
      e.preventDefault();
      setCursor(here);
      if (order) {
        onSelectedChange(toggled(selected, order.id));
        anchor.current = here;
      }
    }
  };
  const rowDomId = (index: number) => `${rowIdPrefix}-row-${index}`;
  const cursorShown = cursor !== null && items.some((vi) => vi.index === cursor) && rowAt(cursor) !== undefined;

  return (
    <div className="order-table">
      <div
        className="order-table-scroll"
        ref={scrollRef}
        data-testid="order-table-scroll"
        role="grid"
        aria-label="受注一覧"
        aria-rowcount={(pages.total ?? 0) + 1}
        aria-multiselectable="true"
        aria-activedescendant={cursorShown ? rowDomId(cursor) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="order-table-head" role="row" style={gridStyle}>
          {table.getHeaderGroups()[0].headers.map((h) => (
            <div
              key={h.id}
              role="columnheader"
              className={`cell align-${h.column.columnDef.meta?.align ?? "left"}`}
              aria-sort={
                SORTABLE[h.column.id] && SORTABLE[h.column.id] === filter.sortBy
                  ? filter.sort === "asc"
                    ? "ascending"
                    : "descending"
                  : undefined
              }
            >
              {h.column.id === "select" ? (
                <input
                  type="checkbox"
                  data-testid="select-visible"
                  aria-label="表示中の注文をすべて選択"
                  title="表示中の注文をすべて選択"
                  checked={allVisibleSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = selectedVisible > 0 && !allVisibleSelected;
                  }}
                  disabled={visibleIds.length === 0}
                  onChange={() =>
                    onSelectedChange(
                      allVisibleSelected
                        ? withoutAll(selected, visibleIds)
                        : withAll(selected, visibleIds),
                    )
                  }
                />
              ) : SORTABLE[h.column.id] && onSortBy ? (
                <SortHeader
                  label={flexRender(h.column.columnDef.header, h.getContext())}
                  sortKey={SORTABLE[h.column.id]!}
                  filter={filter}
                  onSortBy={onSortBy}
                />
              ) : (
                flexRender(h.column.columnDef.header, h.getContext())
              )}
            </div>
          ))}
        </div>
        <div className="order-table-body" style={{ height: virtualizer.getTotalSize(), minWidth: layout.minWidth }}>
          {items.map((vi) => {
            const row = tableRows.get(vi.index);
            const style = {
              transform: `translateY(${vi.start}px)`,
              height: ROW_HEIGHT,
              ...gridStyle,
            };
            if (!row) {
              return (
                <div key={vi.key} className="order-row placeholder" role="row" style={style}>
                  <div className="cell skeleton" />
                </div>
              );
            }
            const order = row.original.order;
            const isSelected = selected.has(order.id);
            const classes = ["order-row"];
            if (isSelected) classes.push("selected");
            if (order.id === activeId) classes.push("active");
            if (vi.index === cursor) classes.push("cursor");
            return (
              <div
                key={vi.key}
                id={rowDomId(vi.index)}
                role="row"
                aria-rowindex={vi.index + 2}
                aria-selected={isSelected}
                className={classes.join(" ")}
                style={style}
                data-testid={`order-row-${order.mall_order_id}`}
                onClick={(e) => onRowClick(vi.index, order, e)}
              >
                {row.getVisibleCells().map((cell) => (
                  <div
                    key={cell.id}
                    role="gridcell"
                    className={`cell align-${cell.column.columnDef.meta?.align ?? "left"}`}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        {pages.total === 0 && (
          <div className="table-empty">条件に合う注文はありません。</div>
        )}
        {pages.total === null && !pages.error && (
          <div className="table-empty">読み込み中…</div>
        )}
      </div>
      {pages.error && (
        <div className="table-error" role="alert">
          <span>注文一覧を読み込めませんでした：{pages.error}</span>
          <button type="button" onClick={pages.retry}>
            再読み込み
          </button>
        </div>
      )}
    </div>
  );
}

/** A header that sorts the list: a click sorts by it (newest / largest first), a second
 * click reverses; the arrow and aria-sort say how the list is sorted now. */
function SortHeader({
  label,
  sortKey,
  filter,
  onSortBy,
}: {
  label: ReactNode;
  sortKey: SortKey;
  filter: OrderFilter;
  onSortBy: (key: SortKey) => void;
}) {
  const active = filter.sortBy === sortKey;
  return (
    <button
      type="button"
      className={active ? "sort-header active" : "sort-header"}
      data-testid={`sort-${sortKey}`}
      title="クリックで並べ替え"
      onClick={() => onSortBy(sortKey)}
    >
      {label}
      <span aria-hidden="true" className="sort-arrow">
        {active ? (filter.sort === "asc" ? "▲" : "▼") : "↕"}
      </span>
    </button>
  );
}
