import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { expireListings, renewListing, sendExpiryReminders } from "~/listings/expiry.server";
import { createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { sessionUser } from "@tests/helpers/session-user";

setupTestDatabase();
const DAY = 86_400_000;

describe("publication expiry", () => {
  it("reminds 30 and 7 days before, once each, then expires and leaves search; renewal revives it", async () => {
    const owner = await createUser(prisma, { role: "sme", locale: "ko" });
    const now = new Date("2026-11-23T00:00:00Z");
    const listing = await createListing(prisma, { organisationId: owner.organisationId!, createdById: owner.id, status: "published", publishedAt: new Date(now.getTime() - 340 * DAY), expiresAt: new Date(now.getTime() + 25 * DAY) });
    const mails = () => prisma.outboxMessage.findMany({ where: { topic: "email.send" } });

    expect(await sendExpiryReminders(now)).toBe(1);
    expect(await sendExpiryReminders(now)).toBe(0); // not twice
    expect((await mails()).map((m) => (m.payload as { params: { days: string } }).params.days)).toEqual(["30"]);
    expect((await mails())[0]!.payload).toMatchObject({ to: owner.email, locale: "ko", template: "listingExpiring" });

    const weekBefore = new Date(now.getTime() + 19 * DAY);
    expect(await sendExpiryReminders(weekBefore)).toBe(1);
    expect((await mails()).map((m) => (m.payload as { params: { days: string } }).params.days).sort()).toEqual(["30", "7"]);

    expect(await expireListings(weekBefore)).toBe(0);
    const after = new Date(now.getTime() + 26 * DAY);
    expect(await expireListings(after)).toBe(1);
    expect((await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).status).toBe("expired");
    const syncs = await prisma.outboxMessage.findMany({ where: { topic: "search.sync_listing" } });
    expect(syncs.some((m) => (m.payload as { listingId: string }).listingId === listing.id)).toBe(true);

    await renewListing(await sessionUser(owner.id), listing.id, after);
    const renewed = await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } });
    expect(renewed).toMatchObject({ status: "published", expiryReminder30At: null, expiryReminder7At: null });
    expect(renewed.expiresAt!.getTime()).toBeGreaterThan(after.getTime() + 364 * DAY);
  });

  it("sends only the 7-day reminder when the 30-day one was missed", async () => {
    const owner = await createUser(prisma, { role: "sme" });
    const now = new Date("2026-11-23T00:00:00Z");
    await prisma.outboxMessage.deleteMany();
    await createListing(prisma, { organisationId: owner.organisationId!, createdById: owner.id, status: "published", expiresAt: new Date(now.getTime() + 3 * DAY) });
    expect(await sendExpiryReminders(now)).toBe(1);
    const mails = await prisma.outboxMessage.findMany({ where: { topic: "email.send" } });
    expect(mails.map((m) => (m.payload as { params: { days: string } }).params.days)).toEqual(["7"]);
  });
});
