/**
 * A fresh, migrated database per test file, installed as the app's database.
 * TEST_DATABASE=postgres (with TEST_POSTGRES_URL) runs the same tests on a real
 * PostgreSQL server, each file in its own throwaway database; otherwise PGlite in memory.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { installDatabase } from "~/db.server";
import { openDatabase, type Database } from "~/db/database.server";
import { applyMigrations } from "~/db/migrate.server";
import { TEMPLATE_PATH } from "./global-setup";

export const testDatabaseKind = process.env.TEST_DATABASE === "postgres" ? "postgres" : "pglite";

export function postgresAdminUrl() {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("TEST_DATABASE=postgres needs TEST_POSTGRES_URL, e.g. postgresql://root@127.0.0.1:5432/test");
  return url;
}

export async function openTestDatabase(): Promise<Database> {
  if (testDatabaseKind === "pglite") {
    const template = new Blob([readFileSync(TEMPLATE_PATH)]);
    return openDatabase({ dataDir: "memory://", loadDataDir: template });
  }
  const adminUrl = postgresAdminUrl();
  const name = `tb_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 20 });
  await applyMigrations(db.sql, path.resolve("prisma/migrations"));
  const close = db.close;
  db.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await dropper.end();
  };
  return db;
}

/** Opens a database for this test file and installs it as the app's database. */
export function setupTestDatabase(): { current: () => Database } {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await openTestDatabase();
    installDatabase(db);
  });
  afterAll(async () => {
    installDatabase(undefined);
    await db?.close();
  });
  return {
    current: () => {
      if (!db) throw new Error("database not open yet");
      return db;
    },
  };
}
