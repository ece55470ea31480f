/**
 * Publication expiry: a listing is published for 12 months unless renewed. The SME is
 * reminded by e-mail 30 and 7 days before; at expiry the listing leaves search and the
 * public pages. Runs from the scheduler (app/jobs/scheduler.server.ts); safe to run in
 * several processes at once because every step is a conditional update.
 */
import { prisma } from "~/db.server";
import { queueEmail } from "~/email/email.server";
import { env } from "~/env.server";
import type { SessionUser } from "~/auth/session.server";
import { audit } from "~/audit/audit.server";
import { UserError } from "~/lib/http.server";
import type { Locale } from "~/domain/taxonomy";
import { pickTranslation, PUBLICATION_MONTHS } from "./listings.server";
import { enqueueListingChanged } from "~/listings/sync.server";

const DAY = 86_400_000;

export function publicationEnd(from: Date): Date {
  const end = new Date(from);
  end.setUTCMonth(end.getUTCMonth() + PUBLICATION_MONTHS);
  return end;
}

export async function expireListings(now = new Date()): Promise<number> {
  const due = await prisma.listing.findMany({ where: { status: "published", expiresAt: { lte: now } }, select: { id: true } });
  let expired = 0;
  for (const { id } of due) {
    await prisma.$transaction(async (tx) => {
      const res = await tx.listing.updateMany({ where: { id, status: "published", expiresAt: { lte: now } }, data: { status: "expired" } });
      if (res.count !== 1) return;
      expired++;
      await enqueueListingChanged(tx, id);
      await audit(tx, null, "listing.expire", "Listing", id);
    });
  }
  return expired;
}

export async function sendExpiryReminders(now = new Date()): Promise<number> {
  let sent = 0;
  for (const [days, column] of [
    [30, "expiryReminder30At"],
    [7, "expiryReminder7At"],
  ] as const) {
    const due = await prisma.listing.findMany({
      where: { status: "published", expiresAt: { gt: now, lte: new Date(now.getTime() + days * DAY) }, [column]: null },
      include: { translations: { select: { locale: true, title: true, summary: true } }, createdBy: true },
    });
    for (const listing of due) {
      await prisma.$transaction(async (tx) => {
        const claimed = await tx.listing.updateMany({ where: { id: listing.id, [column]: null }, data: { [column]: now } });
        if (claimed.count !== 1 || !listing.createdBy) return;
        // The 30-day reminder is pointless once the 7-day one is due (e.g. after a long outage).
        if (days === 30 && listing.expiresAt!.getTime() - now.getTime() <= 7 * DAY) return;
        const owner = listing.createdBy;
        await queueEmail(tx, {
          to: owner.email,
          locale: owner.locale,
          template: "listingExpiring",
          params: {
            title: pickTranslation(listing.translations, owner.locale as Locale).translation?.title ?? "",
            days: String(days),
            date: listing.expiresAt!.toISOString().slice(0, 10),
            url: `${env().appUrl}/workspace/listings/${listing.id}`,
          },
        });
        sent++;
      });
    }
  }
  return sent;
}

/** Renewing restarts the 12 months from now (or revives an expired listing) and re-arms the reminders. */
export async function renewListing(user: SessionUser, listingId: string, now = new Date()) {
  const listing = await prisma.listing.findUnique({ where: { id: listingId } });
  if (!listing) throw new UserError(404, "common:errors.notFound");
  if (user.role !== "sme" || user.organisationId !== listing.organisationId) throw new UserError(403, "common:errors.forbidden");
  if (listing.status !== "published" && listing.status !== "expired") throw new UserError(409, "workspace:errors.notRenewable");
  await prisma.$transaction(async (tx) => {
    const res = await tx.listing.updateMany({
      where: { id: listingId, status: { in: ["published", "expired"] } },
      data: { status: "published", expiresAt: publicationEnd(now), expiryReminder30At: null, expiryReminder7At: null },
    });
    if (res.count !== 1) throw new UserError(409, "workspace:errors.staleState");
    await enqueueListingChanged(tx, listingId);
    await audit(tx, user.id, "listing.renew", "Listing", listingId);
  });
}
