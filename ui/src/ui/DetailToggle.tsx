// The technical part of a message (an OS message, a mall's error code) behind a
// 「詳細」 toggle: what the merchant reads is Japanese; support can ask for the rest.
import { useId, useState } from "react";

export function DetailToggle({ detail }: { detail: string | null | undefined }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!detail) return null;
  return (
    <span className="detail-toggle">
      <button type="button" className="link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        詳細
      </button>
      {open && (
        <code id={id} className="detail-text" data-testid="error-detail">
          {detail}
        </code>
      )}
    </span>
  );
}
