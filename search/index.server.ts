/**
 * Entry point for the app: picks the search engine from the environment.
 * Meilisearch when MEILI_HOST is set (production), otherwise the embedded
 * engine (local start without services, CI).
 */
import { createEmbeddedEngine, type EmbeddedEngineOptions } from "./embedded.server";
import { createMeilisearchEngine } from "./meilisearch.server";
import type { SearchEngine } from "./types";

export type { SearchDocument, SearchEngine, SearchHit, SearchQuery, SearchResult, HighlightSegment } from "./types";
export { SearchEngineError } from "./errors";

export interface SearchEnv {
  MEILI_HOST?: string;
  MEILI_MASTER_KEY?: string;
  MEILI_INDEX?: string;
}

export const DEFAULT_INDEX_UID = "listings";

export function createSearchEngine(env: SearchEnv, embeddedOptions: EmbeddedEngineOptions = {}): SearchEngine {
  const host = env.MEILI_HOST?.trim();
  if (host) {
    return createMeilisearchEngine({ host, apiKey: env.MEILI_MASTER_KEY || undefined, indexUid: env.MEILI_INDEX?.trim() || DEFAULT_INDEX_UID });
  }
  return createEmbeddedEngine(embeddedOptions);
}
