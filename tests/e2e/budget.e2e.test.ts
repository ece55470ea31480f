/**
 * The front-end byte budget, in Chromium: the landing and search pages ship at most 170 KB of
 * JavaScript over the wire (compressed) and do not shift their layout (CLS ≤ 0.1). Paint timings
 * are measured by `npm run bench:frontend` and recorded in README, not asserted here.
 */
import { describe, expect, it } from "vitest";
import { kb, measurePage } from "../../scripts/frontend/measure";
import { baseUrl, chromiumForThisFile } from "./browser";

// ~170 KB of compressed JavaScript is what a mid-range phone on a slow 4G link parses and runs
// within a 5-second time-to-interactive (Alex Russell's widely used baseline budget).
const JS_BUDGET_BYTES = 170 * 1024;

const browser = chromiumForThisFile();

describe("front-end budget", () => {
  for (const path of ["/", "/technologies", "/technologies?q=battery&field=battery"]) {
    it(`${path}: JavaScript ≤ 170 KB on the wire, CLS ≤ 0.1`, async () => {
      const weight = await measurePage(browser(), baseUrl(), path, { locale: "ko-KR" });
      console.log(`${path}: JS ${kb(weight.transfer.script)} (${weight.scripts} files, ${kb(weight.decodedScript)} raw), total ${kb(Object.values(weight.transfer).reduce((a, b) => a + b, 0))}, CLS ${weight.cls.toFixed(3)}`);
      expect(weight.scripts).toBeGreaterThan(0);
      expect(weight.transfer.script).toBeGreaterThan(0);
      expect(weight.transfer.script).toBeLessThanOrEqual(JS_BUDGET_BYTES);
      expect(weight.cls).toBeLessThanOrEqual(0.1);
    });
  }
});
