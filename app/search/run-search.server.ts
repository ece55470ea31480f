/** Runs a parsed search and joins the hits with the viewer-language card data. */
import type { SearchFilters, SearchQuery } from "@search/types";
import { prisma } from "~/db.server";
import type { Locale } from "~/domain/taxonomy";
import { storedListingCard, toListingCard } from "~/listings/cards.server";
import { searchEngine } from "./search.server";

export async function runSearch(query: SearchQuery, locale: Locale) {
  const result = await searchEngine().search(query);
  // The embedded engine returns each hit's card data (kept in step by the same outbox sync
  // as the index); Meilisearch hits are joined with the database below.
  if (result.hits.every((hit) => hit.listing)) {
    const cards = result.hits.map((hit) => ({ ...storedListingCard(hit.listing!, locale), id: hit.id, score: hit.score, highlights: hit.highlights }));
    return { ...result, cards };
  }
  const ids = result.hits.map((h) => h.id);
  const rows = ids.length
    ? await prisma.listing.findMany({
        where: { id: { in: ids }, status: "published" },
        include: {
          translations: { select: { locale: true, title: true, summary: true } },
          organisation: { select: { name: true, nameEn: true } },
          valuations: { select: { id: true } },
        },
      })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const cards = result.hits.flatMap((hit) => {
    const row = byId.get(hit.id);
    if (!row) return [];
    const card = toListingCard(row, locale);
    // The engine highlights the text of highlightLocales() (viewer, en, ko), the same order
    // pickTranslation uses for the card, so the segments belong to the text shown.
    return [{ ...card, id: row.id, score: hit.score, highlights: hit.highlights }];
  });
  return { ...result, cards };
}

/** URL parameters of each filter group, so a suggestion can drop exactly one group. */
export const FILTER_GROUPS: { group: string; params: string[]; clear: Partial<SearchFilters>; active: (f: SearchFilters) => boolean }[] = [
  { group: "field", params: ["field"], clear: { fields: [] }, active: (f) => (f.fields?.length ?? 0) > 0 },
  { group: "mode", params: ["mode"], clear: { transferModes: [] }, active: (f) => (f.transferModes?.length ?? 0) > 0 },
  { group: "region", params: ["region"], clear: { regions: [] }, active: (f) => (f.regions?.length ?? 0) > 0 },
  { group: "certification", params: ["cert"], clear: { certifications: [] }, active: (f) => (f.certifications?.length ?? 0) > 0 },
  { group: "trl", params: ["trlMin", "trlMax"], clear: { trlMin: undefined, trlMax: undefined }, active: (f) => f.trlMin !== undefined || f.trlMax !== undefined },
  { group: "price", params: ["priceMin", "priceMax"], clear: { priceMinUsd: undefined, priceMaxUsd: undefined }, active: (f) => f.priceMinUsd !== undefined || f.priceMaxUsd !== undefined },
  { group: "valuation", params: ["valuation"], clear: { hasValuation: undefined }, active: (f) => f.hasValuation !== undefined },
];

/**
 * For an empty result: which single filter to drop to get results (with the count), and
 * the fields where the words alone do find technologies.
 */
export async function suggestForEmptyResult(query: SearchQuery) {
  const engine = searchEngine();
  const relaxations: { group: string; params: string[]; total: number }[] = [];
  for (const g of FILTER_GROUPS.filter((g) => g.active(query.filters))) {
    const result = await engine.search({ ...query, filters: { ...query.filters, ...g.clear }, page: 1, pageSize: 1 });
    if (result.total > 0) relaxations.push({ group: g.group, params: g.params, total: result.total });
  }
  const wordsOnly = query.q ? await engine.search({ ...query, filters: {}, page: 1, pageSize: 1 }) : null;
  const relatedFields = wordsOnly
    ? Object.entries(wordsOnly.facets.field)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([field, total]) => ({ field, total }))
    : [];
  return { relaxations, relatedFields, wordsOnlyTotal: wordsOnly?.total ?? 0 };
}
