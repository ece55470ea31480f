/**
 * The persisted outbox: work that must reach another system (search index, e-mail) is
 * written in the same transaction as the change that causes it, then drained by workers
 * that claim rows with FOR UPDATE SKIP LOCKED and retry failures with exponential backoff.
 * An outage therefore delays such work and never loses it; any number of processes may drain.
 */
import { prisma, sql } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";

export type OutboxTopic = "search.sync_listing" | "search.remove_listing" | "email.send" | "matching.recompute" | "payments.refund";

type Tx = Pick<Prisma.TransactionClient, "outboxMessage">;

export interface OutboxRow {
  id: string;
  topic: OutboxTopic;
  payload: unknown;
  attempts: number;
}

export type OutboxHandler = (payload: never, row: OutboxRow) => Promise<void>;

export const MAX_ATTEMPTS = 12;
/** A claimed row whose worker died is handed out again after this long. */
const STALE_LOCK_MS = 5 * 60 * 1000;

export async function enqueue(tx: Tx, topic: OutboxTopic, payload: Prisma.InputJsonValue, availableAt?: Date) {
  await tx.outboxMessage.create({ data: { topic, payload, availableAt: availableAt ?? new Date() } });
  notifyEnqueued();
}

export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 15 * 60 * 1000);
}

/** Claims up to `limit` due messages and runs their handlers. Returns how many ran. */
export async function drainOnce(handlers: Partial<Record<OutboxTopic, OutboxHandler>>, limit = 50): Promise<number> {
  await sql.query(
    `UPDATE "OutboxMessage" SET status = 'pending', "lockedAt" = NULL
     WHERE status = 'processing' AND "lockedAt" < $1`,
    [new Date(Date.now() - STALE_LOCK_MS)],
  );
  const rows = await sql.query<OutboxRow>(
    `UPDATE "OutboxMessage" SET status = 'processing', "lockedAt" = now(), attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM "OutboxMessage"
       WHERE status = 'pending' AND "availableAt" <= now() AND topic = ANY($2)
       ORDER BY "availableAt", "createdAt"
       LIMIT $1
       FOR UPDATE SKIP LOCKED
     )
     RETURNING id, topic, payload, attempts`,
    // A drainer claims only the topics it can handle (a worker has them all).
    [limit, Object.keys(handlers)],
  );
  for (const row of rows) {
    const handler = handlers[row.topic];
    if (!handler) throw new Error(`No handler for outbox topic ${row.topic}`);
    try {
      await handler(row.payload as never, row);
      await prisma.outboxMessage.update({
        where: { id: row.id },
        data: { status: "done", processedAt: new Date(), lockedAt: null, lastError: null },
      });
    } catch (error) {
      const dead = row.attempts >= MAX_ATTEMPTS;
      await prisma.outboxMessage.update({
        where: { id: row.id },
        data: {
          status: dead ? "dead" : "pending",
          lockedAt: null,
          lastError: String((error as Error)?.message ?? error).slice(0, 2000),
          availableAt: new Date(Date.now() + backoffMs(row.attempts)),
        },
      });
    }
  }
  return rows.length;
}

/** Drains until nothing is due (tests and the reindex command use this). */
export async function drainAll(handlers: Partial<Record<OutboxTopic, OutboxHandler>>) {
  let total = 0;
  for (;;) {
    const n = await drainOnce(handlers);
    total += n;
    if (n === 0) return total;
  }
}

export async function outboxStats() {
  const rows = await sql.query<{ status: string; count: string | number }>(
    `SELECT status, count(*) AS count FROM "OutboxMessage" GROUP BY status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)])) as Partial<Record<string, number>>;
}

// In-process wake-up so a write's side effects start at once instead of at the next poll.
let wake: (() => void) | undefined;
function notifyEnqueued() {
  wake?.();
}

export interface Worker {
  stop(): Promise<void>;
}

export function startWorker(handlers: Partial<Record<OutboxTopic, OutboxHandler>>, pollMs = 1000): Worker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let requested = false;

  const run = async () => {
    do {
      requested = false;
      try {
        while (!stopped && (await drainOnce(handlers)) > 0);
      } catch (error) {
        console.error("outbox worker:", (error as Error).message);
      }
    } while (requested && !stopped);
  };
  const loop = () => {
    if (stopped) return;
    if (current) {
      requested = true;
      return;
    }
    clearTimeout(timer);
    current = run().finally(() => {
      current = undefined;
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  };
  wake = loop;
  loop();
  return {
    async stop() {
      stopped = true;
      wake = undefined;
      clearTimeout(timer);
      await current;
    },
  };
}
