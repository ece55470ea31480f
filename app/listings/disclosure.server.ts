/**
 * Disclosure tiers. Public teaser: everyone (and the search index). Registered detail:
 * signed-in verified buyers. Confidential: buyers whose NDA for this listing both sides
 * accepted, and only once national-core-technology screening cleared it. The owner's
 * organisation and operators see everything. Pages, the API and attachment downloads
 * all ask `viewerTier` and nothing else.
 */
import { prisma } from "~/db.server";
import type { SessionUser } from "~/auth/session.server";
import type { DisclosureTier, ScreeningStatus } from "~/generated/prisma/client";

export const TIER_ORDER: Record<DisclosureTier, number> = { public: 0, registered: 1, confidential: 2 };

export async function hasAcceptedNda(listingId: string, buyerOrgId: string): Promise<boolean> {
  const acceptances = await prisma.ndaAcceptance.findMany({
    where: { listingId, inquiry: { buyerOrgId, status: { notIn: ["declined", "withdrawn"] } } },
    select: { inquiryId: true, party: true },
  });
  const parties = new Map<string, Set<string>>();
  for (const a of acceptances) {
    const set = parties.get(a.inquiryId) ?? new Set<string>();
    set.add(a.party);
    parties.set(a.inquiryId, set);
  }
  return [...parties.values()].some((set) => set.has("buyer") && set.has("seller"));
}

export async function viewerTier(
  viewer: SessionUser | null,
  listing: { id: string; organisationId: string; screening: ScreeningStatus },
): Promise<DisclosureTier> {
  if (!viewer) return "public";
  if (viewer.role === "admin" || viewer.organisationId === listing.organisationId) return "confidential";
  const org = viewer.organisation;
  if (viewer.role !== "buyer" || !org || org.verification !== "verified") return "public";
  const screeningBlocks = org.country !== "KR" && (listing.screening === "pending" || listing.screening === "restricted");
  if (!screeningBlocks && (await hasAcceptedNda(listing.id, org.id))) return "confidential";
  return "registered";
}

export function canSee(tier: DisclosureTier, needed: DisclosureTier) {
  return TIER_ORDER[tier] >= TIER_ORDER[needed];
}
