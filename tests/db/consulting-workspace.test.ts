/**
 * The consultant's own profile, services and availability (who may edit what, what is stored,
 * audited), the public directory's filters, and the slot picker on a real database.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { addException, deleteException, replaceWeeklyRules } from "~/consulting/availability.server";
import { slotPicker } from "~/consulting/picker.server";
import { getConsultantBySlug, getOwnProfile, listConsultants, saveProfile } from "~/consulting/profiles.server";
import { profileFormSchema, serviceFormSchema } from "~/consulting/schemas";
import { createService, setServiceActive, updateService } from "~/consulting/services.server";
import { consultantView } from "~/consulting/view.server";
import { consultantWorkspace } from "~/consulting/workspace.server";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { sessionUser } from "@tests/helpers/session-user";
import { createConsultantWithService, createUser } from "../../prisma/factories.server";

setupTestDatabase();

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

const profileInput = (over: Record<string, unknown> = {}) =>
  profileFormSchema.parse({ headline: { ko: "기술가치평가 전문가", en: "Valuation specialist" }, bio: { en: "Fifteen years of valuations." }, expertise: ["battery", "hydrogen"], languages: ["ko", "en"], certifications: "Certified Technology Valuator (KTTA)", timeZone: "Asia/Seoul", published: "on", ...over });

const serviceInput = (over: Record<string, unknown> = {}) =>
  serviceFormSchema.parse({ kind: "valuation", title: { en: "Valuation pre-assessment" }, durationMinutes: "90", price: "1,200,000", currency: "KRW", mode: "online", bufferMinutes: "15", active: "on", ...over });

let consultant: SessionUser;
let other: SessionUser;
let sme: SessionUser;
let buyer: SessionUser;

beforeAll(async () => {
  consultant = await sessionUser((await createUser(prisma, { role: "consultant", name: "Kim Min-jun", timeZone: "Asia/Seoul" })).id);
  other = await sessionUser((await createConsultantWithService(prisma)).user.id);
  sme = await sessionUser((await createUser(prisma, { role: "sme" })).id);
  buyer = await sessionUser((await createUser(prisma, { role: "buyer", timeZone: "America/Los_Angeles" })).id);
});

describe("consultant profile", () => {
  it("asks for the profile before services or hours", async () => {
    expect((await refusal(createService(consultant, serviceInput()))).messageKey).toBe("consulting:errors.profileFirst");
    expect((await refusal(replaceWeeklyRules(consultant, [{ weekday: 1, startMinute: 540, endMinute: 720 }]))).status).toBe(409);
    const workspace = await consultantWorkspace(consultant, { locale: "en" });
    expect(workspace.profile).toBeNull();
    expect(workspace.profileValues).toMatchObject({ timeZone: "Asia/Seoul" });
  });

  it("is created on first save, updated afterwards, and audited", async () => {
    const created = await saveProfile(consultant, profileInput());
    expect(created.slug).toMatch(/^kim-min-jun-/);
    expect(created.headline).toEqual({ ko: "기술가치평가 전문가", en: "Valuation specialist" });
    const updated = await saveProfile(consultant, profileInput({ timeZone: "Europe/Berlin", headline: { en: "Valuer" }, published: undefined }));
    expect(updated.id).toBe(created.id);
    expect(updated.slug).toBe(created.slug);
    expect(updated).toMatchObject({ timeZone: "Europe/Berlin", headline: { en: "Valuer" }, published: false });
    const audits = await prisma.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["consultant.profile_create", "consultant.profile_update"]);
    await saveProfile(consultant, profileInput());
  });

  it("cannot be written by SMEs or buyers", async () => {
    for (const user of [sme, buyer]) {
      const error = await refusal(saveProfile(user, profileInput()));
      expect(error.status).toBe(403);
      expect(error.messageKey).toBe("consulting:errors.onlyConsultants");
      expect((await refusal(getOwnProfile(user))).status).toBe(403);
    }
    expect(await prisma.consultantProfile.count({ where: { userId: { in: [sme.id, buyer.id] } } })).toBe(0);
  });

  it("is visible to the public only when published", async () => {
    const own = (await getOwnProfile(consultant))!;
    await prisma.consultantProfile.update({ where: { id: own.id }, data: { published: false } });
    expect((await refusal(getConsultantBySlug(own.slug, null))).status).toBe(404);
    expect((await refusal(getConsultantBySlug(own.slug, buyer))).status).toBe(404);
    expect((await getConsultantBySlug(own.slug, consultant)).id).toBe(own.id);
    await prisma.consultantProfile.update({ where: { id: own.id }, data: { published: true } });
    expect((await getConsultantBySlug(own.slug, null)).id).toBe(own.id);
  });
});

describe("services", () => {
  let serviceId = "";
  it("are created with the price in minor units and audited", async () => {
    const service = await createService(consultant, serviceInput({ interpretationLanguages: ["ja"] }));
    serviceId = service.id;
    expect(service).toMatchObject({ priceMinor: 1_200_000n, currency: "KRW", durationMinutes: 90, bufferMinutes: 15, active: true });
    // Interpretation belongs to buyer–seller meetings only.
    expect(service.interpretationLanguages).toEqual([]);
    const usd = await createService(consultant, serviceInput({ kind: "buyer_seller_meeting", price: "249.50", currency: "USD", mode: "in_person", location: "KOTRA Hall, Seoul", interpretationLanguages: ["ja", "en"] }));
    expect(usd).toMatchObject({ priceMinor: 24_950n, currency: "USD", mode: "in_person", location: "KOTRA Hall, Seoul", interpretationLanguages: ["ja", "en"] });
    expect(await prisma.auditLog.count({ where: { entityId: service.id, action: "consulting.service_create" } })).toBe(1);
  });

  it("are edited and deactivated by their consultant only", async () => {
    const updated = await updateService(consultant, serviceId, serviceInput({ durationMinutes: "60", price: "900000" }));
    expect(updated).toMatchObject({ durationMinutes: 60, priceMinor: 900_000n });
    const otherService = await prisma.consultingService.findFirstOrThrow({ where: { consultant: { userId: other.id } } });
    expect((await refusal(updateService(consultant, otherService.id, serviceInput()))).status).toBe(404);
    expect((await refusal(setServiceActive(consultant, otherService.id, false))).status).toBe(404);
    expect((await refusal(updateService(sme, serviceId, serviceInput()))).status).toBe(403);
    expect((await refusal(setServiceActive(buyer, serviceId, false))).status).toBe(403);
    expect((await prisma.consultingService.findUniqueOrThrow({ where: { id: otherService.id } })).active).toBe(true);
    expect((await setServiceActive(consultant, serviceId, false)).active).toBe(false);
    expect((await setServiceActive(consultant, serviceId, true)).active).toBe(true);
  });
});

describe("weekly availability and exceptions", () => {
  it("replaces the whole week and leaves other consultants alone", async () => {
    const before = await prisma.availabilityRule.count({ where: { consultant: { userId: other.id } } });
    await replaceWeeklyRules(consultant, [{ weekday: 1, startMinute: 540, endMinute: 720 }, { weekday: 1, startMinute: 780, endMinute: 1080 }]);
    const rules = await replaceWeeklyRules(consultant, [{ weekday: 2, startMinute: 600, endMinute: 960 }]);
    expect(rules.map((r) => [r.weekday, r.startMinute, r.endMinute])).toEqual([[2, 600, 960]]);
    expect(await prisma.availabilityRule.count({ where: { consultant: { userId: other.id } } })).toBe(before);
  });

  it("refuses overlapping or inverted ranges even without the form", async () => {
    expect((await refusal(replaceWeeklyRules(consultant, [{ weekday: 3, startMinute: 540, endMinute: 720 }, { weekday: 3, startMinute: 700, endMinute: 800 }]))).messageKey).toBe("consulting:validation.overlap");
    expect((await refusal(replaceWeeklyRules(consultant, [{ weekday: 3, startMinute: 720, endMinute: 540 }]))).status).toBe(400);
    expect((await refusal(replaceWeeklyRules(sme, []))).status).toBe(403);
    expect(await prisma.availabilityRule.count({ where: { consultant: { userId: consultant.id }, weekday: 3 } })).toBe(0);
  });

  it("adds and removes date exceptions; past dates and others' exceptions are refused", async () => {
    const now = new Date("2026-03-01T03:00:00Z");
    const exception = await addException(consultant, { date: "2026-03-10", kind: "blocked", startMinute: null, endMinute: null, reason: "Conference" }, { now });
    expect(exception.date.toISOString().slice(0, 10)).toBe("2026-03-10");
    expect((await refusal(addException(consultant, { date: "2026-02-28", kind: "extra", startMinute: 600, endMinute: 660, reason: null }, { now }))).messageKey).toBe("consulting:validation.dateInPast");
    expect((await refusal(deleteException(other, exception.id))).status).toBe(404);
    expect((await refusal(deleteException(buyer, exception.id))).status).toBe(403);
    await deleteException(consultant, exception.id);
    expect(await prisma.availabilityException.count({ where: { id: exception.id } })).toBe(0);
  });
});

describe("directory", () => {
  beforeAll(async () => {
    const a = await createConsultantWithService(prisma, { service: { kind: "export_regulation" } });
    await prisma.consultantProfile.update({ where: { id: a.profile.id }, data: { expertise: ["robotics"], languages: ["ja", "en"] } });
    const hidden = await createConsultantWithService(prisma, { service: { kind: "export_regulation" } });
    await prisma.consultantProfile.update({ where: { id: hidden.profile.id }, data: { published: false, expertise: ["robotics"], languages: ["ja"] } });
    const inactive = await createConsultantWithService(prisma, { service: { kind: "export_regulation", active: false } });
    await prisma.consultantProfile.update({ where: { id: inactive.profile.id }, data: { expertise: ["robotics"], languages: ["ja"] } });
  });

  it("filters by service kind, field and language, hiding unpublished and unbookable consultants", async () => {
    const all = await listConsultants({});
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.every((c) => c.published && c.services.length > 0 && c.services.every((s) => s.active))).toBe(true);
    const robotics = await listConsultants({ field: "robotics" });
    expect(robotics).toHaveLength(1);
    expect(robotics[0]!.languages).toContain("ja");
    expect(await listConsultants({ field: "robotics", language: "ko" })).toHaveLength(0);
    const exportAdvisers = await listConsultants({ kind: "export_regulation", language: "ja" });
    expect(exportAdvisers.map((c) => c.id)).toEqual(robotics.map((c) => c.id));
    const meetings = await listConsultants({ kind: "buyer_seller_meeting" });
    expect(meetings.map((c) => c.userId)).toEqual([consultant.id]);
    expect((await listConsultants({ field: "battery", language: "ko" })).map((c) => c.userId)).toContain(consultant.id);
  });

  it("shows texts in the viewer's language or marks the fallback, never the buffer", async () => {
    const own = (await listConsultants({ kind: "buyer_seller_meeting" }))[0]!;
    const ko = consultantView(own, "ko");
    expect(ko).toMatchObject({ headline: "기술가치평가 전문가", headlineIsFallback: false, bioLocale: "en", bioIsFallback: true });
    const ja = consultantView(own, "ja");
    expect(ja).toMatchObject({ headline: "Valuation specialist", headlineLocale: "en", headlineIsFallback: true });
    const meeting = ja.services.find((s) => s.kind === "buyer_seller_meeting")!;
    expect(meeting).toMatchObject({ price: "$249.50", mode: "in_person", location: "KOTRA Hall, Seoul", interpretationLanguages: ["ja", "en"] });
    expect(meeting).not.toHaveProperty("bufferMinutes");
    expect(consultantView(own, "ko").services.find((s) => s.kind === "valuation")!.price).toBe("₩900,000");
  });
});

describe("slot picker on the database", () => {
  it("lists the next days in the viewer's zone with the consultant's time alongside", async () => {
    const { service } = await createConsultantWithService(prisma, { timeZone: "Asia/Seoul", rules: [{ weekday: 2, startMinute: 9 * 60, endMinute: 10 * 60 }], service: { durationMinutes: 60 } });
    const now = new Date("2026-03-02T00:00:00Z"); // Monday 09:00 in Seoul
    const days = await slotPicker(service, { locale: "en-GB", viewerTimeZone: "America/Los_Angeles", consultantTimeZone: "Asia/Seoul", now });
    // Tuesdays 09:00 Seoul within 14 days = Mondays in Los Angeles: 16:00 PST, then 17:00 PDT
    // after the US daylight-saving change of 8 March (Seoul has none).
    expect(days.map((d) => d.date)).toEqual(["2026-03-02", "2026-03-09"]);
    expect(days.map((d) => d.slots.map((s) => [s.viewerTime, s.consultantTime]))).toEqual([[["16:00–17:00", "09:00–10:00"]], [["17:00–18:00", "09:00–10:00"]]]);
    // A confirmed booking removes its slot.
    await prisma.booking.create({
      data: { serviceId: service.id, consultantId: service.consultantId, bookedById: buyer.id, startsAt: new Date("2026-03-03T00:00:00Z"), endsAt: new Date("2026-03-03T01:00:00Z"), blockedUntil: new Date("2026-03-03T01:00:00Z"), status: "confirmed", bookerTimeZone: "America/Los_Angeles", priceMinor: 500000n, cardMinor: 500000n, currency: "KRW" },
    });
    const after = await slotPicker(service, { locale: "en-GB", viewerTimeZone: "America/Los_Angeles", consultantTimeZone: "Asia/Seoul", now });
    expect(after.map((d) => d.date)).toEqual(["2026-03-09"]);
  });
});

describe("workspace", () => {
  it("returns saved values for the editors and a week calendar in the consultant's zone", async () => {
    const workspace = await consultantWorkspace(consultant, { locale: "en", week: "2026-03-04" });
    expect(workspace.profile).toMatchObject({ timeZone: "Asia/Seoul", published: true });
    expect(workspace.profileValues).toMatchObject({ "headline.ko": "기술가치평가 전문가", languages: ["ko", "en"], published: "on" });
    expect(workspace.ruleRows.filter((r) => r.start)).toEqual([{ row: 1, weekday: 2, start: "10:00", end: "16:00" }]);
    expect(workspace.ruleRows.filter((r) => !r.start)).toHaveLength(7);
    expect(workspace.services.find((s) => s.kind === "valuation")!.values).toMatchObject({ price: "900000", durationMinutes: "60", currency: "KRW" });
    expect(workspace.calendar!.weekStart).toBe("2026-03-02");
    expect(workspace.calendar!.next).toBe("2026-03-09");
  });
});
