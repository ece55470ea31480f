/**
 * The Meilisearch adapter at its HTTP boundary: a small stateful fake of the
 * Meilisearch API served by MSW records what the official client sends
 * (settings, documents, search bodies, swaps) and answers like the server
 * (202 + task, task polling, search responses, error bodies).
 */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SearchEngineError } from "./errors";
import { loadGlossary, type Glossary } from "./glossary";
import { createSearchEngine } from "./index.server";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, buildFilter, createMeilisearchEngine, quoteFilterValue, type MeilisearchEngine } from "./meilisearch.server";
import { SEARCHABLE_ATTRIBUTES } from "./settings";
import type { SearchQuery } from "./types";
import { FIXTURE_DOCS } from "./__fixtures__/docs";

const HOST = "http://meili.test";
const API_KEY = "test-master-key";

interface Recorded {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}
interface FakeTask {
  uid: number;
  indexUid: string | null;
  type: string;
  status: "succeeded" | "failed";
  error: { code: string; message: string; type: string; link: string } | null;
  polls: number;
}

/** The fake server's state; reset before each test. */
const fake = {
  requests: [] as Recorded[],
  tasks: new Map<number, FakeTask>(),
  nextTaskUid: 1,
  indexes: new Set<string>(),
  /** `${METHOD} ${path}` → error the task for that request fails with. */
  taskFailures: new Map<string, { code: string; message: string }>(),
  searchResponse: {} as Record<string, unknown>,
  searchError: null as null | { status: number; code: string; message: string },
  keys: [] as Record<string, unknown>[],
};

function enqueue(type: string, indexUid: string | null, failure?: { code: string; message: string }) {
  const uid = fake.nextTaskUid++;
  fake.tasks.set(uid, {
    uid,
    indexUid,
    type,
    status: failure ? "failed" : "succeeded",
    error: failure ? { ...failure, type: "invalid_request", link: `https://docs.meilisearch.com/errors#${failure.code}` } : null,
    polls: 0,
  });
  return HttpResponse.json({ taskUid: uid, indexUid, status: "enqueued", type, enqueuedAt: new Date().toISOString() }, { status: 202 });
}

function failureFor(method: string, path: string) {
  return fake.taskFailures.get(`${method} ${path}`);
}

const server = setupServer(
  http.all(`${HOST}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const text = request.method === "GET" || request.method === "DELETE" ? "" : await request.clone().text();
    fake.requests.push({ method: request.method, path: url.pathname, body: text ? JSON.parse(text) : undefined, authorization: request.headers.get("authorization") });
  }),
  http.post(`${HOST}/indexes`, async ({ request }) => {
    const { uid } = (await request.json()) as { uid: string };
    if (fake.indexes.has(uid)) return enqueue("indexCreation", uid, { code: "index_already_exists", message: `Index \`${uid}\` already exists.` });
    fake.indexes.add(uid);
    return enqueue("indexCreation", uid);
  }),
  http.delete(`${HOST}/indexes/:uid`, ({ params }) => {
    const uid = String(params.uid);
    if (!fake.indexes.delete(uid)) return enqueue("indexDeletion", uid, { code: "index_not_found", message: `Index \`${uid}\` not found.` });
    return enqueue("indexDeletion", uid);
  }),
  http.get(`${HOST}/indexes/:uid`, ({ params }) =>
    fake.indexes.has(String(params.uid))
      ? HttpResponse.json({ uid: params.uid, primaryKey: "id", createdAt: "2024-01-01T00:00:00Z", updatedAt: "2024-01-01T00:00:00Z" })
      : HttpResponse.json({ code: "index_not_found", message: "not found", type: "invalid_request", link: "" }, { status: 404 }),
  ),
  http.patch(`${HOST}/indexes/:uid/settings`, ({ params, request }) => enqueue("settingsUpdate", String(params.uid), failureFor("PATCH", new URL(request.url).pathname))),
  http.post(`${HOST}/indexes/:uid/documents`, ({ params, request }) =>
    enqueue("documentAdditionOrUpdate", String(params.uid), failureFor("POST", new URL(request.url).pathname)),
  ),
  http.post(`${HOST}/indexes/:uid/documents/delete-batch`, ({ params }) => enqueue("documentDeletion", String(params.uid))),
  http.post(`${HOST}/swap-indexes`, () => enqueue("indexSwap", null)),
  http.get(`${HOST}/tasks/:uid`, ({ params }) => {
    const task = fake.tasks.get(Number(params.uid));
    if (!task) return HttpResponse.json({ code: "task_not_found", message: "no task", type: "invalid_request", link: "" }, { status: 404 });
    // Report "processing" on the first poll so the client has to poll again.
    const status = task.polls++ === 0 ? "processing" : task.status;
    return HttpResponse.json({
      uid: task.uid,
      batchUid: task.uid,
      indexUid: task.indexUid,
      status,
      type: task.type,
      canceledBy: null,
      error: status === "failed" ? task.error : null,
      duration: null,
      enqueuedAt: "2024-01-01T00:00:00Z",
      startedAt: null,
      finishedAt: null,
    });
  }),
  http.post(`${HOST}/indexes/:uid/search`, () => {
    if (fake.searchError) {
      const { status, code, message } = fake.searchError;
      return HttpResponse.json({ code, message, type: "invalid_request", link: "" }, { status });
    }
    return HttpResponse.json(fake.searchResponse);
  }),
  http.get(`${HOST}/indexes/:uid/stats`, () => HttpResponse.json({ numberOfDocuments: 14, isIndexing: false, fieldDistribution: {} })),
  http.get(`${HOST}/health`, () => HttpResponse.json({ status: "available" })),
  http.get(`${HOST}/keys`, () => HttpResponse.json({ results: fake.keys, offset: 0, limit: 1000, total: fake.keys.length })),
  http.post(`${HOST}/keys`, async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    const key = { ...body, uid: `uid-${fake.keys.length}`, key: `search-key-${fake.keys.length}`, createdAt: "2024-01-01T00:00:00Z", updatedAt: "2024-01-01T00:00:00Z" };
    fake.keys.push(key);
    return HttpResponse.json(key, { status: 201 });
  }),
);

let glossary: Glossary;
beforeAll(async () => {
  glossary = await loadGlossary(path.join(import.meta.dirname, "__fixtures__"));
  server.listen({ onUnhandledRequest: "error" });
});
afterAll(() => server.close());
beforeEach(() => {
  Object.assign(fake, {
    requests: [],
    tasks: new Map(),
    nextTaskUid: 1,
    indexes: new Set<string>(),
    taskFailures: new Map(),
    searchResponse: {},
    searchError: null,
    keys: [],
  });
});
afterEach(() => server.resetHandlers());

function makeEngine(options: { batchSize?: number } = {}): MeilisearchEngine {
  return createMeilisearchEngine({ host: HOST, apiKey: API_KEY, indexUid: "listings", glossary, waitOptions: { interval: 1, timeout: 2000 }, ...options });
}

/** Requests other than task polling, as "METHOD /path". */
const calls = () => fake.requests.filter((r) => !r.path.startsWith("/tasks/")).map((r) => `${r.method} ${r.path}`);
const bodyOf = (method: string, path: string) => fake.requests.find((r) => r.method === method && r.path === path)?.body;

function query(partial: Partial<SearchQuery> = {}): SearchQuery {
  return { q: "", locale: "en", filters: {}, sort: "relevance", page: 1, pageSize: 20, ...partial };
}

describe("init", () => {
  it("creates the index and PATCHes the settings kept in code", async () => {
    await makeEngine().init();
    expect(calls()).toEqual(["POST /indexes", "PATCH /indexes/listings/settings"]);
    expect(bodyOf("POST", "/indexes")).toEqual({ uid: "listings", primaryKey: "id" });
    expect(fake.requests.every((r) => r.authorization === `Bearer ${API_KEY}`)).toBe(true);

    const settings = bodyOf("PATCH", "/indexes/listings/settings") as Record<string, unknown>;
    expect(settings.searchableAttributes).toEqual(SEARCHABLE_ATTRIBUTES);
    expect((settings.searchableAttributes as string[]).slice(0, 8)).toEqual(["title_ko", "title_en", "title_ja", "title_zh", "title_vi", "title_es", "title_ar", "summary_ko"]);
    expect(SEARCHABLE_ATTRIBUTES.slice(-10)).toEqual(["body_ko", "body_en", "body_ja", "body_zh", "body_vi", "body_es", "body_ar", "orgName", "ipc", "singulars"]);
    expect(settings.localizedAttributes).toEqual(
      expect.arrayContaining([
        { attributePatterns: ["*_ko"], locales: ["kor"] },
        { attributePatterns: ["*_ja"], locales: ["jpn"] },
        { attributePatterns: ["*_zh"], locales: ["cmn"] },
        { attributePatterns: ["*_vi"], locales: ["vie"] },
        { attributePatterns: ["*_es"], locales: ["spa"] },
        { attributePatterns: ["*_ar"], locales: ["ara"] },
        { attributePatterns: ["*_en"], locales: ["eng"] },
      ]),
    );
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining(["field", "trl", "transferModes", "targetRegions", "certifications", "hasValuation", "priceLow", "priceHigh"]),
    );
    expect(settings.sortableAttributes).toEqual(expect.arrayContaining(["publishedAt", "trl", "priceLow", "priceHigh"]));
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnAttributes: ["ipc"] });
    expect(settings.rankingRules).toEqual(["sort", "words", "typo", "proximity", "attribute", "exactness", "publishedAt:desc"]);
    expect(settings.faceting).toMatchObject({ maxValuesPerFacet: 100 });
    expect((settings.synonyms as Record<string, string[]>).pin).toEqual(expect.arrayContaining(["battery", "배터리"]));
  });

  it("accepts an index that already exists", async () => {
    fake.indexes.add("listings");
    await expect(makeEngine().init()).resolves.toBeUndefined();
  });

  it("surfaces a failed settings task as SearchEngineError with Meilisearch's code", async () => {
    fake.taskFailures.set("PATCH /indexes/listings/settings", { code: "invalid_settings_ranking_rules", message: "bad rule" });
    const error = await makeEngine().init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchEngineError);
    expect(error).toMatchObject({ code: "invalid_settings_ranking_rules" });
    expect((error as Error).message).toContain("bad rule");
  });
});

describe("documents", () => {
  it("flattens per-locale text and omits absent prices", async () => {
    const engine = makeEngine();
    await engine.upsert([FIXTURE_DOCS[1]]);
    const [sent] = bodyOf("POST", "/indexes/listings/documents") as Record<string, unknown>[];
    expect(sent).toMatchObject({ id: "kr-bat-002", title_ko: FIXTURE_DOCS[1].title.ko, summary_ko: FIXTURE_DOCS[1].summary.ko, field: "battery", trl: 4 });
    expect(sent).not.toHaveProperty("title_en");
    expect(sent).not.toHaveProperty("priceLow");
    expect(sent).not.toHaveProperty("title");
  });

  it("indexes the singulars of plural words beside the text (Meilisearch does not stem)", async () => {
    await makeEngine().upsert([FIXTURE_DOCS.find((d) => d.id === "kr-agri-001")!]);
    const [sent] = bodyOf("POST", "/indexes/listings/documents") as Record<string, unknown>[];
    expect(sent.singulars).toEqual(expect.arrayContaining(["farm"]));
    expect(sent.singulars).not.toContain("smart");
  });

  it("derives priceLow/priceHigh from one-sided prices", async () => {
    await makeEngine().upsert([FIXTURE_DOCS.find((d) => d.id === "kr-med-001")!]);
    const [sent] = bodyOf("POST", "/indexes/listings/documents") as Record<string, unknown>[];
    expect(sent).toMatchObject({ priceMinUsd: 350_000, priceLow: 350_000, priceHigh: 350_000 });
    expect(sent).not.toHaveProperty("priceMaxUsd");
  });

  it("surfaces a failed document task as an error", async () => {
    fake.taskFailures.set("POST /indexes/listings/documents", { code: "invalid_document_id", message: "Document identifier `a b` is invalid." });
    await expect(makeEngine().upsert([FIXTURE_DOCS[0]])).rejects.toMatchObject({ name: "SearchEngineError", code: "invalid_document_id" });
  });

  it("removes by id", async () => {
    await makeEngine().remove(["kr-bat-001", "kr-bat-002"]);
    expect(bodyOf("POST", "/indexes/listings/documents/delete-batch")).toEqual(["kr-bat-001", "kr-bat-002"]);
  });
});

describe("search request", () => {
  it("sends filters, sort, paging, facets and highlight settings", async () => {
    fake.searchResponse = { hits: [], totalHits: 0, processingTimeMs: 1, page: 2, hitsPerPage: 10, totalPages: 0, query: "배터리" };
    await makeEngine().search(
      query({
        q: "배터리",
        locale: "ja",
        sort: "price_asc",
        page: 2,
        pageSize: 10,
        filters: {
          fields: ["battery", "semi\"conductor"],
          trlMin: 4,
          trlMax: 7,
          transferModes: ["exclusive_license"],
          regions: ["europe", 'back\\slash'],
          certifications: ["innobiz"],
          hasValuation: true,
          priceMinUsd: 100_000,
          priceMaxUsd: 500_000,
        },
      }),
    );
    const body = bodyOf("POST", "/indexes/listings/search") as Record<string, unknown>;
    expect(body.q).toBe("배터리");
    expect(body.filter).toBe(
      'field IN ["battery", "semi\\"conductor"] AND trl >= 4 AND trl <= 7 AND transferModes IN ["exclusive_license"] AND ' +
        'targetRegions IN ["europe", "back\\\\slash"] AND certifications IN ["innobiz"] AND hasValuation = true AND ' +
        "priceHigh >= 100000 AND priceLow <= 500000",
    );
    expect(body).toMatchObject({
      sort: ["priceLow:asc", "publishedAt:desc"],
      page: 2,
      hitsPerPage: 10,
      facets: ["field", "trl", "transferModes", "targetRegions", "certifications", "hasValuation"],
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
      showRankingScore: true,
      locales: ["kor"],
    });
    expect(body.attributesToHighlight).toEqual(["title_ja", "summary_ja", "title_en", "summary_en", "title_ko", "summary_ko"]);
  });

  it("sends a plural word as its singular when there is only one candidate", async () => {
    fake.searchResponse = { hits: [], totalHits: 0, processingTimeMs: 0, query: "" };
    await makeEngine().search(query({ q: "Bipolar Plates batteries switches" }));
    const body = bodyOf("POST", "/indexes/listings/search") as Record<string, unknown>;
    // "switches" could be switch or switche: left as typed, it still matches the same plural.
    expect(body.q).toBe("Bipolar plate battery switches");
  });

  it("browse mode sorts newest first and sends no filter", async () => {
    fake.searchResponse = { hits: [], totalHits: 0, processingTimeMs: 0, query: "" };
    await makeEngine().search(query({ page: 0, pageSize: 1000 }));
    const body = bodyOf("POST", "/indexes/listings/search") as Record<string, unknown>;
    expect(body).toMatchObject({ q: "", sort: ["publishedAt:desc"], page: 1, hitsPerPage: 100 });
    expect(body).not.toHaveProperty("filter");
    expect(body).not.toHaveProperty("locales");
  });

  it("quotes filter values so they cannot break out of the string", () => {
    expect(quoteFilterValue('x" OR field = "y')).toBe('"x\\" OR field = \\"y"');
    expect(buildFilter({})).toBeUndefined();
    expect(() => buildFilter({ trlMin: Number.NaN })).toThrow(SearchEngineError);
  });
});

describe("search response", () => {
  it("maps hits, highlights, totals and facets into a SearchResult", async () => {
    fake.searchResponse = {
      query: "lithium",
      processingTimeMs: 3,
      page: 1,
      hitsPerPage: 20,
      totalPages: 1,
      totalHits: 2,
      hits: [
        {
          id: "kr-bat-001",
          title_en: "Thermal management for fast-charging lithium-ion batteries",
          _rankingScore: 0.93,
          _formatted: {
            id: "kr-bat-001",
            title_en: `Thermal management for fast-charging ${HIGHLIGHT_PRE}lithium${HIGHLIGHT_POST}-ion batteries`,
            summary_en: `Keeps ${HIGHLIGHT_PRE}lithium${HIGHLIGHT_POST} cells <b>cool</b>.`,
            title_ko: "리튬이온 배터리 급속충전 열관리 기술",
          },
        },
        { id: "kr-bat-002", _rankingScore: 0.41, _formatted: { id: "kr-bat-002", title_ko: `전고체 ${HIGHLIGHT_PRE}배터리${HIGHLIGHT_POST}용` } },
      ],
      facetDistribution: {
        field: { battery: 2 },
        trl: { "4": 1, "7": 1 },
        transferModes: { exclusive_license: 1, joint_development: 1 },
        targetRegions: { europe: 1 },
        certifications: {},
        hasValuation: { true: 1, false: 1 },
      },
    };
    const result = await makeEngine().search(query({ q: "lithium" }));
    expect(result).toEqual({
      hits: [
        {
          id: "kr-bat-001",
          score: 0.93,
          highlights: {
            title: [
              { text: "Thermal management for fast-charging ", match: false },
              { text: "lithium", match: true },
              { text: "-ion batteries", match: false },
            ],
            summary: [
              { text: "Keeps ", match: false },
              { text: "lithium", match: true },
              { text: " cells <b>cool</b>.", match: false },
            ],
          },
        },
        {
          id: "kr-bat-002",
          score: 0.41,
          highlights: {
            title: [
              { text: "전고체 ", match: false },
              { text: "배터리", match: true },
              { text: "용", match: false },
            ],
          },
        },
      ],
      total: 2,
      page: 1,
      pageSize: 20,
      facets: {
        field: { battery: 2 },
        trl: { "4": 1, "7": 1 },
        transferModes: { exclusive_license: 1, joint_development: 1 },
        targetRegions: { europe: 1 },
        certifications: {},
        hasValuation: { true: 1, false: 1 },
      },
      processingTimeMs: 3,
    });
  });

  it("fills both hasValuation keys when Meilisearch omits one", async () => {
    fake.searchResponse = { hits: [], totalHits: 0, processingTimeMs: 0, query: "", facetDistribution: { hasValuation: { false: 3 } } };
    const { facets } = await makeEngine().search(query());
    expect(facets.hasValuation).toEqual({ true: 0, false: 3 });
  });

  it("turns an API error into SearchEngineError with its code", async () => {
    fake.searchError = { status: 400, code: "invalid_search_filter", message: "Attribute `nope` is not filterable." };
    await expect(makeEngine().search(query({ q: "x" }))).rejects.toMatchObject({ name: "SearchEngineError", code: "invalid_search_filter" });
  });
});

describe("replaceAll", () => {
  it("builds a temporary index, swaps it in and deletes the old one", async () => {
    const engine = makeEngine({ batchSize: 2 });
    const progress: number[] = [];
    await engine.replaceAll([FIXTURE_DOCS.slice(0, 3)], (done) => progress.push(done));

    expect(calls()).toEqual([
      "POST /indexes", // live index (init)
      "PATCH /indexes/listings/settings",
      "DELETE /indexes/listings_tmp", // leftover of a crashed rebuild, if any
      "POST /indexes",
      "PATCH /indexes/listings_tmp/settings",
      "POST /indexes/listings_tmp/documents",
      "POST /indexes/listings_tmp/documents",
      "POST /swap-indexes",
      "DELETE /indexes/listings_tmp",
    ]);
    expect(fake.requests.filter((r) => r.path === "/indexes").map((r) => r.body)).toEqual([
      { uid: "listings", primaryKey: "id" },
      { uid: "listings_tmp", primaryKey: "id" },
    ]);
    expect(bodyOf("PATCH", "/indexes/listings_tmp/settings")).toEqual(bodyOf("PATCH", "/indexes/listings/settings"));
    expect(bodyOf("POST", "/swap-indexes")).toEqual([{ indexes: ["listings", "listings_tmp"], rename: false }]);
    expect(progress).toEqual([2, 3]);
    expect(fake.indexes).toEqual(new Set(["listings"]));
  });

  it("tolerates a synchronous 404 for a missing temporary index", async () => {
    server.use(
      http.delete(
        `${HOST}/indexes/listings_tmp`,
        () => HttpResponse.json({ code: "index_not_found", message: "Index `listings_tmp` not found.", type: "invalid_request", link: "" }, { status: 404 }),
        { once: true },
      ),
    );
    await makeEngine().replaceAll([FIXTURE_DOCS.slice(0, 1)]);
    expect(calls()).toContain("POST /swap-indexes");
    expect(fake.indexes).toEqual(new Set(["listings"]));
  });

  it("does not swap, and cleans up, when a batch fails", async () => {
    fake.taskFailures.set("POST /indexes/listings_tmp/documents", { code: "invalid_document_fields", message: "bad field" });
    await expect(makeEngine().replaceAll([FIXTURE_DOCS.slice(0, 2)])).rejects.toMatchObject({ code: "invalid_document_fields" });
    expect(calls()).not.toContain("POST /swap-indexes");
    expect(calls().at(-1)).toBe("DELETE /indexes/listings_tmp");
    expect(fake.indexes).toEqual(new Set(["listings"]));
  });
});

describe("operations", () => {
  it("counts documents from index stats and reports health", async () => {
    const engine = makeEngine();
    expect(await engine.count()).toBe(14);
    expect(await engine.health()).toMatchObject({ ok: true });
  });

  it("creates a search-only key once and reuses it", async () => {
    const engine = makeEngine();
    const key = await engine.createSearchOnlyKey();
    expect(bodyOf("POST", "/keys")).toMatchObject({ actions: ["search"], indexes: ["listings"], expiresAt: null });
    expect(await engine.createSearchOnlyKey()).toBe(key);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/keys")).toHaveLength(1);
  });
});

describe("createSearchEngine", () => {
  it("uses Meilisearch when MEILI_HOST is set, the embedded engine otherwise", () => {
    expect(createSearchEngine({ MEILI_HOST: HOST, MEILI_MASTER_KEY: API_KEY, MEILI_INDEX: "x" }).name).toBe("meilisearch");
    expect(createSearchEngine({}).name).toBe("embedded");
    expect(createSearchEngine({ MEILI_HOST: "  " }).name).toBe("embedded");
  });
});
