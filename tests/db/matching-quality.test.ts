/**
 * Matching quality on the labelled demo set: the seed's needs against the seed's listings,
 * through the real (embedded) search engine and glossary. Prints precision@5 per need and
 * overall, and holds the floor the matcher reaches today.
 */
import { createEmbeddedEngine } from "@search/embedded.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allSearchDocuments } from "~/listings/search-document.server";
import { computeAllMatches } from "~/matching/matching.server";
import { evaluateMatchQuality, formatQualityReport } from "~/matching/quality.server";
import { installSearchEngine } from "~/search/search.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { seedDemoData } from "../../prisma/seed.server";

setupTestDatabase();

beforeAll(async () => {
  await seedDemoData(() => {});
  const engine = createEmbeddedEngine();
  await engine.replaceAll(allSearchDocuments());
  installSearchEngine(engine);
}, 120_000);
afterAll(() => installSearchEngine(undefined));

describe("matching quality on the labelled set", () => {
  it("reaches precision@5 ≥ 0.8 and recall@5 ≥ 0.9", async () => {
    const started = performance.now();
    const { needs } = await computeAllMatches({ alert: false });
    const ms = performance.now() - started;
    const report = await evaluateMatchQuality();
    console.log(`${formatQualityReport(report)}\n${needs} needs matched in ${ms.toFixed(0)} ms`);
    expect(report.needs).toHaveLength(12);
    expect(report.precisionAt5).toBeGreaterThanOrEqual(0.8);
    expect(report.recallAt5).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
