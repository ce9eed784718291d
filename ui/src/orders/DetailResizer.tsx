// The handle between 受注一覧 and the detail pane: drag it (or focus it and use the
// arrow keys) to give the pane more or less room. The width is kept in localStorage;
// a double click goes back to the default width, which follows the window's size (CSS).
import { useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from "react";

export const DETAIL_WIDTH_KEY = "juchu.detailPaneWidth";
export const DETAIL_MIN_WIDTH = 300;
export const DETAIL_MAX_WIDTH = 760;
/** The list keeps at least this much, whatever the pane asks for. */
export const LIST_MIN_WIDTH = 460;
const KEY_STEP = 20;

function clamp(width: number, room: number | null): number {
  const max = room === null ? DETAIL_MAX_WIDTH : Math.min(DETAIL_MAX_WIDTH, room - LIST_MIN_WIDTH);
  return Math.round(Math.max(DETAIL_MIN_WIDTH, Math.min(max, width)));
}

function readStored(): number | null {
  try {
    const n = Number(localStorage.getItem(DETAIL_WIDTH_KEY));
    return Number.isFinite(n) && n > 0 ? clamp(n, null) : null;
  } catch {
    return null;
  }
}

function store(width: number | null) {
  try {
    if (width === null) localStorage.removeItem(DETAIL_WIDTH_KEY);
    else localStorage.setItem(DETAIL_WIDTH_KEY, String(width));
  } catch {
    // Not kept (storage unavailable): the pane still resizes for this session.
  }
}

/** The pane's chosen width (null: the default from CSS) and a setter that remembers it. */
export function useDetailWidth(): [number | null, (w: number | null) => void] {
  const [width, setWidth] = useState<number | null>(readStored);
  return [
    width,
    (w) => {
      setWidth(w);
      store(w);
    },
  ];
}

type Props = {
  /** The element the pane is in (list + handle + pane), to know how much room there is. */
  containerRef: RefObject<HTMLElement | null>;
  /** The pane, to read its current width when no width was chosen yet. */
  paneRef: RefObject<HTMLElement | null>;
  width: number | null;
  onWidth: (w: number | null) => void;
  controls: string;
};

export function DetailResizer({ containerRef, paneRef, width, onWidth, controls }: Props) {
  const drag = useRef<{ x: number; start: number } | null>(null);
  const current = () => width ?? (paneRef.current?.getBoundingClientRect().width || DETAIL_MIN_WIDTH);
  const room = () => containerRef.current?.getBoundingClientRect().width || null;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = { x: e.clientX, start: current() };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    // The pane is on the right: moving the handle left widens it.
    onWidth(clamp(drag.current.start + drag.current.x - e.clientX, room()));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const by = { ArrowLeft: KEY_STEP, ArrowRight: -KEY_STEP }[e.key];
    if (by !== undefined) onWidth(clamp(current() + by, room()));
    else if (e.key === "Home") onWidth(DETAIL_MIN_WIDTH);
    else if (e.key === "End") onWidth(clamp(DETAIL_MAX_WIDTH, room()));
    else return;
    e.preventDefault();
  };

  return (
    <div
      className="detail-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="注文詳細の幅"
      aria-controls={controls}
      aria-valuemin={DETAIL_MIN_WIDTH}
      aria-valuemax={DETAIL_MAX_WIDTH}
      aria-valuenow={width === null ? undefined : width}
      tabIndex={0}
      title="ドラッグすると注文詳細の幅を変えられます（ダブルクリックで元の幅に戻ります）"
      data-testid="detail-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => onWidth(null)}
      onKeyDown={onKeyDown}
    />
  );
}
