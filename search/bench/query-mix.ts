/**
 * In-process profile of the embedded engine on `bench:search`'s data shape and query mix
 * (not part of the test run): listings copied from the demo seed in ko/en/ja/zh/vi with
 * glossary terms mixed in, then each query of the mix timed on its own.
 *
 *   node --expose-gc --import tsx search/bench/query-mix.ts [listings=100000] [repeat=50] [after-update]
 *
 * `after-update` re-indexes one listing after the build, as any edit does in production: the
 * index then holds a tombstone until its next compaction, and the figures show that state.
 */
import { CERTIFICATIONS, REGIONS, TRANSFER_MODES, type Locale } from "../../app/domain/taxonomy";
import { parseSearchParams } from "../../app/search/query";
import { createEmbeddedEngine } from "../embedded.server";
import type { SearchDocument } from "../types";
import { benchRandom, glossarySample, SEARCH_QUERY_MIX, seedListings } from "./mix";

const N = Number(process.argv[2] ?? 100_000);
const REPEAT = Number(process.argv[3] ?? 50);
const seed = seedListings;
const glossaryTerms = glossarySample;
const { random, pick, some } = benchRandom();

function makeDoc(i: number): SearchDocument {
  const base = pick(seed);
  const extra = some(glossaryTerms, 3).join(", ");
  const title: Partial<Record<Locale, string>> = {};
  const summary: Partial<Record<Locale, string>> = {};
  for (const [locale, text] of Object.entries(base.texts)) {
    if (!["ko", "en", "ja", "zh", "vi"].includes(locale)) continue;
    title[locale as Locale] = `${text.title} ${i}`;
    summary[locale as Locale] = `${text.summary} ${locale === "en" || locale === "ko" ? extra : ""}`.trim();
  }
  const price = random() < 0.85 ? Math.floor(20_000 + random() * 2_000_000) : null;
  return {
    id: `listing-${i}`, slug: `bench-${i}`, title, summary, body: {}, keywords: [], field: base.field, fieldLabels: [base.field],
    ipc: [], trl: 1 + Math.floor(random() * 9), transferModes: some(TRANSFER_MODES, 3), targetRegions: some(REGIONS, 3),
    certifications: some(CERTIFICATIONS, 2), hasValuation: false, valuationVerified: false, priceMinUsd: price, priceMaxUsd: price === null ? null : price * 2,
    publishedAt: Date.now() - Math.floor(random() * 300) * 86_400_000, orgName: `(주)벤치${i % 300} Bench ${i % 300} Co.`,
    display: { organisationName: `(주)벤치${i % 300}`, organisationNameEn: `Bench ${i % 300} Co.`, hasAnyValuation: false },
  };
}

const QUERIES = SEARCH_QUERY_MIX;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

const engine = createEmbeddedEngine();
await engine.init();
gc();
const before = process.memoryUsage();
const t0 = performance.now();
await engine.replaceAll((function* () { for (let i = 0; i < N; i += 1000) yield Array.from({ length: Math.min(1000, N - i) }, (_, k) => makeDoc(i + k)); })());
const buildMs = performance.now() - t0;
if (process.argv[4] === "after-update") await engine.upsert([makeDoc(0)]);
gc();
const after = process.memoryUsage();
console.log(`listings=${N} build=${(buildMs / 1000).toFixed(1)}s heap=${mb(after.heapUsed)} (+${mb(after.heapUsed - before.heapUsed)}) external+arrays=${mb(after.external + after.arrayBuffers)} rss=${mb(after.rss)}`);
let all = 0;
for (const qs of QUERIES) {
  const { query } = parseSearchParams(new URLSearchParams(qs), "en");
  const times: number[] = [];
  let total = 0;
  for (let r = 0; r < REPEAT; r++) {
    const t = performance.now();
    total = (await engine.search(query)).total;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  all += times.reduce((a, b) => a + b, 0);
  console.log(`${qs.padEnd(52)} total=${String(total).padStart(6)}  p50=${times[Math.floor(REPEAT / 2)]!.toFixed(2)}ms p95=${times[Math.floor(REPEAT * 0.95)]!.toFixed(2)}ms`);
}
console.log(`mean over the mix: ${(all / (REPEAT * QUERIES.length)).toFixed(2)} ms`);
