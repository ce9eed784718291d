// Column definitions of 受注一覧 (TanStack Table). Each column says its CSS grid width.
import { createColumnHelper, type RowData } from "@tanstack/react-table";
import type { MouseEvent } from "react";
import type { OrderRow } from "../bindings";
import { formatDate, formatDateTime, formatYen } from "../format";
import { StatusBadge } from "./StatusBadge";

/** One rendered line: its index in the whole list and the order at that index. */
export type WindowRow = { index: number; order: OrderRow };

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    width: string;
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
    meta: { width: "40px", align: "center" },
    cell: ({ row, table }) => {
      const { index, order } = row.original;
      const meta = table.options.meta!;
      return (
        <input
          type="checkbox"
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
    meta: { width: "minmax(116px, 1.2fr)" },
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
    meta: { width: "132px" },
    cell: (c) => formatDateTime(c.getValue()),
  }),
  col.accessor((r) => r.order.shop_name, {
    id: "shop_name",
    header: "ショップ",
    meta: { width: "minmax(88px, 1fr)" },
  }),
  col.accessor((r) => r.order.buyer_name, {
    id: "buyer_name",
    header: "購入者",
    meta: { width: "minmax(80px, 1fr)" },
  }),
  col.accessor((r) => r.order.total, {
    id: "total",
    header: "合計",
    meta: { width: "84px", align: "right" },
    cell: (c) => formatYen(c.getValue()),
  }),
  col.accessor((r) => r.order.status, {
    id: "status",
    header: "ステータス",
    meta: { width: "112px" },
    cell: (c) => <StatusBadge status={c.getValue()} />,
  }),
  col.accessor((r) => r.order.tracking_number, {
    id: "tracking_number",
    header: "伝票番号",
    meta: { width: "minmax(104px, 1fr)" },
    cell: (c) => <TrackingCell order={c.row.original.order} />,
  }),
  col.accessor((r) => r.order.ship_date, {
    id: "ship_date",
    header: "出荷日",
    meta: { width: "84px" },
    cell: (c) => formatDate(c.getValue()),
  }),
  col.accessor((r) => r.order.carrier, {
    id: "carrier",
    header: "配送会社",
    meta: { width: "88px" },
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

export const gridTemplate = orderColumns.map((c) => c.meta!.width).join(" ");
