/**
 * Listing changes reach the search engine only through the outbox: with the engine down
 * during writes nothing is lost, and once it is back every change arrives exactly as the
 * database says (published → indexed, archived → removed).
 */
import { createEmbeddedEngine } from "@search/embedded.server";
import type { SearchEngine, SearchQuery } from "@search/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { drainAll } from "~/jobs/outbox.server";
import { approveListing, archiveListing, createListingDraft, submitListingForReview } from "~/listings/listings.server";
import { listingFormSchema } from "~/listings/schemas";
import { installSearchEngine, rebuildSearchIndex, searchOutboxHandlers } from "~/search/search.server";
import { createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { sessionUser } from "@tests/helpers/session-user";

setupTestDatabase();

/** The embedded engine behind a switch that makes every write fail, as an outage would. */
function withOutageSwitch(engine: SearchEngine) {
  let down = false;
  const guard = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A) => {
    if (down) throw new Error("ECONNREFUSED search engine");
    return fn(...args);
  };
  const wrapped: SearchEngine = {
    ...engine,
    name: engine.name,
    init: guard(engine.init.bind(engine)),
    upsert: guard(engine.upsert.bind(engine)),
    remove: guard(engine.remove.bind(engine)),
    replaceAll: guard(engine.replaceAll.bind(engine)),
    search: guard(engine.search.bind(engine)),
    count: engine.count.bind(engine),
    health: async () => (down ? { ok: false, detail: "down" } : engine.health()),
  };
  return { engine: wrapped, setDown: (value: boolean) => (down = value) };
}

const query = (q: string): SearchQuery => ({ q, locale: "en", filters: {}, sort: "relevance", page: 1, pageSize: 10 });
const texts = (title: string) => ({
  ko: { title: `${title} 기술`, summary: "요약", problem: "문제", solution: "해결", advantages: "장점", applications: "응용" },
  en: { title, summary: "Summary", problem: "Problem", solution: "Solution", advantages: "Advantages", applications: "Applications" },
});

let outage: ReturnType<typeof withOutageSwitch>;
beforeAll(async () => {
  const base = createEmbeddedEngine();
  await base.init();
  outage = withOutageSwitch(base);
  installSearchEngine(outage.engine);
  await rebuildSearchIndex();
});
afterAll(() => installSearchEngine(undefined));

async function drainSearch() {
  await prisma.outboxMessage.updateMany({ where: { status: "pending" }, data: { availableAt: new Date(Date.now() - 1) } });
  await drainAll(searchOutboxHandlers);
}

describe("search sync through the outbox", () => {
  it("loses no change while the engine is down, and applies all of them when it is back", async () => {
    const sme = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const admin = await sessionUser((await createUser(prisma, { role: "admin" })).id);
    const make = async (title: string) => {
      const l = await createListingDraft(sme, listingFormSchema.parse({ field: "cosmetics", trl: 6, transferModes: ["assignment"], texts: texts(title) }));
      await submitListingForReview(sme, l.id);
      await approveListing(admin, l.id);
      return l;
    };

    outage.setDown(true);
    const kept = await make("Zirconia microneedle patch");
    const removed = await make("Ginseng saponin nanoemulsion");
    await archiveListing(sme, removed.id);
    await drainSearch(); // every attempt fails
    const searchMessages = (status: "pending" | "done") => prisma.outboxMessage.count({ where: { topic: "search.sync_listing", status } });
    expect(await searchMessages("pending")).toBe(3);
    expect((await prisma.outboxMessage.findFirstOrThrow({ where: { topic: "search.sync_listing", status: "pending" } })).lastError).toContain("ECONNREFUSED");

    outage.setDown(false);
    await drainSearch();
    expect(await searchMessages("done")).toBe(3);
    expect(await searchMessages("pending")).toBe(0);
    // A search-only drainer leaves other topics (e-mail) untouched for their own worker.
    expect(await prisma.outboxMessage.count({ where: { topic: "email.send", attempts: 0, status: "pending" } })).toBe(2);
    const found = await outage.engine.search(query("microneedle"));
    expect(found.hits.map((h) => h.id)).toEqual([kept.id]);
    expect((await outage.engine.search(query("saponin"))).total).toBe(0);
  });
});
