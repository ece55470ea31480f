/**
 * Load benchmark for the embedded engine (not part of the test run):
 * indexes N synthetic listings shaped like real ones (Korean + English text,
 * a third with a third language, Zipf-distributed vocabulary, Korean particles)
 * and reports build time, heap/RSS after GC and per-query latency percentiles.
 *
 *   node --expose-gc --import tsx search/bench/embedded-load.ts [docs=100000] [bodyIndexChars]
 */
import { faker } from "@faker-js/faker";
import path from "node:path";
import { CERTIFICATIONS, REGIONS, TECH_FIELDS, TRANSFER_MODES, type Locale } from "../../app/domain/taxonomy";
import { createEmbeddedEngine } from "../embedded.server";
import { loadGlossary } from "../glossary";
import type { SearchDocument, SearchQuery } from "../types";

const N = Number(process.argv[2] ?? 100_000);
const bodyIndexChars = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
faker.seed(42);
let seed = 42;
const random = () => {
  // mulberry32: deterministic and fast
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
/** Zipf-like: low indices (common words) much more frequent. */
const zipf = <T>(list: readonly T[]) => list[Math.floor(list.length * Math.pow(random(), 2.2))];

const DOMAIN: Record<string, { en: string[]; ko: string[] }> = {
  battery: { en: ["battery", "lithium", "cathode", "anode", "electrolyte", "charging"], ko: ["배터리", "리튬", "양극재", "음극재", "전해질", "충전"] },
  semiconductor: { en: ["semiconductor", "wafer", "transistor", "lithography", "etching"], ko: ["반도체", "웨이퍼", "트랜지스터", "노광", "식각"] },
  display: { en: ["oled", "display", "panel", "pixel"], ko: ["디스플레이", "패널", "화소", "유기발광"] },
  hydrogen: { en: ["hydrogen", "fuel", "cell", "electrolysis"], ko: ["수소", "연료전지", "수전해"] },
  robotics: { en: ["robot", "gripper", "actuator", "collaborative"], ko: ["로봇", "그리퍼", "구동기", "협동로봇"] },
};

const enVocab = [...new Set(Array.from({ length: 60_000 }, () => faker.word.sample().toLowerCase()))];
// Real text draws characters Zipf-style from a few thousand (Korean syllables, Han
// characters); uniform random characters would inflate the bigram vocabulary tenfold.
const syllables = Array.from({ length: 2000 }, () => String.fromCharCode(0xac00 + Math.floor(random() * 11172)));
const koVocab = [...new Set(Array.from({ length: 40_000 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => zipf(syllables)).join("")))];
const han = Array.from({ length: 3500 }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 8000)));
const cjkVocab = [...new Set(Array.from({ length: 25_000 }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => zipf(han)).join("")))];
const particles = ["의", "를", "을", "은", "는", "이", "가", "에", "에서", "으로", "와", "과"];

function enText(words: number, field: string): string {
  const domain = DOMAIN[field]?.en ?? [];
  return Array.from({ length: words }, () => (domain.length && random() < 0.08 ? pick(domain) : zipf(enVocab))).join(" ");
}
function koText(words: number, field: string): string {
  const domain = DOMAIN[field]?.ko ?? [];
  return Array.from({ length: words }, () => (domain.length && random() < 0.08 ? pick(domain) : zipf(koVocab)) + (random() < 0.35 ? pick(particles) : "")).join(" ");
}
function cjkText(chars: number): string {
  let out = "";
  while (out.length < chars) out += zipf(cjkVocab) + (random() < 0.2 ? "の" : "");
  return out;
}

function makeDoc(i: number): SearchDocument {
  const field = pick(TECH_FIELDS);
  const extra: Locale = pick(["ja", "zh", "vi", "es", "ar"] as const);
  const title: Partial<Record<Locale, string>> = { ko: koText(6, field), en: enText(8, field) };
  const summary: Partial<Record<Locale, string>> = { ko: koText(25, field), en: enText(40, field) };
  const body: Partial<Record<Locale, string>> = { ko: koText(150, field), en: enText(220, field) };
  if (random() < 0.33) {
    const text = extra === "ja" || extra === "zh" ? cjkText : (n: number) => enText(Math.round(n / 6), field);
    title[extra] = text(30);
    summary[extra] = text(120);
    body[extra] = text(600);
  }
  const price = random() < 0.7 ? Math.round(random() * 2_000_000) : null;
  return {
    id: `doc-${i}`,
    slug: `doc-${i}`,
    title,
    summary,
    body,
    keywords: [pick(DOMAIN[field]?.en ?? enVocab), zipf(koVocab)],
    field,
    fieldLabels: [field, `${field}-label`],
    ipc: [`H0${i % 9}M ${i % 97}/${i % 1000}`],
    trl: 1 + Math.floor(random() * 9),
    transferModes: [pick(TRANSFER_MODES), pick(TRANSFER_MODES)],
    targetRegions: [pick(REGIONS), pick(REGIONS)],
    certifications: random() < 0.5 ? [pick(CERTIFICATIONS)] : [],
    hasValuation: random() < 0.4,
    valuationVerified: random() < 0.2,
    priceMinUsd: price,
    priceMaxUsd: price === null ? null : price + Math.round(random() * 500_000),
    publishedAt: Date.UTC(2020, 0, 1) + Math.floor(random() * 5 * 365 * 86_400_000),
    orgName: faker.company.name(),
  };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

const glossary = await loadGlossary(path.join(import.meta.dirname, "..", "__fixtures__"));
const engine = createEmbeddedEngine({ glossary, bodyIndexChars });
gc();
const baseline = process.memoryUsage();
const buildStart = performance.now();
await engine.replaceAll(
  (function* () {
    for (let i = 0; i < N; i += 1000) yield Array.from({ length: Math.min(1000, N - i) }, (_, k) => makeDoc(i + k));
  })(),
);
const buildMs = performance.now() - buildStart;
gc();
gc();
const after = process.memoryUsage();
const st = (engine as unknown as { stats?: () => unknown }).stats?.();
if (st) console.log(JSON.stringify(st));
console.log(`docs=${await engine.count()} bodyIndexChars=${bodyIndexChars ?? "default"} build=${(buildMs / 1000).toFixed(1)}s heapUsed=${mb(after.heapUsed)} (+${mb(after.heapUsed - baseline.heapUsed)}) rss=${mb(after.rss)}`);

const base: SearchQuery = { q: "", locale: "en", filters: {}, sort: "relevance", page: 1, pageSize: 20 };
const cases: [string, Partial<SearchQuery>][] = [
  ["en word", { q: "lithium" }],
  ["en two words", { q: "semiconductor wafer" }],
  ["en typo", { q: "semiconducter" }],
  ["en prefix", { q: "transis" }],
  ["en common word", { q: enVocab[1] }], // in most documents, like "technology"
  ["glossary concept", { q: "battery" }],
  ["ko with particle", { q: "배터리의" }],
  ["ko two words", { q: "반도체 웨이퍼를" }],
  ["cjk no spaces", { q: cjkVocab[3] + cjkVocab[10] }],
  ["en word + filters", { q: "lithium", filters: { fields: ["battery"], trlMin: 5, hasValuation: true } }],
  ["en word sort newest", { q: "battery", sort: "newest" }],
  ["browse", {}],
  ["browse + filters", { filters: { regions: ["europe"], trlMin: 6 } }],
  ["browse price sort", { sort: "price_asc", page: 3 }],
];

const only = process.env.BENCH_CASE; // e.g. BENCH_CASE="en word" BENCH_REPEAT=500 for profiling
const repeat = Number(process.env.BENCH_REPEAT ?? 40);
for (const [name, partial] of cases) {
  if (only && name !== only) continue;
  const query = { ...base, ...partial };
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    total = (await engine.search(query)).total;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(`${name.padEnd(22)} q=${JSON.stringify(query.q).padEnd(24)} total=${String(total).padStart(6)}  p50=${p(0.5)}ms p95=${p(0.95)}ms`);
}
gc();
console.log(`rss at end=${mb(process.memoryUsage().rss)}`);
