/**
 * The consulting routes called as Remix calls them (real session cookies): picking a slot on a
 * consultant's profile (anonymous → login, SME → checkout, a taken slot → 409 with the picker
 * re-rendered, a consultant → refused), the directory loader's filters, and the consultant
 * workspace's actions (refused forms echo their values; a completed valuation session records a
 * verified valuation through the booking module).
 */
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { isKoreanHoliday } from "~/domain/korean-calendar";
import { action as profileAction, loader as profileLoader } from "~/routes/consultants.$slug";
import { loader as directoryLoader } from "~/routes/consultants._index";
import { action as workspaceAction, loader as workspaceLoader } from "~/routes/workspace.consulting";
import { createConsultantWithService, createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { formBody, signedInRequest } from "@tests/helpers/requests";

setupTestDatabase();

const context = { nonce: "" };

/** Unwraps what a Remix action returns: a redirect, data with a status, or a thrown response. */
async function run(promise: Promise<unknown>): Promise<{ status: number; location?: string | null; data?: Record<string, unknown> }> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, location: value.headers.get("Location") };
    if (value && typeof value === "object" && "type" in value && (value as { type: string }).type === "DataWithResponseInit") {
      const d = value as unknown as { data: Record<string, unknown>; init: { status?: number } | null };
      return { status: d.init?.status ?? 200, data: d.data };
    }
    return { status: 200, data: value as Record<string, unknown> };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

/** Every day 09:00–18:00 in Seoul, so the next slots exist whatever today is (holidays aside). */
async function openConsultant() {
  return createConsultantWithService(prisma, { rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1080 })) });
}

async function firstSlot(slug: string, serviceId: string, userId: string | null): Promise<string> {
  const data = (await profileLoader({ request: await signedInRequest(userId, `/consultants/${slug}?service=${serviceId}`), params: { slug }, context })) as { days: Array<{ date: string; slots: Array<{ startsAt: string }> }> };
  const day = data.days.find((d) => !isKoreanHoliday(d.date))!;
  return day.slots[0]!.startsAt;
}

describe("slot picker route", () => {
  it("sends an anonymous visitor to log in and back; an SME holds the slot and goes to checkout; the next one gets 409", async () => {
    const { profile, service } = await openConsultant();
    const smeA = await createUser(prisma, { role: "sme" });
    const smeB = await createUser(prisma, { role: "sme" });
    const startsAt = await firstSlot(profile.slug, service.id, smeA.id);
    const post = async (userId: string | null) =>
      profileAction({ request: await signedInRequest(userId, `/consultants/${profile.slug}?service=${service.id}`, { method: "POST", body: formBody({ serviceId: service.id, startsAt, timeZone: "Asia/Seoul" }) }), params: { slug: profile.slug }, context });

    const anonymous = await run(post(null));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent(`/consultants/${profile.slug}?service=${service.id}`)}`);

    const held = await run(post(smeA.id));
    expect(held.status).toBe(302);
    const bookingId = held.location!.match(/^\/bookings\/([^/]+)\/checkout$/)![1]!;
    expect(await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({ status: "held", bookedById: smeA.id, serviceId: service.id });

    const taken = await run(post(smeB.id));
    expect(taken.status).toBe(409);
    expect(taken.data).toMatchObject({ error: "booking:errors.slotTaken", values: { startsAt } });
    // The picker no longer offers the held slot.
    expect(await firstSlot(profile.slug, service.id, smeB.id)).not.toBe(startsAt);
  });

  it("refuses consultants and admins as bookers, with a translated message", async () => {
    const { profile, service } = await openConsultant();
    const startsAt = await firstSlot(profile.slug, service.id, null);
    const consultant = await createUser(prisma, { role: "consultant" });
    const result = await run(profileAction({ request: await signedInRequest(consultant.id, `/consultants/${profile.slug}`, { method: "POST", body: formBody({ serviceId: service.id, startsAt }) }), params: { slug: profile.slug }, context }));
    expect(result).toMatchObject({ status: 403, data: { error: "booking:errors.onlyCompanies" } });
  });

  it("answers 404 for an unknown or unpublished consultant", async () => {
    const { profile } = await openConsultant();
    await prisma.consultantProfile.update({ where: { id: profile.id }, data: { published: false } });
    expect((await run(profileLoader({ request: await signedInRequest(null, `/consultants/${profile.slug}`), params: { slug: profile.slug }, context }))).status).toBe(404);
    expect((await run(profileLoader({ request: await signedInRequest(null, "/consultants/nobody"), params: { slug: "nobody" }, context }))).status).toBe(404);
  });

  it("shows the viewer's zone from the query, else the user's profile", async () => {
    const { profile, service } = await openConsultant();
    const buyer = await createUser(prisma, { role: "buyer", timeZone: "America/New_York" });
    const mine = (await profileLoader({ request: await signedInRequest(buyer.id, `/consultants/${profile.slug}?service=${service.id}`), params: { slug: profile.slug }, context })) as { viewerTimeZone: string; days: Array<{ slots: Array<{ consultantTime: string | null }> }> };
    expect(mine.viewerTimeZone).toBe("America/New_York");
    expect(mine.days[0]!.slots[0]!.consultantTime).not.toBeNull();
    const chosen = (await profileLoader({ request: await signedInRequest(buyer.id, `/consultants/${profile.slug}?tz=Asia/Seoul`), params: { slug: profile.slug }, context })) as { viewerTimeZone: string; days: Array<{ slots: Array<{ consultantTime: string | null }> }> };
    expect(chosen.viewerTimeZone).toBe("Asia/Seoul");
    expect(chosen.days[0]!.slots[0]!.consultantTime).toBeNull();
  });
});

describe("directory route", () => {
  it("filters by the URL and carries an inquiry through", async () => {
    const { profile } = await openConsultant();
    await prisma.consultantProfile.update({ where: { id: profile.id }, data: { expertise: ["cosmetics"], languages: ["vi"] } });
    const data = (await directoryLoader({ request: await signedInRequest(null, "/consultants?field=cosmetics&language=vi&kind=valuation&inquiry=inq_123&listing=bad id!"), params: {}, context })) as { consultants: Array<{ slug: string }>; inquiry: string; listing: string };
    expect(data.consultants.map((c) => c.slug)).toEqual([profile.slug]);
    expect(data.inquiry).toBe("inq_123");
    expect(data.listing).toBe("");
    const none = (await directoryLoader({ request: await signedInRequest(null, "/consultants?field=cosmetics&kind=export_regulation"), params: {}, context })) as { consultants: unknown[] };
    expect(none.consultants).toEqual([]);
  });
});

describe("consultant workspace route", () => {
  const post = async (userId: string, values: Record<string, string | string[]>) => run(workspaceAction({ request: await signedInRequest(userId, "/workspace/consulting", { method: "POST", body: formBody(values) }), params: {}, context }));

  it("is for consultants only", async () => {
    const sme = await createUser(prisma, { role: "sme" });
    expect((await run(workspaceLoader({ request: await signedInRequest(sme.id, "/workspace/consulting"), params: {}, context }))).status).toBe(403);
    expect((await post(sme.id, { intent: "profile", "headline.en": "x", languages: "en", timeZone: "Asia/Seoul" })).status).toBe(403);
  });

  it("refuses a bad profile or week with field errors and everything typed; saves a good one", async () => {
    const consultant = await createUser(prisma, { role: "consultant" });
    const bad = await post(consultant.id, { intent: "profile", "headline.en": "", "bio.en": "Twenty years in export control.", languages: "en", timeZone: "Asia/Nowhere" });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ intent: "profile", errors: { "headline.ko": "consulting:validation.headlineNeeded", timeZone: "consulting:validation.timeZone" }, values: { "bio.en": "Twenty years in export control.", timeZone: "Asia/Nowhere" } });
    const good = await post(consultant.id, { intent: "profile", "headline.en": "Export control adviser", languages: ["en", "ko"], timeZone: "Asia/Seoul", published: "on" });
    expect(good).toMatchObject({ status: 302, location: "/workspace/consulting?tab=profile&saved=profile" });
    const overlap = await post(consultant.id, { intent: "rules", "rules.0.weekday": "1", "rules.0.start": "09:00", "rules.0.end": "12:00", "rules.1.weekday": "1", "rules.1.start": "11:00", "rules.1.end": "14:00" });
    expect(overlap.status).toBe(400);
    expect(overlap.data).toMatchObject({ errors: { "rules.1.start": "consulting:validation.overlap" }, values: { "rules.1.start": "11:00" } });
    const week = await post(consultant.id, { intent: "rules", "rules.0.weekday": "1", "rules.0.start": "09:00", "rules.0.end": "12:00", "rules.1.weekday": "1", "rules.1.start": "12:00", "rules.1.end": "14:00" });
    expect(week.status).toBe(302);
    expect(await prisma.availabilityRule.count({ where: { consultant: { userId: consultant.id } } })).toBe(2);
    // Someone else's service id is "not found", with the form kept.
    const { service: foreign } = await openConsultant();
    const stolen = await post(consultant.id, { intent: "service-update", id: foreign.id, kind: "valuation", "title.en": "Mine now", durationMinutes: "60", price: "1", currency: "KRW", mode: "online", bufferMinutes: "0" });
    expect(stolen).toMatchObject({ status: 404, data: { formError: "consulting:errors.serviceNotFound", values: { "title.en": "Mine now" } } });
  });

  it("completes a past valuation session with a verified valuation on the linked listing", async () => {
    const { user, service } = await openConsultant();
    const sme = await createUser(prisma, { role: "sme" });
    const listing = await createListing(prisma, { organisationId: sme.organisationId!, status: "published" });
    const startsAt = new Date(Date.now() - 3 * 3_600_000);
    const booking = await prisma.booking.create({
      data: { serviceId: service.id, consultantId: service.consultantId, bookedById: sme.id, bookerOrgId: sme.organisationId, listingId: listing.id, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), blockedUntil: new Date(startsAt.getTime() + 3_600_000), status: "confirmed", bookerTimeZone: "Asia/Seoul", priceMinor: 500000n, cardMinor: 500000n, currency: "KRW" },
    });
    const workspace = (await workspaceLoader({ request: await signedInRequest(user.id, "/workspace/consulting"), params: {}, context })) as { awaitingOutcome: Array<{ id: string; hasListing: boolean }> };
    expect(workspace.awaitingOutcome).toEqual([expect.objectContaining({ id: booking.id, hasListing: true })]);

    const inverted = await post(user.id, { intent: "complete", id: booking.id, outcome: "Good session", "valuation.method": "income", "valuation.currency": "KRW", "valuation.low": "900,000,000", "valuation.high": "500000000", "valuation.validUntil": "2030-12-31" });
    expect(inverted).toMatchObject({ status: 400, data: { errors: { "valuation.high": "validation:rangeInverted" }, values: { outcome: "Good session", "valuation.low": "900,000,000" } } });

    const done = await post(user.id, { intent: "complete", id: booking.id, outcome: "Good session", "valuation.method": "income", "valuation.currency": "KRW", "valuation.low": "500000000", "valuation.high": "900000000", "valuation.validUntil": "2030-12-31", "valuation.certificateRef": "" });
    expect(done).toMatchObject({ status: 302, location: "/workspace/consulting?tab=sessions&saved=completed" });
    expect(await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({ status: "completed", outcome: "Good session" });
    const valuation = await prisma.valuation.findFirstOrThrow({ where: { listingId: listing.id } });
    expect(valuation).toMatchObject({ method: "income", lowMinor: 500_000_000n, highMinor: 900_000_000n, source: "platform_session", bookingId: booking.id });
    expect(valuation.verifiedAt).not.toBeNull();

    // Completing it again is refused with the booking module's message.
    const again = await post(user.id, { intent: "complete", id: booking.id, outcome: "", "valuation.method": "", "valuation.currency": "KRW", "valuation.low": "", "valuation.high": "", "valuation.validUntil": "" });
    expect(again).toMatchObject({ status: 409, data: { formError: "booking:errors.notCompletable" } });
  });

  it("marks a no-show without a valuation; someone else's booking is not found", async () => {
    const { user, service } = await openConsultant();
    const other = await openConsultant();
    const sme = await createUser(prisma, { role: "sme" });
    const startsAt = new Date(Date.now() - 26 * 3_600_000);
    const booking = await prisma.booking.create({
      data: { serviceId: service.id, consultantId: service.consultantId, bookedById: sme.id, bookerOrgId: sme.organisationId, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), blockedUntil: new Date(startsAt.getTime() + 3_600_000), status: "confirmed", bookerTimeZone: "Asia/Seoul", priceMinor: 500000n, cardMinor: 500000n, currency: "KRW" },
    });
    expect((await post(other.user.id, { intent: "no-show", id: booking.id })).status).toBe(404);
    expect(await post(user.id, { intent: "no-show", id: booking.id, outcome: "Client did not join" })).toMatchObject({ status: 302 });
    expect(await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({ status: "no_show", outcome: "Client did not join" });
  });
});
