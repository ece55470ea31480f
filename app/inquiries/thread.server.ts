/** The inquiry page's data for one viewer: only what that party may see, already cut to its tier. */
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { isLocale, type Locale } from "~/domain/taxonomy";
import { canSee, viewerTier } from "~/listings/disclosure.server";
import { pickTranslation } from "~/listings/listings.server";
import { eventsFor, getInquiryForViewer, medianResponseHours, nextStepKey, type Party } from "./inquiries.server";
import { currentNdaTemplate, ndaTextFor } from "./nda.server";
import { eventRequiresReason, type InquiryStatus } from "./state-machine";

export async function getInquiryPage(viewer: SessionUser, inquiryId: string, requestLocale: string) {
  const locale: Locale = isLocale(requestLocale) ? requestLocale : "en";
  const { inquiry, party } = await getInquiryForViewer(viewer, inquiryId);
  const status = inquiry.status as InquiryStatus;
  const { translation } = pickTranslation(inquiry.listing.translations, locale);
  // The buyer's view of the seller's files follows the listing's disclosure tier.
  const buyerTier = party === "buyer" ? await viewerTier(viewer, inquiry.listing) : "confidential";
  const acceptedBy = new Set(inquiry.ndaAcceptances.map((a) => a.party as Party));
  const showNda = status === "nda_requested" || inquiry.ndaAcceptances.length > 0;
  const template = showNda ? await currentNdaTemplate() : null;
  const customNda = inquiry.listing.customNdaAttachmentId
    ? await prisma.attachment.findFirst({ where: { id: inquiry.listing.customNdaAttachmentId, listingId: inquiry.listingId }, select: { id: true, fileName: true } })
    : null;
  const history = await prisma.auditLog.findMany({
    where: { entityType: "Inquiry", entityId: inquiry.id, action: { not: "inquiry.create" } },
    orderBy: { createdAt: "asc" },
    select: { id: true, action: true, data: true, createdAt: true, actor: { select: { name: true } } },
  });
  const response = await medianResponseHours(inquiry.sellerOrgId);
  const buyer = inquiry.buyerOrg;
  const sellerName = locale === "ko" ? inquiry.sellerOrg.name : (inquiry.sellerOrg.nameEn ?? inquiry.sellerOrg.name);
  return {
    id: inquiry.id,
    party,
    status,
    listing: { slug: inquiry.listing.slug, title: translation?.title ?? "", locale: translation?.locale ?? "en" },
    purpose: inquiry.purpose,
    preferredMode: inquiry.preferredMode,
    createdAt: inquiry.createdAt.toISOString(),
    responseDueAt: inquiry.responseDueAt.toISOString(),
    firstRespondedAt: inquiry.firstRespondedAt?.toISOString() ?? null,
    closeReason: inquiry.closeReason,
    closeReasonText: inquiry.closeReasonText,
    nextStep: nextStepKey(status, party, acceptedBy),
    events: eventsFor(status, party).map((event) => ({ event, needsReason: eventRequiresReason(event) })),
    seller: { name: sellerName, country: inquiry.sellerOrg.country.trim(), medianResponseHours: response?.hours ?? null },
    buyer: {
      name: locale === "ko" ? buyer.name : (buyer.nameEn ?? buyer.name),
      country: buyer.country.trim(),
      industry: buyer.industry,
      employeesBand: buyer.employeesBand,
      website: buyer.website,
      verified: buyer.verification === "verified",
      contact: inquiry.buyerUser?.name ?? null,
    },
    messages: inquiry.messages.map((m) => {
      const authorParty: Party | null = m.author?.organisationId === inquiry.buyerOrgId ? "buyer" : m.author?.organisationId === inquiry.sellerOrgId ? "seller" : null;
      return {
        id: m.id,
        body: m.body,
        locale: m.locale,
        createdAt: m.createdAt.toISOString(),
        author: m.author?.name ?? null,
        authorParty,
        mine: m.authorId === viewer.id,
        attachments: m.attachments.map((a) => {
          const locked = party === "buyer" && a.ownerOrgId === inquiry.sellerOrgId && !canSee(buyerTier, a.tier);
          return { id: a.id, fileName: a.fileName, sizeBytes: a.sizeBytes, tier: a.tier, locked };
        }),
      };
    }),
    nda: template
      ? {
          ...ndaTextFor(locale),
          version: template.version,
          textHash: template.textHash,
          customNda,
          acceptances: inquiry.ndaAcceptances.map((a) => ({ party: a.party, acceptedAt: a.acceptedAt.toISOString(), name: a.user?.name ?? null })),
          canAccept: status === "nda_requested" && party !== null && !acceptedBy.has(party),
          complete: acceptedBy.has("buyer") && acceptedBy.has("seller"),
        }
      : null,
    history: history.map((h) => ({
      id: h.id,
      action: h.action.replace(/^inquiry\./, ""),
      to: (h.data as { to?: string } | null)?.to ?? null,
      reason: (h.data as { reason?: string } | null)?.reason ?? null,
      at: h.createdAt.toISOString(),
      actor: h.actor?.name ?? null,
    })),
  };
}
