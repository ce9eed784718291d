// A modal dialog over the screen: focus moves into it and stays there (Tab cycles
// inside, focus-trap-react), Esc and the × close it (unless `busy`, while something
// it started is still running); on close, focus returns where it was.
import { FocusTrap } from "focus-trap-react";
import { useEffect, useId, useRef, type ReactNode } from "react";

type Props = {
  title: string;
  onClose: () => void;
  busy?: boolean;
  wide?: boolean;
  testId?: string;
  footer?: ReactNode;
  children: ReactNode;
};

export function Modal({ title, onClose, busy = false, wide = false, testId, footer, children }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !busy) onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [busy, onClose]);

  const dialog = () => ref.current ?? document.body;
  return (
    <FocusTrap
      focusTrapOptions={{
        initialFocus: dialog,
        fallbackFocus: dialog,
        escapeDeactivates: false,
        allowOutsideClick: true,
        returnFocusOnDeactivate: true,
        // jsdom has no layout; the real window does not need the check either.
        tabbableOptions: { displayCheck: "none" },
      }}
    >
    <div className="modal-backdrop">
      <div
        ref={ref}
        className={wide ? "modal wide" : "modal"}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={testId}
      >
        <header className="modal-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="閉じる" disabled={busy} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="modal-foot">{footer}</footer>}
      </div>
    </div>
    </FocusTrap>
  );
}
