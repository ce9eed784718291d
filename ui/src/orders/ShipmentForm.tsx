// 発送情報 of one shipment of an order: 伝票番号 / 配送会社 / 出荷日, saved at once
// through saveShipment. The backend validates (tracking number format per carrier,
// dates); its Japanese message is shown as it is, next to the field it is about.
//
// 出荷日 is a plain text field: empty means "not set", and the merchant types
// 2026-12-02, 2026/12/02 or 20261202 (the backend reads all three) or presses 「今日」.
// A date input would show today's date greyed out as if it were set, and would block
// 保存 without a word on a half-typed date.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, api, errorMessage } from "../api";
import type { Carrier, OrderRow, ShipmentDetail, ShipmentInput } from "../bindings";
import { formatDateTime, readShipDate, todayJst } from "../format";
import { useDebouncedValue } from "../useDebouncedValue";

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

type Field = "tracking" | "shipDate" | "carrier";

/** The backend's error codes that are about one field of this form. */
const FIELD_OF_CODE: Record<string, Field> = {
  INVALID_TRACKING: "tracking",
  INVALID_DATE: "shipDate",
  CARRIER_REQUIRED: "carrier",
};

type Message = { kind: "ok" | "error"; text: string; field: Field | null } | null;

export function ShipmentForm({ orderId, shipment, carriers, onSaved, idSuffix = "", label = "発送情報" }: Props) {
  const [tracking, setTracking] = useState(shipment.tracking_number ?? "");
  const [shipDate, setShipDate] = useState(shipment.ship_date ?? "");
  const [carrier, setCarrier] = useState<Carrier | "">(shipment.carrier ?? "");
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const warning = useCheckDigitWarning(tracking, carrier);
  const trackingRef = useRef<HTMLInputElement>(null);
  const shipDateRef = useRef<HTMLInputElement>(null);
  const carrierRef = useRef<HTMLSelectElement>(null);
  const focusField = (field: Field) =>
    (field === "tracking" ? trackingRef : field === "shipDate" ? shipDateRef : carrierRef).current?.focus();

  const edited = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setMessage(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input: ShipmentInput = {
      shipment_ref: shipment.shipment_ref,
      tracking_number: tracking.trim() === "" ? null : tracking.trim(),
      ship_date: shipDate.trim() === "" ? null : shipDate.trim(),
      carrier: carrier === "" ? null : carrier,
    };
    setSaving(true);
    setMessage(null);
    try {
      const saved = await api.saveShipment(orderId, input);
      // Show the date the way it was stored (20261202 -> 2026-12-02).
      if (input.ship_date !== null) setShipDate(readShipDate(input.ship_date) ?? input.ship_date);
      setMessage({ kind: "ok", text: "保存しました", field: null });
      onSaved(saved);
    } catch (err) {
      const field = err instanceof ApiError ? (FIELD_OF_CODE[err.code] ?? null) : null;
      setMessage({ kind: "error", text: errorMessage(err), field });
      if (field) focusField(field);
    } finally {
      setSaving(false);
    }
  };

  const id = (name: string) => `${name}${idSuffix}`;
  const errorOf = (field: Field) => (message?.kind === "error" && message.field === field ? message.text : null);
  /** The message under a field, and what its control needs to point at it. */
  const fieldError = (field: Field, name: string) => {
    const text = errorOf(field);
    return {
      control: { "aria-invalid": text !== null, "aria-describedby": text !== null ? id(`${name}-error`) : undefined },
      node: text !== null && (
        <span className="field-error" id={id(`${name}-error`)} role="alert" data-testid={id(`${name}-error`)}>
          {text}
        </span>
      ),
    };
  };
  // Sent already: what the mall has, and a warning as soon as the slip here differs.
  const sent = shipment.sent;
  const bare = (t: string) => t.replace(/[\s\-ー－‐]/g, "").toUpperCase();
  const changedSinceSent =
    sent !== null &&
    (bare(tracking) !== bare(sent.tracking_number) ||
      (carrier === "" ? null : carrier) !== sent.carrier ||
      (readShipDate(shipDate) ?? (shipDate.trim() === "" ? null : shipDate.trim())) !== sent.ship_date);
  const trackingError = fieldError("tracking", "tracking");
  const carrierError = fieldError("carrier", "carrier");
  const dateError = fieldError("shipDate", "ship-date");

  return (
    <form className="shipment-form" onSubmit={submit} aria-label={label} noValidate>
      {sent && (
        <p className="sent-note" data-testid={id("sent-note")}>
          <span className="sent-badge">送信済み</span> {formatDateTime(sent.at)}（伝票番号 {sent.tracking_number}
          {sent.carrier ? `・${sent.carrier}` : ""}）
        </p>
      )}
      {changedSinceSent && (
        <div className="warning-box" role="note" data-testid={id("sent-changed")}>
          <strong>モールには前の発送情報が送信済みです</strong>
          <p>
            モールと購入者には、伝票番号 {sent.tracking_number} が届いています。ここで変えても、発送情報の更新では送り直しません。
          </p>
          <p>{shipment.after_send_fix}</p>
        </div>
      )}
      <div className="form-field">
        <label htmlFor={id("tracking-input")}>伝票番号</label>
        <input
          ref={trackingRef}
          id={id("tracking-input")}
          data-testid={id("tracking-input")}
          value={tracking}
          autoComplete="off"
          placeholder="例: 123456789012"
          onChange={(e) => edited(setTracking)(e.target.value)}
          {...trackingError.control}
        />
        {trackingError.node}
        {warning && !trackingError.node && (
          <span className="field-warning" role="status" data-testid={id("tracking-warning")}>
            {warning}
          </span>
        )}
      </div>
      <div className="form-field">
        <label htmlFor={id("carrier-select")}>配送会社</label>
        <select
          ref={carrierRef}
          id={id("carrier-select")}
          data-testid={id("carrier-select")}
          value={carrier}
          onChange={(e) => edited(setCarrier)(e.target.value as Carrier | "")}
          {...carrierError.control}
        >
          <option value="">（未選択）</option>
          {carriers.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        {carrierError.node}
      </div>
      <div className="form-field wide">
        <label htmlFor={id("ship-date-input")}>出荷日</label>
        <div className="date-field">
          <input
            ref={shipDateRef}
            id={id("ship-date-input")}
            data-testid={id("ship-date-input")}
            value={shipDate}
            autoComplete="off"
            placeholder="未設定（例: 2026-12-02）"
            onChange={(e) => edited(setShipDate)(e.target.value)}
            {...dateError.control}
          />
          <button
            type="button"
            data-testid={id("ship-date-today")}
            title="今日の日付を入力します"
            onClick={() => {
              edited(setShipDate)(todayJst());
              shipDateRef.current?.focus();
            }}
          >
            今日
          </button>
        </div>
        {dateError.node}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid={id("shipment-save")} disabled={saving}>
          {saving ? "保存中…" : "保存"}
        </button>
        {message && message.field === null && (
          <span
            className={message.kind === "ok" ? "inline-message ok" : "inline-message error"}
            role={message.kind === "error" ? "alert" : "status"}
            data-testid={id("shipment-message")}
          >
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}

/**
 * Core's warning when the typed number's check digit (ヤマト, 佐川, 日本郵便: 7DR) does not
 * match: a typo caught before the buyer gets a number that tracks nothing. Saving is
 * still allowed (the carrier's label is what counts).
 */
function useCheckDigitWarning(tracking: string, carrier: Carrier | ""): string | null {
  const typed = useDebouncedValue(`${carrier}\n${tracking.trim()}`, 250);
  const [warning, setWarning] = useState<{ for: string; text: string | null }>({ for: "", text: null });
  useEffect(() => {
    const [c, t] = typed.split("\n");
    if (c === "" || t === "") return;
    let cancelled = false;
    api.trackingWarning(c as Carrier, t).then(
      (text) => {
        if (!cancelled) setWarning({ for: typed, text });
      },
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [typed]);
  return warning.for === `${carrier}\n${tracking.trim()}` ? warning.text : null;
}
