/**
 * The data the access-rule table is checked against: two SMEs (the owner of the listings and
 * another one), three buyers (unverified, verified, verified with an accepted NDA on the
 * owner's listing), a consultant and an operator, with a published listing and a draft (each
 * with files at every disclosure tier), an inquiry walked to an accepted NDA with files in its
 * thread, a held buyer–seller meeting with a pending test payment, a need, a saved search, a
 * shortlist entry, a notification. `fresh` makes a new target for the rows that try to change
 * something: every cell gets its own, so one party's legitimate change never hides another's.
 */
import { addListingAttachment } from "~/attachments/attachments.server";
import { holdBooking } from "~/consulting/bookings.server";
import { setConsultantPhoto } from "~/consulting/photos.server";
import { prisma } from "~/db.server";
import { isKoreanHoliday, seoulDateOf } from "~/domain/korean-calendar";
import { createInquiry, fireInquiryEvent, postMessage } from "~/inquiries/inquiries.server";
import { acceptNda, currentNdaTemplate } from "~/inquiries/nda.server";
import { UserError } from "~/lib/http.server";
import { unsubscribeToken } from "~/matching/unsubscribe.server";
import { beginCheckout } from "~/payments/checkout.server";
import { createConsultantWithService, createListing, createUser } from "../../prisma/factories.server";
import { sessionUser } from "../helpers/session-user";
import type { Actor } from "./access-table";

const PDF = new TextEncoder().encode("%PDF-1.4\n% access-table file\n");
const PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"));

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** Weekday 10:00–17:00 Seoul slots from three days ahead, in order (the routes use the real clock). */
function* slots(): Generator<Date> {
  for (let day = 3; day < 60; day++) {
    const d = new Date(Date.now() + day * 86_400_000);
    const seoul = new Date(d.getTime() + 9 * 3_600_000);
    const weekday = seoul.getUTCDay();
    const midnightSeoulUtc = Date.UTC(seoul.getUTCFullYear(), seoul.getUTCMonth(), seoul.getUTCDate()) - 9 * 3_600_000;
    if (weekday === 0 || weekday === 6 || isKoreanHoliday(seoulDateOf(new Date(midnightSeoulUtc + 12 * 3_600_000)))) continue;
    for (let hour = 10; hour < 17; hour++) yield new Date(midnightSeoulUtc + hour * 3_600_000);
  }
}

export async function buildWorld() {
  const owner = await createUser(prisma, { role: "sme", locale: "en" });
  const other = await createUser(prisma, { role: "sme", locale: "en" });
  const buyerUnverified = await createUser(prisma, { role: "buyer", organisation: { country: "DE", verification: "unverified" } });
  const buyerVerified = await createUser(prisma, { role: "buyer", organisation: { country: "DE", verification: "verified" } });
  const buyerNda = await createUser(prisma, { role: "buyer", organisation: { country: "US", verification: "verified" } });
  const consultant = await createConsultantWithService(prisma, { service: { kind: "buyer_seller_meeting" } });
  const admin = await createUser(prisma, { role: "admin" });
  await setConsultantPhoto(await sessionUser(consultant.user.id), { name: "portrait.png", bytes: PNG });
  // Another consultant whose profile is not published: its photo is nobody else's business.
  const hidden = await createConsultantWithService(prisma);
  await setConsultantPhoto(await sessionUser(hidden.user.id), { name: "portrait.png", bytes: PNG });
  await prisma.consultantProfile.update({ where: { id: hidden.profile.id }, data: { published: false } });
  const users: Record<Exclude<Actor, "anonymous">, string> = {
    smeOwner: owner.id,
    smeOther: other.id,
    buyerUnverified: buyerUnverified.id,
    buyerVerified: buyerVerified.id,
    buyerNda: buyerNda.id,
    consultant: consultant.user.id,
    admin: admin.id,
  };
  const ownerUser = await sessionUser(owner.id);
  const ndaUser = await sessionUser(buyerNda.id);

  const listing = await createListing(prisma, { organisationId: owner.organisationId!, createdById: owner.id, status: "published" });
  const draft = await createListing(prisma, { organisationId: owner.organisationId!, createdById: owner.id, status: "draft" });
  const file = (name: string) => ({ name, bytes: PDF });
  const attachments = {
    public: (await addListingAttachment(ownerUser, listing.id, file("brochure.pdf"), "public")).id,
    registered: (await addListingAttachment(ownerUser, listing.id, file("datasheet.pdf"), "registered")).id,
    confidential: (await addListingAttachment(ownerUser, listing.id, file("process.pdf"), "confidential")).id,
    draft: (await addListingAttachment(ownerUser, draft.id, file("draft.pdf"), "public")).id,
  };

  // The NDA buyer's inquiry, walked to an accepted NDA, with a confidential file from each side.
  const inquiry = await createInquiry(ndaUser, listing.id, { purpose: "license", preferredMode: null, questions: "What yield do you reach at pilot scale?", companyIntro: "" });
  await postMessage(ownerUser, inquiry.id, "92 % at 10 m/min.", { files: [file("seller-terms.pdf")], tier: "confidential" });
  await fireInquiryEvent(ndaUser, inquiry.id, "request_nda");
  const template = await currentNdaTemplate();
  await acceptNda(ndaUser, inquiry.id, { version: template.version, textHash: template.textHash }, null);
  await acceptNda(ownerUser, inquiry.id, { version: template.version, textHash: template.textHash }, null);
  await postMessage(ndaUser, inquiry.id, "Our requirements attached.", { files: [file("buyer-spec.pdf")], tier: "registered" });
  const messageAttachment = (await prisma.attachment.findFirstOrThrow({ where: { fileName: "seller-terms.pdf" } })).id;

  // A buyer–seller meeting the NDA buyer holds about that inquiry (the owner's organisation is the counterpart).
  const free = slots();
  async function holdMeeting() {
    for (;;) {
      const next = free.next();
      if (next.done) throw new Error("no free slot left for the access table");
      try {
        return (await holdBooking(ndaUser, { serviceId: consultant.service.id, startsAt: next.value, inquiryId: inquiry.id })).id;
      } catch (error) {
        if (error instanceof UserError && error.status === 409) continue;
        throw error;
      }
    }
  }
  const booking = await holdMeeting();
  const payment = (await beginCheckout(ndaUser, booking, { voucherId: null })).paymentId;

  const need = await prisma.technologyNeed.create({
    data: { organisationId: buyerVerified.organisationId!, createdById: buyerVerified.id, locale: "en", title: "Solid-state electrolyte", description: "Looking for a licence.", fields: ["battery"] },
  });
  const savedSearch = await prisma.savedSearch.create({ data: { userId: buyerVerified.id, name: "Batteries", query: "q=battery" } });
  const shortlistEntry = await prisma.shortlistEntry.create({ data: { userId: buyerVerified.id, listingId: listing.id, note: "call them" } });
  const notification = await prisma.notification.findFirstOrThrow({ where: { userId: owner.id } });

  return {
    users,
    listing: { id: listing.id, slug: listing.slug },
    draft: { id: draft.id, slug: draft.slug },
    attachments: { ...attachments, message: messageAttachment },
    inquiry: inquiry.id,
    booking,
    payment,
    consultantSlug: consultant.profile.slug,
    hiddenConsultantSlug: hidden.profile.slug,
    serviceId: consultant.service.id,
    need: need.id,
    savedSearch: savedSearch.id,
    shortlistEntry: shortlistEntry.id,
    notification: notification.id,
    unsubscribeToken: unsubscribeToken({ userId: buyerVerified.id, scope: "matches" }),
    fresh: {
      /** another inquiry of the NDA buyer's organisation on the owner's listing, just sent */
      inquiry: async () =>
        (
          await prisma.inquiry.create({
            data: {
              listingId: listing.id,
              buyerOrgId: buyerNda.organisationId!,
              buyerUserId: buyerNda.id,
              sellerOrgId: owner.organisationId!,
              locale: "en",
              purpose: "license",
              responseDueAt: new Date(Date.now() + 7 * 86_400_000),
              messages: { create: { authorId: buyerNda.id, body: "Is the licence still available?", locale: "en" } },
            },
          })
        ).id,
      draft: async () => (await createListing(prisma, { organisationId: owner.organisationId!, createdById: owner.id, status: "draft" })).id,
      draftAttachment: async () => {
        const id = (await createListing(prisma, { organisationId: owner.organisationId!, createdById: owner.id, status: "draft" })).id;
        return { listing: id, attachment: (await addListingAttachment(ownerUser, id, file("fresh.pdf"), "registered")).id };
      },
      booking: holdMeeting,
      payment: async () => {
        const id = await holdMeeting();
        return { booking: id, payment: (await beginCheckout(ndaUser, id, { voucherId: null })).paymentId };
      },
      need: async () =>
        (
          await prisma.technologyNeed.create({
            data: { organisationId: buyerVerified.organisationId!, createdById: buyerVerified.id, locale: "en", title: "Cathode coating", description: "Licence wanted.", fields: ["battery"] },
          })
        ).id,
      savedSearch: async () => (await prisma.savedSearch.create({ data: { userId: buyerVerified.id, name: "Coatings", query: "q=coating" } })).id,
    },
  };
}
