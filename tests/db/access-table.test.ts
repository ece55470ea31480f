/// <reference types="vite/client" />
/**
 * Walks the whole access-rule table (tests/access/access-table.ts): every row × every actor,
 * calling the route's loader or action as Remix calls it, with a real session cookie. A
 * refused or rejected POST must leave the database exactly as it was; `guard` values must only
 * change for the actors allowed to change them; a list must not show another organisation's
 * `secret` id (and must show it to its owner). On failure the whole matrix is printed, each
 * wrong cell as "expected→got". A last test fails when a file in app/routes has no row.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { createEmbeddedEngine } from "@search/embedded.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { env, setEnvForTests } from "~/env.server";
import { allSearchDocuments } from "~/listings/search-document.server";
import { installSearchEngine } from "~/search/search.server";
import { ACCESS_TABLE, ACTOR_HEADS, ACTORS, type Actor, type Outcome, type Row } from "@tests/access/access-table";
import { buildWorld, type World } from "@tests/access/world";
import { setupTestDatabase } from "@tests/helpers/database";
import { signedInRequest } from "@tests/helpers/requests";

setupTestDatabase();

type RouteModule = { loader?: (args: unknown) => unknown; action?: (args: unknown) => unknown };
const modules = import.meta.glob<RouteModule>("/app/routes/*.{ts,tsx}");
const moduleOf = (file: string) => modules[`/app/routes/${file}`];

let world: World;
beforeAll(async () => {
  world = await buildWorld();
  const engine = createEmbeddedEngine();
  await engine.replaceAll(allSearchDocuments());
  installSearchEngine(engine);
}, 120_000);
afterAll(() => installSearchEngine(undefined));

function reportsError(body: unknown): boolean {
  if (!body || typeof body !== "object") return false;
  const b = body as Record<string, unknown>;
  if (b.ok === false || b.expired === true) return true;
  if (typeof b.error === "string" || typeof b.formError === "string") return true;
  if (Array.isArray(b.errors)) return b.errors.length > 0;
  return Boolean(b.errors && typeof b.errors === "object" && Object.keys(b.errors).length > 0);
}

/** What the visitor got, in the table's terms, with a short detail for the printed matrix. */
const serialise = (value: unknown) => JSON.stringify(value ?? null, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

async function outcomeOf(run: () => unknown): Promise<{ outcome: Outcome | string; detail: string; body?: string }> {
  let value: unknown;
  let thrown = false;
  try {
    value = await run();
  } catch (error) {
    if (!(error instanceof Response)) return { outcome: "exception", detail: String(error) };
    value = error;
    thrown = true;
  }
  if (value instanceof Response) {
    const status = value.status;
    if (status >= 300 && status < 400) {
      const location = value.headers.get("Location") ?? "";
      if (location.startsWith("/login")) return { outcome: "login", detail: location };
      // Actions that answer every outcome with a redirect carry a refusal in the query.
      if (/[?&](\w*Error)=/.test(location)) return { outcome: "rej", detail: location };
      return { outcome: thrown ? "away" : "ok", detail: location };
    }
    if (status >= 200 && status < 300) return { outcome: "ok", detail: String(status), body: await value.clone().text() };
    return { outcome: status as Outcome, detail: (await value.clone().text()).slice(0, 80) };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init: ResponseInit | null };
    const status = init?.status ?? 200;
    if (status >= 400) return { outcome: status as Outcome, detail: serialise(data).slice(0, 80) };
    return { outcome: reportsError(data) ? "rej" : "ok", detail: serialise(data).slice(0, 80), body: serialise(data) };
  }
  return { outcome: reportsError(value) ? "rej" : "ok", detail: serialise(value).slice(0, 80), body: serialise(value) };
}

/** A fingerprint of every table but the session rows (each signed-in request makes one). */
async function databaseFingerprint(): Promise<string> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('Session') ORDER BY 1`,
  );
  const parts = tables.map((t) => `SELECT '${t.name}' AS name, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest FROM "${t.name}" x`);
  const rows = await prisma.$queryRawUnsafe<{ name: string; digest: string }[]>(parts.join(" UNION ALL "));
  return rows
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => `${r.name}:${r.digest}`)
    .join("\n");
}

function changedTables(before: string, after: string) {
  const was = new Map(before.split("\n").map((l) => l.split(":") as [string, string]));
  return after
    .split("\n")
    .map((l) => l.split(":") as [string, string])
    .filter(([name, digest]) => was.get(name) !== digest)
    .map(([name]) => name);
}

function requestBody(row: Row, fields: Record<string, string>): BodyInit {
  if (row.multipart) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return form;
  }
  return new URLSearchParams(fields);
}

type Cell = { expected: Outcome; got: Outcome | string; detail: string; problem: string | null };

async function runCell(row: Row, actor: Actor): Promise<Cell> {
  const fresh = row.fresh ? await row.fresh(world) : {};
  const url = row.url(world, fresh);
  const userId = actor === "anonymous" ? null : world.users[actor];
  const init: RequestInit = { method: row.method };
  if (row.method === "POST") init.body = requestBody(row, row.body?.(world, fresh) ?? {});
  const request = await signedInRequest(userId, url, init);
  const mod = await moduleOf(row.file)!();
  const fn = row.method === "GET" ? mod.loader : mod.action;
  if (!fn) return { expected: row.expect[actor], got: "no handler", detail: "", problem: `no ${row.method === "GET" ? "loader" : "action"}` };

  const guardBefore = row.guard ? JSON.stringify(await row.guard(world, fresh)) : null;
  const before = row.method === "POST" ? await databaseFingerprint() : "";
  const savedEnv = { NODE_ENV: env().NODE_ENV, SMTP_URL: env().SMTP_URL ?? "" };
  if (row.env) setEnvForTests({ ...baseEnv, ...row.env });
  let result: Awaited<ReturnType<typeof outcomeOf>>;
  try {
    result = await outcomeOf(() => fn({ request, params: row.params?.(world, fresh) ?? {}, context: { nonce: "" } }));
  } finally {
    if (row.env) setEnvForTests({ ...baseEnv, ...savedEnv });
  }
  const expected = row.expect[actor];
  let problem: string | null = result.outcome === expected ? null : `expected ${expected}, got ${result.outcome} (${result.detail})`;
  if (!problem && row.method === "POST" && result.outcome !== "ok") {
    const changed = changedTables(before, await databaseFingerprint());
    if (changed.length) problem = `refused, yet changed ${changed.join(", ")}`;
  }
  if (!problem && row.secret && !row.secretVisibleTo?.includes(actor) && result.body?.includes(row.secret(world))) {
    problem = `shows ${row.secret(world)}, which is not theirs`;
  }
  // …and the check is real: those it belongs to do see it.
  if (!problem && row.secret && row.secretVisibleTo?.includes(actor) && result.outcome === "ok" && !result.body?.includes(row.secret(world))) {
    problem = `does not show ${row.secret(world)} to its owner (the check would prove nothing)`;
  }
  if (!problem && row.guard && !row.guardChanges?.includes(actor)) {
    const after = JSON.stringify(await row.guard(world, fresh));
    if (after !== guardBefore) problem = `changed someone else's data: ${guardBefore} → ${after}`;
  }
  return { expected, got: result.outcome, detail: result.detail, problem };
}

// The overrides the test environment runs with (tests/helpers/setup-env.ts), kept when a row switches NODE_ENV.
const baseEnv = { DATA_DIR: "", JOBS_DISABLED: "true", SESSION_SECRET: "test-session-secret-0123456789", DATABASE_URL: "" };

function matrix(results: Map<Row, Record<Actor, Cell>>): string {
  const width = Math.max(...ACCESS_TABLE.map((r) => `${r.method} ${r.label}`.length));
  const head = `${"".padEnd(width)} | ${ACTORS.map((a) => ACTOR_HEADS[a].padEnd(9)).join(" ")}`;
  const lines = [...results].map(([row, cells]) => {
    const shown = ACTORS.map((a) => {
      const c = cells[a];
      return (c.problem ? `${c.expected}→${c.got}!` : String(c.got)).padEnd(9);
    });
    return `${`${row.method} ${row.label}`.padEnd(width)} | ${shown.join(" ")}`;
  });
  const problems = [...results].flatMap(([row, cells]) => ACTORS.filter((a) => cells[a].problem).map((a) => `  ${row.method} ${row.label} [${row.file}] as ${a}: ${cells[a].problem}`));
  return [head, ...lines, "", ...problems].join("\n");
}

describe("access-rule table", () => {
  it(`every cell of the table holds (${ACCESS_TABLE.length} requests × ${ACTORS.length} actors)`, async () => {
    baseEnv.DATA_DIR = env().DATA_DIR;
    const results = new Map<Row, Record<Actor, Cell>>();
    for (const row of ACCESS_TABLE) {
      const cells = {} as Record<Actor, Cell>;
      for (const actor of ACTORS) cells[actor] = await runCell(row, actor);
      results.set(row, cells);
    }
    const wrong = [...results.values()].flatMap((cells) => Object.values(cells)).filter((c) => c.problem).length;
    expect(wrong, `\n${matrix(results)}\n`).toBe(0);
  }, 300_000);

  it("has a row for every route file, and every row names a route with the handler it calls", () => {
    const files = readdirSync(path.resolve("app/routes")).filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f));
    const covered = new Set(ACCESS_TABLE.map((r) => r.file));
    expect(files.filter((f) => !covered.has(f)), "route files without a row in tests/access/access-table.ts").toEqual([]);
    expect([...covered].filter((f) => !files.includes(f)), "rows naming no route file").toEqual([]);
    expect(Object.keys(modules).length).toBe(files.length);
  });

  it("a refusal is told apart from an answer (the walker itself)", async () => {
    expect((await outcomeOf(() => Promise.reject(new Response("x", { status: 404 })))).outcome).toBe(404);
    expect((await outcomeOf(() => Promise.reject(new Response(null, { status: 302, headers: { Location: "/login?redirectTo=%2Fx" } })))).outcome).toBe("login");
    expect((await outcomeOf(() => Promise.reject(new Response(null, { status: 302, headers: { Location: "/" } })))).outcome).toBe("away");
    expect((await outcomeOf(() => ({ errors: { title: "validation:required" } }))).outcome).toBe("rej");
    expect((await outcomeOf(() => ({ errors: {} }))).outcome).toBe("ok");
    expect((await outcomeOf(() => new Response(null, { status: 302, headers: { Location: "/workspace/listings/x?attachmentError=a" } }))).outcome).toBe("rej");
  });
});
