/**
 * The search layer's public contract: the document shape the app indexes, the
 * query the routes build, the result they render, and the `SearchEngine`
 * interface both implementations (embedded MiniSearch, Meilisearch) satisfy.
 *
 * Semantics shared by both engines (the contract suite checks them):
 * - Multi-value filters (fields, transferModes, regions, certifications) match
 *   ANY of the given values; different filters combine with AND.
 * - Price filter: the listing's price range overlaps [priceMinUsd, priceMaxUsd];
 *   listings without a price never match a price filter.
 * - Facet counts are Meilisearch's: computed over the documents matching q and
 *   ALL filters (including the facet's own filter), zero counts omitted
 *   (except hasValuation, which always has both keys).
 * - Sorting by price puts listings without a price last in both directions;
 *   ties (and browse-mode "relevance") fall back to newest first.
 * - `score` is engine-specific and only meaningful for ordering within one result.
 */
import type { Locale } from "../app/domain/taxonomy";

export type { Locale };

export interface SearchDocument {
  id: string;
  slug: string;
  // per-locale text; only locales the listing has are present
  title: Partial<Record<Locale, string>>;
  summary: Partial<Record<Locale, string>>;
  body: Partial<Record<Locale, string>>;
  keywords: string[];
  field: string; // taxonomy code e.g. "battery"
  fieldLabels: string[]; // the field's label in all 7 languages (indexed so "반도체"/"semiconductor"/"半導体" reach it)
  ipc: string[];
  trl: number;
  transferModes: string[];
  targetRegions: string[];
  certifications: string[];
  hasValuation: boolean;
  valuationVerified: boolean;
  priceMinUsd: number | null; // whole USD
  priceMaxUsd: number | null;
  publishedAt: number; // epoch ms
  orgName: string;
  /**
   * What a result card shows beyond the indexed text; engines that keep it (embedded)
   * return it with each hit as `listing`, so the app renders cards without a database
   * query per search. Not indexed.
   */
  display?: ListingDisplay;
}

export interface ListingDisplay {
  organisationName: string;
  organisationNameEn: string | null;
  /** Any valuation on record (the card's badge), current or expired. */
  hasAnyValuation: boolean;
}

/** A hit's card data as the engine holds it (only when the document carried `display`). */
export interface StoredListing {
  slug: string;
  field: string;
  trl: number;
  title: Partial<Record<Locale, string>>;
  summary: Partial<Record<Locale, string>>;
  display: ListingDisplay;
}

export type SearchSort = "relevance" | "newest" | "trl_desc" | "trl_asc" | "price_asc" | "price_desc";

export interface SearchFilters {
  fields?: string[];
  trlMin?: number;
  trlMax?: number;
  transferModes?: string[];
  regions?: string[];
  certifications?: string[];
  hasValuation?: boolean;
  priceMinUsd?: number;
  priceMaxUsd?: number;
}

export interface SearchQuery {
  q: string;
  locale: Locale;
  filters: SearchFilters;
  sort: SearchSort;
  page: number; // 1-based
  pageSize: number;
}

export type HighlightSegment = { text: string; match: boolean };

/**
 * Highlights are of the best locale text for the viewer (viewer locale, else
 * en, else ko), as segments rather than HTML so React renders them safely.
 */
export interface SearchHit {
  id: string;
  score: number;
  highlights: { title?: HighlightSegment[]; summary?: HighlightSegment[] };
  /** Embedded engine only, when indexed documents carry `display`. */
  listing?: StoredListing;
}

export interface FacetCounts {
  field: Record<string, number>;
  trl: Record<string, number>;
  transferModes: Record<string, number>;
  targetRegions: Record<string, number>;
  certifications: Record<string, number>;
  hasValuation: Record<"true" | "false", number>;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  facets: FacetCounts;
  processingTimeMs: number;
}

export interface SearchEngine {
  readonly name: "embedded" | "meilisearch";
  /** Apply settings / create the index. Idempotent; other methods call it lazily. */
  init(): Promise<void>;
  upsert(docs: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Full rebuild; searches keep hitting the old data until the new one is complete (meili: temp index + swapIndexes). */
  replaceAll(docs: AsyncIterable<SearchDocument[]> | Iterable<SearchDocument[]>, onProgress?: (done: number) => void): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  count(): Promise<number>;
  health(): Promise<{ ok: boolean; detail?: string }>;
}

