/**
 * The load benchmark's mix, shortened for CI: fresh buyer and SME accounts signed up over HTTP,
 * then 1 and 12 concurrent virtual users for a few seconds each against the test server. The
 * figures (throughput, latency) are not asserted — `npm run bench:load` reports them on
 * PostgreSQL with 10,000 listings; this run checks that the mix gets no error at all under
 * concurrency and that every kind of request, reads and writes, was really served.
 */
import { describe, expect, it } from "vitest";
import { createAccounts, discover, runLevel } from "../../scripts/load/driver";
import { baseUrl } from "./browser";

describe("load mix (CI size)", () => {
  it("serves landing, search, listing and consultant pages, inquiries and slot holds with zero errors", async () => {
    const target = await discover(baseUrl(), 300);
    const accounts = await createAccounts(target, 4, 3, Date.now().toString(36));
    for (const concurrency of [1, 12]) {
      // Slots from the later half of each picker, so other browser tests keep the early ones.
      const level = await runLevel(target, accounts, concurrency, 4000, { slotHalf: "late" });
      console.log(`load c=${concurrency}: ${level.requests} requests, ${level.rps} req/s, reads p95 ${level.reads.p95} ms, writes p95 ${level.writes.p95} ms`);
      expect(level.errorSamples).toEqual([]);
      expect(level.errors).toBe(0);
      if (concurrency === 12) {
        for (const kind of ["landing", "search", "listing", "consultant", "inquiry", "hold"] as const) expect(level.byKind[kind].ok, kind).toBeGreaterThan(0);
      }
    }
  }, 120_000);
});
