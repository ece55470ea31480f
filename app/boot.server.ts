/**
 * Process start-up, shared by the HTTP server and the command-line tools: open the
 * database (PostgreSQL or PGlite), apply migrations, optionally load the demo data, start
 * the search engine (rebuilding the embedded index from the database) and the outbox worker.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { installDatabase, database } from "~/db.server";
import { openDatabase } from "~/db/database.server";
import { applyMigrations } from "~/db/migrate.server";
import { env } from "~/env.server";
import { outboxHandlers } from "~/jobs/handlers.server";
import { startWorker, type Worker } from "~/jobs/outbox.server";
import { startScheduler } from "~/jobs/scheduler.server";
import { installSearchEngine, openSearchEngine, rebuildSearchIndex } from "~/search/search.server";

export interface BootOptions {
  seed?: (log: (line: string) => void) => Promise<void>;
  worker?: boolean;
  log?: (line: string) => void;
}

export interface Running {
  shutdown(): Promise<void>;
}

export async function boot(options: BootOptions = {}): Promise<Running> {
  const log = options.log ?? ((line: string) => console.log(line));
  const e = env();
  if (!e.DATABASE_URL) mkdirSync(e.pgliteDir, { recursive: true });
  mkdirSync(e.uploadDir, { recursive: true });
  const db = await openDatabase(e.DATABASE_URL ? { url: e.DATABASE_URL } : { dataDir: e.pgliteDir });
  installDatabase(db);
  log(`database: ${db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${path.relative(process.cwd(), e.pgliteDir)}`}`);
  const applied = await applyMigrations(db.sql, path.resolve("prisma/migrations"));
  if (applied.length) log(`migrations applied: ${applied.join(", ")}`);
  if (options.seed) await options.seed(log);

  const engine = await openSearchEngine();
  installSearchEngine(engine);
  if (engine.name === "embedded") {
    const started = Date.now();
    await rebuildSearchIndex();
    log(`search: embedded engine, ${await engine.count()} listings indexed in ${Date.now() - started} ms`);
  } else {
    log(`search: Meilisearch at ${e.MEILI_HOST}`);
  }

  let worker: Worker | undefined;
  let scheduler: { stop(): void } | undefined;
  if (options.worker !== false && !e.JOBS_DISABLED) {
    worker = startWorker(outboxHandlers);
    scheduler = startScheduler();
  }

  return {
    async shutdown() {
      scheduler?.stop();
      await worker?.stop();
      await database().close();
      installDatabase(undefined);
      installSearchEngine(undefined);
    },
  };
}
