/**
 * `npm run bench:import`: the import rate for 10,000 synthetic multilingual listings (Korean
 * and English text, some Japanese and Chinese, patents, valuations, half published). Each run
 * starts from a fresh embedded PGlite database in a temporary folder and, when
 * BENCH_DATABASE_URL is set, again in a throwaway database on that PostgreSQL server (created
 * and dropped here, so the database named in the URL is never written). Prints rows, seconds,
 * rows/s and process memory for a first import and for a re-import of the same file (updates).
 * A benchmark, not a test: it asserts nothing beyond the import succeeding.
 *
 *   BENCH_ROWS=10000 BENCH_DATABASE_URL=postgresql://root@127.0.0.1:5432/test npm run bench:import
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const ORGANISATIONS = 100;
const tmp = mkdtempSync(path.join(os.tmpdir(), "techbridge-bench-"));
// Anything the app modules write (uploads, session secret) stays in the temporary folder.
process.env.DATA_DIR = tmp;
delete process.env.DATABASE_URL;

const { installDatabase } = await import("~/db.server");
const { openDatabase } = await import("~/db/database.server");
const { applyMigrations } = await import("~/db/migrate.server");
const { decodeImportBytes, importListings, parseImportFile } = await import("~/listings/import.server");
const { syntheticListingFactory } = await import("./lib/synthetic-listings");
const { createOrganisation } = await import("../prisma/factories.server");

// ------------------------------------------------------------------ synthetic listings

const syntheticListing = syntheticListingFactory({ organisations: ORGANISATIONS, publishedShare: 0.5 });

// ------------------------------------------------------------------ runs

const file = path.join(tmp, "listings.json");
writeFileSync(file, JSON.stringify(Array.from({ length: ROWS }, (_, i) => syntheticListing(i))));
console.log(`file: ${ROWS.toLocaleString("en")} listings, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB (${file})`);

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
// The kernel's high-water mark: PGlite runs synchronously, so a sampling timer would miss peaks.
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function run(label: string) {
  const started = performance.now();
  const decoded = decodeImportBytes(readFileSync(file));
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  const parsed = parseImportFile(decoded.text, "json");
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const parsedAt = performance.now();
  const result = await importListings(parsed.rows, { actorId: null, publish: true, format: "json", fileName: "bench.json" });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 5))}`);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${label.padEnd(9)} rows ${result.rows}  created ${result.created}  updated ${result.updated}  published ${result.published}  ` +
      `seconds ${seconds.toFixed(1)} (read+parse ${((parsedAt - started) / 1000).toFixed(1)})  rows/s ${Math.round(result.rows / seconds)}  ` +
      `rss ${mb(process.memoryUsage().rss)} (peak ${mb(peakRss())})`,
  );
}

async function bench(label: string, open: () => Promise<Awaited<ReturnType<typeof openDatabase>>>) {
  const db = await open();
  try {
    await applyMigrations(db.sql, path.resolve("prisma/migrations"));
    installDatabase(db);
    for (let i = 0; i < ORGANISATIONS; i++) await createOrganisation(db.prisma, { externalRef: `bench-org-${i}`, kind: "sme" });
    console.log(label);
    await run("import");
    await run("re-import");
  } finally {
    installDatabase(undefined);
    await db.close();
  }
}

try {
  await bench(`PGlite (embedded, ${path.join(tmp, "pglite")})`, () => openDatabase({ dataDir: path.join(tmp, "pglite") }));
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    const name = `tb_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      await bench(`PostgreSQL (${url.host}, throwaway database ${name})`, () => openDatabase({ url: url.toString() }));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
