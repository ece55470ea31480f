/**
 * The app's search engine: Meilisearch when MEILI_HOST is set, the embedded engine
 * otherwise (search/index.server.ts decides). Listing changes reach it only through the
 * outbox handlers below, so an engine outage delays updates and loses none.
 */
import { createSearchEngine } from "@search/index.server";
import type { SearchEngine } from "@search/types";
import { prisma } from "~/db.server";
import type { Locale } from "~/domain/taxonomy";
import { env } from "~/env.server";
import { drainAll, type OutboxHandler } from "~/jobs/outbox.server";
import { allSearchDocuments, loadSearchDocument } from "~/listings/search-document.server";

const KEY = Symbol.for("techbridge.search");
type Holder = { [KEY]?: SearchEngine };

export function installSearchEngine(engine: SearchEngine | undefined) {
  (globalThis as Holder)[KEY] = engine;
}

export function searchEngine(): SearchEngine {
  const engine = (globalThis as Holder)[KEY];
  if (!engine) throw new Error("The search engine is not started yet.");
  return engine;
}

export async function openSearchEngine(): Promise<SearchEngine> {
  const e = env();
  const engine = createSearchEngine({ MEILI_HOST: e.MEILI_HOST, MEILI_MASTER_KEY: e.MEILI_MASTER_KEY, MEILI_INDEX: e.MEILI_INDEX }, { getTexts: highlightTexts });
  await engine.init();
  return engine;
}

/**
 * Titles and summaries of one result page, for the embedded engine's highlighting, read
 * from the database instead of kept in memory for every listing.
 */
async function highlightTexts(ids: readonly string[]) {
  const rows = await prisma.listingTranslation.findMany({ where: { listingId: { in: [...ids] } }, select: { listingId: true, locale: true, title: true, summary: true } });
  const texts = new Map<string, { title: Partial<Record<Locale, string>>; summary: Partial<Record<Locale, string>> }>();
  for (const row of rows) {
    const entry = texts.get(row.listingId) ?? { title: {}, summary: {} };
    entry.title[row.locale as Locale] = row.title;
    entry.summary[row.locale as Locale] = row.summary;
    texts.set(row.listingId, entry);
  }
  return texts;
}

/** Rebuilds the index from the database (start-up of the embedded engine, `npm run search:reindex`). */
export async function rebuildSearchIndex(onProgress?: (done: number) => void) {
  await searchEngine().replaceAll(allSearchDocuments(), onProgress);
}

export const syncListing: OutboxHandler = async (payload: { listingId: string }) => {
  const doc = await loadSearchDocument(payload.listingId);
  if (doc) await searchEngine().upsert([doc]);
  else await searchEngine().remove([payload.listingId]);
};

export const searchOutboxHandlers = { "search.sync_listing": syncListing } as const;

export async function drainSearchOutbox() {
  await drainAll(searchOutboxHandlers);
}
