// Which fields each step of a wizard shows (for its errors and its 次へ).
import type { Wizard } from "../../bindings";

/** The keys of the fields step `n` (1-based) shows, in its blocks and guide lines. */
export function stepFieldKeys(wizard: Wizard, n: number): string[] {
  const step = wizard.steps[n - 1];
  if (!step) return [];
  return step.blocks.flatMap((b) => {
    if (b.kind === "fields") return b.keys;
    if (b.kind === "guide") return b.rows.flatMap((r) => r.fields);
    return [];
  });
}

/** The step (1-based) that shows field `key`; 0 when none does. */
export function stepOfField(wizard: Wizard, key: string): number {
  for (let n = 1; n <= wizard.steps.length; n++) {
    if (stepFieldKeys(wizard, n).includes(key)) return n;
  }
  return 0;
}
