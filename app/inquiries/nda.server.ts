/**
 * NDAs on an inquiry. Once the inquiry is in nda_requested, each party accepts the current
 * standard mutual NDA (and the seller's own NDA PDF when the listing requires one); the
 * acceptance stores the version, the sha256 of the controlling text, who, when and from
 * which address. When both sides have accepted, the inquiry moves to nda_accepted and the
 * listing's confidential tier opens to that buyer only (see listings/disclosure.server.ts).
 */
import { createHash } from "node:crypto";
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";
import { notifyOrganisation, partyOf } from "./inquiries.server";
import { NDA_TEXT, NDA_VERSION } from "./nda/mutual-nda";
import { nextState } from "./state-machine";

export function ndaTextHash(text: string = NDA_TEXT.en): string {
  return createHash("sha256")
    .update(text.normalize("NFC"), "utf8")
    .digest("hex");
}

/** The current standard NDA, stored once per version (its hash is what acceptances point at). */
export async function currentNdaTemplate() {
  const textHash = ndaTextHash();
  const existing = await prisma.ndaTemplate.findUnique({
    where: { version: NDA_VERSION },
  });
  if (existing) {
    if (existing.textHash !== textHash)
      throw new Error(
        `NDA ${NDA_VERSION} text changed after it was published; give the new text a new version`
      );
    return existing;
  }
  return prisma.ndaTemplate.upsert({
    where: { version: NDA_VERSION },
    create: { version: NDA_VERSION, textHash, body: NDA_TEXT },
    update: {},
  });
}

/** The NDA text in the viewer's language when we have it, with a flag when the English text is shown instead. */
export function ndaTextFor(locale: string) {
  const text = NDA_TEXT[locale];
  return {
    version: NDA_VERSION,
    text: text ?? NDA_TEXT.en,
    locale: text ? locale : "en",
    translated: Boolean(text) && locale !== "en",
  };
}

export async function acceptNda(
  viewer: SessionUser,
  inquiryId: string,
  input: { version: string; textHash: string; customNdaAccepted?: boolean },
  ipAddress: string | null,
  now = new Date()
) {
  const inquiry = await prisma.inquiry.findUnique({
    where: { id: inquiryId },
    include: {
      ndaAcceptances: true,
      listing: { select: { customNdaAttachmentId: true } },
      buyerOrg: { select: { verification: true } },
    },
  });
  if (!inquiry) throw new UserError(404, "inquiry:errors.notFound");
  const party = partyOf(viewer, inquiry);
  if (!party) throw new UserError(404, "inquiry:errors.notFound");
  if (inquiry.status !== "nda_requested")
    throw new UserError(409, "inquiry:errors.ndaNotRequested");
  if (party === "buyer" && inquiry.buyerOrg.verification !== "verified")
    throw new UserError(409, "inquiry:errors.buyerNotVerified");
  if (inquiry.ndaAcceptances.some((a) => a.party === party))
    throw new UserError(409, "inquiry:errors.ndaAlreadyAccepted");
  const template = await currentNdaTemplate();
  // The text the user read must be the one in force; a stale or forged hash is refused.
  if (
    input.version !== template.version ||
    input.textHash !== template.textHash
  )
    throw new UserError(409, "inquiry:errors.ndaOutdated");
  const customNdaId = inquiry.listing.customNdaAttachmentId;
  if (party === "buyer" && customNdaId && !input.customNdaAccepted)
    throw new UserError(422, "inquiry:errors.customNdaRequired");
  return prisma.$transaction(async (tx) => {
    await tx.ndaAcceptance.create({
      data: {
        inquiryId,
        listingId: inquiry.listingId,
        party,
        userId: viewer.id,
        ndaVersion: template.version,
        textHash: template.textHash,
        customNdaAttachmentId: party === "buyer" ? customNdaId : null,
        ipAddress,
        acceptedAt: now,
      },
    });
    await audit(
      tx,
      viewer.id,
      "inquiry.nda_accept",
      "Inquiry",
      inquiryId,
      { party, version: template.version, textHash: template.textHash },
      ipAddress
    );
    const accepted = new Set([
      ...inquiry.ndaAcceptances.map((a) => a.party),
      party,
    ]);
    const other = party === "buyer" ? inquiry.sellerOrgId : inquiry.buyerOrgId;
    if (accepted.has("buyer") && accepted.has("seller")) {
      const result = nextState(inquiry.status, "accept_nda", "system");
      if (!result.ok)
        throw new UserError(409, "inquiry:errors.illegalTransition");
      const moved = await tx.inquiry.updateMany({
        where: { id: inquiryId, status: "nda_requested" },
        data: { status: result.to },
      });
      if (moved.count !== 1)
        throw new UserError(409, "inquiry:errors.changedMeanwhile");
      await audit(tx, null, "inquiry.accept_nda", "Inquiry", inquiryId, {
        from: inquiry.status,
        to: result.to,
        actor: "system",
      });
      await notifyOrganisation(tx, inquiry.buyerOrgId, inquiry, "ndaComplete");
      await notifyOrganisation(tx, inquiry.sellerOrgId, inquiry, "ndaComplete");
      return { complete: true };
    }
    await notifyOrganisation(tx, other, inquiry, "ndaAcceptedByOther");
    return { complete: false };
  });
}

/**
 * The seller makes one of the listing's PDF attachments its own NDA (buyers must accept it
 * as well as the standard one), or stops requiring it (attachmentId null). The file must
 * be a PDF of this listing that buyers can open before the NDA, i.e. not confidential.
 */
export async function setCustomNda(user: SessionUser, listingId: string, attachmentId: string | null) {
  const listing = await prisma.listing.findUnique({ where: { id: listingId }, select: { organisationId: true } });
  if (!listing || user.role !== "sme" || user.organisationId !== listing.organisationId) throw new UserError(404, "common:errors.notFound");
  if (attachmentId) {
    const file = await prisma.attachment.findFirst({ where: { id: attachmentId, listingId } });
    if (!file) throw new UserError(404, "common:errors.notFound");
    if (file.mimeType !== "application/pdf" || file.tier === "confidential") throw new UserError(422, "inquiry:errors.customNdaFile");
  }
  await prisma.$transaction(async (tx) => {
    await tx.listing.update({ where: { id: listingId }, data: { customNdaAttachmentId: attachmentId } });
    await audit(tx, user.id, attachmentId ? "listing.custom_nda_set" : "listing.custom_nda_clear", "Listing", listingId, { attachmentId });
  });
}
