// The body of one wizard step, block by block as the mall's description gives it.
import { useState, type ReactNode } from "react";
import { api, errorMessage } from "../../api";
import type { Block, FieldSpec, WizardStep } from "../../bindings";
import { CopyField } from "../CopyField";
import { RichText } from "./RichText";
import { WizardField, type FieldState } from "./WizardField";

type Props = {
  step: WizardStep;
  fields: FieldSpec[];
  fieldState: (key: string) => FieldState;
  /** What the connect block shows (the wizard owns its state). */
  connect: ReactNode;
};

export function StepBody({ step, fields, fieldState, connect }: Props) {
  const ctx = { fields, fieldState, connect };
  return (
    <>
      <h3 tabIndex={-1} className="wizard-heading">
        {step.heading}
      </h3>
      {step.blocks.map((b, i) => (
        <BlockView key={i} block={b} ctx={ctx} />
      ))}
    </>
  );
}

type Ctx = Omit<Props, "step">;

function BlockView({ block, ctx }: { block: Block; ctx: Ctx }) {
  switch (block.kind) {
    case "text":
      return (
        <p>
          <RichText text={block.text} />
        </p>
      );
    case "note":
      return (
        <p className="muted small">
          <RichText text={block.text} />
        </p>
      );
    case "steps":
      return (
        <ol className="how-to">
          {block.items.map((item) => (
            <li key={item}>
              <RichText text={item} />
            </li>
          ))}
        </ol>
      );
    case "link":
      return <LinkButton label={block.label} url={block.url} testId={block.id} />;
    case "copy":
      return <CopyField value={block.value} label={block.label} testId={block.id} copyTestId={`${block.id}-copy`} />;
    case "guide":
      return (
        <table className="app-form-guide">
          <tbody>
            {block.rows.map((row) => (
              <tr key={row.label}>
                <th>{row.label}</th>
                <td>
                  {row.text && <RichText text={row.text} />}
                  {row.bullets.length > 0 && (
                    <ul className="scopes">
                      {row.bullets.map((b) => (
                        <li key={b}>{b}</li>
                      ))}
                    </ul>
                  )}
                  {row.copies.map((c, i) => (
                    <div key={c.id}>
                      <p className={i === 0 ? "guide-lead" : "muted small guide-alt"}>{c.lead}</p>
                      <CopyField value={c.value} label={c.label} testId={c.id} copyTestId={`${c.id}-copy`} />
                    </div>
                  ))}
                  {row.fields.map((key) => (
                    <FieldByKey key={key} fieldKey={key} ctx={ctx} bare />
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case "fields":
      return (
        <>
          {block.keys.map((key) => (
            <FieldByKey key={key} fieldKey={key} ctx={ctx} />
          ))}
        </>
      );
    case "connect":
      return <>{ctx.connect}</>;
  }
}

/** A field by its key; a field that `follows` is drawn by the one before it. */
function FieldByKey({ fieldKey, ctx, bare = false }: { fieldKey: string; ctx: Ctx; bare?: boolean }) {
  const at = ctx.fields.findIndex((f) => f.key === fieldKey);
  const spec = ctx.fields[at];
  if (!spec || spec.follows) return null;
  const next = ctx.fields[at + 1];
  const follower = next?.follows ? { spec: next, state: ctx.fieldState(next.key) } : undefined;
  return <WizardField spec={spec} state={ctx.fieldState(spec.key)} follower={follower} bare={bare} />;
}

function LinkButton({ label, url, testId }: { label: string; url: string; testId: string }) {
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setError(null);
    try {
      await api.openExternal(url);
    } catch (e) {
      setError(`ブラウザを開けませんでした。${url} をブラウザで開いてください。（${errorMessage(e)}）`);
    }
  };
  return (
    <>
      <p>
        <button type="button" className="primary" data-testid={testId} onClick={open}>
          {label}
        </button>
        <span className="muted small url-note">{url}</span>
      </p>
      {error && (
        <p className="inline-message error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
