/**
 * Bookings on the real schema: holds re-validated against generated slots, the exclusion
 * constraint deciding races (200 concurrent attempts → exactly one booking; services of
 * different lengths), hold expiry, cancellation/refund policy, reschedule, completion with a
 * verified valuation, reminders. Runs on PGlite and (TEST_DATABASE=postgres) on PostgreSQL,
 * where the concurrent attempts really run in parallel on a pool of connections.
 */
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { expireHolds, isExclusionViolation } from "~/consulting/booking-lifecycle.server";
import { cancelBooking, cancellationPolicy, completeBooking, confirmAsCounterpart, getBookingForViewer, holdBooking, markNoShow, rescheduleBooking } from "~/consulting/bookings.server";
import { sendBookingReminders } from "~/consulting/reminders.server";
import { listSlots } from "~/consulting/slots.server";
import { UserError } from "~/lib/http.server";
import { getListingPageData } from "~/listings/view.server";
import { beginCheckout } from "~/payments/checkout.server";
import { cancelUnconfirmedMeetings } from "~/payments/maintenance.server";
import { simulateTestPayment } from "~/payments/test-provider.server";
import { createConsultantWithService, createExportVoucher, createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { sessionUser } from "@tests/helpers/session-user";

setupTestDatabase();

// Monday 8 March 2027 (not a Korean holiday); 10:00 KST = 01:00Z.
const NOW = new Date("2027-03-01T03:00:00Z");
const MON_10_KST = new Date("2027-03-08T01:00:00Z");
const MON_1030_KST = new Date("2027-03-08T01:30:00Z");
const HOUR = 3_600_000;

async function sme() {
  return sessionUser((await createUser(prisma, { role: "sme" })).id);
}

async function paidBooking(opts: { startsAt?: Date; consultant?: Awaited<ReturnType<typeof createConsultantWithService>> } = {}) {
  const c = opts.consultant ?? (await createConsultantWithService(prisma));
  const booker = await sme();
  const { id } = await holdBooking(booker, { serviceId: c.service.id, startsAt: opts.startsAt ?? MON_10_KST }, { now: NOW });
  const checkout = await beginCheckout(booker, id, {}, { now: NOW });
  expect(checkout.kind).toBe("test");
  expect((await simulateTestPayment(checkout.paymentId, NOW))?.status).toBe(200);
  return { c, booker, id, paymentId: checkout.paymentId };
}

function errorKey(e: unknown) {
  return e instanceof UserError ? `${e.status} ${e.messageKey}` : String(e);
}

describe("holding a slot", () => {
  it("holds a generated slot for 15 minutes at the service's price, and refuses anything else", async () => {
    const c = await createConsultantWithService(prisma);
    const booker = await sme();
    const slots = await listSlots(c.service.id, { from: new Date("2027-03-08T00:00:00Z"), to: new Date("2027-03-09T00:00:00Z"), now: NOW });
    expect(slots.map((s) => s.startsAt.toISOString())).toContain(MON_10_KST.toISOString());

    const held = await holdBooking(booker, { serviceId: c.service.id, startsAt: MON_10_KST }, { now: NOW });
    expect(held.holdExpiresAt.getTime() - NOW.getTime()).toBe(15 * 60_000);
    const row = await prisma.booking.findUniqueOrThrow({ where: { id: held.id } });
    expect(row).toMatchObject({ status: "held", priceMinor: 500000n, cardMinor: 500000n, currency: "KRW", bookerOrgId: booker.organisationId });
    expect(row.endsAt.getTime() - row.startsAt.getTime()).toBe(HOUR);
    expect(await prisma.auditLog.count({ where: { entityId: held.id, action: "booking.hold" } })).toBe(1);

    const refusals = await Promise.all([
      holdBooking(booker, { serviceId: c.service.id, startsAt: new Date("2027-02-01T01:00:00Z") }, { now: NOW }).catch(errorKey),
      holdBooking(booker, { serviceId: c.service.id, startsAt: new Date("2027-03-01T04:00:00Z") }, { now: NOW }).catch(errorKey),
      holdBooking(booker, { serviceId: c.service.id, startsAt: new Date("2027-03-08T01:10:00Z") }, { now: NOW }).catch(errorKey),
      holdBooking(booker, { serviceId: c.service.id, startsAt: new Date("2027-03-07T01:00:00Z") }, { now: NOW }).catch(errorKey),
      holdBooking(booker, { serviceId: "nope", startsAt: MON_10_KST }, { now: NOW }).catch(errorKey),
    ]);
    expect(refusals).toEqual([
      "409 booking:errors.slotInPast",
      "409 booking:errors.slotTooSoon",
      "409 booking:errors.notASlot",
      "409 booking:errors.notASlot", // a Sunday
      "404 booking:errors.serviceNotFound",
    ]);
    expect(await holdBooking(booker, { serviceId: c.service.id, startsAt: MON_10_KST }, { now: NOW }).catch(errorKey)).toBe("409 booking:errors.slotTaken");
    const consultant = await sessionUser(c.user.id);
    expect(await holdBooking(consultant, { serviceId: c.service.id, startsAt: MON_1030_KST }, { now: NOW }).catch(errorKey)).toBe("403 booking:errors.onlyCompanies");
  });

  it("shows a booking only to its parties: someone else's booking id is 404", async () => {
    const c = await createConsultantWithService(prisma);
    const booker = await sme();
    const { id } = await holdBooking(booker, { serviceId: c.service.id, startsAt: MON_10_KST }, { now: NOW });
    const colleague = await sessionUser((await createUser(prisma, { role: "sme", organisationId: booker.organisationId })).id);
    expect((await getBookingForViewer(colleague, id)).role).toBe("booker");
    expect((await getBookingForViewer(await sessionUser(c.user.id), id)).role).toBe("consultant");
    expect((await getBookingForViewer(await sessionUser((await createUser(prisma, { role: "admin" })).id), id)).role).toBe("admin");
    expect(await getBookingForViewer(await sme(), id).catch(errorKey)).toBe("404 booking:errors.notFound");
    expect(await beginCheckout(await sme(), id, {}, { now: NOW }).catch(errorKey)).toBe("404 booking:errors.notFound");
  });

  it("200 concurrent attempts at the same slot give exactly one booking", async () => {
    const c = await createConsultantWithService(prisma);
    const bookers = await Promise.all(Array.from({ length: 10 }, () => sme()));
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => holdBooking(bookers[i % 10]!, { serviceId: c.service.id, startsAt: MON_10_KST }, { now: NOW })));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(errorKey(r.reason)).toBe("409 booking:errors.slotTaken");
    expect(await prisma.booking.count({ where: { consultantId: c.profile.id } })).toBe(1);
  });

  it("overlapping services of different lengths (60 min vs 30 min + 30 min buffer): exactly one", async () => {
    const c = await createConsultantWithService(prisma, { service: { durationMinutes: 60 } });
    const short = await prisma.consultingService.create({ data: { consultantId: c.profile.id, kind: "export_regulation", title: { en: "Quick" }, durationMinutes: 30, bufferMinutes: 30, priceMinor: 200000n, currency: "KRW" } });
    const bookers = await Promise.all(Array.from({ length: 10 }, () => sme()));
    // 60 min at 10:00 (10:00–11:00) vs 30 min at 10:30 and 30 min + buffer at 09:30 (blocked 09:30–10:30).
    const attempts = Array.from({ length: 150 }, (_, i) =>
      i % 3 === 0
        ? holdBooking(bookers[i % 10]!, { serviceId: c.service.id, startsAt: MON_10_KST }, { now: NOW })
        : holdBooking(bookers[i % 10]!, { serviceId: short.id, startsAt: i % 3 === 1 ? MON_1030_KST : new Date("2027-03-08T00:30:00Z") }, { now: NOW }),
    );
    const results = await Promise.allSettled(attempts);
    const live = await prisma.booking.findMany({ where: { consultantId: c.profile.id, status: "held" }, orderBy: { startsAt: "asc" } });
    // Either the long session alone, or the two short ones (09:30 and 10:30 do not overlap each other).
    const longWon = live.some((b) => b.serviceId === c.service.id);
    if (longWon) expect(live).toHaveLength(1);
    else expect(live.map((b) => b.startsAt.toISOString())).toEqual(["2027-03-08T00:30:00.000Z", MON_1030_KST.toISOString()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(live.length);
    for (let i = 1; i < live.length; i++) expect(live[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(live[i - 1]!.blockedUntil.getTime());
  });

  it("the database itself refuses overlapping rows written concurrently (no application check involved)", async () => {
    const c = await createConsultantWithService(prisma);
    const booker = await sme();
    // 12, not more: overlapping inserts the app has not serialised can deadlock in cascades that
    // PostgreSQL breaks one per second (deadlock_timeout), which says nothing more about the rule.
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        prisma.booking.create({
          data: {
            serviceId: c.service.id,
            consultantId: c.profile.id,
            bookedById: booker.id,
            startsAt: new Date(MON_10_KST.getTime() + (i % 5) * 10 * 60_000),
            endsAt: new Date(MON_10_KST.getTime() + (i % 5) * 10 * 60_000 + HOUR),
            blockedUntil: new Date(MON_10_KST.getTime() + (i % 5) * 10 * 60_000 + HOUR),
            status: "confirmed",
            bookerTimeZone: "Asia/Seoul",
            priceMinor: 1n,
            cardMinor: 1n,
            currency: "KRW",
          },
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // Unserialised overlapping inserts may also wait on each other, which PostgreSQL breaks as a
    // deadlock (40P01): a refusal by the database all the same. (The app serialises them per
    // consultant: lockConsultantCalendar.)
    const deadlock = (e: unknown) => /deadlock detected|40P01/.test(String((e as Error).message) + JSON.stringify(e, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)));
    for (const r of results) if (r.status === "rejected") expect(isExclusionViolation(r.reason) || deadlock(r.reason), String(r.reason)).toBe(true);
  });

  it("a buyer–seller meeting needs an inquiry; the other party confirms after payment", async () => {
    const c = await createConsultantWithService(prisma, { service: { kind: "buyer_seller_meeting", interpretationLanguages: ["en", "ko"] } });
    const seller = await sme();
    const buyer = await sessionUser((await createUser(prisma, { role: "buyer" })).id);
    const listing = await createListing(prisma, { organisationId: seller.organisationId!, status: "published" });
    const inquiry = await prisma.inquiry.create({
      data: { listingId: listing.id, buyerOrgId: buyer.organisationId!, buyerUserId: buyer.id, sellerOrgId: seller.organisationId!, locale: "en", purpose: "licensing", responseDueAt: NOW },
    });
    expect(await holdBooking(buyer, { serviceId: c.service.id, startsAt: MON_10_KST }, { now: NOW }).catch(errorKey)).toBe("422 booking:errors.meetingNeedsInquiry");
    expect(await holdBooking(await sme(), { serviceId: c.service.id, startsAt: MON_10_KST, inquiryId: inquiry.id }, { now: NOW }).catch(errorKey)).toBe("404 booking:errors.inquiryNotFound");
    expect(await holdBooking(buyer, { serviceId: c.service.id, startsAt: MON_10_KST, inquiryId: inquiry.id, interpretationLanguage: "fr" }, { now: NOW }).catch(errorKey)).toBe("422 booking:errors.interpretationLanguage");

    const { id } = await holdBooking(buyer, { serviceId: c.service.id, startsAt: MON_10_KST, inquiryId: inquiry.id, interpretationLanguage: "ko" }, { now: NOW });
    expect(await prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ counterpartOrgId: seller.organisationId, listingId: listing.id, interpretationLanguage: "ko" });
    expect((await getBookingForViewer(seller, id)).role).toBe("counterpart");
    const checkout = await beginCheckout(buyer, id, {}, { now: NOW });
    await simulateTestPayment(checkout.paymentId, NOW);
    expect((await prisma.booking.findUniqueOrThrow({ where: { id } })).status).toBe("awaiting_counterpart");
    expect(await confirmAsCounterpart(buyer, id, { now: NOW }).catch(errorKey)).toBe("403 booking:errors.notCounterpart");
    await confirmAsCounterpart(seller, id, { now: NOW });
    expect(await prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "confirmed" });
    const emails = await prisma.outboxMessage.findMany({ where: { topic: "email.send" } });
    const templates = emails.map((e) => (e.payload as { template: string; to: string }).template);
    expect(templates).toContain("consulting.bookingCounterpartRequest");
    expect(templates).toContain("consulting.bookingConfirmed");
  });

  it("a meeting the other party never confirms is cancelled before the start with a full refund", async () => {
    const c = await createConsultantWithService(prisma, { service: { kind: "buyer_seller_meeting" } });
    const seller = await sme();
    const buyer = await sessionUser((await createUser(prisma, { role: "buyer" })).id);
    const listing = await createListing(prisma, { organisationId: seller.organisationId!, status: "published" });
    const inquiry = await prisma.inquiry.create({ data: { listingId: listing.id, buyerOrgId: buyer.organisationId!, sellerOrgId: seller.organisationId!, locale: "en", purpose: "licensing", responseDueAt: NOW } });
    const { id } = await holdBooking(buyer, { serviceId: c.service.id, startsAt: MON_10_KST, inquiryId: inquiry.id }, { now: NOW });
    const { paymentId } = await beginCheckout(buyer, id, {}, { now: NOW });
    await simulateTestPayment(paymentId, NOW);
    expect(await cancelUnconfirmedMeetings(new Date(MON_10_KST.getTime() - 3 * HOUR))).toBe(0);
    expect(await cancelUnconfirmedMeetings(new Date(MON_10_KST.getTime() - 1 * HOUR))).toBeGreaterThanOrEqual(1);
    expect(await prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "cancelled", cancelReason: "counterpart_not_confirmed" });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("refunded");
    // The counterpart's "decline" path is the same cancellation, by the counterpart.
    expect(cancellationPolicy({ status: "awaiting_counterpart", startsAt: MON_10_KST }, "counterpart", NOW)).toMatchObject({ allowed: true, refund: "full" });
  });
});

describe("hold expiry", () => {
  it("expires lapsed holds, frees the slot and restores the voucher share", async () => {
    const c = await createConsultantWithService(prisma);
    const booker = await sme();
    const voucher = await createExportVoucher(prisma, { organisationId: booker.organisationId!, coveragePercent: 50, balanceMinor: 1_000_000n });
    const { id } = await holdBooking(booker, { serviceId: c.service.id, startsAt: MON_10_KST }, { now: NOW });
    await beginCheckout(booker, id, { voucherId: voucher.id }, { now: NOW });
    expect((await prisma.exportVoucher.findUniqueOrThrow({ where: { id: voucher.id } })).balanceMinor).toBe(750_000n);

    // (Other tests' holds share the database, hence "contains".)
    expect(await expireHolds(new Date(NOW.getTime() + 14 * 60_000))).not.toContain(id);
    expect(await expireHolds(new Date(NOW.getTime() + 16 * 60_000))).toContain(id);
    expect(await expireHolds(new Date(NOW.getTime() + 17 * 60_000))).toEqual([]);
    expect((await prisma.booking.findUniqueOrThrow({ where: { id } })).status).toBe("expired");
    expect((await prisma.payment.findFirstOrThrow({ where: { bookingId: id } })).status).toBe("expired");
    expect((await prisma.exportVoucher.findUniqueOrThrow({ where: { id: voucher.id } })).balanceMinor).toBe(1_000_000n);
    expect(await beginCheckout(booker, id, {}, { now: new Date(NOW.getTime() + 20 * 60_000) }).catch(errorKey)).toBe("409 booking:errors.holdExpired");

    // Someone else can take the time now.
    const other = await sme();
    await holdBooking(other, { serviceId: c.service.id, startsAt: MON_10_KST }, { now: new Date(NOW.getTime() + 20 * 60_000) });
  });

  it("a lapsed hold not yet swept does not block a new hold (it is expired on the spot)", async () => {
    const c = await createConsultantWithService(prisma);
    await holdBooking(await sme(), { serviceId: c.service.id, startsAt: MON_10_KST }, { now: NOW });
    const later = new Date(NOW.getTime() + 30 * 60_000);
    await holdBooking(await sme(), { serviceId: c.service.id, startsAt: MON_10_KST }, { now: later });
    expect(await prisma.booking.count({ where: { consultantId: c.profile.id, status: "held" } })).toBe(1);
  });
});

describe("cancellation and reschedule", () => {
  it("booker ≥ 24 h before: full refund (test provider refund arrives through the webhook)", async () => {
    const { booker, id, paymentId } = await paidBooking();
    expect((await prisma.booking.findUniqueOrThrow({ where: { id } })).status).toBe("confirmed");
    expect(await cancelBooking(booker, id, { reason: "plans changed" }, { now: NOW })).toEqual({ refund: "full" });
    expect(await prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "cancelled", cancelReason: "plans changed", icsSequence: 1 });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "refunded", refundedMinor: 500000n });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: id, action: "booking.cancel" } });
    expect(audit.data).toMatchObject({ by: "booker", refund: "full" });
    const cancelMail = await prisma.outboxMessage.findMany({ where: { topic: "email.send" } });
    const ics = cancelMail
      .map((m) => m.payload as { template: string; params: { url: string }; attachments?: Array<{ content: string }> })
      .filter((p) => p.template === "consulting.bookingCancelled" && p.params.url.endsWith(`/bookings/${id}`))
      .map((p) => Buffer.from(p.attachments![0]!.content, "base64").toString("utf8"));
    expect(ics.length).toBeGreaterThanOrEqual(2);
    expect(ics[0]).toContain("METHOD:CANCEL");
    expect(ics[0]).toContain(`UID:booking-${id}@techbridge`);
  });

  it("booker < 24 h before: no refund; consultant: always a full refund", async () => {
    const late = new Date(MON_10_KST.getTime() - 23 * HOUR);
    const a = await paidBooking();
    expect(cancellationPolicy({ status: "confirmed", startsAt: MON_10_KST }, "booker", late)).toMatchObject({ allowed: true, refund: "none", hoursBefore: 23 });
    expect(await cancelBooking(a.booker, a.id, {}, { now: late })).toEqual({ refund: "none" });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: a.paymentId } })).status).toBe("paid");

    const b = await paidBooking();
    expect(await cancelBooking(await sessionUser(b.c.user.id), b.id, { reason: "ill" }, { now: late })).toEqual({ refund: "full" });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: b.paymentId } })).status).toBe("refunded");
    expect(await cancelBooking(b.booker, b.id, {}, { now: late }).catch(errorKey)).toBe("409 booking:errors.notCancellable");
  });

  it("reschedules within the same transaction rules: new slot, ics sequence + 1, taken slots refused", async () => {
    const { c, booker, id } = await paidBooking();
    const other = await paidBooking({ consultant: c, startsAt: new Date("2027-03-08T03:00:00Z") });
    expect(other.id).toBeTruthy();
    expect(await rescheduleBooking(booker, id, { startsAt: new Date("2027-03-08T03:00:00Z") }, { now: NOW }).catch(errorKey)).toBe("409 booking:errors.slotTaken");
    expect(await rescheduleBooking(booker, id, { startsAt: new Date("2027-03-08T03:10:00Z") }, { now: NOW }).catch(errorKey)).toBe("409 booking:errors.notASlot");
    await rescheduleBooking(booker, id, { startsAt: new Date("2027-03-09T01:00:00Z") }, { now: NOW });
    expect(await prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ startsAt: new Date("2027-03-09T01:00:00Z"), icsSequence: 1, status: "confirmed" });
    // The old time is free again.
    await holdBooking(await sme(), { serviceId: c.service.id, startsAt: MON_10_KST }, { now: NOW });
    // Too late for the booker; the consultant still may.
    const late = new Date(new Date("2027-03-09T01:00:00Z").getTime() - 2 * HOUR);
    expect(await rescheduleBooking(booker, id, { startsAt: new Date("2027-03-10T01:00:00Z") }, { now: late }).catch(errorKey)).toBe("409 booking:errors.rescheduleTooLate");
    await rescheduleBooking(await sessionUser(c.user.id), id, { startsAt: new Date("2027-03-10T01:00:00Z") }, { now: late });
    expect((await prisma.booking.findUniqueOrThrow({ where: { id } })).icsSequence).toBe(2);
    expect(await prisma.auditLog.count({ where: { entityId: id, action: "booking.reschedule" } })).toBe(2);
  });
});

describe("completion", () => {
  it("a completed valuation session records a verified valuation on the linked listing", async () => {
    const c = await createConsultantWithService(prisma, { service: { kind: "valuation" } });
    const booker = await sme();
    const listing = await createListing(prisma, { organisationId: booker.organisationId!, status: "published" });
    expect(await holdBooking(booker, { serviceId: c.service.id, startsAt: MON_10_KST, listingId: (await createListing(prisma, { organisationId: (await sme()).organisationId! })).id }, { now: NOW }).catch(errorKey)).toBe(
      "404 booking:errors.listingNotYours",
    );
    const { id } = await holdBooking(booker, { serviceId: c.service.id, startsAt: MON_10_KST, listingId: listing.id }, { now: NOW });
    const checkout = await beginCheckout(booker, id, {}, { now: NOW });
    await simulateTestPayment(checkout.paymentId, NOW);
    const consultant = await sessionUser(c.user.id);
    const valuation = { method: "income" as const, currency: "KRW" as const, low: 800_000_000, high: 1_200_000_000, validUntil: "2028-03-07" };
    expect(await completeBooking(consultant, id, { outcome: "", valuation }, { now: NOW }).catch(errorKey)).toBe("409 booking:errors.notStarted");
    expect(await completeBooking(booker, id, { outcome: "x" }, { now: MON_10_KST }).catch(errorKey)).toBe("403 booking:errors.onlyConsultant");
    expect(await completeBooking(await sme(), id, { outcome: "x" }, { now: MON_10_KST }).catch(errorKey)).toBe("404 booking:errors.notFound");
    const after = new Date(MON_10_KST.getTime() + 2 * HOUR);
    const { valuationId } = await completeBooking(consultant, id, { outcome: "Income approach fits.", valuation }, { now: after });
    const stored = await prisma.valuation.findUniqueOrThrow({ where: { id: valuationId! } });
    expect(stored).toMatchObject({ listingId: listing.id, source: "platform_session", verifiedById: c.user.id, issuerConsultantId: c.profile.id, bookingId: id, lowMinor: 800_000_000n, highMinor: 1_200_000_000n });
    expect(stored.verifiedAt).toBeTruthy();
    expect(await prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "completed", outcome: "Income approach fits." });
    expect(await prisma.outboxMessage.count({ where: { topic: "search.sync_listing" } })).toBeGreaterThan(0);
    expect(await completeBooking(consultant, id, { outcome: "again" }, { now: after }).catch(errorKey)).toBe("409 booking:errors.notCompletable");
    // The listing page shows it as the verified valuation.
    const page = await getListingPageData(listing.slug, null, "en", after);
    expect(page?.valuation).toMatchObject({ verified: true, low: 800_000_000, high: 1_200_000_000, currency: "KRW", issuer: c.user.name });
  });

  it("no-show is the consultant's call after the start", async () => {
    const { c, id } = await paidBooking();
    await markNoShow(await sessionUser(c.user.id), id, { outcome: "did not join" }, { now: new Date(MON_10_KST.getTime() + HOUR) });
    expect(await prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "no_show", outcome: "did not join" });
  });
});

describe("reminders", () => {
  it("sends the 24 h and 1 h reminders once each, in each recipient's language, with the .ics", async () => {
    const c = await createConsultantWithService(prisma, { user: { locale: "ko" } });
    const MON_15 = new Date("2027-03-15T01:00:00Z");
    const { id } = await paidBooking({ consultant: c, startsAt: MON_15 });
    const count = () => prisma.outboxMessage.count({ where: { topic: "email.send", payload: { path: ["template"], equals: "consulting.bookingReminder" } } });
    const before = await count();
    const dayBefore = new Date(MON_15.getTime() - 23 * HOUR);
    expect(await sendBookingReminders(dayBefore)).toBe(1);
    expect(await sendBookingReminders(dayBefore)).toBe(0);
    await Promise.all([sendBookingReminders(new Date(dayBefore.getTime() + 60_000)), sendBookingReminders(new Date(dayBefore.getTime() + 60_000))]);
    expect(await count()).toBe(before + 2);
    const hourBefore = new Date(MON_15.getTime() - 50 * 60_000);
    expect(await sendBookingReminders(hourBefore)).toBe(1);
    expect(await sendBookingReminders(hourBefore)).toBe(0);
    expect(await count()).toBe(before + 4);
    const mails = await prisma.outboxMessage.findMany({ where: { topic: "email.send", payload: { path: ["template"], equals: "consulting.bookingReminder" } } });
    const locales = mails.map((m) => (m.payload as { locale: string }).locale);
    expect(locales).toContain("ko");
    expect(locales).toContain("en");
    expect(await prisma.auditLog.count({ where: { entityId: id, action: { startsWith: "booking.reminder_" } } })).toBe(2);
  });
});
