/**
 * Patents and valuations of a listing. Sellers record them (valuations as "declared");
 * a valuation becomes *verified* only when an operator confirms its certificate or a
 * completed valuation session on the platform records it (consulting capability).
 */
import { z } from "zod";
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { CURRENCIES, PATENT_JURISDICTIONS, PATENT_STATUSES, VALUATION_METHODS } from "~/domain/taxonomy";
import { UserError } from "~/lib/http.server";
import { toMinor } from "~/lib/money";
import { enqueueListingChanged } from "~/listings/sync.server";

const isoDate = z
  .string({ required_error: "validation:required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation:date")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "validation:date");
const optionalDate = z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional());
const amount = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/[,\s_]/g, "") : v),
  z.coerce.number({ invalid_type_error: "validation:number", required_error: "validation:required" }).nonnegative("validation:nonNegative").max(1e13, "validation:tooLarge"),
);

export const patentSchema = z
  .object({
    number: z.string({ required_error: "validation:required" }).trim().min(3, "validation:required").max(40, "validation:tooLong"),
    jurisdiction: z.enum(PATENT_JURISDICTIONS, { message: "validation:invalidChoice" }),
    status: z.enum(PATENT_STATUSES, { message: "validation:invalidChoice" }),
    title: z.string({ required_error: "validation:required" }).trim().min(1, "validation:required").max(300, "validation:tooLong"),
    filedOn: optionalDate,
    expiresOn: optionalDate,
  })
  .refine((p) => !p.filedOn || !p.expiresOn || p.expiresOn > p.filedOn, { path: ["expiresOn"], message: "validation:dateOrder" });

export const valuationSchema = z
  .object({
    method: z.enum(VALUATION_METHODS, { message: "validation:invalidChoice" }),
    currency: z.enum(CURRENCIES, { message: "validation:invalidChoice" }),
    low: amount,
    high: amount,
    valuedOn: isoDate,
    validUntil: isoDate,
    issuerName: z.string({ required_error: "validation:required" }).trim().min(2, "validation:required").max(200, "validation:tooLong"),
    certificateRef: z.string().trim().max(100, "validation:tooLong").optional(),
  })
  .refine((v) => v.high >= v.low, { path: ["high"], message: "validation:rangeInverted" })
  .refine((v) => v.validUntil >= v.valuedOn, { path: ["validUntil"], message: "validation:dateOrder" });

async function ownedListing(user: SessionUser, listingId: string) {
  const listing = await prisma.listing.findUnique({ where: { id: listingId } });
  if (!listing) throw new UserError(404, "common:errors.notFound");
  if (user.role !== "sme" || user.organisationId !== listing.organisationId) throw new UserError(403, "common:errors.forbidden");
  if (listing.status === "in_review" || listing.status === "archived") throw new UserError(409, "workspace:errors.notEditable");
  return listing;
}

const day = (s: string) => new Date(`${s}T00:00:00Z`);

export async function addPatent(user: SessionUser, listingId: string, input: z.infer<typeof patentSchema>) {
  await ownedListing(user, listingId);
  try {
    await prisma.$transaction(async (tx) => {
      const patent = await tx.patent.create({
        data: { listingId, number: input.number, jurisdiction: input.jurisdiction, status: input.status, title: input.title, filedOn: input.filedOn ? day(input.filedOn) : null, expiresOn: input.expiresOn ? day(input.expiresOn) : null },
      });
      await audit(tx, user.id, "patent.add", "Listing", listingId, { patentId: patent.id });
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new UserError(409, "workspace:patents.duplicate");
    throw error;
  }
}

export async function removePatent(user: SessionUser, listingId: string, patentId: string) {
  await ownedListing(user, listingId);
  await prisma.$transaction(async (tx) => {
    const res = await tx.patent.deleteMany({ where: { id: patentId, listingId } });
    if (res.count !== 1) throw new UserError(404, "common:errors.notFound");
    await audit(tx, user.id, "patent.remove", "Listing", listingId, { patentId });
  });
}

export async function declareValuation(user: SessionUser, listingId: string, input: z.infer<typeof valuationSchema>) {
  const listing = await ownedListing(user, listingId);
  await prisma.$transaction(async (tx) => {
    const valuation = await tx.valuation.create({
      data: {
        listingId,
        method: input.method,
        currency: input.currency,
        lowMinor: BigInt(toMinor(input.low, input.currency)),
        highMinor: BigInt(toMinor(input.high, input.currency)),
        valuedOn: day(input.valuedOn),
        validUntil: day(input.validUntil),
        issuerName: input.issuerName,
        certificateRef: input.certificateRef || null,
        source: "declared",
      },
    });
    await audit(tx, user.id, "valuation.declare", "Listing", listingId, { valuationId: valuation.id });
    if (listing.status === "published") await enqueueListingChanged(tx, listingId);
  });
}

export async function confirmValuationCertificate(admin: SessionUser, valuationId: string) {
  if (admin.role !== "admin") throw new UserError(403, "common:errors.forbidden");
  const valuation = await prisma.valuation.findUnique({ where: { id: valuationId } });
  if (!valuation) throw new UserError(404, "common:errors.notFound");
  if (!valuation.certificateRef) throw new UserError(422, "admin:valuations.noCertificate");
  await prisma.$transaction(async (tx) => {
    await tx.valuation.update({ where: { id: valuationId }, data: { source: "admin_confirmed", verifiedAt: new Date(), verifiedById: admin.id } });
    await enqueueListingChanged(tx, valuation.listingId);
    await audit(tx, admin.id, "valuation.confirm", "Listing", valuation.listingId, { valuationId });
  });
}

export async function listUnconfirmedValuations() {
  return prisma.valuation.findMany({
    where: { source: "declared", certificateRef: { not: null }, validUntil: { gte: new Date() }, listing: { status: { in: ["published", "in_review"] } } },
    orderBy: { createdAt: "asc" },
    take: 50,
    include: { listing: { select: { slug: true, organisation: { select: { name: true } }, translations: { select: { locale: true, title: true, summary: true } } } } },
  });
}
