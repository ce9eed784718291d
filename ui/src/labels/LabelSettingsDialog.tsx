// 送り状設定 of one shop: what 送り状データ出力 prints as ご依頼主, the carriers' customer
// codes, the service each format uses, 品名, 出荷予定日 and 代金引換. As the merchant types,
// core checks every field (its Japanese sentence under the field) and shows the row these
// settings would write for the shop's newest shipment (the 出力見本), the way 接続テスト
// checks a shop before it is used. 保存 stays off while a field is wrong.
import { useEffect, useState, type ReactNode } from "react";
import { api, errorMessage } from "../api";
import type {
  FieldError,
  LabelCatalog,
  LabelFormat,
  LabelSettings,
  LabelSettingsCheck,
  MethodService,
  Sender,
  Service,
  SlotCode,
  TimeSlot,
} from "../bindings";
import { useDebouncedValue } from "../useDebouncedValue";
import { Modal } from "../ui/Modal";
import { Spinner } from "../ui/Spinner";

type Props = {
  shopId: number;
  shopName: string;
  onClose: () => void;
};

/**
 * LabelSettings as core sends it: every field present. (Its fields are optional in the
 * bindings because core fills in a missing one when it reads settings back.)
 */
type Full = Required<Omit<LabelSettings, "sender">> & { sender: Required<Sender> };
const full = (s: LabelSettings) => s as Full;

type Loaded = { settings: Full; catalog: LabelCatalog };

/** The check waits this long after the last keystroke. */
const CHECK_DELAY_MS = 300;

export function LabelSettingsDialog({ shopId, shopName, onClose }: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [settings, setSettings] = useState<Full | null>(null);
  const [format, setFormat] = useState<LabelFormat>("b2");
  /** The last check's answer, and the settings and format it was for. */
  const [answer, setAnswer] = useState<{ of: Full; format: LabelFormat; check: LabelSettingsCheck } | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.labelSettings(shopId), api.labelCatalog()]).then(
      ([s, catalog]) => {
        if (cancelled) return;
        setLoaded({ settings: full(s), catalog });
        setSettings(full(s));
      },
      (e: unknown) => {
        if (!cancelled) setLoadError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [shopId]);

  const checked = useDebouncedValue(settings, CHECK_DELAY_MS);
  useEffect(() => {
    if (checked === null) return;
    let cancelled = false;
    api.checkLabelSettings(shopId, format, checked).then(
      (check) => {
        if (cancelled) return;
        setAnswer({ of: checked, format, check });
        setCheckError(null);
      },
      (e: unknown) => {
        if (!cancelled) setCheckError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [shopId, format, checked]);

  const update = (change: (s: Full) => Full) => {
    setSettings((s) => (s === null ? s : change(s)));
    setSaved(false);
    setSaveError(null);
  };
  const setSender = (key: keyof Sender) => (value: string) =>
    update((s) => ({ ...s, sender: { ...s.sender, [key]: value } }));
  const setField =
    <K extends keyof Full>(key: K) =>
    (value: Full[K]) =>
      update((s) => ({ ...s, [key]: value }));

  // Saving waits for the check of what is on screen now (it lags the typing a little).
  const current = answer !== null && answer.of === settings && answer.format === format;
  const check = answer?.check ?? null;
  const problems: FieldError[] = check?.problems ?? [];
  const problemOf = (key: string) => problems.filter((p) => p.key === key).map((p) => p.message);

  const save = async () => {
    if (settings === null) return;
    setSaving(true);
    setSaveError(null);
    try {
      await api.setLabelSettings(shopId, settings);
      setSaved(true);
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const footer = (
    <>
      {saved && (
        <span className="inline-message ok" role="status" data-testid="label-settings-saved">
          保存しました
        </span>
      )}
      <button type="button" disabled={saving} onClick={onClose} data-testid="label-settings-close">
        {saved ? "閉じる" : "キャンセル"}
      </button>
      <button
        type="button"
        className="primary"
        data-testid="label-settings-save"
        disabled={settings === null || saving || !current || problems.length > 0}
        onClick={save}
      >
        {saving && <Spinner label="保存中" />}
        保存
      </button>
    </>
  );

  return (
    <Modal title={`送り状設定 — ${shopName}`} onClose={onClose} busy={saving} wide testId="label-settings-dialog" footer={footer}>
      {loadError && (
        <p className="inline-message error" role="alert">
          {loadError}
        </p>
      )}
      {settings === null || loaded === null ? (
        !loadError && (
          <p className="muted">
            <Spinner /> 読み込んでいます…
          </p>
        )
      ) : (
        <div className="label-settings">
          <div className="label-settings-form">
            <p className="muted small">
              送り状データ出力で使う、この店舗の設定です。右の「出力見本」で、送り状ソフトに取り込む1行を確かめられます。
            </p>
            {saveError && (
              <p className="inline-message error" role="alert" data-testid="label-settings-error">
                {saveError}
              </p>
            )}
            <Section title="ご依頼主（送り状に印字される差出人）">
              <Text label="ご依頼主名" id="sender-name" value={settings.sender.name} onChange={setSender("name")} errors={problemOf("sender.name")} placeholder="例: テスト商店" />
              <Text
                label="ご依頼主名のカナ"
                id="sender-kana"
                value={settings.sender.kana}
                onChange={setSender("kana")}
                errors={problemOf("sender.kana")}
                help="B2クラウドの略称カナ。カタカナで入力すると半角カナで出力します。"
              />
              <Text label="電話番号" id="sender-phone" value={settings.sender.phone} onChange={setSender("phone")} errors={problemOf("sender.phone")} placeholder="例: 03-1234-5678" />
              <Text label="郵便番号" id="sender-zip" value={settings.sender.zip} onChange={setSender("zip")} errors={problemOf("sender.zip")} placeholder="例: 150-0001" />
              <Text label="住所" id="sender-address" value={settings.sender.address} onChange={setSender("address")} errors={problemOf("sender.address")} wide />
              <Text label="建物名" id="sender-building" value={settings.sender.building} onChange={setSender("building")} errors={problemOf("sender.building")} wide />
            </Section>
            <Section title="ヤマト B2クラウド">
              <Text
                label="ご請求先顧客コード"
                id="b2-billing-code"
                value={settings.b2_billing_code}
                onChange={setField("b2_billing_code")}
                errors={problemOf("b2_billing_code")}
                help="B2クラウドの「ご請求先」に出ている10〜12桁の数字。空欄のままでは B2クラウドが取り込みません。"
              />
              <Text label="ご請求先分類コード" id="b2-billing-class" value={settings.b2_billing_class} onChange={setField("b2_billing_class")} errors={problemOf("b2_billing_class")} help="使っていなければ空欄のまま。" />
              <Text label="運賃管理番号" id="b2-freight-no" value={settings.b2_freight_no} onChange={setField("b2_freight_no")} errors={problemOf("b2_freight_no")} help="ふつうは 01。" />
              <ServiceSelect label="送り状種類（既定）" id="b2-default" format="b2" catalog={loaded.catalog} value={settings.b2_default} onChange={setField("b2_default")} errors={problemOf("b2_default")} />
              <label className="checkbox-field">
                <input
                  type="checkbox"
                  data-testid="label-settings-nekopos-7"
                  checked={settings.b2_nekopos_as_7}
                  onChange={(e) => setField("b2_nekopos_as_7")(e.target.checked)}
                />
                ネコポスを旧コード「7」で出力する（今の B2クラウドでは 7 はクロネコゆうパケット、ネコポスは A です。古い取込設定のままの場合だけ選んでください）
              </label>
            </Section>
            <Section title="佐川 e飛伝Ⅲ">
              <Text
                label="お客様コード"
                id="sagawa-customer-code"
                value={settings.sagawa_customer_code}
                onChange={setField("sagawa_customer_code")}
                errors={problemOf("sagawa_customer_code")}
                help="佐川急便との契約の12桁の数字（ハイフンなし）。"
              />
            </Section>
            <Section title="日本郵便 ゆうプリR">
              <Text
                label="送り状種別"
                id="yupri-form-code"
                value={settings.yupri_form_code}
                onChange={setField("yupri_form_code")}
                errors={problemOf("yupri_form_code")}
                help="ゆうプリRの取込設定に出ている数字のコード（例: 1100780）。"
              />
              <ServiceSelect label="郵便種別（既定）" id="yupri-default" format="yupri" catalog={loaded.catalog} value={settings.yupri_default} onChange={setField("yupri_default")} errors={problemOf("yupri_default")} />
              <SlotCodes slots={loaded.catalog.slots} value={settings.yupri_slot_codes} onChange={setField("yupri_slot_codes")} errors={problemOf("yupri_slot_codes")} />
            </Section>
            <Section title="配送方法ごとの送り状の種類">
              <MethodServices catalog={loaded.catalog} value={settings.method_services} onChange={setField("method_services")} errors={problemOf("method_services")} />
            </Section>
            <Section title="すべての送り状">
              <Text label="品名" id="item-name" value={settings.item_name} onChange={setField("item_name")} errors={problemOf("item_name")} help="空欄にすると、注文の最初の商品名を印字します。" />
              <NumberField
                label="出荷予定日（出力した日の何日後）"
                id="ship-offset"
                value={settings.ship_offset_days}
                onChange={setField("ship_offset_days")}
                errors={problemOf("ship_offset_days")}
                unit="日後"
              />
              <Text
                label="代金引換の支払方法"
                id="cod-methods"
                value={settings.cod_payment_methods.join("、")}
                onChange={(v) => setField("cod_payment_methods")(splitList(v))}
                errors={problemOf("cod_payment_methods")}
                help="この名前の支払方法の注文を代金引換で出力します（「、」で区切ります）。"
                wide
              />
              <NumberField label="代金引換の消費税率" id="cod-tax" value={settings.cod_tax_percent} onChange={setField("cod_tax_percent")} errors={problemOf("cod_tax_percent")} unit="%" />
            </Section>
          </div>
          <SamplePane
            check={check}
            current={current}
            checkError={checkError}
            format={format}
            catalog={loaded.catalog}
            onFormat={setFormat}
          />
        </div>
      )}
    </Modal>
  );
}

function splitList(v: string): string[] {
  return v
    .split(/[、,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="label-settings-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

type FieldProps = {
  label: string;
  id: string;
  errors: string[];
  help?: string;
};

/** A field's label, control, help and the check's sentences. */
function Field({ label, id, errors, help, wide, children }: FieldProps & { wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? "form-field wide" : "form-field"}>
      <label htmlFor={`label-settings-${id}`}>{label}</label>
      {children}
      {help && <span className="muted small">{help}</span>}
      <Problems errors={errors} testId={`label-settings-${id}-error`} />
    </div>
  );
}

/** The check's sentences about one field, under it. */
function Problems({ errors, testId }: { errors: string[]; testId: string }) {
  return errors.map((m) => (
    <span key={m} className="field-error" role="alert" data-testid={testId}>
      {m}
    </span>
  ));
}

function Text({
  value,
  onChange,
  placeholder,
  wide,
  ...field
}: FieldProps & { value: string; onChange: (v: string) => void; placeholder?: string; wide?: boolean }) {
  return (
    <Field {...field} wide={wide}>
      <input
        id={`label-settings-${field.id}`}
        data-testid={`label-settings-${field.id}`}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        aria-invalid={field.errors.length > 0}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

function NumberField({ value, onChange, unit, ...field }: FieldProps & { value: number; onChange: (v: number) => void; unit: string }) {
  return (
    <Field {...field}>
      <span className="number-field">
        <input
          id={`label-settings-${field.id}`}
          data-testid={`label-settings-${field.id}`}
          type="number"
          min={0}
          value={value}
          aria-invalid={field.errors.length > 0}
          onChange={(e) => onChange(Math.max(0, Math.trunc(Number(e.target.value) || 0)))}
        />
        {unit}
      </span>
    </Field>
  );
}

function ServiceSelect({
  format,
  catalog,
  value,
  onChange,
  ...field
}: FieldProps & { format: LabelFormat; catalog: LabelCatalog; value: Service; onChange: (s: Service) => void }) {
  const services = catalog.formats.find((f) => f.format === format)?.services ?? [];
  return (
    <Field {...field}>
      <select id={`label-settings-${field.id}`} data-testid={`label-settings-${field.id}`} value={value} onChange={(e) => onChange(e.target.value as Service)}>
        {services.map((s) => (
          <option key={s.service} value={s.service}>
            {s.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * The shop's shipping methods (as the mall names them on the order) and the service each
 * is printed with; a method not listed goes with the format's default above.
 */
function MethodServices({
  catalog,
  value,
  onChange,
  errors,
}: {
  catalog: LabelCatalog;
  value: MethodService[];
  onChange: (v: MethodService[]) => void;
  errors: string[];
}) {
  const set = (i: number, row: MethodService) => onChange(value.map((r, n) => (n === i ? row : r)));
  return (
    <div className="form-field wide" data-testid="label-settings-methods">
      <span className="muted small">
        注文の配送方法（モールでの名前。例: ネコポス、宅急便コンパクト）と、その送り状の種類です。ここにない配送方法は、各形式の既定で出力します。
      </span>
      {value.map((r, i) => (
        <div className="method-row" key={i}>
          <input
            aria-label="配送方法"
            data-testid={`label-settings-method-${i}`}
            value={r.method}
            placeholder="例: ネコポス"
            onChange={(e) => set(i, { ...r, method: e.target.value })}
          />
          <select
            aria-label="送り状の種類"
            data-testid={`label-settings-method-service-${i}`}
            value={r.service}
            onChange={(e) => set(i, { ...r, service: e.target.value as Service })}
          >
            {catalog.formats.map((f) => (
              <optgroup key={f.format} label={f.label}>
                {f.services.map((s) => (
                  <option key={s.service} value={s.service}>
                    {s.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <button type="button" aria-label="この行を削除" onClick={() => onChange(value.filter((_, n) => n !== i))}>
            削除
          </button>
        </div>
      ))}
      <div>
        <button type="button" data-testid="label-settings-method-add" onClick={() => onChange([...value, { method: "", service: "takkyubin" }])}>
          ＋ 配送方法を追加
        </button>
      </div>
      <Problems errors={errors} testId="label-settings-methods-error" />
    </div>
  );
}

/** ゆうプリR's code for each delivery time slot (only the slots with a code are written). */
function SlotCodes({
  slots,
  value,
  onChange,
  errors,
}: {
  slots: TimeSlot[];
  value: SlotCode[];
  onChange: (v: SlotCode[]) => void;
  errors: string[];
}) {
  const codeOf = (slot: TimeSlot) => value.find((c) => c.slot === slot)?.code ?? "";
  const set = (slot: TimeSlot, code: string) =>
    onChange(slots.flatMap((s) => {
      const c = s === slot ? code.trim() : codeOf(s);
      return c === "" ? [] : [{ slot: s, code: c }];
    }));
  return (
    <div className="form-field wide">
      <span>お届け時間帯のコード</span>
      <div className="slot-codes">
        {slots.map((slot) => (
          <label key={slot}>
            {slot}
            <input
              data-testid={`label-settings-slot-${slot}`}
              value={codeOf(slot)}
              size={3}
              onChange={(e) => set(slot, e.target.value)}
            />
          </label>
        ))}
      </div>
      <span className="muted small">ゆうプリRの取込設定の時間帯コード（2桁）。空欄の時間帯は指定なしで出力します。</span>
      <Problems errors={errors} testId="label-settings-yupri-slots-error" />
    </div>
  );
}

type SampleProps = {
  check: LabelSettingsCheck | null;
  current: boolean;
  checkError: string | null;
  format: LabelFormat;
  catalog: LabelCatalog;
  onFormat: (f: LabelFormat) => void;
};

/** The 出力見本: the row these settings would write, and what the export would stop at. */
function SamplePane({ check, current, checkError, format, catalog, onFormat }: SampleProps) {
  const sample = check?.sample ?? null;
  return (
    <section className="label-sample" aria-label="出力見本" data-testid="label-settings-sample">
      <h3 className="export-h">出力見本</h3>
      <label>
        形式{" "}
        <select data-testid="label-settings-format" value={format} onChange={(e) => onFormat(e.target.value as LabelFormat)}>
          {catalog.formats.map((f) => (
            <option key={f.format} value={f.format}>
              {f.label}
            </option>
          ))}
        </select>
        {!current && !checkError && <Spinner label="確認中" />}
      </label>
      {checkError && (
        <p className="inline-message error" role="alert">
          {checkError}
        </p>
      )}
      {sample && (
        <>
          <p className="muted small" data-testid="label-settings-sample-order">
            {sample.mall_order_id === null
              ? "この店舗にはまだ出力できる注文がないため、見本の注文で表示しています。"
              : `注文 ${sample.mall_order_id} を出力した場合の1行です。`}
            {sample.service && `（${sample.service}）`}
          </p>
          {sample.blocked && (
            <p className="warning-box" role="note" data-testid="label-settings-sample-blocked">
              {sample.blocked}
            </p>
          )}
          {sample.issues.length > 0 && (
            <ul className="warning-box label-sample-issues" data-testid="label-settings-sample-issues">
              {sample.issues.map((i) => (
                <li key={`${i.column_no}:${i.message}`}>{i.message}</li>
              ))}
            </ul>
          )}
          {sample.issues.length === 0 && !sample.blocked && (
            <p className="inline-message ok" data-testid="label-settings-sample-ok">
              この設定で出力できます。
            </p>
          )}
          <div className="export-table-wrap">
            <table className="export-table" data-testid="label-settings-sample-cells">
              <thead>
                <tr>
                  <th>列</th>
                  <th>項目</th>
                  <th>出力する内容</th>
                </tr>
              </thead>
              <tbody>
                {sample.cells.map((c) => (
                  <tr key={c.no}>
                    <td>{c.no}</td>
                    <td>{c.column}</td>
                    <td>{c.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
