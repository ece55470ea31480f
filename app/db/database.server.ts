/**
 * Opens the product's database: PostgreSQL when a URL is given (`@prisma/adapter-pg`),
 * otherwise an embedded PGlite in a data folder (or in memory), with the same schema and
 * SQL. Both come back as one `Database` that capability modules never need to tell apart.
 */
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "~/generated/prisma/client";

export type DatabaseKind = "postgres" | "pglite";

/** Raw SQL access for migrations, health checks and the few queries Prisma cannot express. */
export interface SqlRunner {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `fn` on one connection, in a transaction, holding a session advisory lock. */
  exclusive<T>(lockKey: number, fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: DatabaseKind;
  /** PGlite only: a dump of the data directory, to clone this database quickly. */
  dump?: () => Promise<Blob>;
  prisma: PrismaClient;
  sql: SqlRunner;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… — when absent, PGlite is used. */
  url?: string;
  /** PGlite data folder, or "memory://" for a throwaway database. */
  dataDir?: string;
  /** Maximum pool size for PostgreSQL. */
  poolSize?: number;
  /** PGlite only: start from this data-directory dump instead of running initdb (tests). */
  loadDataDir?: Blob;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir ?? "memory://", options.loadDataDir);
}

/**
 * Prisma gives an interactive transaction 2 s to get a connection and 5 s to finish; under a
 * burst (every pooled connection busy) that turned a slow write into a 500 and lost the
 * user's request. Writes wait longer instead; the pool itself stays small.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
  const sql: SqlRunner = {
    async exec(text) {
      await pool.query(text);
    },
    async query<Row>(text: string, params: unknown[] = []) {
      const result = await pool.query(text, params);
      return result.rows as Row[];
    },
    async exclusive(lockKey, fn) {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [lockKey]);
        const runner: SqlRunner = {
          exec: async (text) => void (await client.query(text)),
          query: async <Row,>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as Row[],
          exclusive: () => Promise.reject(new Error("nested exclusive sections are not supported")),
        };
        return await fn(runner);
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [lockKey]).catch(() => {});
        client.release();
      }
    },
  };
  return {
    kind: "postgres",
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const client = await PGlite.create(dataDir, { extensions: { btree_gist, pg_trgm }, loadDataDir });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client), transactionOptions: TRANSACTION_OPTIONS });
  const sql: SqlRunner = {
    async exec(text) {
      await client.exec(text);
    },
    async query<Row>(text: string, params: unknown[] = []) {
      const result = await client.query<Row>(text, params);
      return result.rows;
    },
    // PGlite is a single connection in this process: nothing else can interleave.
    async exclusive(_lockKey, fn) {
      return fn(sql);
    },
  };
  return {
    kind: "pglite",
    dump: async () => (await client.dumpDataDir("none")) as Blob,
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await client.close();
    },
  };
}
