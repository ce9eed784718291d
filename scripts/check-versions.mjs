#!/usr/bin/env node
// The version lives in one place: `version` under [workspace.package] in the
// root Cargo.toml. Every package of the workspace inherits it, tauri.conf.json
// has none of its own (Tauri then takes the Cargo version), ui/package.json
// repeats it (npm wants one) and CHANGELOG.md has a section for it. This check
// fails when they disagree; `--tag vX.Y.Z` (the release workflow) also checks
// the tag. `--notes` prints the CHANGELOG section of the version instead.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const read = (p) => readFileSync(join(root, p), "utf8");
const problems = [];

const workspace = read("Cargo.toml");
const pkgSection = workspace.match(/^\[workspace\.package\]\n([\s\S]*?)(?=^\[|(?![\s\S]))/m);
const version = pkgSection?.[1].match(/^version\s*=\s*"([^"]+)"/m)?.[1];
if (!version) {
  console.error("Cargo.toml: no version under [workspace.package]");
  process.exit(1);
}

for (const member of ["src-tauri/Cargo.toml", "src-tauri/core/Cargo.toml", "tests/fakemall/Cargo.toml"]) {
  const pkg = read(member).match(/^\[package\]\n([\s\S]*?)(?=^\[|(?![\s\S]))/m)?.[1] ?? "";
  if (!/^version\.workspace\s*=\s*true/m.test(pkg)) {
    problems.push(`${member}: write \`version.workspace = true\` (the version lives in the root Cargo.toml)`);
  }
}

const conf = JSON.parse(read("tauri.conf.json"));
if (conf.version !== undefined) {
  problems.push(`tauri.conf.json: remove "version" (${conf.version}); Tauri takes the Cargo version`);
}

const ui = JSON.parse(read("ui/package.json")).version;
if (ui !== version) problems.push(`ui/package.json: version ${ui}, Cargo.toml says ${version}`);
const uiLock = JSON.parse(read("ui/package-lock.json"));
if (uiLock.version !== version || uiLock.packages?.[""]?.version !== version) {
  problems.push(`ui/package-lock.json: version ${uiLock.version}; run \`npm --prefix ui install\` after changing ui/package.json`);
}

// CHANGELOG.md: "## [X.Y.Z] - date" sections, newest first.
const changelog = read("CHANGELOG.md");
const sections = [...changelog.matchAll(/^## \[([^\]]+)\][^\n]*\n([\s\S]*?)(?=^## \[|(?![\s\S]))/gm)];
const current = sections.find((s) => s[1] === version);
if (!current) problems.push(`CHANGELOG.md: no section "## [${version}]"`);
else if (sections[0][1] !== version) problems.push(`CHANGELOG.md: the newest section is ${sections[0][1]}, not ${version}`);

const tagAt = process.argv.indexOf("--tag");
if (tagAt > 0) {
  const tag = process.argv[tagAt + 1];
  if (tag !== `v${version}`) problems.push(`tag ${tag} does not match the version: tag v${version}`);
}

if (problems.length) {
  for (const p of problems) console.error(`version check: ${p}`);
  process.exit(1);
}
if (process.argv.includes("--notes")) {
  process.stdout.write(current[2].trim() + "\n");
} else {
  console.log(`version ${version}: Cargo.toml, tauri.conf.json (inherits), ui/package.json and CHANGELOG.md agree`);
}
