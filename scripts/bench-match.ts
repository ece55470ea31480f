/**
 * `npm run bench:match`: matching quality and speed on the labelled demo set. Loads the
 * demo data into a fresh embedded PGlite database in a temporary folder, indexes the
 * published listings in the embedded search engine, computes every need's matches (the
 * need direction) and every published listing's (the listing direction), and prints
 * precision@5 per need and overall (see app/matching/quality.server.ts for the
 * definition) with the time taken. A benchmark: it asserts nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const tmp = mkdtempSync(path.join(os.tmpdir(), "techbridge-bench-match-"));
// Anything the app modules write (session secret, uploads) stays in the temporary folder.
process.env.DATA_DIR = tmp;
delete process.env.DATABASE_URL;
delete process.env.MEILI_HOST;

const { installDatabase, prisma } = await import("~/db.server");
const { openDatabase } = await import("~/db/database.server");
const { applyMigrations } = await import("~/db/migrate.server");
const { createEmbeddedEngine } = await import("@search/embedded.server");
const { allSearchDocuments } = await import("~/listings/search-document.server");
const { installSearchEngine } = await import("~/search/search.server");
const { computeMatchesForListing, computeMatchesForNeed, matchingOutboxHandlers } = await import("~/matching/matching.server");
const { drainAll } = await import("~/jobs/outbox.server");
const { evaluateMatchQuality, formatQualityReport } = await import("~/matching/quality.server");
const { seedDemoData } = await import("../prisma/seed.server");

const db = await openDatabase({ dataDir: path.join(tmp, "pglite") });
try {
  await applyMigrations(db.sql, path.resolve("prisma/migrations"));
  installDatabase(db);
  await seedDemoData(() => {});
  const engine = createEmbeddedEngine();
  let started = performance.now();
  await engine.replaceAll(allSearchDocuments());
  installSearchEngine(engine);
  console.log(`index: ${await engine.count()} published listings in ${(performance.now() - started).toFixed(0)} ms`);

  const needs = await prisma.technologyNeed.findMany({ where: { status: "open" }, select: { id: true, externalRef: true }, orderBy: { externalRef: "asc" } });
  const perNeed: number[] = [];
  started = performance.now();
  for (const need of needs) {
    const t0 = performance.now();
    await computeMatchesForNeed(need.id, { alert: false });
    perNeed.push(performance.now() - t0);
  }
  const needTotal = performance.now() - started;

  const listings = await prisma.listing.findMany({ where: { status: "published" }, select: { id: true } });
  started = performance.now();
  // Every listing changed at once (a bulk import): each queues the needs of its field, and the
  // queued recomputations coalesce to one per need.
  for (const listing of listings) await computeMatchesForListing(listing.id);
  const queued = await prisma.outboxMessage.count({ where: { topic: "matching.recompute", status: "pending" } });
  await drainAll(matchingOutboxHandlers);
  const listingTotal = performance.now() - started;

  const report = await evaluateMatchQuality();
  console.log(formatQualityReport(report));
  const sorted = [...perNeed].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
  console.log(`need direction: ${needs.length} needs in ${needTotal.toFixed(0)} ms (per need: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${sorted.at(-1)!.toFixed(1)} ms)`);
  console.log(`listing direction: ${listings.length} listings changed → ${queued} need recomputations queued (coalesced), all done in ${listingTotal.toFixed(0)} ms`);
  console.log(`matches stored: ${await prisma.match.count()}`);
} finally {
  installSearchEngine(undefined);
  installDatabase(undefined);
  await db.close();
  rmSync(tmp, { recursive: true, force: true });
}
