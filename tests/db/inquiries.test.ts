/**
 * The inquiry flow against a real database: creation rules and deadlines, every party's
 * transitions (legal and not), messages and their files, the NDA and the confidential tier
 * it opens (pages and files), reminders and operator alerts, notification language, the
 * access rules of the inquiry routes, and the seller's analytics.
 */
import { describe, expect, it } from "vitest";
import { readAttachmentForViewer } from "~/attachments/attachments.server";
import { prisma } from "~/db.server";
import { drainOnce } from "~/jobs/outbox.server";
import { outboxHandlers } from "~/jobs/handlers.server";
import { listingInquiryStats } from "~/inquiries/analytics.server";
import {
  alertOverdueInquiries,
  createInquiry,
  fireInquiryEvent,
  getInquiryForViewer,
  listInbox,
  medianResponseHours,
  postMessage,
  responseDeadline,
  sendResponseReminders,
} from "~/inquiries/inquiries.server";
import { acceptNda, currentNdaTemplate, ndaTextHash, setCustomNda } from "~/inquiries/nda.server";
import { NDA_TEXT } from "~/inquiries/nda/mutual-nda";
import { inquiryFormSchema } from "~/inquiries/schemas";
import { getListingPageData } from "~/listings/view.server";
import { action as threadAction, loader as threadLoader } from "~/routes/inquiries.$id";
import { action as inquireAction } from "~/routes/technologies.$slug_.inquire";
import { createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { formBody, signedInRequest } from "@tests/helpers/requests";
import { sessionUser } from "@tests/helpers/session-user";

setupTestDatabase();

const PDF = new TextEncoder().encode("%PDF-1.4\n% test file\n");
const validInput = { purpose: "license" as const, preferredMode: null, questions: "What yield do you reach at pilot scale?", companyIntro: "" };

async function scene(options: { buyerVerified?: boolean; sellerLocale?: string; buyerCountry?: string } = {}) {
  const sellerUser = await createUser(prisma, { role: "sme", locale: options.sellerLocale ?? "ko" });
  const buyerUser = await createUser(prisma, {
    role: "buyer",
    locale: "en",
    organisation: { country: options.buyerCountry ?? "DE", verification: options.buyerVerified === false ? "unverified" : "verified" },
  });
  const listing = await createListing(prisma, { organisationId: sellerUser.organisationId!, status: "published" });
  return { seller: await sessionUser(sellerUser.id), buyer: await sessionUser(buyerUser.id), listing, sellerUser, buyerUser };
}

async function walkToNdaRequested() {
  const s = await scene();
  const inquiry = await createInquiry(s.buyer, s.listing.id, validInput);
  await postMessage(s.seller, inquiry.id, "Yield is 92 % at 10 m/min.");
  await fireInquiryEvent(s.buyer, inquiry.id, "request_nda");
  return { ...s, inquiry };
}

async function statusOf(id: string) {
  return (await prisma.inquiry.findUniqueOrThrow({ where: { id } })).status;
}

describe("creating an inquiry", () => {
  it("records it, sets the answer deadline in Korean business days and tells the seller in Korean", async () => {
    const s = await scene();
    // Wednesday 23 September 2026, 10:00 in Seoul: Chuseok (24–26 Sep) and the weekend do not count.
    const sentAt = new Date("2026-09-23T01:00:00Z");
    const inquiry = await createInquiry(s.buyer, s.listing.id, { ...validInput, companyIntro: "We make EV packs in Bavaria." }, "203.0.113.7", sentAt);
    expect(inquiry.status).toBe("submitted");
    expect(inquiry.responseDueAt.toISOString()).toBe("2026-10-02T14:59:59.999Z");
    const messages = await prisma.inquiryMessage.findMany({ where: { inquiryId: inquiry.id } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body).toContain("pilot scale");
    expect(messages[0]!.body).toContain("Bavaria");
    expect(await prisma.auditLog.count({ where: { entityId: inquiry.id, action: "inquiry.create", ipAddress: "203.0.113.7" } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: s.seller.id, kind: "inquiry.received" } })).toBe(1);

    while ((await drainOnce(outboxHandlers)) > 0);
    const email = await prisma.emailMessage.findFirstOrThrow({ where: { to: s.sellerUser.email } });
    expect(email.locale).toBe("ko");
    expect(email.subject).not.toMatch(/^New inquiry/);
    expect(email.text).toContain(`/inquiries/${inquiry.id}`);
  });

  it("counts weekdays when the holiday table does not cover the year yet", () => {
    // Friday 3 March 2028, 18:00 in Seoul → five weekdays later is Friday 10 March.
    expect(responseDeadline(new Date("2028-03-03T09:00:00Z"), 5).toISOString()).toBe("2028-03-10T14:59:59.999Z");
  });

  it("refuses non-buyers, unpublished listings, empty inquiries and a second open inquiry", async () => {
    const s = await scene();
    await expect(createInquiry(s.seller, s.listing.id, validInput)).rejects.toMatchObject({ status: 403, messageKey: "inquiry:errors.buyersOnly" });
    const draft = await createListing(prisma, { organisationId: s.seller.organisationId!, status: "draft" });
    await expect(createInquiry(s.buyer, draft.id, validInput)).rejects.toMatchObject({ status: 404, messageKey: "inquiry:errors.listingUnavailable" });
    expect(inquiryFormSchema.safeParse({ purpose: "license", questions: "   " }).success).toBe(false);
    expect(inquiryFormSchema.safeParse({ purpose: "bribe", questions: "A real question here" }).success).toBe(false);
    await createInquiry(s.buyer, s.listing.id, validInput);
    await expect(createInquiry(s.buyer, s.listing.id, validInput)).rejects.toMatchObject({ status: 409, messageKey: "inquiry:errors.alreadyOpen" });
    expect(await prisma.inquiry.count({ where: { listingId: s.listing.id } })).toBe(1);
  });

  it("keeps everything typed when the form is refused (empty, 1 MB, unpublished)", async () => {
    const s = await scene();
    const huge = "x".repeat(1024 * 1024);
    const request = await signedInRequest(s.buyer.id, `/technologies/${s.listing.slug}/inquire`, {
      method: "POST",
      body: formBody({ purpose: "license", questions: huge, companyIntro: "Kept intro" }),
    });
    const result = (await inquireAction({ request, params: { slug: s.listing.slug }, context: { nonce: "" } })) as { errors: Record<string, string>; values: Record<string, string> };
    expect(result.errors.questions).toBe("inquiry:errors.messageTooLong");
    expect(result.values.questions).toHaveLength(huge.length);
    expect(result.values.companyIntro).toBe("Kept intro");

    const empty = (await inquireAction({
      request: await signedInRequest(s.buyer.id, `/technologies/${s.listing.slug}/inquire`, { method: "POST", body: formBody({ purpose: "", questions: "" }) }),
      params: { slug: s.listing.slug },
      context: { nonce: "" },
    })) as { errors: Record<string, string> };
    expect(Object.keys(empty.errors).sort()).toEqual(["purpose", "questions"]);
    expect(await prisma.inquiry.count({ where: { listingId: s.listing.id } })).toBe(0);

    await prisma.listing.update({ where: { id: s.listing.id }, data: { status: "archived" } });
    await expect(
      inquireAction({ request: await signedInRequest(s.buyer.id, `/technologies/${s.listing.slug}/inquire`, { method: "POST", body: formBody({ purpose: "license", questions: "Still interested?" }) }), params: { slug: s.listing.slug }, context: { nonce: "" } }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("inquiry transitions", () => {
  it("walks the whole path with an audit entry for every step", async () => {
    const s = await walkToNdaRequested();
    expect(await statusOf(s.inquiry.id)).toBe("nda_requested");
    const template = await currentNdaTemplate();
    await acceptNda(s.buyer, s.inquiry.id, { version: template.version, textHash: template.textHash }, "198.51.100.1");
    expect(await statusOf(s.inquiry.id)).toBe("nda_requested");
    await acceptNda(s.seller, s.inquiry.id, { version: template.version, textHash: template.textHash }, "198.51.100.2");
    expect(await statusOf(s.inquiry.id)).toBe("nda_accepted");
    await fireInquiryEvent(s.seller, s.inquiry.id, "start_negotiation");
    await fireInquiryEvent(s.buyer, s.inquiry.id, "schedule_meeting");
    await fireInquiryEvent(s.seller, s.inquiry.id, "close_won");
    expect(await statusOf(s.inquiry.id)).toBe("closed_won");
    const actions = (await prisma.auditLog.findMany({ where: { entityId: s.inquiry.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual([
      "inquiry.create",
      "inquiry.answer",
      "inquiry.request_nda",
      "inquiry.nda_accept",
      "inquiry.nda_accept",
      "inquiry.accept_nda",
      "inquiry.start_negotiation",
      "inquiry.schedule_meeting",
      "inquiry.close_won",
    ]);
    // A closed inquiry takes no more messages or steps.
    await expect(postMessage(s.buyer, s.inquiry.id, "One more thing")).rejects.toMatchObject({ status: 409, messageKey: "inquiry:errors.closed" });
    await expect(fireInquiryEvent(s.buyer, s.inquiry.id, "withdraw")).rejects.toMatchObject({ status: 409, messageKey: "inquiry:errors.illegalTransition" });
  });

  it("refuses illegal steps, the wrong party and missing reasons, changing nothing", async () => {
    const s = await scene();
    const inquiry = await createInquiry(s.buyer, s.listing.id, validInput);
    await expect(fireInquiryEvent(s.seller, inquiry.id, "start_negotiation")).rejects.toMatchObject({ status: 409, messageKey: "inquiry:errors.illegalTransition" });
    await expect(fireInquiryEvent(s.buyer, inquiry.id, "decline", { reason: "price" })).rejects.toMatchObject({ status: 409, messageKey: "inquiry:errors.wrongParty" });
    await expect(fireInquiryEvent(s.seller, inquiry.id, "decline")).rejects.toMatchObject({ status: 422, messageKey: "inquiry:errors.reason.reason_required" });
    await expect(fireInquiryEvent(s.seller, inquiry.id, "decline", { reason: "other", text: "  " })).rejects.toMatchObject({ messageKey: "inquiry:errors.reason.text_required" });
    await expect(fireInquiryEvent(s.seller, inquiry.id, "decline", { reason: "bored" })).rejects.toMatchObject({ messageKey: "inquiry:errors.reason.unknown_reason" });
    // "accept_nda" is the system's, never a party's.
    await expect(fireInquiryEvent(s.buyer, inquiry.id, "accept_nda")).rejects.toMatchObject({ status: 409 });
    expect(await statusOf(inquiry.id)).toBe("submitted");

    await fireInquiryEvent(s.seller, inquiry.id, "decline", { reason: "trl_too_low", text: "We need TRL 8+" });
    const declined = await prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    expect(declined).toMatchObject({ status: "declined", closeReason: "trl_too_low", closeReasonText: "We need TRL 8+" });
  });

  it("lets the buyer withdraw and a forged event through the route answer 409 with the form kept", async () => {
    const s = await scene();
    const inquiry = await createInquiry(s.buyer, s.listing.id, validInput);
    const forged = await threadAction({
      request: await signedInRequest(s.buyer.id, `/inquiries/${inquiry.id}`, { method: "POST", body: formBody({ intent: "event", event: "close_won" }) }),
      params: { id: inquiry.id },
      context: { nonce: "" },
    });
    expect(forged).toMatchObject({ intent: "event", error: "inquiry:errors.illegalTransition" });
    const nonsense = await threadAction({
      request: await signedInRequest(s.buyer.id, `/inquiries/${inquiry.id}`, { method: "POST", body: formBody({ intent: "event", event: "teleport" }) }),
      params: { id: inquiry.id },
      context: { nonce: "" },
    });
    expect(nonsense).toMatchObject({ error: "inquiry:errors.illegalTransition" });
    await fireInquiryEvent(s.buyer, inquiry.id, "withdraw");
    expect(await statusOf(inquiry.id)).toBe("withdrawn");
  });

  it("needs a verified buyer company before an NDA can be requested", async () => {
    const s = await scene({ buyerVerified: false });
    const inquiry = await createInquiry(s.buyer, s.listing.id, validInput);
    await postMessage(s.seller, inquiry.id, "Happy to help.");
    await expect(fireInquiryEvent(s.seller, inquiry.id, "request_nda")).rejects.toMatchObject({ messageKey: "inquiry:errors.buyerNotVerified" });
    expect(await statusOf(inquiry.id)).toBe("answered");
  });
});

describe("messages", () => {
  it("answers the inquiry with the seller's first message and records the response time", async () => {
    const s = await scene();
    const sentAt = new Date("2026-11-02T00:00:00Z");
    const inquiry = await createInquiry(s.buyer, s.listing.id, validInput, null, sentAt);
    await postMessage(s.buyer, inquiry.id, "Also: is the process patented in Japan?", { now: new Date("2026-11-02T01:00:00Z") });
    expect(await statusOf(inquiry.id)).toBe("submitted");
    await postMessage(s.seller, inquiry.id, "Yes, JP 7123456.", { now: new Date("2026-11-02T06:00:00Z") });
    const answered = await prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    expect(answered.status).toBe("answered");
    expect(answered.firstRespondedAt?.toISOString()).toBe("2026-11-02T06:00:00.000Z");
    expect(await medianResponseHours(s.seller.organisationId!)).toEqual({ hours: 6, sample: 1 });
  });

  it("names the sending company in the reader's script (Korean name to Korean readers, English otherwise)", async () => {
    const s = await scene();
    await prisma.organisation.update({ where: { id: s.seller.organisationId! }, data: { name: "(주)한빛에너지", nameEn: "Hanbit Energy" } });
    const inquiry = await createInquiry(s.buyer, s.listing.id, validInput);
    await postMessage(await sessionUser(s.seller.id), inquiry.id, "Answer");
    const toBuyer = await prisma.notification.findFirstOrThrow({ where: { userId: s.buyer.id, kind: "inquiry.message" } });
    expect(toBuyer.payload).toMatchObject({ from: "Hanbit Energy" });
    expect(JSON.stringify(toBuyer.payload)).not.toContain("한빛");
  });

  it("refuses a 1 MB message and keeps the text; refuses a file that is not what it claims", async () => {
    const s = await scene();
    const inquiry = await createInquiry(s.buyer, s.listing.id, validInput);
    const huge = "말".repeat(1024 * 1024);
    const result = await threadAction({
      request: await signedInRequest(s.seller.id, `/inquiries/${inquiry.id}`, { method: "POST", body: formBody({ intent: "message", body: huge }) }),
      params: { id: inquiry.id },
      context: { nonce: "" },
    });
    expect(result).toMatchObject({ intent: "message", error: "inquiry:errors.messageTooLong", errorParams: { max: 10_000 } });
    expect((result as { values: Record<string, string> }).values.body).toHaveLength(huge.length);
    const fake = new TextEncoder().encode("<script>alert(1)</script>");
    await expect(postMessage(s.seller, inquiry.id, "See attached", { files: [{ name: "spec.pdf", bytes: fake }] })).rejects.toMatchObject({ status: 415 });
    expect(await prisma.inquiryMessage.count({ where: { inquiryId: inquiry.id } })).toBe(1);
    expect(await statusOf(inquiry.id)).toBe("submitted");
  });

  it("keeps the seller's confidential files locked to the buyer until both sides sign the NDA", async () => {
    const s = await walkToNdaRequested();
    const other = await scene();
    await postMessage(s.seller, s.inquiry.id, "Process sheet attached", { files: [{ name: "process.pdf", bytes: PDF }], tier: "confidential" });
    await postMessage(s.buyer, s.inquiry.id, "Our spec", { files: [{ name: "our-spec.pdf", bytes: PDF }] });
    const [sellerFile, buyerFile] = await prisma.attachment.findMany({ where: { messageId: { not: null } }, orderBy: { createdAt: "asc" } });
    expect(sellerFile!.listingId).toBeNull();
    await expect(readAttachmentForViewer(s.buyer, sellerFile!.id)).rejects.toMatchObject({ status: 403 });
    expect((await readAttachmentForViewer(s.seller, buyerFile!.id)).bytes.byteLength).toBe(PDF.byteLength);
    // Outsiders learn nothing, not even that the file exists.
    await expect(readAttachmentForViewer(other.buyer, buyerFile!.id)).rejects.toMatchObject({ status: 404 });
    await expect(readAttachmentForViewer(other.seller, sellerFile!.id)).rejects.toMatchObject({ status: 404 });
    await expect(readAttachmentForViewer(null, sellerFile!.id)).rejects.toMatchObject({ status: 404 });

    const template = await currentNdaTemplate();
    await acceptNda(s.buyer, s.inquiry.id, { version: template.version, textHash: template.textHash }, null);
    await acceptNda(s.seller, s.inquiry.id, { version: template.version, textHash: template.textHash }, null);
    expect((await readAttachmentForViewer(s.buyer, sellerFile!.id)).attachment.fileName).toBe("process.pdf");
  });
});

describe("NDA", () => {
  it("pins the standard text's hash, so a changed text needs a new version", async () => {
    expect(ndaTextHash()).toBe(ndaTextHash(NDA_TEXT.en));
    expect(ndaTextHash()).toMatchInlineSnapshot(`"${ndaTextHash()}"`);
    const template = await currentNdaTemplate();
    expect(template.textHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("opens the confidential tier to that buyer only, on the page and its files", async () => {
    const s = await walkToNdaRequested();
    const otherBuyer = await sessionUser((await createUser(prisma, { role: "buyer", organisation: { country: "JP", verification: "verified" } })).id);
    const confidentialFile = await prisma.attachment.create({
      data: { listingId: s.listing.id, ownerOrgId: s.seller.organisationId!, fileName: "recipe.pdf", mimeType: "application/pdf", sizeBytes: 10, sha256: "x", storageKey: `k${Date.now()}`, tier: "confidential" },
    });
    const before = await getListingPageData(s.listing.slug, s.buyer, "en");
    expect(before?.tier).toBe("registered");
    expect(before?.confidential).toBeNull();

    const template = await currentNdaTemplate();
    await acceptNda(s.seller, s.inquiry.id, { version: template.version, textHash: template.textHash }, "192.0.2.10");
    await acceptNda(s.buyer, s.inquiry.id, { version: template.version, textHash: template.textHash }, "192.0.2.20");
    const acceptance = await prisma.ndaAcceptance.findFirstOrThrow({ where: { inquiryId: s.inquiry.id, party: "buyer" } });
    expect(acceptance).toMatchObject({ ndaVersion: template.version, textHash: ndaTextHash(), ipAddress: "192.0.2.20", userId: s.buyer.id });

    const after = await getListingPageData(s.listing.slug, s.buyer, "en");
    expect(after?.tier).toBe("confidential");
    expect(after?.confidential?.text).toBe("Confidential process window");
    expect(after?.attachments.map((a) => a.fileName)).toContain("recipe.pdf");
    const stranger = await getListingPageData(s.listing.slug, otherBuyer, "en");
    expect(stranger?.tier).toBe("registered");
    expect(stranger?.confidential).toBeNull();
    expect(JSON.stringify(stranger)).not.toContain("Confidential process window");
    expect(stranger?.attachments.map((a) => a.id)).not.toContain(confidentialFile.id);
    await expect(readAttachmentForViewer(otherBuyer, confidentialFile.id)).rejects.toMatchObject({ status: 403 });
  });

  it("refuses acceptance by a third party, twice by the same side, with a forged hash, or before it is requested", async () => {
    const s = await walkToNdaRequested();
    const outsider = await scene();
    const template = await currentNdaTemplate();
    const good = { version: template.version, textHash: template.textHash };
    await expect(acceptNda(outsider.buyer, s.inquiry.id, good, null)).rejects.toMatchObject({ status: 404 });
    await expect(acceptNda(s.buyer, s.inquiry.id, { ...good, textHash: "0".repeat(64) }, null)).rejects.toMatchObject({ messageKey: "inquiry:errors.ndaOutdated" });
    await expect(acceptNda(s.buyer, s.inquiry.id, { ...good, version: "1999-1" }, null)).rejects.toMatchObject({ messageKey: "inquiry:errors.ndaOutdated" });
    await acceptNda(s.buyer, s.inquiry.id, good, null);
    await expect(acceptNda(s.buyer, s.inquiry.id, good, null)).rejects.toMatchObject({ messageKey: "inquiry:errors.ndaAlreadyAccepted" });
    expect(await prisma.ndaAcceptance.count({ where: { inquiryId: s.inquiry.id } })).toBe(1);

    const fresh = await scene();
    const early = await createInquiry(fresh.buyer, fresh.listing.id, validInput);
    await expect(acceptNda(fresh.seller, early.id, good, null)).rejects.toMatchObject({ messageKey: "inquiry:errors.ndaNotRequested" });
  });

  it("requires the seller's own NDA to be accepted too when the listing has one", async () => {
    const s = await walkToNdaRequested();
    const pdf = await prisma.attachment.create({
      data: { listingId: s.listing.id, ownerOrgId: s.seller.organisationId!, fileName: "our-nda.pdf", mimeType: "application/pdf", sizeBytes: 10, sha256: "y", storageKey: `n${Date.now()}`, tier: "registered" },
    });
    const confidential = await prisma.attachment.create({
      data: { listingId: s.listing.id, ownerOrgId: s.seller.organisationId!, fileName: "secret.pdf", mimeType: "application/pdf", sizeBytes: 10, sha256: "z", storageKey: `c${Date.now()}`, tier: "confidential" },
    });
    // Only the owner, and only a PDF buyers can open before signing.
    await expect(setCustomNda(s.buyer, s.listing.id, pdf.id)).rejects.toMatchObject({ status: 404 });
    await expect(setCustomNda(s.seller, s.listing.id, confidential.id)).rejects.toMatchObject({ messageKey: "inquiry:errors.customNdaFile" });
    await setCustomNda(s.seller, s.listing.id, pdf.id);
    const template = await currentNdaTemplate();
    await expect(acceptNda(s.buyer, s.inquiry.id, { version: template.version, textHash: template.textHash }, null)).rejects.toMatchObject({ messageKey: "inquiry:errors.customNdaRequired" });
    await acceptNda(s.buyer, s.inquiry.id, { version: template.version, textHash: template.textHash, customNdaAccepted: true }, null);
    expect((await prisma.ndaAcceptance.findFirstOrThrow({ where: { inquiryId: s.inquiry.id, party: "buyer" } })).customNdaAttachmentId).toBe(pdf.id);
  });
});

describe("access", () => {
  it("shows an inquiry to its two parties and operators only — pages, inbox and actions", async () => {
    const s = await scene();
    const inquiry = await createInquiry(s.buyer, s.listing.id, validInput);
    const otherBuyer = await createUser(prisma, { role: "buyer", organisation: { verification: "verified" } });
    const otherSeller = await createUser(prisma, { role: "sme" });
    const admin = await createUser(prisma, { role: "admin" });
    const load = async (userId: string) => threadLoader({ request: await signedInRequest(userId, `/inquiries/${inquiry.id}`), params: { id: inquiry.id }, context: { nonce: "" } });

    for (const outsider of [otherBuyer, otherSeller]) {
      await expect(load(outsider.id)).rejects.toMatchObject({ status: 404 });
      await expect(getInquiryForViewer(await sessionUser(outsider.id), inquiry.id)).rejects.toMatchObject({ status: 404 });
      await expect(postMessage(await sessionUser(outsider.id), inquiry.id, "Hello?")).rejects.toMatchObject({ status: 404 });
      const posted = threadAction({
        request: await signedInRequest(outsider.id, `/inquiries/${inquiry.id}`, { method: "POST", body: formBody({ intent: "event", event: "withdraw" }) }),
        params: { id: inquiry.id },
        context: { nonce: "" },
      });
      await expect(posted).rejects.toMatchObject({ status: 404 });
      expect(await listInbox(await sessionUser(outsider.id), "all")).toEqual([]);
    }
    const asBuyer = (await load(s.buyer.id)) as { page: { party: string } };
    expect(asBuyer.page.party).toBe("buyer");
    const asSeller = (await load(s.seller.id)) as { page: { party: string; buyer: { country: string } } };
    expect(asSeller.page).toMatchObject({ party: "seller", buyer: { country: "DE" } });
    const asAdmin = (await load(admin.id)) as { page: { party: string | null; events: unknown[] } };
    expect(asAdmin.page).toMatchObject({ party: null, events: [] });
    await expect(fireInquiryEvent(await sessionUser(admin.id), inquiry.id, "withdraw")).rejects.toMatchObject({ status: 404 });
    // Anonymous visitors are sent to log in.
    const anonymous = await threadLoader({ request: new Request(`http://localhost/inquiries/${inquiry.id}`), params: { id: inquiry.id }, context: { nonce: "" } }).catch((r: Response) => r);
    expect((anonymous as Response).status).toBe(302);

    expect((await listInbox(s.buyer, "open")).map((i) => i.id)).toEqual([inquiry.id]);
    expect((await listInbox(s.seller, "awaiting_me")).map((i) => i.id)).toEqual([inquiry.id]);
    expect(await listInbox(s.buyer, "awaiting_me")).toEqual([]);
    expect(await listInbox(s.seller, "closed")).toEqual([]);
  });
});

/** Marks what earlier tests in this file left due, so each deadline test counts only its own inquiry. */
async function flushDeadlineWork(until: Date) {
  await prisma.inquiry.updateMany({ where: { responseDueAt: { lte: until } }, data: { reminderSentAt: until, overdueAlertedAt: until } });
  await prisma.inquiry.updateMany({ data: { reminderSentAt: until } });
}

describe("deadlines", () => {
  it("reminds the seller once before the deadline and alerts operators once after it", async () => {
    await flushDeadlineWork(new Date("2026-11-12T00:00:00Z"));
    const s = await scene();
    const admin = await createUser(prisma, { role: "admin", locale: "en" });
    const sentAt = new Date("2026-11-02T00:00:00Z"); // Monday 09:00 KST
    const inquiry = await createInquiry(s.buyer, s.listing.id, validInput, null, sentAt);
    expect(inquiry.responseDueAt.toISOString()).toBe("2026-11-09T14:59:59.999Z"); // end of the next Monday in Seoul
    expect(await sendResponseReminders(new Date("2026-11-05T00:00:00Z"))).toBe(0);
    expect(await sendResponseReminders(new Date("2026-11-09T00:00:00Z"))).toBe(1);
    expect(await sendResponseReminders(new Date("2026-11-09T01:00:00Z"))).toBe(0);
    expect(await alertOverdueInquiries(new Date("2026-11-09T12:00:00Z"))).toBe(0);
    expect(await alertOverdueInquiries(new Date("2026-11-09T15:00:00Z"))).toBe(1);
    expect(await alertOverdueInquiries(new Date("2026-11-10T15:00:00Z"))).toBe(0);
    expect(await prisma.notification.count({ where: { kind: "inquiry.reminder", userId: s.seller.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { kind: "inquiry.overdue", userId: admin.id } })).toBe(1);
    while ((await drainOnce(outboxHandlers)) > 0);
    const subjects = (await prisma.emailMessage.findMany({ orderBy: { createdAt: "asc" } })).map((e) => `${e.locale}:${e.subject}`);
    expect(subjects.some((x) => x.startsWith("ko:") && !x.includes("Reminder"))).toBe(true);
    expect(subjects.some((x) => x.startsWith("en:Overdue inquiry"))).toBe(true);
  });

  it("does not remind about inquiries already answered", async () => {
    await flushDeadlineWork(new Date("2026-11-12T00:00:00Z"));
    const s = await scene();
    const inquiry = await createInquiry(s.buyer, s.listing.id, validInput, null, new Date("2026-11-02T00:00:00Z"));
    await postMessage(s.seller, inquiry.id, "Answered quickly", { now: new Date("2026-11-02T02:00:00Z") });
    expect(await sendResponseReminders(new Date("2026-11-09T00:00:00Z"))).toBe(0);
    expect(await alertOverdueInquiries(new Date("2026-11-12T00:00:00Z"))).toBe(0);
  });
});

describe("seller analytics", () => {
  it("counts inquiries by country, the NDA and meeting funnel, reasons and the median answer time", async () => {
    const s = await scene({ buyerCountry: "DE" });
    const de = await createInquiry(s.buyer, s.listing.id, validInput, null, new Date("2026-11-02T00:00:00Z"));
    await postMessage(s.seller, de.id, "Answer", { now: new Date("2026-11-02T04:00:00Z") });
    await fireInquiryEvent(s.buyer, de.id, "request_nda");
    const template = await currentNdaTemplate();
    await acceptNda(s.buyer, de.id, { version: template.version, textHash: template.textHash }, null);
    await acceptNda(s.seller, de.id, { version: template.version, textHash: template.textHash }, null);
    await fireInquiryEvent(s.buyer, de.id, "start_negotiation");
    await fireInquiryEvent(s.seller, de.id, "schedule_meeting");

    for (const [country, hours] of [["JP", 10], ["JP", 20]] as const) {
      const user = await createUser(prisma, { role: "buyer", organisation: { country, verification: "verified" } });
      const buyer = await sessionUser(user.id);
      const inquiry = await createInquiry(buyer, s.listing.id, validInput, null, new Date("2026-11-03T00:00:00Z"));
      await postMessage(s.seller, inquiry.id, "Answer", { now: new Date(Date.parse("2026-11-03T00:00:00Z") + hours * 3_600_000) });
      await fireInquiryEvent(s.seller, inquiry.id, "decline", { reason: "region" });
    }
    await prisma.listingView.createMany({
      data: [
        { listingId: s.listing.id, viewerOrgId: s.buyer.organisationId },
        { listingId: s.listing.id, viewerOrgId: s.buyer.organisationId },
        { listingId: s.listing.id, viewerOrgId: null },
      ],
    });
    const stats = (await listingInquiryStats([s.listing.id]))[s.listing.id]!;
    expect(stats).toMatchObject({ views: 3, uniqueBuyerCompanies: 1, inquiries: 3, ndaSigned: 1, meetings: 1, won: 0, medianResponseHours: 10 });
    expect(stats.byCountry).toEqual([
      { country: "JP", count: 2 },
      { country: "DE", count: 1 },
    ]);
    expect(stats.reasons).toEqual([{ reason: "region", count: 2 }]);
  });
});
