/**
 * The public-tier projection of a listing for the search index. Only title, summary and
 * public facts go in; registered and confidential text never reaches any engine.
 */
import type { SearchDocument } from "@search/types";
import { prisma } from "~/db.server";
import { LOCALES, type Locale } from "~/domain/taxonomy";
import { toUsd } from "~/lib/money";
import { fieldLabelsInAllLocales } from "~/i18n/taxonomy-labels.server";

export const searchDocumentInclude = {
  translations: { select: { locale: true, title: true, summary: true } },
  organisation: { select: { name: true, nameEn: true, certifications: { select: { code: true } } } },
  valuations: { select: { source: true, validUntil: true } },
} as const;

type ListingForDocument = {
  id: string;
  slug: string;
  field: string;
  ipcCodes: string[];
  keywords: string[];
  trl: number;
  transferModes: string[];
  targetRegions: string[];
  askingMinMinor: bigint | null;
  askingMaxMinor: bigint | null;
  askingCurrency: string | null;
  publishedAt: Date | null;
  translations: { locale: string; title: string; summary: string }[];
  organisation: { name: string; nameEn: string | null; certifications: { code: string }[] };
  valuations: { source: string; validUntil: Date }[];
};

export function toSearchDocument(listing: ListingForDocument, now = new Date()): SearchDocument {
  const title: Partial<Record<Locale, string>> = {};
  const summary: Partial<Record<Locale, string>> = {};
  for (const t of listing.translations) {
    if (!(LOCALES as readonly string[]).includes(t.locale)) continue;
    title[t.locale as Locale] = t.title;
    summary[t.locale as Locale] = t.summary;
  }
  const currency = listing.askingCurrency ?? "USD";
  const current = listing.valuations.filter((v) => v.validUntil >= now);
  return {
    id: listing.id,
    slug: listing.slug,
    title,
    summary,
    body: {},
    keywords: listing.keywords,
    field: listing.field,
    fieldLabels: fieldLabelsInAllLocales(listing.field),
    ipc: listing.ipcCodes,
    trl: listing.trl,
    transferModes: listing.transferModes,
    targetRegions: listing.targetRegions,
    certifications: listing.organisation.certifications.map((c) => c.code),
    hasValuation: current.length > 0,
    valuationVerified: current.some((v) => v.source !== "declared"),
    priceMinUsd: listing.askingMinMinor !== null ? toUsd(listing.askingMinMinor, currency) : null,
    priceMaxUsd: listing.askingMaxMinor !== null ? toUsd(listing.askingMaxMinor, currency) : listing.askingMinMinor !== null ? toUsd(listing.askingMinMinor, currency) : null,
    publishedAt: (listing.publishedAt ?? now).getTime(),
    orgName: [listing.organisation.name, listing.organisation.nameEn].filter(Boolean).join(" "),
    // Not indexed: lets the embedded engine hand back result cards without a query per search.
    display: { organisationName: listing.organisation.name, organisationNameEn: listing.organisation.nameEn, hasAnyValuation: listing.valuations.length > 0 },
  };
}

export async function loadSearchDocument(listingId: string): Promise<SearchDocument | null> {
  const listing = await prisma.listing.findUnique({ where: { id: listingId }, include: searchDocumentInclude });
  if (!listing || listing.status !== "published") return null;
  return toSearchDocument(listing);
}

/** Every published listing, in batches, for a full rebuild. */
export async function* allSearchDocuments(batchSize = 1000): AsyncGenerator<SearchDocument[]> {
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.listing.findMany({
      where: { status: "published" },
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      include: searchDocumentInclude,
    });
    if (batch.length === 0) return;
    yield batch.map((l) => toSearchDocument(l));
    cursor = batch[batch.length - 1]!.id;
  }
}
