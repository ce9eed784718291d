// Column definitions of 受注一覧 (TanStack Table). Each column says its CSS grid width,
// the width its content usually needs, and, for the ones that can go when the list is
// narrow (the detail pane open in a small window), in which order they go.
import { createColumnHelper, type RowData } from "@tanstack/react-table";
import type { MouseEvent } from "react";
import type { OrderRow, SortKey } from "../bindings";
import { formatDate, formatDateTime, formatYen } from "../format";
import { StatusBadge } from "./StatusBadge";

/** One rendered line: its index in the whole list and the order at that index. */
export type WindowRow = { index: number; order: OrderRow };

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Pixels the column never goes below. */
    min: number;
    /** Pixels its content usually needs (a flexible column also takes a share of what is left). */
    fit: number;
    /** Set on a flexible column: its share of the space left (CSS fr). */
    grow?: number;
    /** Set on a column that may be hidden when the list is narrow: 1 goes first. */
    hideOrder?: number;
    align?: "right" | "center";
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface TableMeta<TData extends RowData> {
    isSelected: (id: number) => boolean;
    onCheckbox: (index: number, order: OrderRow, e: MouseEvent<HTMLInputElement>) => void;
  }
}

const col = createColumnHelper<WindowRow>();

export const orderColumns = [
  col.display({
    id: "select",
    header: "",
    meta: { min: 40, fit: 40, align: "center" },
    cell: ({ row, table }) => {
      const { index, order } = row.original;
      const meta = table.options.meta!;
      return (
        <input
          type="checkbox"
          // Not a Tab stop of its own: Space on the list's current row ticks it.
          tabIndex={-1}
          aria-label={`${order.mall_order_id} を選択`}
          checked={meta.isSelected(order.id)}
          onClick={(e) => {
            e.stopPropagation();
            meta.onCheckbox(index, order, e);
          }}
          onChange={() => {}}
        />
      );
    },
  }),
  col.accessor((r) => r.order.mall_order_id, {
    id: "mall_order_id",
    header: "注文番号",
    meta: { min: 104, fit: 132, grow: 1.2 },
    cell: ({ row }) => {
      const o = row.original.order;
      return (
        <>
          {o.attention && (
            <span className="attention-mark" title={o.attention} aria-label={`要確認: ${o.attention}`} data-testid={`attention-${o.mall_order_id}`}>
              ⚠
            </span>
          )}
          {o.mall_order_id}
        </>
      );
    },
  }),
  col.accessor((r) => r.order.ordered_at, {
    id: "ordered_at",
    header: "注文日時",
    meta: { min: 128, fit: 128, hideOrder: 4 },
    cell: (c) => formatDateTime(c.getValue()),
  }),
  col.accessor((r) => r.order.shop_name, {
    id: "shop_name",
    header: "ショップ",
    meta: { min: 80, fit: 120, grow: 1, hideOrder: 5 },
  }),
  col.accessor((r) => r.order.buyer_name, {
    id: "buyer_name",
    header: "購入者",
    meta: { min: 72, fit: 96, grow: 1 },
  }),
  col.accessor((r) => r.order.total, {
    id: "total",
    header: "合計",
    meta: { min: 84, fit: 84, align: "right" },
    cell: (c) => formatYen(c.getValue()),
  }),
  col.accessor((r) => r.order.status, {
    id: "status",
    header: "ステータス",
    meta: { min: 128, fit: 128 },
    cell: (c) => (
      <span className="status-cell">
        <StatusBadge status={c.getValue()} />
        {c.row.original.order.sent_at && (
          <span
            className="sent-mark"
            data-testid={`sent-${c.row.original.order.id}`}
            role="img"
            aria-label={`送信済み（${formatDateTime(c.row.original.order.sent_at)}）`}
            title={`発送情報の更新で送信済み（${formatDateTime(c.row.original.order.sent_at)}）`}
          >
            ✓
          </span>
        )}
      </span>
    ),
  }),
  col.accessor((r) => r.order.tracking_number, {
    id: "tracking_number",
    header: "伝票番号",
    meta: { min: 104, fit: 112, grow: 1, hideOrder: 3 },
    cell: (c) => <TrackingCell order={c.row.original.order} />,
  }),
  col.accessor((r) => r.order.ship_date, {
    id: "ship_date",
    header: "出荷日",
    meta: { min: 84, fit: 84, hideOrder: 2 },
    cell: (c) => formatDate(c.getValue()),
  }),
  col.accessor((r) => r.order.carrier, {
    id: "carrier",
    header: "配送会社",
    meta: { min: 88, fit: 88, hideOrder: 1 },
    cell: (c) => c.getValue() ?? "",
  }),
];

/** The first shipment's number; an order with several shipments says how many have one. */
function TrackingCell({ order }: { order: OrderRow }) {
  if (order.shipment_count <= 1) return <>{order.tracking_number ?? ""}</>;
  return (
    <span className="multi-shipment" data-testid={`shipments-${order.id}`} title={`発送先が${order.shipment_count}件あります（注文詳細で1件ずつ入力します）`}>
      <span className="shipment-count">
        {order.shipment_count}件口 {order.shipments_tracked}/{order.shipment_count}
      </span>
      {order.tracking_number ?? ""}
    </span>
  );
}

type Layout = {
  /** Ids of the columns left out, for TanStack's columnVisibility. */
  hidden: string[];
  /** CSS grid-template-columns of the columns shown. */
  template: string;
  /** Below this the list scrolls sideways (only when even the kept columns do not fit). */
  minWidth: number;
};

/**
 * The columns that fit in `width` pixels: the hideable ones go one by one
 * (配送会社, 出荷日, 伝票番号, 注文日時, ショップ; the detail pane shows them for the
 * open order) until what is left fits; 注文番号, 購入者, 合計 and ステータス always stay.
 */
export function columnLayout(width: number): Layout {
  const metas = orderColumns.map((c) => ({ id: c.id!, ...c.meta! }));
  const hideable = metas.filter((m) => m.hideOrder !== undefined).sort((a, b) => a.hideOrder! - b.hideOrder!);
  const hidden = new Set<string>();
  const sum = (key: "min" | "fit") => metas.filter((m) => !hidden.has(m.id)).reduce((n, m) => n + m[key], 0);
  for (const m of hideable) {
    if (sum("fit") <= width) break;
    hidden.add(m.id);
  }
  const shown = metas.filter((m) => !hidden.has(m.id));
  return {
    hidden: [...hidden],
    template: shown.map((m) => (m.grow ? `minmax(${m.min}px, ${m.grow}fr)` : `${m.min}px`)).join(" "),
    minWidth: sum("min"),
  };
}

/** The columns a header click sorts by, and the backend's key for each. */
export const SORTABLE: Partial<Record<string, SortKey>> = {
  ordered_at: "ordered_at",
  shop_name: "shop",
  total: "total",
  status: "status",
  ship_date: "ship_date",
};
