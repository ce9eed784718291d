// The setup wizard of any mall (追加 → a mall, 編集 or 設定を続ける of a shop), drawn from
// the description core serves for the mall (steps, texts, fields, connect step). Core
// checks every field (api.checkShopForm) and saves the shop; this component only keeps
// what is typed, the step, and the connect step's state.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, errorMessage, onAuthorizationFinished } from "../../api";
import type { AppInfo, AuthorizationFinished, FieldError, Mall, ShopStatus, WizardStart } from "../../bindings";
import { Spinner } from "../../ui/Spinner";
import { mallLabel, mallView } from "../shopDefaults";
import { ConnectStep, type Auth } from "./ConnectStep";
import { LeaveDialog, type LeaveKind } from "./LeaveDialog";
import { StepBody } from "./StepBody";
import type { FieldState } from "./WizardField";
import { stepOfField, stepFieldKeys } from "./wizardSteps";

type Props = {
  info: AppInfo;
  mall: Mall;
  /** The shop being edited (or finished), or null to add a new one. */
  existing: ShopStatus | null;
  /** The wizard ended with a connected shop: back to the list. */
  onDone: () => void;
  /** The merchant left (after being asked, when something would be lost). */
  onCancel: () => void;
  /** The shop was saved while the wizard stays open (the list should be read again). */
  onSaved?: () => void;
};

export function ShopWizard(props: Props) {
  const { mall, existing } = props;
  const [start, setStart] = useState<WizardStart | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.wizardStart(mall, existing?.shop.id ?? null).then(
      (s) => !cancelled && setStart(s),
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [mall, existing]);
  if (error) {
    return (
      <section className="wizard" data-testid="shop-wizard">
        <p className="inline-message error" role="alert">
          設定画面を開けませんでした：{error}
        </p>
        <button type="button" data-testid="wizard-cancel" onClick={props.onCancel}>
          一覧に戻る
        </button>
      </section>
    );
  }
  if (!start) return <p className="muted">読み込み中…</p>;
  return <Wizard {...props} start={start} />;
}

function Wizard({ info, mall, existing, start, onDone, onCancel, onSaved }: Props & { start: WizardStart }) {
  const wizard = start.wizard;
  const last = wizard.steps.length;
  const label = mallLabel(info, mall);
  const browser = mallView(info, mall)?.connect === "browser";
  const editing = existing !== null;

  const [step, setStep] = useState(editing ? wizard.edit_starts_at : 1);
  const [values, setValues] = useState(start.values);
  const [savedValues, setSavedValues] = useState(start.values);
  const [stored, setStored] = useState(start.stored);
  const [connected, setConnected] = useState(start.connected);
  const [shopId, setShopId] = useState<number | null>(existing?.shop.id ?? null);
  const [createdHere, setCreatedHere] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [shown, setShown] = useState<Set<number>>(new Set());
  const [leaving, setLeaving] = useState<LeaveKind | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [finishError, setFinishError] = useState<string | null>(null);
  // The ref follows every change at once, so that an event and a pasted URL arriving
  // together do not both run the connection test.
  const [auth, setAuthState] = useState<Auth>({ kind: "idle" });
  const authRef = useRef<Auth>(auth);
  const setAuth = (a: Auth) => {
    authRef.current = a;
    setAuthState(a);
  };

  const credentialKeys = wizard.fields.filter((f) => f.group === "credential").map((f) => f.key);
  const keysTyped = credentialKeys.some((k) => (values[k] ?? "").trim() !== "");
  const dirty = Object.keys(values).some((k) => values[k] !== savedValues[k]);

  // Core's sentences for the fields, kept current as the merchant types.
  const check = async (): Promise<FieldError[]> => {
    const found = await api.checkShopForm({ mall, values }, shopId);
    setErrors(found);
    return found;
  };
  useEffect(() => {
    let cancelled = false;
    const t = setTimeout(() => {
      api.checkShopForm({ mall, values }, shopId).then(
        (found) => !cancelled && setErrors(found),
        () => {},
      );
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [mall, values, shopId]);

  const fieldState = (key: string): FieldState => ({
    value: values[key] ?? "",
    error: shown.has(stepOfField(wizard, key)) ? errors.find((e) => e.key === key)?.message : undefined,
    stored: stored[key] === true,
    onChange: (v) => setValues((all) => ({ ...all, [key]: v })),
  });

  const goTo = (n: number) => {
    // Leaving the connect step ends a wait: the button must work again on return.
    if (authRef.current.kind === "waiting") setAuth({ kind: "idle" });
    setStep(n);
  };

  // One 次へ at a time: a second press while core checks the step is ignored.
  const advancing = useRef(false);
  const next = async () => {
    if (advancing.current) return;
    advancing.current = true;
    try {
      const found = await check();
      const here = stepFieldKeys(wizard, step);
      if (found.some((e) => here.includes(e.key))) {
        setShown((s) => new Set(s).add(step));
        return;
      }
      goTo(Math.min(last, step + 1));
    } catch (e) {
      setFinishError(errorMessage(e));
    } finally {
      advancing.current = false;
    }
  };

  /** Every step valid; otherwise shows the errors and goes to the first bad step. */
  const checkAll = async (): Promise<boolean> => {
    const found = await check();
    for (let n = 1; n <= last; n++) {
      const keys = stepFieldKeys(wizard, n);
      if (found.some((e) => keys.includes(e.key))) {
        setShown((s) => new Set(s).add(n));
        goTo(n);
        return false;
      }
    }
    if (found.length > 0) {
      setFinishError(found.map((e) => e.message).join(" "));
      return false;
    }
    return true;
  };

  /** Adds the shop the first time, saves it after that. Returns its id. */
  const save = async (): Promise<number> => {
    const shop = await api.saveShopForm({ mall, values }, shopId);
    if (shopId === null) setCreatedHere(true);
    setShopId(shop.id);
    const cleared = { ...values };
    const nowStored = { ...stored };
    for (const k of credentialKeys) {
      if ((values[k] ?? "").trim() !== "") {
        nowStored[k] = true;
        cleared[k] = "";
        setConnected(false); // new keys: what was obtained with the old ones is gone
      }
    }
    setStored(nowStored);
    setValues(cleared);
    setSavedValues(cleared);
    onSaved?.();
    return shop.id;
  };

  // --- connecting ---
  const listening = useRef<{ id: number; stop: () => void } | null>(null);
  useEffect(() => () => listening.current?.stop(), []);

  const tested = async (id: number) => {
    if (authRef.current.kind === "testing" || authRef.current.kind === "success") return;
    setAuth({ kind: "testing" });
    try {
      await api.testConnection(id);
      setAuth({ kind: "success", test: { ok: true, text: wizard.connect.test_ok } });
    } catch (e) {
      setAuth({ kind: "success", test: { ok: false, text: `接続テスト: ${errorMessage(e)}` } });
    }
    setConnected(true);
    onSaved?.();
  };

  const onFinished = (p: AuthorizationFinished) => {
    if (p.ok) void tested(p.shop_id);
    else setAuth({ kind: "error", text: p.message });
  };
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  });
  const listenFor = (id: number) => {
    if (listening.current?.id === id) return;
    listening.current?.stop();
    const stop = onAuthorizationFinished((p) => {
      if (p.shop_id === id) onFinishedRef.current(p);
    });
    listening.current = { id, stop };
  };

  const connect = async () => {
    setFinishError(null);
    if (!(await checkAll())) return;
    setAuth({ kind: "saving" });
    let id: number;
    try {
      id = await save();
    } catch (e) {
      setAuth({ kind: "error", text: `設定を保存できませんでした：${errorMessage(e)}` });
      return;
    }
    if (browser) {
      listenFor(id);
      setAuth({ kind: "waiting", since: Date.now() });
      try {
        await api.connectShop(id);
      } catch (e) {
        setAuth({ kind: "error", text: errorMessage(e) });
      }
    } else {
      setAuth({ kind: "testing" });
      try {
        await api.connectShop(id);
        setConnected(true);
        setAuth({ kind: "success", test: { ok: true, text: wizard.connect.test_ok } });
        onSaved?.();
      } catch (e) {
        setAuth({ kind: "error", text: errorMessage(e) });
      }
    }
  };

  const submitPasted = async (url: string): Promise<string | null> => {
    if (shopId === null) return null;
    listenFor(shopId);
    try {
      await api.finishAuthorizationWithUrl(shopId, url);
      await tested(shopId);
      return null;
    } catch (e) {
      return errorMessage(e);
    }
  };

  const finish = async () => {
    setFinishError(null);
    if (!(await checkAll())) return;
    setFinishing(true);
    try {
      if (dirty) await save();
      onDone();
    } catch (e) {
      setFinishError(errorMessage(e));
      setFinishing(false);
    }
  };

  const leave = () => {
    if (createdHere && !connected) setLeaving("unfinished");
    else if (dirty) setLeaving("discard");
    else onCancel();
  };

  // Focus follows the step: its first field, or its heading.
  const bodyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const body = bodyRef.current;
    const target = body?.querySelector<HTMLElement>("input:not([disabled]), select:not([disabled]), textarea") ?? body?.querySelector<HTMLElement>("h3");
    target?.focus();
  }, [step]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (step < last) void next();
  };

  const busy = finishing || auth.kind === "saving";
  // Done means connected: a new shop once its connect step succeeded; an edit of a
  // connected shop whose keys were not retyped, from its first editable step.
  const canFinish = auth.kind === "success" || (editing && connected && !keysTyped && step >= wizard.edit_starts_at);
  const title = editing ? `${existing.shop.name} の設定` : `${label} のショップを追加`;

  return (
    <section className="wizard" aria-label={`${label} の設定`} data-testid="shop-wizard">
      <header className="wizard-head">
        <div>
          <div className="detail-caption">モール詳細設定 › {label}</div>
          <h2 className="wizard-title">{title}</h2>
        </div>
        <button type="button" data-testid="wizard-cancel" disabled={busy} onClick={leave}>
          一覧に戻る
        </button>
      </header>
      <ol className="wizard-steps">
        {wizard.steps.map((s, i) => (
          <li key={s.title} className={i + 1 === step ? "current" : i + 1 < step ? "done" : ""} aria-current={i + 1 === step ? "step" : undefined}>
            <span className="wizard-step-no">{i + 1}</span>
            <span>{s.title}</span>
          </li>
        ))}
      </ol>
      <form onSubmit={onSubmit} noValidate>
        <div className="wizard-body" data-testid={`wizard-step-${step}`} ref={bodyRef}>
          <StepBody
            step={wizard.steps[step - 1]}
            fields={wizard.fields}
            fieldState={fieldState}
            connect={
              <ConnectStep
                texts={wizard.connect}
                auth={auth}
                onConnect={connect}
                onRetry={() => setAuth({ kind: "idle" })}
                alreadyConnected={connected && !keysTyped}
                shopSaved={shopId !== null}
                onSubmitPasted={submitPasted}
              />
            }
          />
        </div>
        <footer className="wizard-foot">
          <button type="button" data-testid="wizard-back" disabled={step === 1 || busy} onClick={() => goTo(Math.max(1, step - 1))}>
            戻る
          </button>
          <span className="wizard-foot-gap">
            {finishError && (
              <span className="inline-message error" role="alert" data-testid="wizard-finish-error">
                {finishError}
              </span>
            )}
          </span>
          {step < last && (
            <button type="submit" className={canFinish ? "" : "primary"} data-testid="wizard-next" disabled={busy}>
              次へ
            </button>
          )}
          {canFinish && (
            <button type="button" className="primary" data-testid="wizard-finish" disabled={busy} onClick={finish}>
              {finishing && <Spinner label="保存中" />}
              {auth.kind === "success" ? "完了" : "設定を保存して完了"}
            </button>
          )}
        </footer>
      </form>
      {leaving && (
        <LeaveDialog
          kind={leaving}
          shopName={values.name ?? label}
          mallLabel={label}
          shopId={shopId}
          onStay={() => setLeaving(null)}
          onLeave={onCancel}
        />
      )}
    </section>
  );
}
