/**
 * Shortlists: published listings a user set aside, each with an optional private note.
 * A user sees and changes only their own entries.
 */
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import type { Locale } from "~/domain/taxonomy";
import { UserError } from "~/lib/http.server";
import { pickTranslation } from "~/listings/listings.server";

export const MAX_SHORTLIST = 200;

function requireMember(user: SessionUser) {
  if (user.role === "admin") throw new UserError(403, "common:errors.forbidden");
}

/** Adds a published listing (or updates its note when it is already on the list). */
export async function addToShortlist(user: SessionUser, listingId: string, note: string) {
  requireMember(user);
  const listing = await prisma.listing.findUnique({ where: { id: listingId }, select: { status: true } });
  if (!listing || listing.status !== "published") throw new UserError(404, "common:errors.notFound");
  const existing = await prisma.shortlistEntry.findUnique({ where: { userId_listingId: { userId: user.id, listingId } } });
  if (!existing && (await prisma.shortlistEntry.count({ where: { userId: user.id } })) >= MAX_SHORTLIST) {
    throw new UserError(409, "matching:errors.shortlistFull", { max: MAX_SHORTLIST });
  }
  return prisma.shortlistEntry.upsert({
    where: { userId_listingId: { userId: user.id, listingId } },
    create: { userId: user.id, listingId, note: note || null },
    update: { note: note || null },
  });
}

export async function removeFromShortlist(user: SessionUser, listingId: string) {
  requireMember(user);
  await prisma.shortlistEntry.deleteMany({ where: { userId: user.id, listingId } });
}

export async function shortlistEntryFor(user: SessionUser | null, listingId: string) {
  if (!user || user.role === "admin" || listingId.includes("\u0000")) return null;
  return prisma.shortlistEntry.findUnique({ where: { userId_listingId: { userId: user.id, listingId } } });
}

/** The user's shortlist; listings no longer published stay listed, marked unavailable. */
export async function listShortlist(user: SessionUser, locale: Locale) {
  requireMember(user);
  const entries = await prisma.shortlistEntry.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
    include: {
      listing: {
        select: { id: true, slug: true, status: true, field: true, trl: true, translations: { select: { locale: true, title: true, summary: true } }, organisation: { select: { name: true, nameEn: true } } },
      },
    },
  });
  return entries.map((e) => {
    const { translation } = pickTranslation(e.listing.translations, locale);
    return {
      id: e.id,
      note: e.note ?? "",
      createdAt: e.createdAt.toISOString(),
      listing: {
        id: e.listing.id,
        slug: e.listing.slug,
        available: e.listing.status === "published",
        title: translation?.title ?? "",
        summary: translation?.summary ?? "",
        titleLocale: translation?.locale ?? "en",
        field: e.listing.field,
        trl: e.listing.trl,
        organisation: e.listing.organisation.nameEn ?? e.listing.organisation.name,
      },
    };
  });
}
