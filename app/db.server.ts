/**
 * The process's database handle. Boot (app/boot.server.ts) or a test installs one
 * `Database`; capability modules import `prisma` and `sql` from here. The handle lives on
 * globalThis so the server entry and the Remix bundle share it.
 */
import type { Database, SqlRunner } from "~/db/database.server";
import type { PrismaClient } from "~/generated/prisma/client";

const KEY = Symbol.for("techbridge.database");
type Holder = { [KEY]?: Database };

export function installDatabase(db: Database | undefined) {
  (globalThis as Holder)[KEY] = db;
}

export function database(): Database {
  const db = (globalThis as Holder)[KEY];
  if (!db) throw new Error("The database is not open yet (boot() or a test must install it).");
  return db;
}

function forward<T extends object>(pick: () => T): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const target = pick();
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Prisma client of the installed database. */
export const prisma: PrismaClient = forward(() => database().prisma);
/** Raw SQL on the installed database. */
export const sql: SqlRunner = forward(() => database().sql);

export type { Prisma } from "~/generated/prisma/client";
