// Pages of the order list, fetched from the backend only as the table needs them.
//
// - The table reports which row indexes it renders (ensureRange); we fetch the pages
//   (offset/limit, PAGE_SIZE rows each) covering them that are not cached yet.
// - `total` comes with every page, so the scrollbar reflects every matching order
//   while the web view holds at most MAX_CACHED_PAGES pages.
// - One hook instance serves one filter: the owner remounts it (React key) when the
//   filter changes, which drops the cache.
// - refreshToken changes (ordersChanged, after a move or save) mark every cached page
//   stale; stale rows stay on screen until the fresh copy of their page arrives.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../api";
import type { OrderRow } from "../bindings";
import type { OrderFilter } from "./filter";

export const PAGE_SIZE = 100;
export const MAX_CACHED_PAGES = 20;

type PageEntry = { rows: OrderRow[]; gen: number };
type PagesState = {
  pages: ReadonlyMap<number, PageEntry>;
  total: number | null;
  error: string | null;
};

const EMPTY: PagesState = { pages: new Map(), total: null, error: null };

export type OrderPages = {
  /** Rows matching the filter on the backend; null until the first page arrives. */
  total: number | null;
  error: string | null;
  /** The row at a list index, if its page is loaded. */
  rowAt: (index: number) => OrderRow | undefined;
  /** Tell which indexes are on screen; missing pages are fetched. */
  ensureRange: (first: number, last: number) => void;
  /** Fetch the visible pages again (after an error). */
  retry: () => void;
};

export function useOrderPages(
  filter: OrderFilter,
  refreshToken: number,
  pageSize: number = PAGE_SIZE,
): OrderPages {
  // `store` is the source of truth used by callbacks; `snapshot` is what render reads.
  const store = useRef<PagesState>(EMPTY);
  const [snapshot, setSnapshot] = useState<PagesState>(EMPTY);
  const gen = useRef(0);
  const inflight = useRef(new Map<number, number>()); // page -> gen it was asked for
  const visible = useRef({ first: 0, last: 0 });
  const alive = useRef(true);

  const commit = useCallback((next: PagesState) => {
    store.current = next;
    setSnapshot(next);
  }, []);

  const { status, shopId, search, sortBy, sort } = filter;

  const load = useCallback(
    (page: number) => {
      const g = gen.current;
      const cached = store.current.pages.get(page);
      if (cached && cached.gen === g) return;
      if (inflight.current.get(page) === g) return;
      inflight.current.set(page, g);
      api
        .listOrders({
          status,
          shop_id: shopId,
          search,
          sort_by: sortBy,
          sort,
          offset: page * pageSize,
          limit: pageSize,
        })
        .then(
          (res) => {
            if (inflight.current.get(page) === g) inflight.current.delete(page);
            if (!alive.current || g !== gen.current) return;
            const pages = new Map(store.current.pages);
            pages.set(page, { rows: res.rows, gen: g });
            evict(pages, visible.current, pageSize);
            commit({ pages, total: res.total, error: null });
          },
          (e: unknown) => {
            if (inflight.current.get(page) === g) inflight.current.delete(page);
            if (!alive.current || g !== gen.current) return;
            commit({ ...store.current, error: errorMessage(e) });
          },
        );
    },
    [status, shopId, search, sortBy, sort, pageSize, commit],
  );

  const ensureRange = useCallback(
    (first: number, last: number) => {
      visible.current = { first, last };
      const total = store.current.total;
      const lastIndex = total === null ? last : Math.min(last, total - 1);
      if (lastIndex < first) return;
      const p0 = Math.floor(first / pageSize);
      const p1 = Math.floor(lastIndex / pageSize);
      for (let p = p0; p <= p1; p++) load(p);
    },
    [load, pageSize],
  );

  // The first page tells the total, so it is needed before anything can be shown.
  useEffect(() => {
    alive.current = true;
    load(0);
    return () => {
      alive.current = false;
    };
  }, [load]);

  const seenToken = useRef(refreshToken);
  useEffect(() => {
    if (seenToken.current === refreshToken) return;
    seenToken.current = refreshToken;
    gen.current += 1;
    const { first, last } = visible.current;
    // No clamp to the old total here: the list may have grown since.
    const p0 = Math.floor(first / pageSize);
    const p1 = Math.floor(last / pageSize);
    for (let p = p0; p <= p1; p++) load(p);
  }, [refreshToken, load, pageSize]);

  const retry = useCallback(() => {
    gen.current += 1;
    const { first, last } = visible.current;
    load(Math.floor(first / pageSize));
    ensureRange(first, last);
  }, [ensureRange, load, pageSize]);

  const rowAt = useCallback(
    (index: number) => snapshot.pages.get(Math.floor(index / pageSize))?.rows[index % pageSize],
    [snapshot, pageSize],
  );

  return { total: snapshot.total, error: snapshot.error, rowAt, ensureRange, retry };
}

/** Keep the cache bounded: drop the pages farthest from what is on screen. */
function evict(
  pages: Map<number, PageEntry>,
  visible: { first: number; last: number },
  pageSize: number,
) {
  if (pages.size <= MAX_CACHED_PAGES) return;
  const center = (visible.first + visible.last) / 2 / pageSize;
  const byDistance = [...pages.keys()].sort(
    (a, b) => Math.abs(b - center) - Math.abs(a - center),
  );
  for (const p of byDistance.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(p);
}
