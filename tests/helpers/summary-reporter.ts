/**
 * Prints one plain closing line, "N passed, N failed, N skipped", which CI reads in any
 * language; vitest's own summary stays above it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      if (mod.state() === "failed" && [...mod.children.allTests()].length === 0) failed++;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    // scripts/test.mjs adds the suites up into npm test's closing line.
    const dir = process.env.TEST_SUMMARY_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      const name = process.argv.some((a) => a.includes("tests/e2e")) ? "e2e.json" : "unit.json";
      writeFileSync(path.join(dir, name), JSON.stringify({ passed, failed, skipped }));
    }
  }
}
