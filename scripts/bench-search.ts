/**
 * `npm run bench:search [-- 10000 100000]`: search at scale, over HTTP, against the built app.
 *
 * For each size it creates a fresh PostgreSQL database (BENCH_DATABASE_URL, default the
 * local server at 127.0.0.1), fills it with synthetic multilingual listings (texts derived
 * from the demo listings in ko/en/ja/zh/vi plus glossary terms in all seven languages),
 * starts the app on it (embedded search engine, built from the database at start-up),
 * and drives /api/v1/search from this separate process with a fixed query mix at
 * concurrency 1 and 32: p50/p95/p99 latency, throughput, indexing time and the server's
 * memory. The client is an undici `Pool` (32 keep-alive connections): Node's `fetch`
 * costs the client so much CPU that on 2 cores it alone puts p95 at ~25 ms for a server
 * that does nothing, so the run first measures floors — the same client against a bare
 * node:http server, and against Express with the app's middleware answering a constant page
 * of results — and, per size, the app's own path for a query that matches nothing. The same
 * query mix then runs as the simple-marketplace baseline — ILIKE on PostgreSQL with pg_trgm GIN indexes, through a 32-connection pool, without HTTP (which
 * flatters the baseline) — and the throughput ratio is printed.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { Pool } from "undici";
import { openDatabase } from "~/db/database.server";
import { applyMigrations } from "~/db/migrate.server";
import { CERTIFICATIONS, REGIONS, TRANSFER_MODES } from "~/domain/taxonomy";
import { freePort } from "./lib/net";
import { benchRandom, glossarySample, SEARCH_QUERY_MIX, seedListings } from "../search/bench/mix";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [10_000, 100_000];
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/test";
const REQUESTS_C1 = Number(process.env.BENCH_REQUESTS_C1 ?? 400);
const REQUESTS_C32 = Number(process.env.BENCH_REQUESTS_C32 ?? 4000);

const seed = seedListings;
const glossaryTerms = glossarySample;
const { random, pick, some } = benchRandom();
const QUERIES = SEARCH_QUERY_MIX;
/** undici sends the path as given: percent-encoded here, as a browser (or fetch) would. */
const SEARCH_PATHS = QUERIES.map((q) => {
  const url = new URL(`/api/v1/search?${q}`, "http://localhost");
  return url.pathname + url.search;
});
const NO_MATCH_PATH = "/api/v1/search?q=zzqxj";
/** What browsers and Node's fetch send over plain http (brotli only over https): answers are gzipped, as in production. */
const ACCEPT = { "accept-encoding": "gzip, deflate" };
const BASELINE_TERMS = ["battery", "배터리", "반도체", "二次電池", "电池", "pin", "semiconducter", "hydrogen fuel cell", "수소", "OLED", "robot gripper", "cosmetic", "", "AI", "lithum", "스마트팩토리"];


async function fill(url: string, n: number) {
  const db = await openDatabase({ url });
  await applyMigrations(db.sql, path.resolve("prisma/migrations"));
  await db.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const orgIds: string[] = [];
  for (let i = 0; i < 300; i++) {
    const id = randomUUID();
    orgIds.push(id);
    await client.query(`INSERT INTO "Organisation" (id, slug, kind, name, "nameEn", country, "updatedAt") VALUES ($1, $2, 'sme', $3, $4, 'KR', now())`, [id, `org-${i}`, `(주)벤치${i}`, `Bench ${i} Co.`]);
    for (const code of some(CERTIFICATIONS, 2)) await client.query(`INSERT INTO "OrganisationCertification" (id, "organisationId", code) VALUES ($1, $2, $3)`, [randomUUID(), id, code]);
  }
  const batch = 2000;
  for (let start = 0; start < n; start += batch) {
    const L: unknown[][] = Array.from({ length: 12 }, () => []);
    const T: unknown[][] = Array.from({ length: 5 }, () => []);
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const base = pick(seed);
      const id = randomUUID();
      const extra = some(glossaryTerms, 3).join(", ");
      const price = random() < 0.85 ? Math.floor(20_000 + random() * 2_000_000) * 100 : null;
      L[0]!.push(id);
      L[1]!.push(`bench-${i}`);
      L[2]!.push(pick(orgIds));
      L[3]!.push(base.field);
      L[4]!.push(1 + Math.floor(random() * 9));
      L[5]!.push(`{${some(TRANSFER_MODES, 3).join(",")}}`);
      L[6]!.push(`{${some(REGIONS, 3).join(",")}}`);
      L[7]!.push(price);
      L[8]!.push(price === null ? null : price * 2);
      L[9]!.push(price === null ? null : "USD");
      L[10]!.push(new Date(Date.now() - Math.floor(random() * 300) * 86_400_000));
      L[11]!.push(`{}`);
      for (const [locale, text] of Object.entries(base.texts)) {
        if (!["ko", "en", "ja", "zh", "vi"].includes(locale)) continue;
        T[0]!.push(randomUUID());
        T[1]!.push(id);
        T[2]!.push(locale);
        T[3]!.push(`${text.title} ${i}`);
        T[4]!.push(`${text.summary} ${locale === "en" || locale === "ko" ? extra : ""}`.trim());
      }
    }
    await client.query(
      `INSERT INTO "Listing" (id, slug, "organisationId", status, field, trl, "transferModes", "targetRegions", "askingMinMinor", "askingMaxMinor", "askingCurrency", "publishedAt", "expiresAt", keywords, "updatedAt")
       SELECT id, slug, org, 'published', field, trl, modes::text[], regions::text[], pmin, pmax, cur, pub, pub + interval '365 days', kw::text[], now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::text[], $11::timestamptz[], $12::text[])
         AS x(id, slug, org, field, trl, modes, regions, pmin, pmax, cur, pub, kw)`,
      L,
    );
    await client.query(
      `INSERT INTO "ListingTranslation" (id, "listingId", locale, title, summary, "reviewedByHuman", "updatedAt")
       SELECT id, lid, loc, title, summary, true, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(id, lid, loc, title, summary)`,
      T,
    );
    process.stderr.write(`\r  filling ${Math.min(n, start + batch)}/${n}`);
  }
  process.stderr.write("\n");
  // What a simple marketplace would add for its ILIKE search.
  await client.query(`CREATE INDEX IF NOT EXISTS lt_title_trgm ON "ListingTranslation" USING gin (title gin_trgm_ops)`);
  await client.query(`CREATE INDEX IF NOT EXISTS lt_summary_trgm ON "ListingTranslation" USING gin (summary gin_trgm_ops)`);
  await client.query(`ANALYZE`);
  await client.end();
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function load(label: string, total: number, concurrency: number, run: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        try {
          await run(i);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const rps = total / seconds;
  const row = { label, concurrency, requests: total, errors, rps, p50: +percentile(latencies, 50).toFixed(1), p95: +percentile(latencies, 95).toFixed(1), p99: +percentile(latencies, 99).toFixed(1) };
  console.log(`  ${label.padEnd(22)} c=${String(concurrency).padEnd(3)} ${(rps < 10 ? rps.toFixed(1) : String(Math.round(rps))).padStart(6)} req/s  p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms  errors ${errors}`);
  return row;
}

/**
 * Floors, each in its own process (scripts/lib/floor-server.ts): this client against a bare
 * node:http server, then against Express with the app's middleware answering a constant page
 * of results. No search server on this machine can do better than these.
 */
/** GETs `path` through `pool` and reads the whole answer; returns the status. */
async function getStatus(pool: Pool, path: string): Promise<number> {
  const res = await pool.request({ path, method: "GET", headers: ACCEPT });
  await res.body.arrayBuffer();
  return res.statusCode;
}

/** Like `getStatus`, for the measured requests: anything but 200 counts as an error. */
async function getOk(pool: Pool, path: string): Promise<void> {
  const status = await getStatus(pool, path);
  if (status !== 200) throw new Error(String(status));
}

async function floors() {
  for (const [kind, label] of [["bare", "floor: bare node:http"], ["express", "floor: express, const"]] as const) {
    const port = await freePort();
    const server = spawn(process.execPath, ["--import", "tsx", "scripts/lib/floor-server.ts", kind, String(port)], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise((resolve) => server.stdout.once("data", resolve));
    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 32 });
    const get = () => getOk(pool, "/");
    await load("warm-up", 2000, 32, get);
    await load(label, REQUESTS_C1, 1, get);
    await load(label, REQUESTS_C32, 32, get);
    await pool.close();
    server.kill();
  }
}

async function benchSize(n: number) {
  console.log(`\n=== ${n.toLocaleString("en")} listings ===`);
  const dbName = `tb_bench_${n}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const fillStart = Date.now();
  await fill(url.toString(), n);
  console.log(`  database filled in ${((Date.now() - fillStart) / 1000).toFixed(1)} s`);

  const port = await freePort();
  let log = "";
  // BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const serverArgs = (process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...serverArgs, "--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: url.toString(), SESSION_SECRET: "bench-secret-0123456789abcdef", SEED_DEMO: "false", JOBS_DISABLED: "true", DATA_DIR: path.join(os.tmpdir(), dbName), MEILI_HOST: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 32 });
  for (;;) {
    if (server.exitCode !== null) throw new Error(log);
    try {
      if ((await getStatus(pool, "/healthz")) === 200) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  const indexed = /(\d+) listings indexed in (\d+) ms/.exec(log);
  console.log(`  embedded index: ${indexed?.[1]} listings in ${indexed?.[2]} ms`);
  const get = (i: number) => getOk(pool, SEARCH_PATHS[i % SEARCH_PATHS.length]!);
  // The app's own floor: the same request path (Express, security headers, Remix, JSON,
  // gzip) for a query that matches nothing, so the engine does almost no work.
  const getNothing = () => getOk(pool, NO_MATCH_PATH);
  await load("warm-up", 200, 8, get);
  const c1 = await load("api/v1/search", REQUESTS_C1, 1, get);
  const c32 = await load("api/v1/search", REQUESTS_C32, 32, get);
  const floor32 = await load("floor: no-match query", REQUESTS_C32, 32, getNothing);
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  console.log(`  server memory (RSS): ${rss.toFixed(0)} MB`);
  await pool.close();
  server.kill("SIGTERM");

  const db = new pg.Pool({ connectionString: url.toString(), max: 32 });
  // The database is dropped WITH (FORCE) at the end: a connection it cuts must not crash the run.
  db.on("error", () => {});
  const baselineQuery = async (i: number) => {
    const term = BASELINE_TERMS[i % BASELINE_TERMS.length]!;
    const like = `%${term}%`;
    const where = `l.status = 'published' AND ($1 = '' OR EXISTS (SELECT 1 FROM "ListingTranslation" t WHERE t."listingId" = l.id AND (t.title ILIKE $2 OR t.summary ILIKE $2)))`;
    await db.query(`SELECT l.id FROM "Listing" l WHERE ${where} ORDER BY l."publishedAt" DESC LIMIT 12`, [term, like]);
    await db.query(`SELECT count(*) FROM "Listing" l WHERE ${where}`, [term, like]);
  };
  await load("baseline warm-up", 50, 8, baselineQuery);
  const b1 = await load("pg_trgm ILIKE (SQL)", Math.min(REQUESTS_C1, 200), 1, baselineQuery);
  const b32 = await load("pg_trgm ILIKE (SQL)", Math.min(REQUESTS_C32, 1000), 32, baselineQuery);
  await db.end();
  console.log(`  throughput ratio at c=32: ${(c32.rps / b32.rps).toFixed(1)}× the pg_trgm baseline (c=1: ${(c1.rps / b1.rps).toFixed(1)}×)`);

  await exited;
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
  return { n, indexedMs: Number(indexed?.[2]), c1, c32, floor32, b1, b32, rssMb: Math.round(rss) };
}

console.log(`bench:search on ${os.cpus().length} cores, Node ${process.version}`);
await floors();
for (const n of SIZES) await benchSize(n);
