// The width of an element (clientWidth), following it as the window or a neighbour
// (the resizable detail pane) changes its size. Null before the element is there.
import { useCallback, useSyncExternalStore, type RefObject } from "react";

export function useElementWidth(ref: RefObject<HTMLElement | null>): number | null {
  const subscribe = useCallback(
    (changed: () => void) => {
      window.addEventListener("resize", changed);
      const el = ref.current;
      const observer = typeof ResizeObserver === "undefined" || !el ? null : new ResizeObserver(changed);
      if (el) observer?.observe(el);
      return () => {
        window.removeEventListener("resize", changed);
        observer?.disconnect();
      };
    },
    [ref],
  );
  return useSyncExternalStore(subscribe, () => ref.current?.clientWidth ?? null);
}
