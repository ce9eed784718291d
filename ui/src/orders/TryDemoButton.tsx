// 「デモで試す」 on first start: the window switches to the demo's own data folder, with
// the built-in practice malls, until Juchu is started again. Nothing of the real
// data folder is touched.
import { useState } from "react";
import { api, errorMessage } from "../api";
import { Spinner } from "../ui/Spinner";

export function TryDemoButton({ onOpened = () => window.location.reload() }: { onOpened?: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.openDemo();
      onOpened();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" data-testid="try-demo" disabled={busy} onClick={open}>
        {busy && <Spinner label="デモを準備しています" />}
        デモで試す
      </button>
      <p className="muted small">デモの注文は別のフォルダに保存されます。Juchu を起動し直すと、通常のモードに戻ります。</p>
      {error && (
        <p className="inline-message error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
