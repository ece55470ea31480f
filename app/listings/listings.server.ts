/**
 * Technology listings: drafting, the review lifecycle (draft → in review → published →
 * expired | archived), and reading a listing at the tier the viewer may see.
 * Every state change is audited and queues the search sync in the same transaction.
 */
import { prisma } from "~/db.server";
import { queueEmail } from "~/email/email.server";
import { env } from "~/env.server";
import type { ListingStatus, Prisma } from "~/generated/prisma/client";
import { UserError } from "~/lib/http.server";
import { toMinor } from "~/lib/money";
import { makeSlug } from "~/lib/slug";
import { LOCALES, type Locale } from "~/domain/taxonomy";
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { missingForSubmission, TEXT_FIELDS, type ListingFormInput } from "./schemas";
import { needsScreening } from "./screening.server";
import { enqueueListingChanged } from "~/listings/sync.server";

export const PUBLICATION_MONTHS = 12;

type Tx = Prisma.TransactionClient;

export const listingInclude = {
  translations: true,
  patents: { orderBy: { filedOn: "asc" } },
  valuations: { orderBy: { valuedOn: "desc" } },
  attachments: true,
  organisation: { include: { certifications: true } },
} satisfies Prisma.ListingInclude;
export type ListingWithDetails = Prisma.ListingGetPayload<{ include: typeof listingInclude }>;

function scalarData(input: ListingFormInput) {
  const currency = input.askingCurrency;
  return {
    field: input.field,
    trl: input.trl,
    ipcCodes: input.ipcCodes.map((c) => c.toUpperCase()),
    keywords: input.keywords,
    transferModes: input.transferModes,
    targetRegions: input.targetRegions,
    consultingNeeds: input.consultingNeeds,
    workingLanguages: input.workingLanguages,
    willTravel: input.willTravel,
    askingCurrency: input.askingMin !== undefined || input.askingMax !== undefined ? currency : null,
    askingMinMinor: input.askingMin !== undefined ? BigInt(toMinor(input.askingMin, currency)) : null,
    askingMaxMinor: input.askingMax !== undefined ? BigInt(toMinor(input.askingMax, currency)) : null,
  };
}

async function writeTranslations(tx: Tx, listingId: string, input: ListingFormInput) {
  for (const locale of LOCALES) {
    const text = input.texts[locale];
    const hasContent = text && TEXT_FIELDS.some((f) => text[f]);
    if (!hasContent) {
      await tx.listingTranslation.deleteMany({ where: { listingId, locale } });
      continue;
    }
    const data = Object.fromEntries(TEXT_FIELDS.map((f) => [f, text[f] ?? ""])) as Record<(typeof TEXT_FIELDS)[number], string>;
    await tx.listingTranslation.upsert({
      where: { listingId_locale: { listingId, locale } },
      create: { listingId, locale, ...data, reviewedByHuman: true },
      update: { ...data, reviewedByHuman: true },
    });
  }
}

/** Only SMEs write listings (403 for other roles); another organisation's listing does not exist for them (404). */
function requireSellerOf(user: SessionUser, listing: { organisationId: string }) {
  if (user.role !== "sme") throw new UserError(403, "common:errors.forbidden");
  if (user.organisationId !== listing.organisationId) throw new UserError(404, "common:errors.notFound");
}

export async function createListingDraft(user: SessionUser, input: ListingFormInput) {
  if (user.role !== "sme" || !user.organisationId) throw new UserError(403, "common:errors.forbidden");
  const slugSource = input.texts.en?.title || input.texts.ko?.title || "technology";
  const organisationId = user.organisationId;
  return prisma.$transaction(async (tx) => {
    const listing = await tx.listing.create({
      data: { ...scalarData(input), slug: makeSlug(slugSource), organisationId, createdById: user.id, originalLocale: "ko" },
    });
    await writeTranslations(tx, listing.id, input);
    await audit(tx, user.id, "listing.create", "Listing", listing.id);
    return listing;
  });
}

export async function updateListingDraft(user: SessionUser, listingId: string, input: ListingFormInput) {
  const listing = await prisma.listing.findUnique({ where: { id: listingId } });
  if (!listing) throw new UserError(404, "common:errors.notFound");
  requireSellerOf(user, listing);
  if (listing.status !== "draft") throw new UserError(409, "workspace:errors.notEditable");
  return prisma.$transaction(async (tx) => {
    const updated = await tx.listing.update({ where: { id: listingId }, data: scalarData(input) });
    await writeTranslations(tx, listingId, input);
    await audit(tx, user.id, "listing.update", "Listing", listingId);
    return updated;
  });
}

/** Moves a listing to a new status only from the statuses allowed for that step. */
async function transition(tx: Tx, listingId: string, from: ListingStatus[], data: Prisma.ListingUpdateInput) {
  const result = await tx.listing.updateMany({ where: { id: listingId, status: { in: from } }, data: data as Prisma.ListingUpdateManyMutationInput });
  if (result.count !== 1) throw new UserError(409, "workspace:errors.staleState");
}

export async function submitListingForReview(user: SessionUser, listingId: string) {
  const listing = await prisma.listing.findUnique({ where: { id: listingId }, include: { translations: true } });
  if (!listing) throw new UserError(404, "common:errors.notFound");
  requireSellerOf(user, listing);
  const texts = Object.fromEntries(listing.translations.map((t) => [t.locale, t])) as ListingFormInput["texts"];
  const missing = missingForSubmission({ texts, transferModes: listing.transferModes });
  if (missing.length > 0) throw new UserError(422, "workspace:errors.incomplete", { missing });
  await prisma.$transaction(async (tx) => {
    await transition(tx, listingId, ["draft"], {
      status: "in_review",
      submittedAt: new Date(),
      reviewNote: null,
      screening: needsScreening(listing) ? (listing.screening === "cleared" ? "cleared" : "pending") : "not_required",
    });
    await audit(tx, user.id, "listing.submit", "Listing", listingId);
  });
}

export async function approveListing(admin: SessionUser, listingId: string, opts: { screening?: "cleared" | "restricted" } = {}) {
  if (admin.role !== "admin") throw new UserError(403, "common:errors.forbidden");
  const listing = await prisma.listing.findUnique({ where: { id: listingId }, include: { translations: true, createdBy: true } });
  if (!listing) throw new UserError(404, "common:errors.notFound");
  if (listing.status !== "in_review") throw new UserError(409, "workspace:errors.staleState");
  if (listing.screening === "pending" && !opts.screening) throw new UserError(422, "admin:errors.screeningRequired");
  const now = new Date();
  const expiresAt = new Date(now);
  expiresAt.setUTCMonth(expiresAt.getUTCMonth() + PUBLICATION_MONTHS);
  await prisma.$transaction(async (tx) => {
    await transition(tx, listingId, ["in_review"], {
      status: "published",
      publishedAt: listing.publishedAt ?? now,
      expiresAt,
      reviewNote: null,
      ...(listing.screening === "pending" ? { screening: opts.screening, screenedAt: now, screenedById: admin.id } : {}),
    });
    await enqueueListingChanged(tx, listingId);
    await audit(tx, admin.id, "listing.approve", "Listing", listingId, { screening: opts.screening ?? listing.screening });
    const owner = listing.createdBy;
    if (owner) {
      await queueEmail(tx, {
        to: owner.email,
        locale: owner.locale,
        template: "listingApproved",
        params: { title: titleFor(listing.translations, owner.locale as Locale).title, url: `${env().appUrl}/technologies/${listing.slug}` },
      });
    }
  });
}

export async function requestListingChanges(admin: SessionUser, listingId: string, reason: string) {
  if (admin.role !== "admin") throw new UserError(403, "common:errors.forbidden");
  const listing = await prisma.listing.findUnique({ where: { id: listingId }, include: { translations: true, createdBy: true } });
  if (!listing) throw new UserError(404, "common:errors.notFound");
  await prisma.$transaction(async (tx) => {
    await transition(tx, listingId, ["in_review"], { status: "draft", reviewNote: reason });
    await audit(tx, admin.id, "listing.request_changes", "Listing", listingId, { reason });
    const owner = listing.createdBy;
    if (owner) {
      await queueEmail(tx, {
        to: owner.email,
        locale: owner.locale,
        template: "listingChangesRequested",
        params: { title: titleFor(listing.translations, owner.locale as Locale).title, reason, url: `${env().appUrl}/workspace/listings/${listing.id}` },
      });
    }
  });
}

export async function archiveListing(user: SessionUser, listingId: string) {
  const listing = await prisma.listing.findUnique({ where: { id: listingId } });
  if (!listing) throw new UserError(404, "common:errors.notFound");
  requireSellerOf(user, listing);
  await prisma.$transaction(async (tx) => {
    await transition(tx, listingId, ["draft", "in_review", "published", "expired"], { status: "archived", archivedAt: new Date() });
    await enqueueListingChanged(tx, listingId);
    await audit(tx, user.id, "listing.archive", "Listing", listingId);
  });
}

/** The viewer's language, else English, else Korean, else whatever exists. */
export function pickTranslation<T extends { locale: string }>(translations: T[], locale: Locale): { translation: T | undefined; isFallback: boolean } {
  const order = [locale, "en", "ko", ...LOCALES];
  for (const candidate of order) {
    const found = translations.find((t) => t.locale === candidate);
    if (found) return { translation: found, isFallback: found.locale !== locale };
  }
  return { translation: undefined, isFallback: true };
}

function titleFor(translations: { locale: string; title: string }[], locale: Locale) {
  return pickTranslation(translations, locale).translation ?? { title: "" };
}

export async function listFeaturedListings(limit = 6) {
  return prisma.listing.findMany({
    where: { status: "published" },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take: limit,
    include: { translations: { select: { locale: true, title: true, summary: true } }, organisation: { select: { name: true, nameEn: true, region: true } }, valuations: { select: { id: true } } },
  });
}

export async function listOrganisationListings(organisationId: string) {
  return prisma.listing.findMany({
    where: { organisationId },
    orderBy: { updatedAt: "desc" },
    include: { translations: { select: { locale: true, title: true, summary: true } }, _count: { select: { inquiries: true, patents: true, valuations: true } } },
  });
}

export async function getListingForOwner(user: SessionUser, listingId: string) {
  const listing = await prisma.listing.findUnique({ where: { id: listingId }, include: listingInclude });
  if (!listing) throw new UserError(404, "common:errors.notFound");
  requireSellerOf(user, listing);
  return listing;
}

/**
 * Changes to a published listing: saved as one pending revision that an operator reviews;
 * the public version stays up unchanged until the revision is approved.
 */
export async function proposeListingRevision(user: SessionUser, listingId: string, input: ListingFormInput) {
  const listing = await prisma.listing.findUnique({ where: { id: listingId } });
  if (!listing) throw new UserError(404, "common:errors.notFound");
  requireSellerOf(user, listing);
  if (listing.status !== "published") throw new UserError(409, "workspace:errors.notEditable");
  const texts = input.texts;
  const missing = missingForSubmission({ texts, transferModes: input.transferModes });
  if (missing.length > 0) throw new UserError(422, "workspace:errors.incomplete", { missing });
  const payload = JSON.parse(JSON.stringify(input)) as Prisma.InputJsonValue;
  return prisma.$transaction(async (tx) => {
    await tx.listingRevision.updateMany({ where: { listingId, status: { in: ["pending", "changes_requested"] } }, data: { status: "withdrawn" } });
    const revision = await tx.listingRevision.create({ data: { listingId, payload, submittedById: user.id } });
    await audit(tx, user.id, "listing.propose_revision", "Listing", listingId, { revisionId: revision.id });
    return revision;
  });
}

export async function approveListingRevision(admin: SessionUser, revisionId: string) {
  if (admin.role !== "admin") throw new UserError(403, "common:errors.forbidden");
  const revision = await prisma.listingRevision.findUnique({ where: { id: revisionId } });
  if (!revision) throw new UserError(404, "common:errors.notFound");
  const input = revision.payload as unknown as ListingFormInput;
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.listingRevision.updateMany({ where: { id: revisionId, status: "pending" }, data: { status: "approved", reviewedById: admin.id, reviewedAt: new Date() } });
    if (claimed.count !== 1) throw new UserError(409, "workspace:errors.staleState");
    const listing = await tx.listing.findUniqueOrThrow({ where: { id: revision.listingId } });
    const data = scalarData(input);
    // A change of field or IPC can bring the listing under national-core-technology screening.
    const screening = needsScreening({ field: data.field, ipcCodes: data.ipcCodes }) && listing.screening === "not_required" ? "pending" : listing.screening;
    await tx.listing.update({ where: { id: listing.id }, data: { ...data, screening } });
    await writeTranslations(tx, listing.id, input);
    await enqueueListingChanged(tx, listing.id);
    await audit(tx, admin.id, "listing.approve_revision", "Listing", listing.id, { revisionId });
  });
}

export async function rejectListingRevision(admin: SessionUser, revisionId: string, reason: string) {
  if (admin.role !== "admin") throw new UserError(403, "common:errors.forbidden");
  const revision = await prisma.listingRevision.findUnique({ where: { id: revisionId } });
  if (!revision) throw new UserError(404, "common:errors.notFound");
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.listingRevision.updateMany({
      where: { id: revisionId, status: "pending" },
      data: { status: "changes_requested", reviewNote: reason, reviewedById: admin.id, reviewedAt: new Date() },
    });
    if (claimed.count !== 1) throw new UserError(409, "workspace:errors.staleState");
    await audit(tx, admin.id, "listing.reject_revision", "Listing", revision.listingId, { revisionId, reason });
  });
}

export async function latestOpenRevision(listingId: string) {
  return prisma.listingRevision.findFirst({ where: { listingId, status: { in: ["pending", "changes_requested"] } }, orderBy: { submittedAt: "desc" } });
}

export async function listRevisionQueue() {
  return prisma.listingRevision.findMany({
    where: { status: "pending" },
    orderBy: { submittedAt: "asc" },
    include: { listing: { include: { translations: { select: { locale: true, title: true, summary: true } }, organisation: { select: { name: true, country: true } } } } },
  });
}

export async function listReviewQueue() {
  return prisma.listing.findMany({
    where: { status: "in_review" },
    orderBy: { submittedAt: "asc" },
    include: { translations: { select: { locale: true, title: true, summary: true } }, organisation: { select: { name: true, country: true } } },
  });
}
