// The app's stylesheet, for the few tests that read a computed style (jsdom applies
// rules but does no layout). Vitest hands a CSS import over empty, so it is read from
// disk (vitest runs from ui/).
type NodeGlobals = {
  process: { cwd(): string; getBuiltinModule(id: "node:fs"): { readFileSync(path: string, encoding: "utf8"): string } };
};

/** Adds styles.css to the document; returns a function that takes it away again. */
export function withAppStylesheet(): () => void {
  const { process } = globalThis as unknown as NodeGlobals;
  const style = document.createElement("style");
  style.textContent = process.getBuiltinModule("node:fs").readFileSync(`${process.cwd()}/src/styles.css`, "utf8");
  document.head.append(style);
  return () => style.remove();
}
