// A read-only value with a コピー button (e.g. the コールバックURL the merchant registers at the mall).
import { useEffect, useRef, useState } from "react";

type Props = { value: string; label: string; testId: string; copyTestId: string };

export function CopyField({ value, label, testId, copyTestId }: Props) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const copy = async () => {
    let copied: boolean;
    try {
      await navigator.clipboard.writeText(value);
      copied = true;
    } catch {
      // Some web views refuse the async clipboard: fall back to copying the selection.
      inputRef.current?.select();
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
    }
    if (timer.current) clearTimeout(timer.current);
    if (copied) {
      setMessage({ ok: true, text: "コピーしました" });
      timer.current = setTimeout(() => setMessage(null), 4000);
    } else {
      inputRef.current?.select();
      setMessage({ ok: false, text: "コピーできませんでした。欄の文字を選んで Ctrl+C でコピーしてください。" });
    }
  };

  return (
    <div className="copy-field">
      <input
        ref={inputRef}
        readOnly
        value={value}
        aria-label={label}
        data-testid={testId}
        onFocus={(e) => e.target.select()}
      />
      <button type="button" data-testid={copyTestId} onClick={copy}>
        コピー
      </button>
      {message && (
        <span className={message.ok ? "inline-message ok" : "inline-message error"} role="status">
          {message.text}
        </span>
      )}
    </div>
  );
}
