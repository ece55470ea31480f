/**
 * The listing detail page's data, cut to the viewer's disclosure tier on the server:
 * text the viewer may not see is never sent to the browser.
 */
import { randomUUID } from "node:crypto";
import { prisma, sql } from "~/db.server";
import type { SessionUser } from "~/auth/session.server";
import type { DisclosureTier } from "~/generated/prisma/client";
import type { Locale } from "~/domain/taxonomy";
import { estimateOther } from "~/lib/money";
import { canSee, viewerTier } from "./disclosure.server";
import { listingInclude, pickTranslation } from "./listings.server";

export async function getListingPageData(slug: string, viewer: SessionUser | null, locale: Locale, now = new Date()) {
  const listing = await prisma.listing.findUnique({ where: { slug }, include: listingInclude });
  if (!listing) return null;
  const isOwner = viewer?.organisationId === listing.organisationId;
  const isAdmin = viewer?.role === "admin";
  if (listing.status !== "published" && !isOwner && !isAdmin) return null;
  const tier: DisclosureTier = await viewerTier(viewer, listing);
  const { translation, isFallback } = pickTranslation(listing.translations, locale);
  const t = translation!;
  const valuation = listing.valuations[0];
  const org = listing.organisation;
  const askingMin = listing.askingMinMinor !== null ? Number(listing.askingMinMinor) : null;
  const askingMax = listing.askingMaxMinor !== null ? Number(listing.askingMaxMinor) : null;
  return {
    id: listing.id,
    slug: listing.slug,
    status: listing.status,
    tier,
    isOwner,
    textLocale: t.locale,
    isFallback,
    machineTranslated: !t.reviewedByHuman,
    availableLocales: listing.translations.map((x) => x.locale),
    title: t.title,
    summary: t.summary,
    registered: canSee(tier, "registered")
      ? { problem: t.problem, solution: t.solution, advantages: t.advantages, applications: t.applications }
      : null,
    confidential: canSee(tier, "confidential") ? { text: t.confidential } : null,
    field: listing.field,
    trl: listing.trl,
    ipcCodes: listing.ipcCodes,
    keywords: listing.keywords,
    transferModes: listing.transferModes,
    targetRegions: listing.targetRegions,
    targetCountries: listing.targetCountries,
    willTravel: listing.willTravel,
    consultingNeeds: listing.consultingNeeds,
    workingLanguages: listing.workingLanguages,
    screening: listing.screening,
    publishedAt: listing.publishedAt?.toISOString() ?? null,
    asking:
      askingMin !== null && listing.askingCurrency
        ? {
            currency: listing.askingCurrency,
            min: askingMin,
            max: askingMax,
            estimate: { min: estimateOther(askingMin, listing.askingCurrency), max: askingMax !== null ? estimateOther(askingMax, listing.askingCurrency) : null },
          }
        : null,
    patents: listing.patents.map((p) => ({
      number: p.number,
      jurisdiction: p.jurisdiction,
      status: p.status,
      title: p.title,
      filedOn: p.filedOn?.toISOString() ?? null,
      expiresOn: p.expiresOn?.toISOString() ?? null,
    })),
    valuation: valuation
      ? {
          method: valuation.method,
          low: Number(valuation.lowMinor),
          high: Number(valuation.highMinor),
          currency: valuation.currency,
          valuedOn: valuation.valuedOn.toISOString(),
          validUntil: valuation.validUntil.toISOString(),
          issuer: valuation.issuerName,
          certificateRef: valuation.certificateRef,
          verified: valuation.source !== "declared",
          expired: valuation.validUntil < now,
        }
      : null,
    organisation: {
      name: locale === "ko" ? org.name : org.nameEn ?? org.name,
      region: org.region,
      country: org.country,
      foundedYear: org.foundedYear,
      employeesBand: org.employeesBand,
      certifications: org.certifications.map((c) => c.code),
      verified: org.verification === "verified",
    },
    attachments: listing.attachments
      .filter((a) => canSee(tier, a.tier))
      .map((a) => ({ id: a.id, fileName: a.fileName, sizeBytes: a.sizeBytes, mimeType: a.mimeType, tier: a.tier })),
    lockedAttachments: listing.attachments.filter((a) => !canSee(tier, a.tier)).length,
  };
}

/**
 * Counts a view: one statement (insert the view, bump the counter), so it needs no transaction
 * slot from the pool. A page must not fail because its view could not be counted (under
 * overload, say): a failure is logged and the page is served.
 */
export async function recordListingView(listingId: string, viewer: SessionUser | null) {
  try {
    await sql.query(
      `WITH viewed AS (
         INSERT INTO "ListingView" (id, "listingId", "viewerOrgId", "viewerCountry") VALUES ($1, $2, $3, $4)
       )
       UPDATE "Listing" SET "viewCount" = "viewCount" + 1 WHERE id = $2`,
      [randomUUID(), listingId, viewer?.organisationId ?? null, viewer?.organisation?.country ?? null],
    );
  } catch (error) {
    console.error(`listing view of ${listingId} not counted:`, (error as Error).message);
  }
}
