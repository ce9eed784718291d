// BASE の設定 (追加 → BASE, or 編集 of a BASE shop), in the steps of the BASE setup
// manual: BASE Developers に登録 → アプリを作成 → client_id / client_secret → 設定 →
// アクセスキーを取得 (OAuth in the system browser, finished by a deep link, the loopback
// redirect or a pasted URL).
import { useEffect, useRef, useState, type ReactNode } from "react";
import { api, errorMessage, onAuthorizationFinished } from "../api";
import type { AppInfo, AuthorizationFinished, ExportScope, OAuthRedirect, RedirectInfo, ShopInput, ShopStatus, Status } from "../bindings";
import { Spinner } from "../ui/Spinner";
import { CopyField } from "./CopyField";
import { FETCH_INTERVALS, baseSettingsOf, defaultSettings, nextShopName } from "./shopDefaults";

export const BASE_DEVELOPERS_URL = "https://developers.thebase.in/";
export const MAX_FETCH_DAYS = 90;

const STEPS = ["BASE Developers に登録", "アプリを作成", "client_id と client_secret", "設定", "アクセスキーを取得"];

type Props = {
  info: AppInfo;
  /** The shop being edited, or null to add a new BASE shop. */
  existing: ShopStatus | null;
  /** Every shop, to propose a free name (BASE 1号店, 2号店…) and refuse a duplicate. */
  shops: ShopStatus[];
  /** The shop was saved (and maybe authorized): go back to the list. */
  onDone: () => void;
  onCancel: () => void;
  /** The shop was saved while the wizard stays open (the list should be read again). */
  onSaved?: () => void;
};

type Form = {
  clientId: string;
  clientSecret: string;
  name: string;
  fetchDays: string;
  autoFetch: boolean;
  interval: number;
  exportScope: ExportScope;
  initialStatus: Status;
  oauthRedirect: OAuthRedirect;
};

type Errors = Partial<Record<keyof Form, string>>;

type Auth =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "waiting" }
  | { kind: "testing" }
  | { kind: "success"; test: { ok: boolean; text: string } }
  | { kind: "error"; text: string };

function initialForm(info: AppInfo, existing: ShopStatus | null, shops: ShopStatus[]): Form {
  const s = existing?.shop.settings ?? defaultSettings(info, "base");
  const b = baseSettingsOf(info, s);
  return {
    clientId: "",
    clientSecret: "",
    name: existing?.shop.name ?? nextShopName("BASE", shops.map((x) => x.shop.name)),
    fetchDays: String(s.fetch_days),
    autoFetch: s.auto_fetch,
    interval: s.fetch_interval_minutes,
    exportScope: b.export_scope,
    initialStatus: s.initial_status,
    oauthRedirect: b.oauth_redirect,
  };
}

export function BaseWizard({ info, existing, shops, onDone, onCancel, onSaved }: Props) {
  const editing = existing !== null;
  // Editing an app that is already registered starts at its client_id / client_secret.
  const [step, setStep] = useState(editing ? 3 : 1);
  const [form, setForm] = useState<Form>(() => initialForm(info, existing, shops));
  const [shown, setShown] = useState<Set<number>>(new Set()); // steps whose errors are shown
  const [shopId, setShopId] = useState<number | null>(existing?.shop.id ?? null);
  const [auth, setAuthState] = useState<Auth>({ kind: "idle" });
  // The ref follows every change at once, so that an event and a pasted URL arriving
  // together do not both run the connection test.
  const authRef = useRef<Auth>(auth);
  const setAuth = (a: Auth) => {
    authRef.current = a;
    setAuthState(a);
  };
  const [finishing, setFinishing] = useState(false);
  const [finishError, setFinishError] = useState<string | null>(null);

  // Once saved, the backend holds client_id / client_secret: the fields are emptied (blank
  // keeps the stored value), so a later save does not send the secret again.
  const [storedNow, setStoredNow] = useState(false);
  const credentialsSet = storedNow ? { client_id: true, client_secret: true } : (existing?.credentials_set ?? {});
  const errors = validate(form, credentialsSet, shops, existing?.shop.id ?? shopId);

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const stepErrors = (n: number): (keyof Form)[] => {
    const fields: Record<number, (keyof Form)[]> = {
      3: ["clientId", "clientSecret"],
      4: ["name", "fetchDays"],
    };
    return (fields[n] ?? []).filter((k) => errors[k]);
  };
  const errorOf = (k: keyof Form, n: number) => (shown.has(n) ? errors[k] : undefined);

  const next = () => {
    if (stepErrors(step).length > 0) {
      setShown((s) => new Set(s).add(step));
      return;
    }
    setStep((s) => Math.min(STEPS.length, s + 1));
  };

  /** Every step valid; otherwise shows the errors and goes to the first bad step. */
  const checkAll = (): boolean => {
    for (const n of [3, 4]) {
      if (stepErrors(n).length > 0) {
        setShown((s) => new Set(s).add(n));
        setStep(n);
        return false;
      }
    }
    return true;
  };

  const toInput = (): ShopInput => {
    const saved = existing?.shop.settings ?? defaultSettings(info, "base");
    return {
      mall: "base",
      name: form.name.trim(),
      settings: {
        ...saved,
        fetch_days: Number(form.fetchDays.trim()),
        auto_fetch: form.autoFetch,
        fetch_interval_minutes: form.interval,
        initial_status: form.initialStatus,
        mall: { mall: "base", export_scope: form.exportScope, oauth_redirect: form.oauthRedirect },
      },
      credentials: { client_id: form.clientId.trim(), client_secret: form.clientSecret.trim() },
    };
  };

  /** Adds the shop the first time, updates it after that. Returns its id. */
  const save = async (): Promise<number> => {
    const input = toInput();
    const shop = shopId === null ? await api.addShop(input) : await api.updateShop(shopId, input);
    setShopId(shop.id);
    if (input.credentials.client_id !== "" || input.credentials.client_secret !== "") {
      setStoredNow(true);
      setForm((f) => ({ ...f, clientId: "", clientSecret: "" }));
    }
    onSaved?.();
    return shop.id;
  };

  // --- access key (OAuth) ---
  const listening = useRef<{ id: number; stop: () => void } | null>(null);
  useEffect(() => () => listening.current?.stop(), []);

  const authorized = async (id: number) => {
    if (authRef.current.kind === "testing" || authRef.current.kind === "success") return;
    setAuth({ kind: "testing" });
    try {
      await api.testConnection(id);
      setAuth({ kind: "success", test: { ok: true, text: "接続テスト: BASE に接続できました。" } });
    } catch (e) {
      setAuth({ kind: "success", test: { ok: false, text: `接続テスト: ${errorMessage(e)}` } });
    }
    onSaved?.();
  };

  const onFinished = (p: AuthorizationFinished) => {
    if (p.ok) void authorized(p.shop_id);
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

  const getAccessKey = async () => {
    if (!checkAll()) return;
    setAuth({ kind: "saving" });
    let id: number;
    try {
      id = await save();
    } catch (e) {
      setAuth({ kind: "error", text: `設定を保存できませんでした：${errorMessage(e)}` });
      return;
    }
    listenFor(id);
    setAuth({ kind: "waiting" });
    try {
      await api.connectShop(id);
    } catch (e) {
      setAuth({ kind: "error", text: errorMessage(e) });
    }
  };

  const [pasted, setPasted] = useState("");
  const [pasteError, setPasteError] = useState<string | null>(null);
  const [pasting, setPasting] = useState(false);
  const submitPasted = async () => {
    const url = pasted.trim();
    if (url === "") {
      setPasteError("BASE の画面のあと、ブラウザのアドレス欄に出ている URL を貼り付けてください。");
      return;
    }
    if (!/^(juchu|https?):\/\/\S+$/.test(url)) {
      setPasteError("URL の形ではありません。ブラウザのアドレス欄をクリックし、全体を選んでコピーしてから貼り付けてください。");
      return;
    }
    if (shopId === null) return;
    setPasteError(null);
    setPasting(true);
    listenFor(shopId);
    try {
      await api.finishAuthorizationWithUrl(shopId, url);
      await authorized(shopId);
    } catch (e) {
      setPasteError(errorMessage(e));
    } finally {
      setPasting(false);
    }
  };

  const finish = async () => {
    if (!checkAll()) return;
    setFinishing(true);
    setFinishError(null);
    try {
      await save();
      onDone();
    } catch (e) {
      setFinishError(errorMessage(e));
      setFinishing(false);
    }
  };

  const busy = finishing || auth.kind === "saving";
  const canFinish = step === STEPS.length || (editing && step >= 3);

  return (
    <section className="wizard" aria-label="BASE の設定" data-testid="base-wizard">
      <header className="wizard-head">
        <div>
          <div className="detail-caption">モール詳細設定 › BASE</div>
          <h2 className="wizard-title">{editing ? `${existing.shop.name} の設定` : "BASE のショップを追加"}</h2>
        </div>
        <button type="button" data-testid="wizard-cancel" disabled={busy} onClick={onCancel}>
          一覧に戻る
        </button>
      </header>
      <ol className="wizard-steps">
        {STEPS.map((label, i) => (
          <li
            key={label}
            className={i + 1 === step ? "current" : i + 1 < step ? "done" : ""}
            aria-current={i + 1 === step ? "step" : undefined}
          >
            <span className="wizard-step-no">{i + 1}</span>
            <span>{label}</span>
          </li>
        ))}
      </ol>

      <div className="wizard-body" data-testid={`wizard-step-${step}`}>
        {step === 1 && <StepRegister />}
        {step === 2 && <StepCreateApp redirectChoice={form.oauthRedirect} onRedirectChoice={(v) => set("oauthRedirect", v)} />}
        {step === 3 && (
          <StepCredentials form={form} set={set} errorOf={(k) => errorOf(k, 3)} credentialsSet={credentialsSet} editing={editing || storedNow} />
        )}
        {step === 4 && <StepSettings info={info} form={form} set={set} errorOf={(k) => errorOf(k, 4)} />}
        {step === 5 && (
          <StepAccessKey
            auth={auth}
            shopSaved={shopId !== null}
            onGet={getAccessKey}
            pasted={pasted}
            onPasted={(v) => {
              setPasted(v);
              setPasteError(null);
            }}
            onSubmitPasted={submitPasted}
            pasteError={pasteError}
            pasting={pasting}
            alreadyConnected={existing?.state === "connected"}
          />
        )}
      </div>

      <footer className="wizard-foot">
        <button type="button" data-testid="wizard-back" disabled={step === 1 || busy} onClick={() => setStep((s) => Math.max(1, s - 1))}>
          戻る
        </button>
        <span className="wizard-foot-gap">
          {finishError && (
            <span className="inline-message error" role="alert" data-testid="wizard-finish-error">
              {finishError}
            </span>
          )}
        </span>
        {step < STEPS.length && (
          <button type="button" className={canFinish ? "" : "primary"} data-testid="wizard-next" disabled={busy} onClick={next}>
            次へ
          </button>
        )}
        {canFinish && (
          <button type="button" className="primary" data-testid="wizard-finish" disabled={busy} onClick={finish}>
            {finishing && <Spinner label="保存中" />}
            設定を保存して完了
          </button>
        )}
      </footer>
    </section>
  );
}

function validate(
  f: Form,
  credentialsSet: { [key in string]: boolean },
  shops: ShopStatus[],
  selfId: number | null,
): Errors {
  const e: Errors = {};
  const id = f.clientId.trim();
  if (id === "") {
    if (!credentialsSet.client_id) e.clientId = "client_id を入力してください。BASE Developers のアプリ情報に表示されています。";
  } else if (/\s/.test(id)) {
    e.clientId = "client_id に空白や改行が入っています。コピーし直してください。";
  }
  const secret = f.clientSecret.trim();
  if (secret === "") {
    if (!credentialsSet.client_secret) e.clientSecret = "client_secret を入力してください。BASE Developers のアプリ情報に表示されています。";
  } else if (/\s/.test(secret)) {
    e.clientSecret = "client_secret に空白や改行が入っています。コピーし直してください。";
  }
  const name = f.name.trim();
  if (name === "") e.name = "ショップ名を入力してください（例: BASE 1号店）。";
  else if (name.length > 40) e.name = "ショップ名は40文字以内にしてください。";
  else if (shops.some((s) => s.shop.name === name && s.shop.id !== selfId)) e.name = "同じ名前のショップがあります。別の名前にしてください。";
  const days = f.fetchDays.trim();
  if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > MAX_FETCH_DAYS) {
    e.fetchDays = `1〜${MAX_FETCH_DAYS}の数字（半角）で入力してください。`;
  }
  return e;
}

// --- steps ---

function StepRegister() {
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setError(null);
    try {
      await api.openExternal(BASE_DEVELOPERS_URL);
    } catch (e) {
      setError(`ブラウザを開けませんでした。${BASE_DEVELOPERS_URL} をブラウザで開いてください。（${errorMessage(e)}）`);
    }
  };
  return (
    <>
      <h3>BASE Developers にアカウント登録します</h3>
      <p>
        BASE の注文を Juchu に取り込むには、BASE Developers（開発者向けサイト）にお客様ご自身の「アプリ」を登録します。
        費用はかかりません。ショップ1つにつき、最初に一度だけ行う作業です。
      </p>
      <ol className="how-to">
        <li>下の「BASE Developers を開く」を押すと、ブラウザで BASE Developers が開きます。</li>
        <li>
          右上の［ログイン］を押し、BASE のショップと同じメールアドレス・パスワードでログインします（初めての場合は［新規登録］から登録します）。
        </li>
        <li>ログインできたら、この画面に戻って「次へ」を押してください。</li>
      </ol>
      <p>
        <button type="button" className="primary" data-testid="open-base-developers" onClick={open}>
          BASE Developers を開く
        </button>
        <span className="muted small url-note">{BASE_DEVELOPERS_URL}</span>
      </p>
      {error && (
        <p className="inline-message error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function StepCreateApp({
  redirectChoice,
  onRedirectChoice,
}: {
  redirectChoice: OAuthRedirect;
  onRedirectChoice: (v: OAuthRedirect) => void;
}) {
  const [redirect, setRedirect] = useState<RedirectInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.redirectInfo("base").then(
      (r) => {
        if (!cancelled) setRedirect(r);
      },
      (e: unknown) => {
        if (!cancelled) setError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <>
      <h3>BASE Developers でアプリを作成します</h3>
      <p>
        BASE Developers で［アプリケーション］を押し、［アプリを作成する］を押します。「アプリ情報」を次のとおり入力してください。
      </p>
      <table className="app-form-guide">
        <tbody>
          <tr>
            <th>アプリ名</th>
            <td>自由に決めてください（例: Juchu 受注管理）</td>
          </tr>
          <tr>
            <th>アプリの説明</th>
            <td>自由に入力してください（例: 受注の取り込みと発送情報の更新に使います）</td>
          </tr>
          <tr>
            <th>アプリURL</th>
            <td>自由に入力してください（例: お店のホームページの URL）</td>
          </tr>
          <tr>
            <th>コールバックURL</th>
            <td>
              <p className="guide-lead">下の URL をそのまま登録します。「コピー」を押して、BASE の欄に貼り付けてください。</p>
              {redirect && (
                <>
                  <CopyField value={redirect.deep_link} label="コールバックURL" testId="redirect-uri" copyTestId="redirect-copy" />
                  <p className="muted small guide-alt">
                    BASE がこの URL を受け付けないときは、代わりに次の URL を登録してください（このパソコンの中だけで使う URL です）。
                  </p>
                  <CopyField
                    value={redirect.loopback}
                    label="コールバックURL（受け付けられないとき）"
                    testId="redirect-uri-loopback"
                    copyTestId="redirect-copy-loopback"
                  />
                  <p className="guide-lead">BASE に登録したのはどちらですか（アクセスキーの取得に使います）</p>
                  <div className="radios" role="radiogroup" aria-label="BASE に登録したコールバックURL">
                    <label className="check">
                      <input
                        type="radio"
                        name="oauth-redirect"
                        data-testid="redirect-choice-deep_link"
                        checked={redirectChoice === "deep_link"}
                        onChange={() => onRedirectChoice("deep_link")}
                      />
                      上の URL（{redirect.deep_link}）
                    </label>
                    <label className="check">
                      <input
                        type="radio"
                        name="oauth-redirect"
                        data-testid="redirect-choice-loopback"
                        checked={redirectChoice === "loopback"}
                        onChange={() => onRedirectChoice("loopback")}
                      />
                      下の URL（{redirect.loopback}）
                    </label>
                  </div>
                </>
              )}
              {!redirect && !error && <span className="muted">読み込み中…</span>}
              {error && (
                <p className="inline-message error" role="alert">
                  コールバックURLを読み込めませんでした：{error}
                </p>
              )}
            </td>
          </tr>
          <tr>
            <th>アプリのロゴ画像</th>
            <td>なくてもかまいません</td>
          </tr>
          <tr>
            <th>利用権限</th>
            <td>
              <strong>全部にチェックを入れてください。</strong>Juchu が使うのは次の3つで、これが欠けると注文を取り込めません。
              <ul className="scopes">
                <li>ユーザー情報を見る</li>
                <li>注文情報を見る</li>
                <li>注文情報を更新する（発送情報の更新に使います）</li>
              </ul>
            </td>
          </tr>
          <tr>
            <th>検索APIの利用</th>
            <td>チェックは入れません</td>
          </tr>
        </tbody>
      </table>
      <p>
        「開発者情報」にはお客様の情報を入力し、［API利用規約に同意する］にチェックを入れて［申請する］を押します。
        申請が終わると、アプリ情報に <b>client_id</b> と <b>client_secret</b> が表示されます。表示されたら「次へ」を押してください。
      </p>
    </>
  );
}

type FieldProps = {
  form: Form;
  set: <K extends keyof Form>(k: K, v: Form[K]) => void;
  errorOf: (k: keyof Form) => string | undefined;
};

type FieldShape = { label: string; htmlFor?: string; error?: string; errorId: string; hint?: ReactNode; children: ReactNode };

function Field({ label, htmlFor, error, errorId, hint, children }: FieldShape) {
  return (
    <div className="wizard-field">
      {htmlFor ? (
        <label className="wizard-label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <span className="wizard-label">{label}</span>
      )}
      <div className="wizard-control">
        {children}
        {hint && <div className="muted small">{hint}</div>}
        {error && (
          <div className="field-error" id={errorId} role="alert" data-testid={errorId}>
            {error}
          </div>
        )}
      </div>
    </div>
  );
}

function StepCredentials({
  form,
  set,
  errorOf,
  credentialsSet,
  editing,
}: FieldProps & { credentialsSet: { [key in string]: boolean }; editing: boolean }) {
  const idErr = errorOf("clientId");
  const secretErr = errorOf("clientSecret");
  const keepHint = "設定済みです。変える場合だけ入力してください（空欄のままなら今の値を使います）。";
  return (
    <>
      <h3>client_id と client_secret を入力します</h3>
      <p>
        BASE Developers の［アプリケーション］で作成したアプリを開くと、アプリ情報に <b>client_id</b> と <b>client_secret</b> が表示されています。
        それぞれコピーして、下の欄に貼り付けてください。
      </p>
      <Field label="クライアントID（client_id）" htmlFor="client-id" error={idErr} errorId="client-id-error" hint={editing && credentialsSet.client_id ? keepHint : undefined}>
        <input
          id="client-id"
          data-testid="client-id-input"
          value={form.clientId}
          autoComplete="off"
          spellCheck={false}
          placeholder={editing && credentialsSet.client_id ? "設定済み" : ""}
          aria-invalid={idErr ? true : undefined}
          aria-describedby={idErr ? "client-id-error" : undefined}
          onChange={(e) => set("clientId", e.target.value)}
        />
      </Field>
      <Field
        label="クライアントシークレット（client_secret）"
        htmlFor="client-secret"
        error={secretErr}
        errorId="client-secret-error"
        hint={editing && credentialsSet.client_secret ? keepHint : "パソコンの資格情報（鍵の保管場所）に保存し、画面には表示しません。"}
      >
        <input
          id="client-secret"
          data-testid="client-secret-input"
          type="password"
          value={form.clientSecret}
          autoComplete="off"
          placeholder={editing && credentialsSet.client_secret ? "●●●●●●●●（設定済み）" : ""}
          aria-invalid={secretErr ? true : undefined}
          aria-describedby={secretErr ? "client-secret-error" : undefined}
          onChange={(e) => set("clientSecret", e.target.value)}
        />
      </Field>
    </>
  );
}

function StepSettings({ info, form, set, errorOf }: FieldProps & { info: AppInfo }) {
  const nameErr = errorOf("name");
  const daysErr = errorOf("fetchDays");
  const intervals = FETCH_INTERVALS.includes(form.interval) ? FETCH_INTERVALS : [...FETCH_INTERVALS, form.interval].sort((a, b) => a - b);
  return (
    <>
      <h3>取得と書き出しの設定</h3>
      <Field label="ショップ名" htmlFor="shop-name" error={nameErr} errorId="shop-name-error" hint="受注一覧の「ショップ」に表示される名前です。">
        <input
          id="shop-name"
          data-testid="shop-name-input"
          value={form.name}
          maxLength={60}
          aria-invalid={nameErr ? true : undefined}
          onChange={(e) => set("name", e.target.value)}
        />
      </Field>
      <Field label="受注を取得する日数" htmlFor="fetch-days" error={daysErr} errorId="fetch-days-error" hint="受注取得のたびに、さかのぼって確認する日数です。">
        <span className="with-unit">
          <input
            id="fetch-days"
            data-testid="fetch-days-input"
            className="narrow"
            inputMode="numeric"
            value={form.fetchDays}
            aria-invalid={daysErr ? true : undefined}
            onChange={(e) => set("fetchDays", e.target.value)}
          />
          日分
        </span>
      </Field>
      <Field label="自動取得" errorId="auto-fetch-error">
        <span className="with-unit">
          <label className="check">
            <input
              id="auto-fetch"
              type="checkbox"
              data-testid="auto-fetch-toggle"
              checked={form.autoFetch}
              onChange={(e) => set("autoFetch", e.target.checked)}
            />
            自動取得する
          </label>
          <select
            data-testid="interval-select"
            aria-label="自動取得の間隔"
            value={form.interval}
            disabled={!form.autoFetch}
            onChange={(e) => set("interval", Number(e.target.value))}
          >
            {intervals.map((m) => (
              <option key={m} value={m}>
                {m}分ごと
              </option>
            ))}
          </select>
        </span>
      </Field>
      <Field
        label="API書出"
        errorId="export-scope-error"
        hint="発送情報の更新で BASE に送る注文のステータスです。どちらの場合も、お荷物伝票番号が入っている注文だけを送ります。"
      >
        <div className="radios" role="radiogroup" aria-label="API書出">
          <label className="check">
            <input
              type="radio"
              name="export-scope"
              data-testid="export-scope-all"
              checked={form.exportScope === "all_but_new_and_hold"}
              onChange={() => set("exportScope", "all_but_new_and_hold")}
            />
            処理済以外も書き出す<span className="muted small">（新規受付・保留を除くすべて）</span>
          </label>
          <label className="check">
            <input
              type="radio"
              name="export-scope"
              data-testid="export-scope-done"
              checked={form.exportScope === "done_only"}
              onChange={() => set("exportScope", "done_only")}
            />
            処理済だけ書き出す
          </label>
        </div>
      </Field>
      <Field label="格納先ステータス" htmlFor="initial-status" errorId="initial-status-error" hint="新しく取り込んだ注文を入れるステータスです。">
        <select
          id="initial-status"
          data-testid="initial-status-select"
          value={form.initialStatus}
          onChange={(e) => set("initialStatus", e.target.value as Status)}
        >
          {info.statuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

type AccessKeyProps = {
  auth: Auth;
  shopSaved: boolean;
  onGet: () => void;
  pasted: string;
  onPasted: (v: string) => void;
  onSubmitPasted: () => void;
  pasteError: string | null;
  pasting: boolean;
  alreadyConnected: boolean;
};

function StepAccessKey(p: AccessKeyProps) {
  const { auth } = p;
  const working = auth.kind === "saving" || auth.kind === "waiting" || auth.kind === "testing";
  return (
    <>
      <h3>アクセスキーを取得します</h3>
      <p>
        「アクセスキーを取得する」を押すと、ここまでの設定を保存してから、ブラウザで BASE の許可画面が開きます。
        BASE にログインして［アプリを認証する］を押すと、アクセスキーが Juchu に自動で届きます（コピーや貼り付けは要りません）。
      </p>
      {p.alreadyConnected && auth.kind === "idle" && (
        <p className="muted">このショップはアクセスキーを取得済みです。取り直す場合だけ押してください。</p>
      )}
      <p>
        <button
          type="button"
          className={auth.kind === "success" ? "" : "primary"}
          data-testid="get-access-key"
          disabled={working}
          onClick={p.onGet}
        >
          {auth.kind === "error" ? "もう一度アクセスキーを取得する" : auth.kind === "success" ? "アクセスキーを取り直す" : "アクセスキーを取得する"}
        </button>
      </p>
      {auth.kind !== "idle" && (
        <div className={`auth-status auth-${auth.kind}`} data-testid="wizard-status" role={auth.kind === "error" ? "alert" : "status"}>
          {auth.kind === "saving" && (
            <>
              <Spinner /> 設定を保存しています…
            </>
          )}
          {auth.kind === "waiting" && (
            <>
              <Spinner /> BASE の画面で「アプリを認証する」を押してください…
            </>
          )}
          {auth.kind === "testing" && (
            <>
              <Spinner /> アクセスキーを取得しました。接続を確かめています…
            </>
          )}
          {auth.kind === "success" && (
            <>
              <strong>アクセスキーを取得しました</strong>
              <span className={auth.test.ok ? "inline-message ok" : "inline-message error"} data-testid="wizard-test-result">
                {auth.test.text}
              </span>
            </>
          )}
          {auth.kind === "error" && (
            <>
              <strong>アクセスキーを取得できませんでした</strong>
              <span>{auth.text}</span>
              <span className="muted small">内容を確かめてから「もう一度アクセスキーを取得する」を押してください。</span>
            </>
          )}
        </div>
      )}
      {p.shopSaved && auth.kind !== "success" && (
        <div className="paste-fallback">
          <h4>自動で戻ってこないとき</h4>
          <p className="muted small">
            ［アプリを認証する］を押したあと Juchu に戻らない場合は、ブラウザのアドレス欄の URL（「code=」を含むもの）をすべてコピーして、ここに貼り付けてください。
          </p>
          <label htmlFor="paste-url" className="visually-hidden">
            ブラウザのアドレス欄の URL を貼り付ける
          </label>
          <textarea
            id="paste-url"
            data-testid="paste-url-input"
            rows={2}
            value={p.pasted}
            placeholder="ブラウザのアドレス欄の URL を貼り付ける"
            spellCheck={false}
            aria-invalid={p.pasteError ? true : undefined}
            onChange={(e) => p.onPasted(e.target.value)}
          />
          <div className="paste-actions">
            <button type="button" data-testid="paste-url-submit" disabled={p.pasting} onClick={p.onSubmitPasted}>
              {p.pasting && <Spinner />}
              貼り付けた URL でアクセスキーを取得する
            </button>
            {p.pasteError && (
              <span className="field-error" role="alert" data-testid="paste-url-error">
                {p.pasteError}
              </span>
            )}
          </div>
        </div>
      )}
    </>
  );
}
