/**
 * The read-only public API (docs/api.md): published listings at the public tier only —
 * exactly what an anonymous visitor sees, never registered or confidential text.
 */
import { prisma } from "~/db.server";
import { LOCALES, type Locale } from "~/domain/taxonomy";
import { env } from "~/env.server";

const include = {
  translations: { select: { locale: true, title: true, summary: true } },
  organisation: { select: { name: true, nameEn: true, country: true, region: true, certifications: { select: { code: true } } } },
  patents: { select: { number: true, jurisdiction: true, status: true, filedOn: true, expiresOn: true } },
  valuations: { select: { method: true, lowMinor: true, highMinor: true, currency: true, valuedOn: true, validUntil: true, source: true }, orderBy: { valuedOn: "desc" as const }, take: 1 },
};

type Row = Awaited<ReturnType<typeof prisma.listing.findFirstOrThrow<{ include: typeof include }>>>;

export function toPublicListing(l: Row, now = new Date()) {
  const text = Object.fromEntries(l.translations.filter((t) => (LOCALES as readonly string[]).includes(t.locale)).map((t) => [t.locale, { title: t.title, summary: t.summary }])) as Partial<Record<Locale, { title: string; summary: string }>>;
  const v = l.valuations[0];
  return {
    id: l.id,
    slug: l.slug,
    url: `${env().appUrl}/technologies/${l.slug}`,
    text,
    field: l.field,
    trl: l.trl,
    ipcCodes: l.ipcCodes,
    keywords: l.keywords,
    transferModes: l.transferModes,
    targetRegions: l.targetRegions,
    asking: l.askingCurrency && l.askingMinMinor !== null ? { currency: l.askingCurrency, minMinor: Number(l.askingMinMinor), maxMinor: l.askingMaxMinor !== null ? Number(l.askingMaxMinor) : null } : null,
    patents: l.patents.map((p) => ({ ...p, filedOn: p.filedOn?.toISOString().slice(0, 10) ?? null, expiresOn: p.expiresOn?.toISOString().slice(0, 10) ?? null })),
    valuation: v
      ? { method: v.method, currency: v.currency, lowMinor: Number(v.lowMinor), highMinor: Number(v.highMinor), valuedOn: v.valuedOn.toISOString().slice(0, 10), validUntil: v.validUntil.toISOString().slice(0, 10), verified: v.source !== "declared", expired: v.validUntil < now }
      : null,
    organisation: { name: l.organisation.nameEn ?? l.organisation.name, nameNative: l.organisation.name, country: l.organisation.country, region: l.organisation.region, certifications: l.organisation.certifications.map((c) => c.code) },
    publishedAt: l.publishedAt?.toISOString() ?? null,
    updatedAt: l.updatedAt.toISOString(),
  };
}

export async function listPublicListings(page: number, pageSize: number) {
  const where = { status: "published" as const };
  const [total, rows] = await Promise.all([
    prisma.listing.count({ where }),
    prisma.listing.findMany({ where, include, orderBy: [{ publishedAt: "desc" }, { id: "asc" }], skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  return { total, page, pageSize, items: rows.map((r) => toPublicListing(r)) };
}

export async function getPublicListing(idOrSlug: string) {
  if (idOrSlug.includes("\u0000")) return null; // PostgreSQL text cannot hold U+0000: names nothing
  const row = await prisma.listing.findFirst({ where: { status: "published", OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, include });
  return row ? toPublicListing(row) : null;
}
