/**
 * Faults across processes: a bulk import and a booking workload run in a child process that
 * is killed with SIGKILL part-way; afterwards the database holds no half-written work and a
 * re-run or the scheduler brings everything to a consistent end. The database is a throwaway
 * one on the PostgreSQL server in the "postgres" project, and an embedded PGlite data folder
 * on disk (the single-machine set-up, recovered from its WAL after the kill) in "pglite".
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { installDatabase, prisma } from "~/db.server";
import { openDatabase, type Database } from "~/db/database.server";
import { applyMigrations } from "~/db/migrate.server";
import { runBookingMaintenance } from "~/payments/maintenance.server";
import { createConsultantWithService, createExportVoucher, createOrganisation, createUser } from "../../prisma/factories.server";
import { postgresAdminUrl, testDatabaseKind } from "@tests/helpers/database";
import { TEMPLATE_PATH } from "@tests/helpers/global-setup";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmpDirs: string[] = [];
const dropDatabases: string[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  // A child left behind by a failed test must not go on writing after the test is over.
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
  if (dropDatabases.length) {
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    for (const name of dropDatabases) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
});

/** A database a child process can open too: PostgreSQL by URL, or PGlite in DATA_DIR/pglite (opened by one process at a time). */
async function sharedDatabase() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "techbridge-fault-"));
  tmpDirs.push(dataDir);
  let url = "";
  if (testDatabaseKind === "postgres") {
    const name = `tb_fault_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    dropDatabases.push(name);
    const u = new URL(postgresAdminUrl());
    u.pathname = `/${name}`;
    url = u.toString();
  }
  let first = true;
  let current: Database | undefined;
  return {
    /** Environment of a child process using this database. */
    childEnv: { DATA_DIR: dataDir, DATABASE_URL: url, JOBS_DISABLED: "true", MEILI_HOST: "", STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: "", SMTP_URL: "", NODE_ENV: "test", SESSION_SECRET: "fault-test-session-secret-0123456789" },
    /** Opens it in this process and installs it as the app's database. */
    async open() {
      const pgliteDir = path.join(dataDir, "pglite");
      current = url
        ? await openDatabase({ url, poolSize: 5 })
        : await openDatabase({ dataDir: pgliteDir, loadDataDir: first ? new Blob([readFileSync(TEMPLATE_PATH)]) : undefined });
      if (first && url) await applyMigrations(current.sql, path.resolve("prisma/migrations"));
      first = false;
      installDatabase(current);
    },
    /** Closes it here so that a child may open it. */
    async close() {
      installDatabase(undefined);
      await current?.close();
      current = undefined;
    },
  };
}

function runChild(args: string[], env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const proc = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(proc);
  proc.stdout.on("data", (d) => (stdout += d));
  proc.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once("exit", (code, signal) => resolve({ code, signal })));
  return {
    proc,
    exited,
    output: () => ({ stdout, stderr }),
    /** Resolves once stdout matches `test`. */
    waitFor(test: (stdout: string) => boolean, timeoutMs = 120_000) {
      return new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const check = () => {
          if (test(stdout)) return resolve();
          if (proc.exitCode !== null || proc.signalCode !== null) return reject(new Error(`child exited early:\n${stdout}\n${stderr}`));
          if (Date.now() > deadline) return reject(new Error(`child timed out:\n${stdout}\n${stderr}`));
          setTimeout(check, 25);
        };
        check();
      });
    },
  };
}

function importRow(i: number) {
  const ref = `bulk-${String(i).padStart(5, "0")}`;
  return {
    externalRef: ref,
    organisationExternalRef: "fault-org",
    field: "battery",
    trl: 6,
    ipc: ["H01M 10/0525"],
    keywords: { en: ["electrolyte"] },
    texts: {
      ko: { title: `고체 전해질 코팅 ${i}`, summary: "요약", problem: "문제", solution: "해결", advantages: "장점", applications: "응용" },
      en: { title: `Solid electrolyte coating ${i}`, summary: "Summary", problem: "Problem", solution: "Solution", advantages: "Advantages", applications: "Applications" },
    },
    patents: [{ number: `10-${1_000_000 + i}`, jurisdiction: "KR", status: "registered", title: "Coating method", filedOn: "2020-01-02" }],
    transferModes: ["non_exclusive_license"],
    currency: "KRW",
    status: i % 2 === 0 ? "published" : "draft",
  };
}

describe("process killed mid-import", () => {
  it("SIGKILL inside the import's transaction leaves none of the file; the re-run imports every row once, with one outbox entry each", async () => {
    const ROWS = 2000; // 4 batches of 500; the child is killed after the second one
    const PUBLISHED = ROWS / 2;
    const db = await sharedDatabase();
    await db.open();
    await createOrganisation(prisma, { externalRef: "fault-org", kind: "sme", name: "가나 배터리" });
    const outboxBefore = await prisma.outboxMessage.count();
    await db.close();
    const dir = mkdtempSync(path.join(os.tmpdir(), "techbridge-import-file-"));
    tmpDirs.push(dir);
    const file = path.join(dir, "listings.json");
    writeFileSync(file, JSON.stringify(Array.from({ length: ROWS }, (_, i) => importRow(i))));

    const killed = runChild(["tests/helpers/fault-children/import-frozen.ts", file], { ...db.childEnv, FREEZE_AFTER_BATCHES: "2" });
    await killed.waitFor((out) => out.includes("frozen at"));
    expect(killed.output().stdout).toContain(`frozen at 1000/${ROWS}`);
    killed.proc.kill("SIGKILL");
    expect(await killed.exited).toEqual({ code: null, signal: "SIGKILL" });

    await db.open();
    const state = async () => ({
      listings: await prisma.listing.count({ where: { externalRef: { startsWith: "bulk-" } } }),
      translations: await prisma.listingTranslation.count({ where: { listing: { externalRef: { startsWith: "bulk-" } } } }),
      patents: await prisma.patent.count({ where: { listing: { externalRef: { startsWith: "bulk-" } } } }),
      outbox: await prisma.outboxMessage.count(),
      audits: await prisma.auditLog.count({ where: { action: "listing.import" } }),
    });
    // Killed before its commit: nothing of the file, not even the first 1,000 rows it had written.
    expect(await state()).toEqual({ listings: 0, translations: 0, patents: 0, outbox: outboxBefore, audits: 0 });
    await db.close();

    // The operator runs the real command again; it completes.
    const rerun = runChild(["scripts/import-listings.ts", file, "--publish"], db.childEnv);
    const result = await rerun.exited;
    expect(result, rerun.output().stderr).toEqual({ code: 0, signal: null });
    expect(rerun.output().stdout).toContain(`imported ${ROWS.toLocaleString("en")} listings from listings.json: ${ROWS.toLocaleString("en")} new, 0 updated, ${PUBLISHED.toLocaleString("en")} published`);

    await db.open();
    try {
      expect(await state()).toEqual({ listings: ROWS, translations: 2 * ROWS, patents: ROWS, outbox: outboxBefore + 2 * PUBLISHED, audits: 1 });
      expect(await prisma.listing.count({ where: { externalRef: { startsWith: "bulk-" }, status: "published" } })).toBe(PUBLISHED);
      // Exactly one search sync and one match recomputation per published listing: no duplicate work.
      const work = await prisma.outboxMessage.findMany({ where: { topic: { in: ["search.sync_listing", "matching.recompute"] } } });
      const perListing = new Map<string, number>();
      for (const m of work) {
        const key = `${m.topic}:${(m.payload as { listingId: string }).listingId}`;
        perListing.set(key, (perListing.get(key) ?? 0) + 1);
      }
      expect(perListing.size).toBe(2 * PUBLISHED);
      expect([...perListing.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await db.close();
    }
  }, 240_000);
});

describe("process killed mid-booking", () => {
  const NOW = new Date("2027-03-01T03:00:00Z");
  // Monday 8 to Friday 12 March 2027, 09:00–17:00 KST (00:00–08:00 UTC), hourly.
  const SLOTS = Array.from({ length: 5 * 9 }, (_, i) => new Date(Date.UTC(2027, 2, 8 + Math.floor(i / 9), i % 9)).toISOString());

  it("SIGKILL during concurrent holds, checkouts and payments leaves no half-written booking; the scheduler settles every hold", async () => {
    const db = await sharedDatabase();
    await db.open();
    const services: string[] = [];
    for (let i = 0; i < 2; i++) services.push((await createConsultantWithService(prisma)).service.id);
    const bookerIds: string[] = [];
    const voucherByUser: Record<string, string> = {};
    const initialBalance = 1_200_000n;
    for (let i = 0; i < 4; i++) {
      const user = await createUser(prisma, { role: "sme" });
      bookerIds.push(user.id);
      voucherByUser[user.id] = (await createExportVoucher(prisma, { organisationId: user.organisationId!, coveragePercent: 70, balanceMinor: initialBalance })).id;
    }
    await db.close();
    const planDir = mkdtempSync(path.join(os.tmpdir(), "techbridge-booking-plan-"));
    tmpDirs.push(planDir);
    const planFile = path.join(planDir, "plan.json");
    writeFileSync(planFile, JSON.stringify({ bookerIds, serviceIds: services, voucherByUser, slots: SLOTS, now: NOW.toISOString() }));

    const child = runChild(["tests/helpers/fault-children/booking-load.ts", planFile], { ...db.childEnv, LANES: "6" });
    // Killed while its lanes are in the middle of their transactions.
    await child.waitFor((out) => (out.match(/^op /gm)?.length ?? 0) >= 60);
    child.proc.kill("SIGKILL");
    expect(await child.exited).toEqual({ code: null, signal: "SIGKILL" });

    await db.open();
    try {
      const bookings = await prisma.booking.findMany({ include: { payments: true, voucherEntries: true } });
      expect(bookings.length).toBeGreaterThan(5);
      const statuses = new Set(bookings.map((b) => b.status));
      expect(statuses.has("held") || statuses.has("confirmed")).toBe(true);

      const checkConsistency = async () => {
        const all = await prisma.booking.findMany({ include: { payments: true, voucherEntries: true } });
        for (const b of all) {
          const where = `${b.id} (${b.status})`;
          // Amounts always add up; the voucher share matches the ledger of this booking.
          expect(b.voucherCoveredMinor + b.cardMinor, where).toBe(b.priceMinor);
          const ledger = b.voucherEntries.reduce((s, e) => s - e.amountMinor, 0n);
          const active = ["held", "confirmed", "awaiting_counterpart", "completed", "no_show"].includes(b.status);
          if (active) expect(ledger, where).toBe(b.voucherCoveredMinor);
          else expect(ledger, where).toBe(0n);
          if (b.voucherCoveredMinor > 0n) expect(b.voucherId, where).not.toBeNull();
          // At most one paid card payment per booking, and money only on bookings that were confirmed or refunded.
          const paid = b.payments.filter((p) => p.provider === "test" && (p.status === "paid" || p.status === "partially_refunded"));
          expect(paid.length, where).toBeLessThanOrEqual(1);
          for (const p of b.payments.filter((p) => p.provider === "test")) expect(p.amountMinor, where).toBe(b.cardMinor);
          if (b.status === "confirmed") expect(paid.length + b.payments.filter((p) => p.provider === "voucher" && p.status === "paid").length, where).toBe(1);
          if (b.status === "expired" || b.status === "cancelled") {
            // Money kept on an ended booking only if its refund was requested in the same
            // transaction that ended it (the test provider's confirmation runs after the commit,
            // as Stripe's charge.refunded event would, and may have died with the process).
            for (const p of paid) {
              const requested = await prisma.auditLog.count({ where: { entityId: b.id, action: "payment.refund_requested", data: { path: ["paymentId"], equals: p.id } } });
              expect(requested, `${where}: paid ${p.id} without a refund request`).toBe(1);
            }
          }
        }
        // Every voucher: balance = initial − debits + refunds, never negative.
        for (const voucherId of Object.values(voucherByUser)) {
          const v = await prisma.exportVoucher.findUniqueOrThrow({ where: { id: voucherId }, include: { entries: true } });
          expect(v.balanceMinor).toBeGreaterThanOrEqual(0n);
          expect(v.balanceMinor).toBe(initialBalance + v.entries.reduce((s, e) => s + e.amountMinor, 0n));
        }
        // Overlapping live bookings of one consultant cannot exist.
        const live = all.filter((b) => ["held", "confirmed", "awaiting_counterpart"].includes(b.status));
        const keys = live.map((b) => `${b.consultantId}@${b.startsAt.toISOString()}`);
        expect(new Set(keys).size).toBe(keys.length);
        return all;
      };
      await checkConsistency();

      // Recovery: the scheduler after the holds lapsed. Nothing stays held; paid bookings stay paid.
      const paidBefore = bookings.filter((b) => b.status === "confirmed").map((b) => b.id).sort();
      const held = bookings.filter((b) => b.status === "held").length;
      const result = await runBookingMaintenance(new Date(NOW.getTime() + 20 * 60_000));
      expect(result.expired).toBe(held);
      const after = await checkConsistency();
      expect(after.filter((b) => b.status === "held")).toEqual([]);
      expect(after.filter((b) => b.status === "confirmed").map((b) => b.id).sort()).toEqual(paidBefore);
      // Running it again changes nothing.
      expect((await runBookingMaintenance(new Date(NOW.getTime() + 21 * 60_000))).expired).toBe(0);

      // No duplicated confirmation: each confirmed booking queued exactly one e-mail per party (booker, consultant).
      const mails = await prisma.outboxMessage.findMany({ where: { topic: "email.send" } });
      for (const id of paidBefore) {
        const confirmations = mails.filter((m) => (m.payload as { template: string }).template === "consulting.bookingConfirmed" && JSON.stringify(m.payload).includes(id));
        expect(confirmations, id).toHaveLength(2);
      }
    } finally {
      await db.close();
    }
  }, 240_000);
});
