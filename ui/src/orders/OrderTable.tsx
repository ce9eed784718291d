// 受注一覧: a virtualized table. Only the rows on screen (plus a small overscan) exist
// in the DOM, and only their pages are fetched (see useOrderPages).
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type Row,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, type MouseEvent } from "react";
import type { OrderRow } from "../bindings";
import { useElementWidth } from "../ui/useElementWidth";
import { columnLayout, orderColumns, type WindowRow } from "./columns";
import type { OrderFilter } from "./filter";
import { idsInRange, toggled, withAll, withoutAll } from "./selection";
import { useOrderPages } from "./useOrderPages";

export const ROW_HEIGHT = 36;

type Props = {
  /** The owner must remount this component (key) when the filter changes. */
  filter: OrderFilter;
  refreshToken: number;
  selected: ReadonlySet<number>;
  onSelectedChange: (next: Set<number>) => void;
  activeId: number | null;
  onActivate: (order: OrderRow) => void;
};

export function OrderTable({
  filter,
  refreshToken,
  selected,
  onSelectedChange,
  activeId,
  onActivate,
}: Props) {
  const pages = useOrderPages(filter, refreshToken);
  const { rowAt, ensureRange } = pages;
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<number | null>(null);

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

  return (
    <div className="order-table" role="table" aria-label="受注一覧" aria-rowcount={(pages.total ?? 0) + 1}>
      <div className="order-table-scroll" ref={scrollRef} data-testid="order-table-scroll">
        <div className="order-table-head" role="row" style={gridStyle}>
          {table.getHeaderGroups()[0].headers.map((h) => (
            <div
              key={h.id}
              role="columnheader"
              className={`cell align-${h.column.columnDef.meta?.align ?? "left"}`}
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
            return (
              <div
                key={vi.key}
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
                    role="cell"
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
