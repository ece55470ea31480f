/** Runs a parsed search and joins the hits with the viewer-language card data. */
import type { SearchQuery } from "@search/types";
import { prisma } from "~/db.server";
import type { Locale } from "~/domain/taxonomy";
import { toListingCard } from "~/listings/cards.server";
import { searchEngine } from "./search.server";

export async function runSearch(query: SearchQuery, locale: Locale) {
  const result = await searchEngine().search(query);
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
    // Highlights are computed on the same text the card shows; drop them if they differ.
    return [{ ...card, id: row.id, score: hit.score, highlights: hit.highlights }];
  });
  return { ...result, cards };
}
