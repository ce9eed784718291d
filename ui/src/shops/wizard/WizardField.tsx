// One field of a wizard, drawn from its description: label, input (text, secret,
// number, URL, check box, select, radio), unit, hint, and core's sentence under it when
// something is wrong. A field that `follows` sits on the previous field's line.
import type { ReactNode } from "react";
import type { FieldSpec } from "../../bindings";
import { errorTestId, fieldId, inputTestId } from "./fieldIds";

export type FieldState = {
  value: string;
  /** Core's sentence, once the step's errors are shown. */
  error: string | undefined;
  /** A credential already in the keyring: blank keeps it. */
  stored: boolean;
  onChange: (value: string) => void;
};

const KEEP_HINT = "設定済みです。変える場合だけ入力してください（空欄のままなら今の値を使います）。";

type Props = {
  spec: FieldSpec;
  state: FieldState;
  /** The field laid out after it on the same line (自動取得 → its interval). */
  follower?: { spec: FieldSpec; state: FieldState };
  /** Inside a guide line: the label is a sentence above the input, no label column. */
  bare?: boolean;
};

export function WizardField({ spec, state, follower, bare = false }: Props) {
  const hint = state.stored ? KEEP_HINT : spec.hint;
  const errors = [
    { key: spec.key, text: state.error },
    { key: follower?.spec.key ?? "", text: follower?.state.error },
  ].filter((e) => e.text);
  const control = (
    <>
      <span className={follower || spec.unit ? "with-unit" : undefined}>
        <Input spec={spec} state={state} />
        {spec.unit}
        {follower && <Input spec={follower.spec} state={follower.state} disabled={state.value !== "on"} />}
      </span>
      {hint && <div className="muted small">{hint}</div>}
      {errors.map((e) => (
        <div key={e.key} className="field-error" id={errorTestId(e.key)} role="alert" data-testid={errorTestId(e.key)}>
          {e.text}
        </div>
      ))}
    </>
  );
  if (bare) {
    return (
      <>
        <p className="guide-lead">{spec.label}</p>
        {control}
      </>
    );
  }
  const labelled = spec.input.kind !== "checkbox" && spec.input.kind !== "radio";
  return (
    <div className="wizard-field">
      {labelled ? (
        <label className="wizard-label" htmlFor={fieldId(spec.key)}>
          {spec.label}
        </label>
      ) : (
        <span className="wizard-label">{spec.label}</span>
      )}
      <div className="wizard-control">{control}</div>
    </div>
  );
}

function Input({ spec, state, disabled = false }: { spec: FieldSpec; state: FieldState; disabled?: boolean }): ReactNode {
  const id = fieldId(spec.key);
  const invalid = state.error ? true : undefined;
  const described = state.error ? errorTestId(spec.key) : undefined;
  const common = {
    id,
    "data-testid": inputTestId(spec.key),
    disabled,
    "aria-invalid": invalid,
    "aria-describedby": described,
  };
  switch (spec.input.kind) {
    case "text":
    case "secret":
    case "number":
    case "url":
      return (
        <input
          {...common}
          type={spec.input.kind === "secret" ? "password" : spec.input.kind === "url" ? "url" : "text"}
          className={spec.input.kind === "number" ? "narrow" : undefined}
          inputMode={spec.input.kind === "number" ? "numeric" : undefined}
          value={state.value}
          autoComplete="off"
          spellCheck={false}
          placeholder={state.stored ? (spec.input.kind === "secret" ? "●●●●●●●●（設定済み）" : "設定済み") : (spec.placeholder ?? "")}
          onChange={(e) => state.onChange(e.target.value)}
        />
      );
    case "checkbox":
      return (
        <label className="check">
          <input {...common} type="checkbox" checked={state.value === "on"} onChange={(e) => state.onChange(e.target.checked ? "on" : "off")} />
          {spec.input.text}
        </label>
      );
    case "select": {
      const choices = spec.input.choices.some((c) => c.value === state.value)
        ? spec.input.choices
        : [...spec.input.choices, { value: state.value, label: state.value, note: null }];
      return (
        <select {...common} aria-label={spec.label} value={state.value} onChange={(e) => state.onChange(e.target.value)}>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      );
    }
    case "radio":
      return (
        <div className="radios" role="radiogroup" aria-label={spec.label} aria-describedby={described}>
          {spec.input.choices.map((c) => (
            <label key={c.value} className="check">
              <input
                type="radio"
                name={id}
                data-testid={`${id}-${c.value}`}
                disabled={disabled}
                checked={state.value === c.value}
                onChange={() => state.onChange(c.value)}
              />
              {c.label}
              {c.note && <span className="muted small">{c.note}</span>}
            </label>
          ))}
        </div>
      );
  }
}
