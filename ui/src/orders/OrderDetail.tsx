// The right-hand pane: everything about one order, and its 発送情報 form.
import { useEffect, useState, type ReactNode, type Ref } from "react";
import { api, errorMessage } from "../api";
import type { Carrier, OrderDetail as Detail, MallView, OrderRow, Party } from "../bindings";
import { DeliveryFacts } from "./DeliveryWish";
import { Fact } from "./Fact";
import { ShipPlanDialog } from "./ShipPlanDialog";
import { formatDateTime, formatYen, formatZip } from "../format";
import { ShipmentForm } from "./ShipmentForm";
import { StatusBadge } from "./StatusBadge";

type Props = {
  orderId: number;
  refreshToken: number;
  carriers: Carrier[];
  onSaved: (row: OrderRow) => void;
  onClose: () => void;
  /** The width chosen with the handle beside the pane; null: the default (CSS). */
  width?: number | null;
  paneRef?: Ref<HTMLElement>;
  /** The mall registry (the words of a mall's 発送予定日 dialog). */
  malls?: MallView[];
};

type State = { id: number; detail: Detail | null; error: string | null };

export function OrderDetail({ orderId, refreshToken, carriers, onSaved, onClose, width = null, paneRef, malls = [] }: Props) {
  const [state, setState] = useState<State | null>(null);
  const [planning, setPlanning] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.getOrder(orderId).then(
      (detail) => {
        if (!cancelled) setState({ id: orderId, detail, error: null });
      },
      (e: unknown) => {
        if (!cancelled) setState({ id: orderId, detail: null, error: errorMessage(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [orderId, refreshToken]);

  const current = state?.id === orderId ? state : null;
  const d = current?.detail;
  const facts = d && (
    <dl className="facts">
      <Fact label="ショップ">{d.row.shop_name}</Fact>
      <Fact label="モール側ステータス">
        <MallStatus label={d.mall_status_label} raw={d.mall_status} />
      </Fact>
      <Fact label="注文日時">{formatDateTime(d.row.ordered_at)}</Fact>
      <Fact label="支払方法">{d.payment_method}</Fact>
      {d.shipments.length === 1 && <DeliveryFacts wish={d.shipments[0].delivery} n={1} />}
    </dl>
  );
  const plan = d && d.ship_plan_available ? malls.find((m) => m.mall === d.row.mall)?.ship_plan : undefined;

  return (
    <aside
      className="detail-pane"
      id="detail-pane"
      ref={paneRef}
      style={width === null ? undefined : { width }}
      data-testid="detail-pane"
      aria-label="注文詳細"
    >
      <header className="detail-head">
        <div>
          <div className="detail-caption">注文番号</div>
          <h2 className="detail-title">{d ? d.row.mall_order_id : "…"}</h2>
        </div>
        {d && <StatusBadge status={d.row.status} />}
        <button type="button" className="icon-button" aria-label="詳細を閉じる" onClick={onClose}>
          ×
        </button>
      </header>
      {!current && <p className="muted pad">読み込み中…</p>}
      {current?.error && (
        <p className="inline-message error pad" role="alert">
          注文を読み込めませんでした：{current.error}
        </p>
      )}
      {d && (
        <div className="detail-body">
          {plan && (
            <p className="ship-plan-action">
              <button type="button" data-testid="ship-plan-open" onClick={() => setPlanning(true)}>
                {plan.action}
              </button>
            </p>
          )}
          {plan && planning && (
            <ShipPlanDialog plan={plan} orderIds={[d.row.id]} onClose={() => setPlanning(false)} onDone={() => onSaved(d.row)} />
          )}
          {d.row.attention && (
            <div className="attention-box" role="note" data-testid="detail-attention">
              <strong>⚠ 要確認</strong>
              <span>{d.row.attention}</span>
            </div>
          )}
          {d.shipments.length === 1 ? (
            <>
              {/* First, so that 保存 is in view without scrolling even in a small window. */}
              <Section title="発送情報">
                <ShipmentForm key={d.row.id} orderId={d.row.id} shipment={d.shipments[0]} carriers={carriers} onSaved={onSaved} />
                <MallNote note={d.shipments[0].mall_note} n={1} />
              </Section>
              {facts}
              <div className="parties">
                <Section title="購入者">
                  <PartyView party={d.buyer} />
                </Section>
                <Section title="お届け先">
                  <PartyView party={d.shipments[0].ship_to ?? d.ship_to} />
                </Section>
              </div>
            </>
          ) : (
            <>
              {facts}
              <Section title={`発送先（${d.shipments.length}件）`}>
                <p className="muted small">この注文は発送先が複数あります。発送先ごとに伝票番号を入力してください（発送情報の更新では、1件ずつ送ります）。</p>
                {d.shipments.map((s, i) => (
                  <ShipmentCard key={`${d.row.id}-${s.shipment_ref}`} detail={d} index={i} carriers={carriers} onSaved={onSaved} />
                ))}
              </Section>
              <Section title="購入者">
                <PartyView party={d.buyer} />
              </Section>
            </>
          )}

          <Section title="商品">
            <table className="items">
              <thead>
                <tr>
                  <th>商品名</th>
                  <th>バリエーション</th>
                  <th className="num">単価</th>
                  <th className="num">数量</th>
                  <th className="num">小計</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((it) => (
                  <tr key={it.id}>
                    <td>
                      {it.name}
                      {it.sku && <div className="muted small">{it.sku}</div>}
                    </td>
                    <td>{it.variation ?? ""}</td>
                    <td className="num">{formatYen(it.unit_price)}</td>
                    <td className="num">{it.quantity}</td>
                    <td className="num">{formatYen(it.subtotal)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th colSpan={4}>送料</th>
                  <td className="num">{formatYen(d.shipping_fee)}</td>
                </tr>
                <tr className="grand">
                  <th colSpan={4}>合計</th>
                  <td className="num" data-testid="detail-total">
                    {formatYen(d.row.total)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </Section>

          <Section title="備考（購入者から）">
            <p className="memo" data-testid="detail-remark">
              {d.remark.trim() === "" ? <span className="muted">なし</span> : d.remark}
            </p>
          </Section>

          <Section title="メモ（ショップ用）">
            <p className="memo" data-testid="detail-memo">
              {d.memo.trim() === "" ? <span className="muted">なし</span> : d.memo}
            </p>
          </Section>
        </div>
      )}
    </aside>
  );
}

/** One shipment of an order with several: its destination, items, mall status and slip. */
function ShipmentCard({ detail, index, carriers, onSaved }: { detail: Detail; index: number; carriers: Carrier[]; onSaved: (row: OrderRow) => void }) {
  const s = detail.shipments[index];
  const n = index + 1;
  const items = detail.items.filter((it) => s.item_ids.includes(it.id));
  return (
    <div className="shipment-card" data-testid={`shipment-card-${n}`}>
      <div className="shipment-card-head">
        <strong>発送先 {n}</strong>
        {s.shipment_ref !== "" && <span className="muted small">モールの番号 {s.shipment_ref}</span>}
        {s.mall_status && (
          <span className="muted small">
            モール側ステータス：<MallStatus label={s.mall_status_label ?? s.mall_status} raw={s.mall_status} />
          </span>
        )}
      </div>
      <PartyView party={s.ship_to ?? detail.ship_to} />
      <dl className="facts">
        <DeliveryFacts wish={s.delivery} n={n} />
      </dl>
      <MallNote note={s.mall_note} n={n} />
      {items.length > 0 && (
        <ul className="shipment-items">
          {items.map((it) => (
            <li key={it.id}>
              {it.name}
              {it.variation ? `（${it.variation}）` : ""} × {it.quantity}
            </li>
          ))}
        </ul>
      )}
      <ShipmentForm orderId={detail.row.id} shipment={s} carriers={carriers} onSaved={onSaved} idSuffix={`-${n}`} label={`発送情報（発送先 ${n}）`} />
    </div>
  );
}

/** The mall's status in Japanese, its raw value beside it when they differ. */
/** What the shop wrote in the mall's 伝票番号 field that is not a tracking number. */
function MallNote({ note, n }: { note: string | null; n: number }) {
  if (!note) return null;
  return (
    <p className="muted small" data-testid={`shipment-note-${n}`}>
      モール側のメモ（伝票番号欄）：{note}（伝票番号ではないため、送信しません）
    </p>
  );
}

function MallStatus({ label, raw }: { label: string; raw: string }) {
  return (
    <span data-testid="mall-status">
      {label}
      {raw !== "" && raw !== label && <span className="muted small raw-status">（{raw}）</span>}
    </span>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="detail-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function PartyView({ party }: { party: Party }) {
  return (
    <div className="party">
      <div className="party-name">
        {party.name} 様
        {party.kana && <span className="party-kana muted small">{party.kana}</span>}
      </div>
      <div>
        {party.zip && <span>{formatZip(party.zip)} </span>}
        {party.address}
      </div>
      {party.phone && <div>電話: {party.phone}</div>}
      {party.email && <div>メール: {party.email}</div>}
    </div>
  );
}
