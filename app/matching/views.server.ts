/**
 * What each side sees of its matches, with the reasons in the viewer's language:
 * a buyer sees the listings matched to its own needs; an SME sees the buyer needs matched
 * to its own published listings, with the need's facts and only the buyer organisation's
 * name and country (not who at the buyer posted it).
 */
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import type { Locale } from "~/domain/taxonomy";
import { UserError } from "~/lib/http.server";
import { pickTranslation } from "~/listings/listings.server";
import { reasonRenderer } from "./reasons.server";

const listingSelect = {
  id: true,
  slug: true,
  field: true,
  trl: true,
  translations: { select: { locale: true, title: true, summary: true } },
  organisation: { select: { name: true, nameEn: true } },
} as const;

export type BuyerMatchView = {
  id: string;
  score: number;
  reasons: string[];
  listing: { id: string; slug: string; title: string; titleLocale: string; field: string; trl: number; organisation: string };
};

/** The best matches of each of the buyer's needs (the caller has checked the needs are the buyer's own). */
export async function matchesOfNeeds(needIds: string[], locale: Locale, perNeed = 5): Promise<Record<string, BuyerMatchView[]>> {
  const out: Record<string, BuyerMatchView[]> = Object.fromEntries(needIds.map((id) => [id, []]));
  if (needIds.length === 0) return out;
  const { render } = await reasonRenderer(locale);
  const rows = await prisma.match.findMany({
    where: { needId: { in: needIds }, listing: { status: "published" } },
    orderBy: [{ score: "desc" }, { listingId: "asc" }],
    include: { listing: { select: listingSelect } },
  });
  for (const m of rows) {
    const list = out[m.needId]!;
    if (list.length >= perNeed) continue;
    const { translation } = pickTranslation(m.listing.translations, locale);
    list.push({
      id: m.id,
      score: m.score,
      reasons: render(m.reasons),
      listing: {
        id: m.listing.id,
        slug: m.listing.slug,
        title: translation?.title ?? "",
        titleLocale: translation?.locale ?? "en",
        field: m.listing.field,
        trl: m.listing.trl,
        organisation: locale === "ko" ? m.listing.organisation.name : m.listing.organisation.nameEn ?? m.listing.organisation.name,
      },
    });
  }
  return out;
}

export type SellerMatchView = {
  id: string;
  score: number;
  reasons: string[];
  listing: { id: string; title: string; titleLocale: string };
  need: {
    title: string;
    description: string;
    locale: string;
    fields: string[];
    trlMin: number;
    trlMax: number;
    budgetMinMinor: number | null;
    budgetMaxMinor: number | null;
    currency: string | null;
    timeline: string | null;
    transferModes: string[];
    targetRegion: string | null;
    buyer: { name: string; country: string };
  };
};

/** An SME's matches: buyer needs (open) matched to its published listings, best first. */
export async function sellerMatches(user: SessionUser, locale: Locale, limit = 100): Promise<SellerMatchView[]> {
  if (user.role !== "sme" || !user.organisationId) throw new UserError(403, "common:errors.forbidden");
  const { render } = await reasonRenderer(locale);
  const rows = await prisma.match.findMany({
    where: { listing: { organisationId: user.organisationId, status: "published" }, need: { status: "open" } },
    orderBy: [{ score: "desc" }, { id: "asc" }],
    take: limit,
    include: {
      listing: { select: { id: true, translations: { select: { locale: true, title: true, summary: true } } } },
      need: { include: { organisation: { select: { name: true, nameEn: true, country: true } } } },
    },
  });
  return rows.map((m) => {
    const { translation } = pickTranslation(m.listing.translations, locale);
    const n = m.need;
    return {
      id: m.id,
      score: m.score,
      reasons: render(m.reasons),
      listing: { id: m.listing.id, title: translation?.title ?? "", titleLocale: translation?.locale ?? "ko" },
      need: {
        title: n.title,
        description: n.description,
        locale: n.locale,
        fields: n.fields,
        trlMin: n.trlMin,
        trlMax: n.trlMax,
        budgetMinMinor: n.budgetMinMinor !== null ? Number(n.budgetMinMinor) : null,
        budgetMaxMinor: n.budgetMaxMinor !== null ? Number(n.budgetMaxMinor) : null,
        currency: n.currency,
        timeline: n.timeline,
        transferModes: n.transferModes,
        targetRegion: n.targetRegion,
        buyer: { name: n.organisation.nameEn ?? n.organisation.name, country: n.organisation.country },
      },
    };
  });
}
