/**
 * The embedded engine's index after many writes: tombstones, compaction (slots renumbered,
 * dead postings dropped) and the kept card texts must leave search results exactly as a
 * fresh build of the same documents gives them.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEmbeddedEngine } from "./embedded.server";
import { loadGlossary } from "./glossary";
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
