/**
 * Small pieces both engines must implement identically: query normalisation
 * (paging bounds, trimming), which locale's text a hit is highlighted in, the
 * empty facet shape and the stop words.
 */
import type { Locale } from "../app/domain/taxonomy";
import type { FacetCounts, SearchQuery } from "./types";

export const MAX_PAGE_SIZE = 100;

/** Clamps paging to sane bounds so a crafted URL cannot ask for 10^6 hits. */
export function normalizeQuery(query: SearchQuery): SearchQuery {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize) || 20));
  const page = Math.max(1, Math.floor(query.page) || 1);
  return { ...query, q: query.q.trim(), page, pageSize };
}

/** The order in which a hit's locale texts are chosen for highlighting. */
export function highlightLocales(viewer: Locale): Locale[] {
  return [...new Set<Locale>([viewer, "en", "ko"])];
}

/** replaceAll accepts sync or async batch sources. */
export function isIterable<T>(value: AsyncIterable<T> | Iterable<T>): value is Iterable<T> {
  return typeof (value as Iterable<T>)[Symbol.iterator] === "function";
}

export function emptyFacets(): FacetCounts {
  return { field: {}, trl: {}, transferModes: {}, targetRegions: {}, certifications: {}, hasValuation: { true: 0, false: 0 } };
}

/**
 * Function words dropped from queries (embedded) and configured as Meilisearch
 * stop words, so "battery for electric vehicles" does not require "for".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  "a", "an", "the", "of", "for", "and", "or", "in", "on", "with", "to", "by",
  "de", "la", "el", "los", "las", "y", "para", "con", "en", "del", "por",
]);
