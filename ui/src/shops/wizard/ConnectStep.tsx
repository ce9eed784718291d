// The connect step of a wizard: one button (アクセスキーを取得する / 接続テスト), what is
// happening, and for a mall authorized in the browser, a visible 「やり直す」 while it
// waits, a hint after a while (the mall's page probably shows an error instead of
// coming back), and the pasted-address fallback.
import { useEffect, useState } from "react";
import type { ConnectTexts } from "../../bindings";
import { Spinner } from "../../ui/Spinner";

export type Auth =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "waiting"; since: number }
  | { kind: "testing" }
  | { kind: "success"; test: { ok: boolean; text: string } }
  | { kind: "error"; text: string };

type Props = {
  texts: ConnectTexts;
  auth: Auth;
  onConnect: () => void;
  /** Stops waiting: the button works again. */
  onRetry: () => void;
  alreadyConnected: boolean;
  /** The shop is saved, so a pasted address can finish its authorization. */
  shopSaved: boolean;
  onSubmitPasted: (url: string) => Promise<string | null>;
};

export function ConnectStep({ texts, auth, onConnect, onRetry, alreadyConnected, shopSaved, onSubmitPasted }: Props) {
  const working = auth.kind === "saving" || auth.kind === "waiting" || auth.kind === "testing";
  const label = auth.kind === "error" ? texts.retry_button : auth.kind === "success" ? texts.again_button : texts.button;
  return (
    <>
      {alreadyConnected && auth.kind === "idle" && <p className="muted">{texts.already_connected}</p>}
      <p>
        <button type="button" className={auth.kind === "success" ? "" : "primary"} data-testid="get-access-key" disabled={working} onClick={onConnect}>
          {label}
        </button>
      </p>
      {auth.kind !== "idle" && (
        <div className={`auth-status auth-${auth.kind}`} data-testid="wizard-status" role={auth.kind === "error" ? "alert" : "status"}>
          {auth.kind === "saving" && (
            <>
              <Spinner /> 設定を保存しています…
            </>
          )}
          {auth.kind === "waiting" && <Waiting texts={texts} since={auth.since} onRetry={onRetry} />}
          {auth.kind === "testing" && (
            <>
              <Spinner /> 接続を確かめています…
            </>
          )}
          {auth.kind === "success" && (
            <>
              <strong>{texts.success}</strong>
              <span className={auth.test.ok ? "inline-message ok" : "inline-message error"} data-testid="wizard-test-result">
                {auth.test.text}
              </span>
            </>
          )}
          {auth.kind === "error" && (
            <>
              <strong>{texts.failure}</strong>
              <span>{auth.text}</span>
              <span className="muted small">内容を確かめてから「{texts.retry_button}」を押してください。</span>
            </>
          )}
        </div>
      )}
      {texts.paste && shopSaved && auth.kind !== "success" && <PasteFallback texts={texts.paste} onSubmit={onSubmitPasted} />}
    </>
  );
}

function Waiting({ texts, since, onRetry }: { texts: ConnectTexts; since: number; onRetry: () => void }) {
  const [late, setLate] = useState(() => Date.now() - since >= texts.wait_seconds * 1000);
  useEffect(() => {
    const left = since + texts.wait_seconds * 1000 - Date.now();
    if (left <= 0) return;
    const t = setTimeout(() => setLate(true), left);
    return () => clearTimeout(t);
  }, [since, texts.wait_seconds]);
  return (
    <>
      <span>
        <Spinner /> {texts.waiting}
      </span>
      {late && (
        <span className="inline-message error" data-testid="wizard-wait-hint">
          {texts.timeout_hint}
        </span>
      )}
      <span>
        <button type="button" data-testid="wizard-retry" onClick={onRetry}>
          やり直す
        </button>
      </span>
    </>
  );
}

function PasteFallback({ texts, onSubmit }: { texts: NonNullable<ConnectTexts["paste"]>; onSubmit: (url: string) => Promise<string | null> }) {
  const [pasted, setPasted] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const url = pasted.trim();
    if (url === "") {
      setError("ブラウザのアドレス欄に出ている URL を貼り付けてください。");
      return;
    }
    setError(null);
    setBusy(true);
    setError(await onSubmit(url));
    setBusy(false);
  };
  return (
    <div className="paste-fallback">
      <h4>{texts.title}</h4>
      <p className="muted small">{texts.help}</p>
      <label htmlFor="paste-url" className="visually-hidden">
        {texts.placeholder}
      </label>
      <textarea
        id="paste-url"
        data-testid="paste-url-input"
        rows={2}
        value={pasted}
        placeholder={texts.placeholder}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setPasted(e.target.value);
          setError(null);
        }}
      />
      <div className="paste-actions">
        <button type="button" data-testid="paste-url-submit" disabled={busy} onClick={submit}>
          {busy && <Spinner />}
          {texts.button}
        </button>
        {error && (
          <span className="field-error" role="alert" data-testid="paste-url-error">
            {error}
          </span>
        )}
      </div>
    </div>
  );
}
