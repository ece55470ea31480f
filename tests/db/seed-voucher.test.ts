import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { DEMO_ACCOUNTS, seedDemoData } from "../../prisma/seed.server";
import { setupTestDatabase } from "@tests/helpers/database";

setupTestDatabase();

describe("demo seed", () => {
  it("gives the demo SME one export voucher, also when seeding again", async () => {
    await seedDemoData(() => {});
    await seedDemoData(() => {});
    const sme = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.sme } });
    const vouchers = await prisma.exportVoucher.findMany({ where: { organisationId: sme.organisationId! } });
    expect(vouchers).toHaveLength(1);
    expect(vouchers[0]).toMatchObject({ coveragePercent: 70, balanceMinor: 3_000_000n, currency: "KRW" });
  });

  it("records the views it counts: each listing's total equals its view rows, all after publication, some in the last 30 days", async () => {
    await seedDemoData(() => {});
    const listings = await prisma.listing.findMany({ where: { status: "published" }, select: { id: true, viewCount: true, publishedAt: true } });
    expect(listings.length).toBeGreaterThan(10);
    const since = new Date(Date.now() - 30 * 86_400_000);
    let recent = 0;
    for (const listing of listings) {
      const views = await prisma.listingView.findMany({ where: { listingId: listing.id }, select: { createdAt: true } });
      expect(views.length).toBe(listing.viewCount);
      expect(views.every((v) => v.createdAt >= listing.publishedAt!)).toBe(true);
      recent += views.filter((v) => v.createdAt >= since).length;
    }
    expect(recent).toBeGreaterThan(0);
  });
});

describe("demo conversations", () => {
  it("the demo SME and the demo buyer each find an answered inquiry, with a notification, once however often the seed runs", async () => {
    await seedDemoData(() => {});
    await seedDemoData(() => {});
    const sme = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.sme } });
    const buyer = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.buyer } });
    const received = await prisma.inquiry.findMany({ where: { sellerOrgId: sme.organisationId! }, include: { messages: true } });
    const sent = await prisma.inquiry.findMany({ where: { buyerOrgId: buyer.organisationId! }, include: { messages: true } });
    for (const list of [received, sent]) {
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ status: "answered" });
      expect(list[0]!.messages).toHaveLength(2);
      // The thread's history and the notifications carry the backdated times of the question
      // and the answer, not the moment the seed ran.
      const [question, answer] = [...list[0]!.messages].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const history = await prisma.auditLog.findMany({ where: { entityType: "Inquiry", entityId: list[0]!.id }, orderBy: { createdAt: "asc" } });
      expect(history.map((h) => [h.action, h.createdAt.toISOString()])).toEqual([
        ["inquiry.create", question!.createdAt.toISOString()],
        ["inquiry.answer", answer!.createdAt.toISOString()],
      ]);
      expect(answer!.createdAt.getTime()).toBeLessThan(Date.now() - 24 * 3_600_000);
      const notes = await prisma.notification.findMany({ where: { payload: { path: ["inquiryId"], equals: list[0]!.id } } });
      expect(notes.length).toBeGreaterThan(0);
      for (const note of notes) expect([question!.createdAt.getTime(), answer!.createdAt.getTime()]).toContain(note.createdAt.getTime());
    }
    expect(await prisma.notification.count({ where: { userId: buyer.id } })).toBeGreaterThan(0);
    expect(await prisma.notification.count({ where: { userId: sme.id } })).toBeGreaterThan(0);
  });
});
