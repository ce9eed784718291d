// 発送情報 of one shipment of an order: 伝票番号 / 出荷日 / 配送会社, saved at once
// through saveShipment. The backend validates (tracking number format per carrier,
// dates); its Japanese message is shown as it is.
import { useState, type FormEvent } from "react";
import { api, errorMessage } from "../api";
import type { Carrier, OrderRow, ShipmentDetail, ShipmentInput } from "../bindings";

type Props = {
  orderId: number;
  /** The shipment as last loaded; the form starts from its fields. */
  shipment: ShipmentDetail;
  carriers: Carrier[];
  onSaved: (row: OrderRow) => void;
  /** Appended to the test ids when the order has several shipments ("-2"). */
  idSuffix?: string;
  label?: string;
};

type Message = { kind: "ok" | "error"; text: string } | null;

export function ShipmentForm({ orderId, shipment, carriers, onSaved, idSuffix = "", label = "発送情報" }: Props) {
  const [tracking, setTracking] = useState(shipment.tracking_number ?? "");
  const [shipDate, setShipDate] = useState(shipment.ship_date ?? "");
  const [carrier, setCarrier] = useState<Carrier | "">(shipment.carrier ?? "");
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  const edited = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setMessage(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input: ShipmentInput = {
      shipment_ref: shipment.shipment_ref,
      tracking_number: tracking.trim() === "" ? null : tracking.trim(),
      ship_date: shipDate === "" ? null : shipDate,
      carrier: carrier === "" ? null : carrier,
    };
    setSaving(true);
    setMessage(null);
    try {
      const saved = await api.saveShipment(orderId, input);
      setMessage({ kind: "ok", text: "保存しました" });
      onSaved(saved);
    } catch (err) {
      setMessage({ kind: "error", text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="shipment-form" onSubmit={submit} aria-label={label}>
      <label className="form-field">
        <span>伝票番号</span>
        <input
          id={`tracking-input${idSuffix}`}
          data-testid={`tracking-input${idSuffix}`}
          value={tracking}
          autoComplete="off"
          placeholder="例: 123456789012"
          onChange={(e) => edited(setTracking)(e.target.value)}
        />
      </label>
      <label className="form-field">
        <span>出荷日</span>
        <input
          id={`ship-date-input${idSuffix}`}
          data-testid={`ship-date-input${idSuffix}`}
          type="date"
          value={shipDate}
          onChange={(e) => edited(setShipDate)(e.target.value)}
        />
      </label>
      <label className="form-field">
        <span>配送会社</span>
        <select
          id={`carrier-select${idSuffix}`}
          data-testid={`carrier-select${idSuffix}`}
          value={carrier}
          onChange={(e) => edited(setCarrier)(e.target.value as Carrier | "")}
        >
          <option value="">（未選択）</option>
          {carriers.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid={`shipment-save${idSuffix}`} disabled={saving}>
          {saving ? "保存中…" : "保存"}
        </button>
        {message && (
          <span
            className={message.kind === "ok" ? "inline-message ok" : "inline-message error"}
            role={message.kind === "error" ? "alert" : "status"}
            data-testid={`shipment-message${idSuffix}`}
          >
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
