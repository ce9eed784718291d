// Pure helpers for row selection in the order list (click / ctrl-click / shift-click).
import type { OrderRow } from "../bindings";

export type RowLookup = (index: number) => OrderRow | undefined;

/** Ids of the loaded rows between two list indexes, both ends included. */
export function idsInRange(rowAt: RowLookup, a: number, b: number): number[] {
  const ids: number[] = [];
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) {
    const row = rowAt(i);
    if (row) ids.push(row.id);
  }
  return ids;
}

export function toggled(selected: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

export function withAll(selected: ReadonlySet<number>, ids: number[]): Set<number> {
  const next = new Set(selected);
  for (const id of ids) next.add(id);
  return next;
}

export function withoutAll(selected: ReadonlySet<number>, ids: number[]): Set<number> {
  const next = new Set(selected);
  for (const id of ids) next.delete(id);
  return next;
}
