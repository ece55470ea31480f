/**
 * `npm run bench:load`: the whole app on PostgreSQL with 10,000 published listings, driven from
 * this separate process by virtual users at rising concurrency (scripts/load/driver.ts: landing,
 * search with facets, listing pages, consultant pages, inquiries sent, slots held — document
 * requests without think time). Prints, per level, throughput, p50/p95/p99 of read pages and of
 * writes, errors, the server's memory, and the first level where the read p95 passes 200 ms.
 *
 * A fresh database is created on BENCH_DATABASE_URL's server (default the local PostgreSQL) and
 * dropped at the end; the app runs in production mode with the embedded search engine, the demo
 * data (consultants, accounts) and its outbox worker and scheduler on.
 *
 *   npm run bench:load    # 10,000 listings; 10–200 users with 3 s think time, then 1–50 in a closed loop; 20 s a level
 *   BENCH_LISTINGS=2000 BENCH_USERS=10,50 BENCH_LEVELS=1,10 BENCH_SECONDS=5 npm run bench:load
 *   BENCH_KEEP_DATABASE=1 …   # keeps the filled database (its name is printed) for profiling
 *   BENCH_REUSE_DATABASE=tb_load_… …   # measures again on a kept database (no import, not dropped)
 *   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" …   # profiles the app under load
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./lib/net";
import { createAccounts, discover, runLevel, type LevelResult } from "./load/driver";

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 10_000);
const USER_LEVELS = (process.env.BENCH_USERS ?? "10,25,50,100,200").split(",").map(Number);
const LEVELS = (process.env.BENCH_LEVELS ?? "1,5,10,25,50").split(",").map(Number);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 3000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/test";
const ORGANISATIONS = 300;

const tmp = mkdtempSync(path.join(os.tmpdir(), "techbridge-load-"));
process.env.DATA_DIR = tmp;
delete process.env.DATABASE_URL;

/** 10,000 listings through the real importer (all published), like an operator's bulk import. */
async function fill(url: string) {
  const { installDatabase } = await import("~/db.server");
  const { openDatabase } = await import("~/db/database.server");
  const { applyMigrations } = await import("~/db/migrate.server");
  const { importListings } = await import("~/listings/import.server");
  const { createOrganisation } = await import("../prisma/factories.server");
  const { syntheticListingFactory } = await import("./lib/synthetic-listings");
  const db = await openDatabase({ url });
  try {
    await applyMigrations(db.sql, path.resolve("prisma/migrations"));
    installDatabase(db);
    for (let i = 0; i < ORGANISATIONS; i++) await createOrganisation(db.prisma, { externalRef: `bench-org-${i}`, kind: "sme" });
    const make = syntheticListingFactory({ organisations: ORGANISATIONS, publishedShare: 1 });
    const batch = 2000;
    for (let start = 0; start < LISTINGS; start += batch) {
      const rows = Array.from({ length: Math.min(batch, LISTINGS - start) }, (_, i) => make(start + i));
      const result = await importListings(rows as never, { actorId: null, publish: true, format: "json", fileName: "bench-load.json" });
      if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
      process.stderr.write(`\r  importing ${start + rows.length}/${LISTINGS}`);
    }
    process.stderr.write("\n");
  } finally {
    installDatabase(undefined);
    await db.close();
  }
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

const REUSE = process.env.BENCH_REUSE_DATABASE;
const name = REUSE ?? `tb_load_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
if (!REUSE) await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
let server: ReturnType<typeof spawn> | undefined;
try {
  console.log(`bench:load — ${LISTINGS.toLocaleString("en")} listings on PostgreSQL (${url.host}, throwaway database ${name}); ${os.cpus().length} CPUs`);
  if (REUSE) console.log(`  reusing the filled database ${name}`);
  else {
    const filled = performance.now();
    await fill(url.toString());
    console.log(`  imported in ${((performance.now() - filled) / 1000).toFixed(1)} s`);
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = "";
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  server = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", APP_URL: base, DATABASE_URL: url.toString(), SESSION_SECRET: "bench-secret-0123456789abcdef", SEED_DEMO: "true", DATA_DIR: tmp, MEILI_HOST: "", STRIPE_SECRET_KEY: "", SMTP_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const booting = performance.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the app exited:\n${log}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`  app ready in ${((performance.now() - booting) / 1000).toFixed(1)} s (search index built from the database), RSS ${Math.round(rssOf(server.pid!) / 1048576)} MB`);

  // The import queued a search sync and a match recomputation per listing; measure the steady
  // state, after the worker has drained them (how long that takes is a figure of its own).
  const draining = performance.now();
  for (;;) {
    const jobs = ((await (await fetch(`${base}/healthz`)).json()) as { jobs?: { pending: number; processing: number } }).jobs;
    const left = (jobs?.pending ?? 0) + (jobs?.processing ?? 0);
    process.stderr.write(`\r  outbox: ${left} jobs left   `);
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  process.stderr.write("\n");
  console.log(`  outbox after the import drained in ${((performance.now() - draining) / 1000).toFixed(0)} s (search sync + match recomputation for every listing)`);

  const target = await discover(base, 2000);
  const accounts = await createAccounts(target, 50, 20, `${name}-${randomBytes(3).toString("hex")}`);
  console.log(`  ${target.listingSlugs.length} listing pages, ${target.consultantSlugs.length} consultants (${target.bookable.length} bookable services), ${accounts.buyers.length} buyers and ${accounts.smes.length} SMEs signed up over HTTP`);
  // Warm-up: compile paths, fill caches.
  await runLevel(target, accounts, 4, 3000);

  const table = async (title: string, levels: number[], thinkMs: number | undefined) => {
    console.log(`\n  ${title}`);
    console.log(`  ${"users".padStart(5)} ${"req/s".padStart(6)} │ ${"reads p50".padStart(9)} ${"p95".padStart(7)} ${"p99".padStart(7)} │ ${"writes p50".padStart(10)} ${"p95".padStart(7)} ${"p99".padStart(7)} │ errors  refused  RSS`);
    const results: (LevelResult & { rssMb: number })[] = [];
    for (const concurrency of levels) {
      const level = await runLevel(target, accounts, concurrency, SECONDS * 1000, { thinkMs });
      const rssMb = Math.round(rssOf(server!.pid!) / 1048576);
      results.push({ ...level, rssMb });
      const refused = Object.values(level.byKind).reduce((n, k) => n + k.refused, 0);
      console.log(
        `  ${String(concurrency).padStart(5)} ${String(level.rps).padStart(6)} │ ${level.reads.p50.toFixed(1).padStart(9)} ${level.reads.p95.toFixed(1).padStart(7)} ${level.reads.p99.toFixed(1).padStart(7)} │ ${level.writes.p50.toFixed(1).padStart(10)} ${level.writes.p95.toFixed(1).padStart(7)} ${level.writes.p99.toFixed(1).padStart(7)} │ ${String(level.errors).padStart(6)} ${String(refused).padStart(8)}  ${rssMb} MB`,
      );
      if (level.errorSamples.length) {
        console.log(`        errors: ${level.errorSamples.join(" | ")}`);
        const serverErrors = log.split("\n").filter((line) => /error|timeout/i.test(line));
        console.log(`        server log (${serverErrors.length} error lines), last: ${serverErrors.slice(-3).join(" | ").slice(0, 600)}`);
      }
    }
    const top = results.at(-1)!;
    console.log(`  per kind at ${top.concurrency} users (requests, ok/refused/errors, p50/p95/p99 ms):`);
    for (const [kind, k] of Object.entries(top.byKind)) console.log(`    ${kind.padEnd(10)} ${String(k.requests).padStart(6)}  ${k.ok}/${k.refused}/${k.errors}  ${k.p50}/${k.p95}/${k.p99}`);
    const knee = results.find((r) => r.reads.p95 > 200);
    console.log(`  read p95 passes 200 ms at: ${knee ? `${knee.concurrency} users` : `not within ${levels.at(-1)} users`}`);
    return results;
  };

  const users = await table(`Users with think time (exponential, mean ${THINK_MS / 1000} s between requests), ${SECONDS} s per level`, USER_LEVELS, THINK_MS);
  const capacity = await table(`Capacity: closed loop (no think time — N requests always in flight), ${SECONDS} s per level`, LEVELS, undefined);
  const at50 = users.find((r) => r.concurrency === 50);
  const errors = [...users, ...capacity].reduce((n, r) => n + r.errors, 0);
  if (at50) console.log(`\n  target (read p95 < 100 ms at 50 users, 0 errors): read p95 ${at50.reads.p95} ms with ${at50.rps} req/s, errors ${errors} → ${at50.reads.p95 < 100 && errors === 0 ? "met" : "NOT met"}`);
  const closed50 = capacity.find((r) => r.concurrency === 50);
  if (closed50) console.log(`  closed loop at 50 requests in flight: ${closed50.rps} req/s, read p95 ${closed50.reads.p95} ms`);
  const results = { users, capacity };
  if (process.env.BENCH_JSON) console.log(JSON.stringify(results));
} finally {
  server?.kill("SIGTERM");
  if (server) await new Promise((r) => server!.once("exit", r));
  if (process.env.BENCH_KEEP_DATABASE || REUSE) console.log(`  kept the database ${name} (BENCH_REUSE_DATABASE=${name} measures on it again): ${url}`);
  else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  rmSync(tmp, { recursive: true, force: true });
}
