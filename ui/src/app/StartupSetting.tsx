// 「パソコンの起動時に Juchu を開く」: start Juchu with the OS login (off until ticked),
// so that 自動取得 runs without the merchant opening it each morning.
import { useEffect, useState } from "react";
import { api, errorDetail, errorMessage } from "../api";
import { DetailToggle } from "../ui/DetailToggle";

type Failure = { text: string; detail: string | null };

export function StartupSetting() {
  /** null while the setting is read (or when it could not be). */
  const [on, setOn] = useState<boolean | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const enabled = await api.startAtLogin();
        if (!cancelled) setOn(enabled === true);
      } catch (e) {
        if (!cancelled) setFailure({ text: errorMessage(e), detail: errorDetail(e) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const change = async (next: boolean) => {
    setSaving(true);
    setFailure(null);
    try {
      await api.setStartAtLogin(next);
      setOn(next);
    } catch (e) {
      setFailure({ text: errorMessage(e), detail: errorDetail(e) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="startup-setting" style={{ marginTop: 8 }}>
      <label className="check">
        <input
          type="checkbox"
          data-testid="start-at-login"
          checked={on === true}
          disabled={on === null || saving}
          onChange={(e) => void change(e.target.checked)}
        />
        パソコンの起動時に Juchu を開く
      </label>
      {failure && (
        <p className="inline-message error" role="alert" data-testid="start-at-login-error">
          {failure.text}
          <DetailToggle detail={failure.detail} />
        </p>
      )}
    </div>
  );
}
