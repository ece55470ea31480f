/**
 * The Meilisearch adapter: maps the SearchEngine contract onto the official
 * `meilisearch` client (index lifecycle, settings, documents, search) and maps
 * responses back. Every write waits for its task and a failed task becomes a
 * `SearchEngineError` carrying Meilisearch's error code and message.
 *
 * Requires Meilisearch ≥ 1.18 (`localizedAttributes`, `rename` in swap-indexes).
 */
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Hit,
  type SearchParams,
  type Settings,
  type Task,
  type WaitOptions,
} from "meilisearch";
import type { Locale } from "../app/domain/taxonomy";
import { SearchEngineError } from "./errors";
import { loadGlossary, type Glossary } from "./glossary";
import { segmentsFromMarkers } from "./highlight";
import { singularQuery } from "./tokenize";
import { FACET_ATTRIBUTES, MEILI_LOCALES, buildIndexSettings, toMeiliDocument, type MeiliDocument } from "./settings";
import { emptyFacets, highlightLocales, isIterable, normalizeQuery } from "./shared";
import type { FacetCounts, SearchDocument, SearchEngine, SearchFilters, SearchHit, SearchQuery, SearchResult, SearchSort } from "./types";

export interface MeilisearchEngineOptions {
  host: string;
  /** Master key or an admin key (index, settings, documents, keys permissions). */
  apiKey?: string;
  indexUid: string;
  /** Synonyms source; loaded from `glossaryDir` (default search/glossary) on init when absent. */
  glossary?: Glossary;
  glossaryDir?: string;
  /** Documents per addDocuments call. */
  batchSize?: number;
  /** Task polling; Meilisearch indexes asynchronously. */
  waitOptions?: WaitOptions;
}

export interface MeilisearchEngine extends SearchEngine {
  readonly name: "meilisearch";
  readonly indexUid: string;
  /**
   * Returns a key restricted to the `search` action on this index, creating it
   * on first call. Safe to send to browsers: listings are public and the key
   * cannot write, read settings or see other indexes.
   */
  createSearchOnlyKey(): Promise<string>;
}

// Private-use characters: they cannot appear in listing text, so the markers
// are unambiguous, and nothing HTML-like ever reaches the UI.
export const HIGHLIGHT_PRE = "\uE000";
export const HIGHLIGHT_POST = "\uE001";
const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_WAIT: WaitOptions = { timeout: 120_000, interval: 100 };

/** A double-quoted Meilisearch filter literal; backslashes and quotes escaped. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function filterNumber(name: string, value: number): string {
  if (!Number.isFinite(value)) throw new SearchEngineError(`filter ${name} must be a finite number`, "invalid_filter");
  return String(value);
}

/** The filter expression for SearchFilters (semantics in types.ts), or undefined when unfiltered. */
export function buildFilter(filters: SearchFilters): string | undefined {
  const clauses: string[] = [];
  const anyOf = (attribute: string, values: string[] | undefined) => {
    if (values?.length) clauses.push(`${attribute} IN [${values.map(quoteFilterValue).join(", ")}]`);
  };
  anyOf("field", filters.fields);
  if (filters.trlMin !== undefined) clauses.push(`trl >= ${filterNumber("trlMin", filters.trlMin)}`);
  if (filters.trlMax !== undefined) clauses.push(`trl <= ${filterNumber("trlMax", filters.trlMax)}`);
  anyOf("transferModes", filters.transferModes);
  anyOf("targetRegions", filters.regions);
  anyOf("certifications", filters.certifications);
  if (filters.hasValuation !== undefined) clauses.push(`hasValuation = ${filters.hasValuation}`);
  // Range overlap; unpriced listings lack both attributes and never match.
  if (filters.priceMinUsd !== undefined) clauses.push(`priceHigh >= ${filterNumber("priceMinUsd", filters.priceMinUsd)}`);
  if (filters.priceMaxUsd !== undefined) clauses.push(`priceLow <= ${filterNumber("priceMaxUsd", filters.priceMaxUsd)}`);
  return clauses.length > 0 ? clauses.join(" AND ") : undefined;
}

export function buildSort(sort: SearchSort, hasQuery: boolean): string[] | undefined {
  switch (sort) {
    case "relevance":
      // Browse mode has no relevance: newest first, like the embedded engine.
      return hasQuery ? undefined : ["publishedAt:desc"];
    case "newest":
      return ["publishedAt:desc"];
    case "trl_desc":
      return ["trl:desc", "publishedAt:desc"];
    case "trl_asc":
      return ["trl:asc", "publishedAt:desc"];
    case "price_asc":
      return ["priceLow:asc", "publishedAt:desc"];
    case "price_desc":
      return ["priceHigh:desc", "publishedAt:desc"];
  }
}

/**
 * The query's language for Meilisearch's segmenter, from its script: the
 * viewer's locale is a poor guess (buyers often type English), the script is not.
 * Latin-script queries are left to Meilisearch's own detection.
 */
export function queryLocales(q: string, viewer: Locale): string[] | undefined {
  if (/\p{Script=Hangul}/u.test(q)) return [MEILI_LOCALES.ko];
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(q)) return [MEILI_LOCALES.ja];
  if (/\p{Script=Han}/u.test(q)) return [viewer === "ja" ? MEILI_LOCALES.ja : MEILI_LOCALES.zh];
  if (/\p{Script=Arabic}/u.test(q)) return [MEILI_LOCALES.ar];
  return undefined;
}

export function buildSearchParams(query: SearchQuery): SearchParams {
  const textAttributes = highlightLocales(query.locale).flatMap((l) => [`title_${l}`, `summary_${l}`]);
  const params: SearchParams = {
    page: query.page,
    hitsPerPage: query.pageSize,
    facets: [...FACET_ATTRIBUTES],
    attributesToRetrieve: ["id", ...textAttributes],
    attributesToHighlight: textAttributes,
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
    showRankingScore: true,
  };
  const filter = buildFilter(query.filters);
  if (filter) params.filter = filter;
  const sort = buildSort(query.sort, query.q !== "");
  if (sort) params.sort = sort;
  const locales = queryLocales(query.q, query.locale);
  if (locales) params.locales = locales;
  return params;
}

type Formatted = Partial<Record<string, unknown>>;

function toHit(hit: Hit<Partial<MeiliDocument>>, viewer: Locale): SearchHit {
  const formatted: Formatted = hit._formatted ?? {};
  const highlights: SearchHit["highlights"] = {};
  for (const kind of ["title", "summary"] as const) {
    for (const locale of highlightLocales(viewer)) {
      const value = formatted[`${kind}_${locale}`] ?? hit[`${kind}_${locale}`];
      if (typeof value === "string" && value !== "") {
        highlights[kind] = segmentsFromMarkers(value, HIGHLIGHT_PRE, HIGHLIGHT_POST);
        break;
      }
    }
  }
  return { id: String(hit.id), score: hit._rankingScore ?? 0, highlights };
}

function toFacets(distribution: Record<string, Record<string, number>> | undefined): FacetCounts {
  const facets = emptyFacets();
  if (!distribution) return facets;
  facets.field = { ...distribution.field };
  facets.trl = { ...distribution.trl };
  facets.transferModes = { ...distribution.transferModes };
  facets.targetRegions = { ...distribution.targetRegions };
  facets.certifications = { ...distribution.certifications };
  facets.hasValuation = { true: distribution.hasValuation?.true ?? 0, false: distribution.hasValuation?.false ?? 0 };
  return facets;
}

export function toSearchResult(
  response: { hits: Hit<Partial<MeiliDocument>>[]; totalHits?: number; facetDistribution?: Record<string, Record<string, number>>; processingTimeMs: number },
  query: SearchQuery,
): SearchResult {
  return {
    hits: response.hits.map((hit) => toHit(hit, query.locale)),
    total: response.totalHits ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    facets: toFacets(response.facetDistribution),
    processingTimeMs: response.processingTimeMs,
  };
}

/** Any client failure as a SearchEngineError with Meilisearch's code when there is one. */
function toEngineError(action: string, error: unknown): SearchEngineError {
  if (error instanceof SearchEngineError) return error;
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code ?? `http_${error.response.status}`;
    return new SearchEngineError(`${action}: ${error.message}`, code, { cause: error });
  }
  if (error instanceof MeilisearchTaskTimeOutError) return new SearchEngineError(`${action}: ${error.message}`, "task_timeout", { cause: error });
  if (error instanceof MeilisearchRequestError) return new SearchEngineError(`${action}: Meilisearch unreachable (${error.message})`, "unreachable", { cause: error });
  return new SearchEngineError(`${action}: ${(error as Error)?.message ?? String(error)}`, "unknown", { cause: error });
}

export function createMeilisearchEngine(options: MeilisearchEngineOptions): MeilisearchEngine {
  const client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
  const indexUid = options.indexUid;
  const tmpUid = `${indexUid}_tmp`;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const waitOptions = { ...DEFAULT_WAIT, ...options.waitOptions };
  let settings: Settings | undefined;
  let ready: Promise<void> | undefined;

  async function call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toEngineError(action, error);
    }
  }

  /**
   * Enqueues, waits, and turns a failed/canceled task into an error.
   * `tolerate` lists acceptable error codes, whether the server reports them
   * synchronously (HTTP error) or as the task's failure.
   */
  async function runTask(action: string, enqueue: () => EnqueuedTaskPromise, tolerate: readonly string[] = []): Promise<Task | undefined> {
    let task: Task;
    try {
      task = await call(action, () => enqueue().waitTask(waitOptions));
    } catch (error) {
      if (error instanceof SearchEngineError && tolerate.includes(error.code)) return undefined;
      throw error;
    }
    if (task.status === "succeeded") return task;
    const code = task.error?.code ?? `task_${task.status}`;
    if (tolerate.includes(code)) return task;
    throw new SearchEngineError(`${action} failed (task ${task.uid}): ${task.error?.message ?? task.status}`, code);
  }

  async function prepareIndex(uid: string): Promise<void> {
    await runTask(`create index ${uid}`, () => client.createIndex(uid, { primaryKey: "id" }), ["index_already_exists"]);
    await runTask(`update settings of ${uid}`, () => client.index(uid).updateSettings(settings!));
  }

  async function ensureReady(): Promise<void> {
    ready ??= (async () => {
      settings = buildIndexSettings(options.glossary ?? (await loadGlossary(options.glossaryDir)));
      await prepareIndex(indexUid);
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    await ready;
  }

  async function addInBatches(uid: string, docs: SearchDocument[], onBatch?: (count: number) => void): Promise<void> {
    for (let i = 0; i < docs.length; i += batchSize) {
      const batch = docs.slice(i, i + batchSize);
      await runTask(`add documents to ${uid}`, () => client.index<MeiliDocument>(uid).addDocuments(batch.map(toMeiliDocument), { primaryKey: "id" }));
      onBatch?.(batch.length);
    }
  }

  return {
    name: "meilisearch",
    indexUid,
    init: ensureReady,

    async upsert(docs) {
      await ensureReady();
      await addInBatches(indexUid, docs);
    },

    async remove(ids) {
      if (ids.length === 0) return;
      await ensureReady();
      await runTask(`delete documents from ${indexUid}`, () => client.index(indexUid).deleteDocuments(ids));
    },

    async replaceAll(batches, onProgress) {
      await ensureReady(); // the live index must exist to be swapped with
      // A crashed earlier rebuild may have left the temporary index behind.
      await runTask(`delete index ${tmpUid}`, () => client.deleteIndex(tmpUid), ["index_not_found"]);
      try {
        await prepareIndex(tmpUid);
        let done = 0;
        const onBatch = (count: number) => {
          done += count;
          onProgress?.(done);
        };
        if (isIterable(batches)) for (const batch of batches) await addInBatches(tmpUid, batch, onBatch);
        else for await (const batch of batches) await addInBatches(tmpUid, batch, onBatch);
        await runTask(`swap ${indexUid} with ${tmpUid}`, () => client.swapIndexes([{ indexes: [indexUid, tmpUid], rename: false }]));
      } finally {
        // After the swap the temporary uid holds the old documents; on failure, the partial build.
        await runTask(`delete index ${tmpUid}`, () => client.deleteIndex(tmpUid), ["index_not_found"]).catch(() => undefined);
      }
    },

    async search(input) {
      await ensureReady();
      const query = normalizeQuery(input);
      const response = await call(`search ${indexUid}`, () =>
        client.index<MeiliDocument>(indexUid).search<Partial<MeiliDocument>>(singularQuery(query.q), buildSearchParams(query)),
      );
      return toSearchResult(response, query);
    },

    async count() {
      await ensureReady();
      const stats = await call(`stats of ${indexUid}`, () => client.index(indexUid).getStats());
      return stats.numberOfDocuments;
    },

    async health() {
      try {
        const health = await call("health", () => client.health());
        await call(`index ${indexUid}`, () => client.getRawIndex(indexUid));
        return { ok: health.status === "available", detail: `meilisearch ${health.status}, index ${indexUid}` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },

    async createSearchOnlyKey() {
      const name = `techbridge-search-${indexUid}`;
      const { results } = await call("list keys", () => client.getKeys({ limit: 1000 }));
      const existing = results.find((k) => k.name === name && k.actions.length === 1 && k.actions[0] === "search" && k.indexes.includes(indexUid));
      if (existing) return existing.key;
      const key = await call("create search key", () =>
        client.createKey({ name, description: `Search-only key for the ${indexUid} index (browser use)`, actions: ["search"], indexes: [indexUid], expiresAt: null }),
      );
      return key.key;
    },
  };
}
