import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";
import { viewerTier } from "~/listings/disclosure.server";
import {
  approveListing,
  approveListingRevision,
  archiveListing,
  latestOpenRevision,
  proposeListingRevision,
  rejectListingRevision,
  createListingDraft,
  requestListingChanges,
  submitListingForReview,
  updateListingDraft,
} from "~/listings/listings.server";
import { listingFormSchema } from "~/listings/schemas";
import { loadSearchDocument } from "~/listings/search-document.server";
import { getListingPageData } from "~/listings/view.server";
import { createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { sessionUser } from "@tests/helpers/session-user";
import type { SessionUser } from "~/auth/session.server";

setupTestDatabase();

const fullTexts = {
  ko: { title: "고체 전해질 코팅 기술", summary: "리튬 금속 음극 보호용 코팅", problem: "덴드라이트", solution: "원자층 증착 코팅", advantages: "수명 2배", applications: "전기차", confidential: "ALD 120℃, 40 사이클" },
  en: { title: "Solid electrolyte coating", summary: "Coating that protects lithium-metal anodes", problem: "Dendrites", solution: "Atomic-layer-deposited coating", advantages: "Twice the cycle life", applications: "EVs", confidential: "ALD at 120 °C, 40 cycles" },
};

function form(overrides: Record<string, unknown> = {}) {
  return listingFormSchema.parse({ field: "battery", trl: "6", ipcCodes: "H01M 10/0525", keywords: "", transferModes: ["non_exclusive_license"], texts: fullTexts, askingCurrency: "KRW", askingMin: "150,000,000", ...overrides });
}

let sme: SessionUser;
let otherSme: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  sme = await sessionUser((await createUser(prisma, { role: "sme" })).id);
  otherSme = await sessionUser((await createUser(prisma, { role: "sme" })).id);
  admin = await sessionUser((await createUser(prisma, { role: "admin" })).id);
});

async function expectUserError(promise: Promise<unknown>, status: number) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).status).toBe(status);
}

describe("listing lifecycle", () => {
  it("goes draft → in review → published, stores money in minor units, and queues the search sync", async () => {
    const listing = await createListingDraft(sme, form());
    expect(listing.status).toBe("draft");
    expect(listing.askingMinMinor).toBe(150_000_000n);
    await submitListingForReview(sme, listing.id);
    const inReview = await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } });
    expect(inReview.status).toBe("in_review");
    expect(inReview.screening).toBe("pending"); // battery is a national core technology field
    await expectUserError(approveListing(admin, listing.id), 422); // screening decision required
    await approveListing(admin, listing.id, { screening: "cleared" });
    const published = await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } });
    expect(published).toMatchObject({ status: "published", screening: "cleared" });
    expect(published.expiresAt!.getTime() - published.publishedAt!.getTime()).toBeGreaterThan(364 * 86_400_000);
    const queued = await prisma.outboxMessage.findMany({ where: { topic: "search.sync_listing" } });
    expect(queued.some((m) => (m.payload as { listingId: string }).listingId === listing.id)).toBe(true);
    const audit = await prisma.auditLog.findMany({ where: { entityId: listing.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["listing.create", "listing.submit", "listing.approve"]);
  });

  it("refuses submission without Korean and English text, naming what is missing", async () => {
    const listing = await createListingDraft(sme, form({ texts: { ko: fullTexts.ko } }));
    const error = await submitListingForReview(sme, listing.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).status).toBe(422);
    expect((error as UserError).params.missing).toContainEqual({ locale: "en", field: "title" });
    expect((await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).status).toBe("draft");
  });

  it("returns to draft with the reviewer's reason when changes are requested", async () => {
    const listing = await createListingDraft(sme, form({ field: "cosmetics", ipcCodes: "A61K 8/02" }));
    await submitListingForReview(sme, listing.id);
    expect((await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).screening).toBe("not_required");
    await requestListingChanges(admin, listing.id, "Please add the patent number.");
    const back = await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } });
    expect(back).toMatchObject({ status: "draft", reviewNote: "Please add the patent number." });
    const mail = await prisma.outboxMessage.findMany({ where: { topic: "email.send" } });
    expect(mail.some((m) => (m.payload as { template: string }).template === "listingChangesRequested")).toBe(true);
  });

  it("refuses illegal transitions and other organisations", async () => {
    const listing = await createListingDraft(sme, form({ field: "cosmetics", ipcCodes: "A61K 8/02" }));
    await expectUserError(approveListing(admin, listing.id), 409); // a draft cannot be approved
    await expectUserError(approveListing(sme, listing.id), 403); // only operators approve
    await expectUserError(submitListingForReview(otherSme, listing.id), 404);
    await expectUserError(updateListingDraft(otherSme, listing.id, form()), 404);
    await submitListingForReview(sme, listing.id);
    await expectUserError(submitListingForReview(sme, listing.id), 409); // already in review
    await expectUserError(updateListingDraft(sme, listing.id, form()), 409); // locked while in review
    await archiveListing(sme, listing.id);
    await expectUserError(approveListing(admin, listing.id), 409);
  });
});

describe("changes to a published listing", () => {
  it("go through review while the public version stays up", async () => {
    const listing = await createListingDraft(sme, form({ field: "cosmetics", ipcCodes: "A61K 8/02" }));
    await submitListingForReview(sme, listing.id);
    await approveListing(admin, listing.id);
    const changed = form({ field: "cosmetics", ipcCodes: "A61K 8/02", texts: { ...fullTexts, en: { ...fullTexts.en, title: "Solid electrolyte coating, second generation" } } });
    await expectUserError(updateListingDraft(sme, listing.id, changed), 409);
    const revision = await proposeListingRevision(sme, listing.id, changed);
    await expectUserError(proposeListingRevision(otherSme, listing.id, changed), 404);
    const page = await getListingPageData((await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).slug, null, "en");
    expect(page).toMatchObject({ status: "published", title: "Solid electrolyte coating" });

    await rejectListingRevision(admin, revision.id, "The new title overstates the change.");
    expect(await latestOpenRevision(listing.id)).toMatchObject({ status: "changes_requested", reviewNote: "The new title overstates the change." });
    const second = await proposeListingRevision(sme, listing.id, changed);
    await approveListingRevision(admin, second.id);
    await expectUserError(approveListingRevision(admin, second.id), 409);
    const after = await getListingPageData((await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).slug, null, "en");
    expect(after).toMatchObject({ status: "published", title: "Solid electrolyte coating, second generation" });
  });
});

describe("disclosure tiers", () => {
  it("shows each viewer only their tier, and never puts registered or confidential text in the search index", async () => {
    const org = (await createUser(prisma, { role: "sme" })).organisationId!;
    const listing = await createListing(prisma, { organisationId: org, status: "published", screening: "cleared", texts: fullTexts });
    const owner = await sessionUser((await createUser(prisma, { role: "sme", organisationId: org })).id);
    const unverified = await sessionUser((await createUser(prisma, { role: "buyer", organisation: { verification: "unverified", country: "DE" } })).id);
    const verified = await sessionUser((await createUser(prisma, { role: "buyer", organisation: { verification: "verified", country: "DE" } })).id);
    const withNda = await sessionUser((await createUser(prisma, { role: "buyer", organisation: { verification: "verified", country: "JP" } })).id);
    const inquiry = await prisma.inquiry.create({
      data: { listingId: listing.id, buyerOrgId: withNda.organisationId!, sellerOrgId: org, locale: "ja", purpose: "licensing", responseDueAt: new Date(), status: "nda_accepted" },
    });
    await prisma.ndaAcceptance.createMany({
      data: (["buyer", "seller"] as const).map((party) => ({ inquiryId: inquiry.id, listingId: listing.id, party, ndaVersion: "2026-01", textHash: "x" })),
    });

    expect(await viewerTier(null, listing)).toBe("public");
    expect(await viewerTier(unverified, listing)).toBe("public");
    expect(await viewerTier(otherSme, listing)).toBe("public");
    expect(await viewerTier(verified, listing)).toBe("registered");
    expect(await viewerTier(withNda, listing)).toBe("confidential");
    expect(await viewerTier(owner, listing)).toBe("confidential");
    expect(await viewerTier(admin, listing)).toBe("confidential");

    const anonymousPage = await getListingPageData(listing.slug, null, "en");
    expect(anonymousPage).toMatchObject({ tier: "public", registered: null, confidential: null, title: "Solid electrolyte coating" });
    expect(JSON.stringify(anonymousPage)).not.toContain("Atomic-layer");
    expect(JSON.stringify(anonymousPage)).not.toContain("120 °C");
    const verifiedPage = await getListingPageData(listing.slug, verified, "en");
    expect(verifiedPage?.registered?.solution).toBe("Atomic-layer-deposited coating");
    expect(JSON.stringify(verifiedPage)).not.toContain("120 °C");
    const ndaPage = await getListingPageData(listing.slug, withNda, "en");
    expect(ndaPage?.confidential?.text).toBe("ALD at 120 °C, 40 cycles");

    const doc = await loadSearchDocument(listing.id);
    const serialised = JSON.stringify(doc);
    for (const secret of ["Atomic-layer", "120 °C", "Dendrites", "원자층", "덴드라이트", "ALD 120"]) expect(serialised).not.toContain(secret);
    expect(doc?.title.ko).toBe("고체 전해질 코팅 기술");
  });

  it("keeps the confidential tier closed to foreign buyers while screening is pending or restricted", async () => {
    const org = (await createUser(prisma, { role: "sme" })).organisationId!;
    const listing = await createListing(prisma, { organisationId: org, status: "published", screening: "restricted", texts: fullTexts });
    const buyer = await sessionUser((await createUser(prisma, { role: "buyer", organisation: { verification: "verified", country: "CN" } })).id);
    const inquiry = await prisma.inquiry.create({
      data: { listingId: listing.id, buyerOrgId: buyer.organisationId!, sellerOrgId: org, locale: "zh", purpose: "licensing", responseDueAt: new Date(), status: "nda_accepted" },
    });
    await prisma.ndaAcceptance.createMany({
      data: (["buyer", "seller"] as const).map((party) => ({ inquiryId: inquiry.id, listingId: listing.id, party, ndaVersion: "2026-01", textHash: "x" })),
    });
    expect(await viewerTier(buyer, listing)).toBe("registered");
  });

  it("hides unpublished listings from everyone but the owner and operators", async () => {
    const listing = await createListingDraft(sme, form({ field: "cosmetics", ipcCodes: "A61K 8/02" }));
    const slug = (await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).slug;
    expect(await getListingPageData(slug, null, "en")).toBeNull();
    expect(await getListingPageData(slug, otherSme, "en")).toBeNull();
    expect(await getListingPageData(slug, sme, "en")).not.toBeNull();
    expect(await getListingPageData(slug, admin, "en")).not.toBeNull();
  });

  it("falls back to English, then Korean, and says so", async () => {
    const org = (await createUser(prisma, { role: "sme" })).organisationId!;
    const listing = await createListing(prisma, { organisationId: org, status: "published", texts: { ko: fullTexts.ko } });
    const page = await getListingPageData(listing.slug, null, "vi");
    expect(page).toMatchObject({ textLocale: "ko", isFallback: true, title: "고체 전해질 코팅 기술" });
    const en = await getListingPageData((await createListing(prisma, { organisationId: org, status: "published", texts: fullTexts })).slug, null, "ja");
    expect(en).toMatchObject({ textLocale: "en", isFallback: true });
  });
});

describe("listing form validation", () => {
  it("answers bad input with translation keys", () => {
    const result = listingFormSchema.safeParse({ field: "magic", trl: "11", ipcCodes: "not an ipc", transferModes: ["steal"], askingMin: "-5", askingMax: "abc", texts: {} });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toMatchObject({
      field: "validation:invalidChoice",
      trl: "validation:trlRange",
      "ipcCodes.0": "validation:ipc",
      "transferModes.0": "validation:invalidChoice",
      askingMin: "validation:nonNegative",
      askingMax: "validation:number",
    });
  });

  it("refuses an inverted price range", () => {
    const result = listingFormSchema.safeParse({ field: "battery", trl: 5, texts: { en: { title: "x" } }, askingMin: "100", askingMax: "10" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toContain("validation:rangeInverted");
  });
});
