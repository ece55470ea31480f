/**
 * Runs once before the suite: builds a migrated PGlite database and saves a dump of its
 * data directory, so every test file starts from it in milliseconds instead of running
 * initdb and the migrations again. With TEST_DATABASE=postgres nothing is prepared here;
 * each test file creates its own database on the server.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "~/db/database.server";
import { applyMigrations } from "~/db/migrate.server";

export const TEMPLATE_PATH = path.resolve("node_modules/.cache/techbridge/pglite-template.tar");

export default async function setup() {
  if (process.env.TEST_DATABASE === "postgres") return;
  const db = await openDatabase({ dataDir: "memory://" });
  await applyMigrations(db.sql, path.resolve("prisma/migrations"));
  const dump = await db.dump!();
  mkdirSync(path.dirname(TEMPLATE_PATH), { recursive: true });
  writeFileSync(TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
  await db.close();
}
