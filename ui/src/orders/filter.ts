import type { SortDir, SortKey, Status } from "../bindings";

/** What the merchant has chosen to look at. status null = 全て. */
export type OrderFilter = {
  status: Status | null;
  shopId: number | null;
  search: string | null;
  /** The column sorted by, and its direction. */
  sortBy: SortKey;
  sort: SortDir;
};

/** Stable identity of a filter: pages and selection belong to one key. */
export function filterKey(f: OrderFilter): string {
  return JSON.stringify([f.status, f.shopId, f.search, f.sortBy, f.sort]);
}
