#!/usr/bin/env node
// `npm test`: type check, lint, unit + database suites (PGlite, and PostgreSQL when
// TEST_POSTGRES_URL is set), then the browser tests. Stops at the first failing step and
// ends with one closing line summing every suite: "N passed, N failed, N skipped".
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";

const summaryDir = path.resolve("test-results/summary");
rmSync(summaryDir, { recursive: true, force: true });
const env = { ...process.env, TEST_SUMMARY_DIR: summaryDir };
const steps = [
  ["typecheck", ["run", "typecheck"]],
  ["lint", ["run", "lint"]],
  ["unit and database tests", ["run", "test:unit"]],
  ["browser tests", ["run", "test:e2e"]],
];

let failedStep = null;
for (const [name, args] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync("npm", args, { stdio: "inherit", env });
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of ["unit.json", "e2e.json"]) {
  try {
    const counts = JSON.parse(readFileSync(path.join(summaryDir, file), "utf8"));
    for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
  } catch {}
}
// CI runs everything: a skipped test there would be a check that silently did not happen.
if (!failedStep && process.env.CI === "true" && totals.skipped > 0) failedStep = `${totals.skipped} skipped test(s) in CI`;
if (failedStep) {
  console.log(`\n✗ ${failedStep} failed`);
  if (totals.failed === 0) totals.failed = 1;
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
