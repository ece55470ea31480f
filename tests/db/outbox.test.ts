import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { backoffMs, drainAll, drainOnce, enqueue, MAX_ATTEMPTS } from "~/jobs/outbox.server";
import { setupTestDatabase } from "@tests/helpers/database";

setupTestDatabase();

describe("outbox", () => {
  it("retries a failing handler with backoff and keeps the message until it succeeds", async () => {
    await enqueue(prisma, "search.sync_listing", { listingId: "L1" });
    let healthy = false;
    const seen: string[] = [];
    const handlers = {
      "search.sync_listing": async (payload: { listingId: string }) => {
        if (!healthy) throw new Error("search engine down");
        seen.push(payload.listingId);
      },
    };
    expect(await drainOnce(handlers as never)).toBe(1);
    let row = await prisma.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "search engine down" });
    expect(row.availableAt.getTime()).toBeGreaterThan(Date.now() + 500);
    // Not due yet: nothing runs.
    expect(await drainOnce(handlers as never)).toBe(0);
    healthy = true;
    await prisma.outboxMessage.update({ where: { id: row.id }, data: { availableAt: new Date(Date.now() - 1) } });
    await drainAll(handlers as never);
    row = await prisma.outboxMessage.findFirstOrThrow();
    expect(row.status).toBe("done");
    expect(seen).toEqual(["L1"]);
  });

  it("gives up after the maximum attempts and marks the message dead", async () => {
    await prisma.outboxMessage.deleteMany();
    await enqueue(prisma, "email.send", { to: "x@example.test" });
    await prisma.outboxMessage.updateMany({ data: { attempts: MAX_ATTEMPTS - 1 } });
    await drainOnce({ "email.send": async () => Promise.reject(new Error("smtp down")) });
    expect((await prisma.outboxMessage.findFirstOrThrow()).status).toBe("dead");
  });

  it("grows the backoff exponentially up to a cap", () => {
    expect(backoffMs(1)).toBe(1000);
    expect(backoffMs(4)).toBe(8000);
    expect(backoffMs(30)).toBe(15 * 60 * 1000);
  });

  it("hands each message to exactly one of several concurrent drainers", async () => {
    await prisma.outboxMessage.deleteMany();
    for (let i = 0; i < 40; i++) await enqueue(prisma, "search.sync_listing", { listingId: `L${i}` });
    const seen: string[] = [];
    const handlers = { "search.sync_listing": async (p: { listingId: string }) => void seen.push(p.listingId) };
    await Promise.all([drainAll(handlers as never), drainAll(handlers as never), drainAll(handlers as never)]);
    expect(seen.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `L${i}`).sort());
  });
});
