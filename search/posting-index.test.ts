/**
 * The embedded engine's index after many writes: tombstones, compaction (slots renumbered,
 * dead postings dropped) and the kept card texts must leave search results exactly as a
 * fresh build of the same documents gives them.
 */
import path from "node:path";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { createEmbeddedEngine } from "./embedded.server";
import { loadGlossary } from "./glossary";
import { PostingIndex, type Query as IndexQuery } from "./posting-index";
import type { SearchDocument, SearchQuery } from "./types";
import { FIXTURE_DOCS } from "./__fixtures__/docs";

const glossaryDir = path.join(import.meta.dirname, "__fixtures__");

/** Many listings from the fixtures' texts, with their own ids and facts. */
function copies(count: number, round: number): SearchDocument[] {
  return Array.from({ length: count }, (_, i) => {
    const base = FIXTURE_DOCS[i % FIXTURE_DOCS.length];
    return {
      ...base,
      id: `copy-${i}`,
      slug: `copy-${i}`,
      title: Object.fromEntries(Object.entries(base.title).map(([l, t]) => [l, `${t} ${i % 7}`])),
      trl: 1 + ((i + round) % 9),
      publishedAt: base.publishedAt + ((i * 7919 + round) % 1000) * 60_000,
      display: { organisationName: `조직 ${i % 5}`, organisationNameEn: i % 2 ? null : `Org ${i % 5}`, hasAnyValuation: (i + round) % 3 === 0 },
    };
  });
}

const queries: Partial<SearchQuery>[] = [
  { q: "battery" },
  { q: "배터리의" },
  { q: "semiconducter" },
  { q: "lith", sort: "newest" },
  { q: "battery", filters: { trlMin: 4 }, page: 2 },
  { q: "", sort: "trl_desc" },
];

describe("embedded index after many writes", () => {
  it("answers exactly like a fresh build once deletes and replacements were compacted", async () => {
    const glossary = await loadGlossary(glossaryDir);
    const written = createEmbeddedEngine({ glossary });
    await written.replaceAll([copies(1500, 0)]);
    // Replace every document twice and delete some: > 2,000 dead slots, so compaction runs.
    await written.upsert(copies(1500, 1));
    await written.upsert(copies(1500, 2));
    const gone = Array.from({ length: 100 }, (_, i) => `copy-${i * 3}`);
    await written.remove(gone);
    const final = copies(1500, 2).filter((d) => !gone.includes(d.id));

    const fresh = createEmbeddedEngine({ glossary });
    await fresh.replaceAll([final]);
    expect(await written.count()).toBe(final.length);
    for (const partial of queries) {
      const query: SearchQuery = { q: "", locale: "en", filters: {}, sort: "relevance", page: 1, pageSize: 20, ...partial };
      const [a, b] = [await written.search(query), await fresh.search(query)];
      expect({ ...a, processingTimeMs: 0 }).toEqual({ ...b, processingTimeMs: 0 });
    }
  });

  it("returns each hit's card data as last written", async () => {
    const engine = createEmbeddedEngine({ glossary: await loadGlossary(glossaryDir) });
    const [doc] = copies(1, 0);
    await engine.upsert([doc]);
    await engine.upsert([{ ...doc, title: { ...doc.title, en: "Renamed solid-state battery" }, display: { organisationName: "새 이름", organisationNameEn: "New Name", hasAnyValuation: true } }]);
    const { hits } = await engine.search({ q: "renamed", locale: "en", filters: {}, sort: "relevance", page: 1, pageSize: 5 });
    expect(hits.map((h) => h.listing)).toEqual([
      { slug: doc.slug, field: doc.field, trl: doc.trl, title: { ...doc.title, en: "Renamed solid-state battery" }, summary: doc.summary, display: { organisationName: "새 이름", organisationNameEn: "New Name", hasAnyValuation: true } },
    ]);
  });
});

/**
 * The index against MiniSearch itself (whose scoring it copies): random documents and random
 * query trees (nested AND/OR, prefix, fuzzy, term boosts, terms that are absent), compared
 * document for document and score for score, on a fresh build, with tombstones and after
 * compaction. This is what keeps evaluation shortcuts (flattening, intersection order,
 * probing) honest.
 */
describe("PostingIndex scores exactly as MiniSearch", () => {
  let state = 12345;
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const letters = "abcdeilmnorst";
  const vocabulary = [...new Set(Array.from({ length: 400 }, () => Array.from({ length: 3 + Math.floor(random() * 7) }, () => pick([...letters])).join("")))];
  // Zipf-ish: a few very common words (long lists), many rare ones.
  const word = () => vocabulary[Math.floor(vocabulary.length * Math.pow(random(), 3))]!;
  const FIELDS = ["a", "b", "c"] as const;
  const BOOSTS = { a: 3, b: 2, c: 1 };
  /** Discards one query term, as a term processor may (MiniSearch then answers that child with nothing). */
  const processTerm = (term: string) => (term === "zzzdrop" ? "" : term);
  const makeDoc = (i: number) => ({ id: `d${i}`, a: Array.from({ length: 2 + Math.floor(random() * 6) }, word).join(" "), b: Array.from({ length: Math.floor(random() * 20) }, word).join(" "), c: Array.from({ length: Math.floor(random() * 60) }, word).join(" ") });
  const docs = Array.from({ length: 600 }, (_, i) => makeDoc(i));

  function randomQuery(depth: number): IndexQuery {
    if (depth === 0 || random() < 0.35) {
      const r = random();
      return r < 0.05 ? "zzzdrop" : r < 0.1 ? "zzzabsent" : r < 0.25 ? word().slice(0, 3) : word();
    }
    const node: IndexQuery = { combineWith: random() < 0.5 ? "AND" : "OR", queries: Array.from({ length: 1 + Math.floor(random() * 4) }, () => randomQuery(depth - 1)) };
    if (random() < 0.3) node.prefix = random() < 0.7;
    if (random() < 0.3) node.fuzzy = pick([false, 0.2, 1, 2]);
    if (random() < 0.3) {
      const boost = 0.1 + random();
      node.boostTerm = () => boost;
    }
    return node;
  }

  function compare(mini: MiniSearch, index: PostingIndex, ids: string[], query: IndexQuery) {
    const expected = new Map(mini.search(query as Parameters<MiniSearch["search"]>[0]).map((r) => [r.id as string, r.score]));
    const { slots, scores, count } = index.search(query, null);
    const actual = new Map(Array.from(slots.subarray(0, count), (slot, i) => [ids[slot]!, scores[i]!]));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, score] of expected) expect(Math.abs(actual.get(id)! - score), `${id} ${actual.get(id)} vs ${score}`).toBeLessThanOrEqual(1e-9 * Math.max(1, score));
  }

  it("on random query trees, before and after deletes and compaction", () => {
    const mini = new MiniSearch({ fields: [...FIELDS], tokenize: (text) => text.split(" ").filter(Boolean), processTerm, searchOptions: { boost: BOOSTS } });
    mini.addAll(docs);
    const index = new PostingIndex(FIELDS, BOOSTS, processTerm);
    let ids = docs.map((doc) => {
      index.add(FIELDS.map((f) => doc[f].split(" ").filter(Boolean)));
      return doc.id;
    });
    const queries = Array.from({ length: 300 }, () => randomQuery(3));
    // Lists as built (chains of growing blocks), then trimmed to one block each.
    for (const query of queries.slice(200)) compare(mini, index, ids, query);
    index.trim();
    for (const query of queries) compare(mini, index, ids, query);

    // Tombstones (document counts taken from the lists), then compaction (slots renumbered).
    for (let i = 0; i < docs.length; i += 4) {
      mini.remove(docs[i]!);
      index.remove(i);
    }
    for (const query of queries.slice(0, 100)) compare(mini, index, ids, query);
    const remap = index.compact();
    const renumbered: string[] = [];
    ids.forEach((id, slot) => {
      if (remap[slot]! >= 0) renumbered[remap[slot]!] = id;
    });
    ids = renumbered;
    for (const query of queries.slice(100, 200)) compare(mini, index, ids, query);

    // Writes after compaction: each list is a trimmed block followed by new blocks (the shape
    // the engine's lists have after upserts), first whole, then with tombstones in the chains.
    const added = Array.from({ length: 200 }, (_, i) => makeDoc(600 + i));
    mini.addAll(added);
    for (const doc of added) ids[index.add(FIELDS.map((f) => doc[f].split(" ").filter(Boolean)))] = doc.id;
    for (const query of queries.slice(0, 100)) compare(mini, index, ids, query);
    const byId = new Map([...docs, ...added].map((doc) => [doc.id, doc]));
    for (let slot = 1; slot < ids.length; slot += 5) {
      mini.remove(byId.get(ids[slot]!)!);
      index.remove(slot);
    }
    for (const query of queries.slice(100, 200)) compare(mini, index, ids, query);
    // More documents while tombstones remain: counts taken from the lists must see them.
    const more = Array.from({ length: 100 }, (_, i) => makeDoc(800 + i));
    mini.addAll(more);
    for (const doc of more) ids[index.add(FIELDS.map((f) => doc[f].split(" ").filter(Boolean)))] = doc.id;
    for (const query of queries.slice(100, 200)) compare(mini, index, ids, query);
  });
});
