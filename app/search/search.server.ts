/**
 * The app's search engine: Meilisearch when MEILI_HOST is set, the embedded engine
 * otherwise (search/index.server.ts decides). Listing changes reach it only through the
 * outbox handlers below, so an engine outage delays updates and loses none.
 */
import { createSearchEngine } from "@search/index.server";
import type { SearchEngine } from "@search/types";
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
  // The embedded engine keeps titles, summaries and card facts itself (compact UTF-8, see
  // search/text-store.ts), so a search needs no database query for highlights or cards.
  const engine = createSearchEngine({ MEILI_HOST: e.MEILI_HOST, MEILI_MASTER_KEY: e.MEILI_MASTER_KEY, MEILI_INDEX: e.MEILI_INDEX });
  await engine.init();
  return engine;
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
