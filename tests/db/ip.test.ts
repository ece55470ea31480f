import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";
import { addPatent, confirmValuationCertificate, declareValuation, patentSchema, removePatent, valuationSchema } from "~/listings/ip.server";
import { getListingPageData } from "~/listings/view.server";
import { createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { sessionUser } from "@tests/helpers/session-user";

setupTestDatabase();

describe("patents and valuations", () => {
  it("records patents and a declared valuation that only an operator can verify", async () => {
    const owner = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const admin = await sessionUser((await createUser(prisma, { role: "admin" })).id);
    const listing = await createListing(prisma, { organisationId: owner.organisationId!, status: "published" });
    await addPatent(owner, listing.id, patentSchema.parse({ number: "10-2345678", jurisdiction: "KR", status: "registered", title: "Coating method", filedOn: "2019-03-14", expiresOn: "2039-03-14" }));
    await expect(addPatent(owner, listing.id, patentSchema.parse({ number: "10-2345678", jurisdiction: "KR", status: "registered", title: "Again" }))).rejects.toMatchObject({ status: 409 });
    await declareValuation(owner, listing.id, valuationSchema.parse({ method: "income", currency: "KRW", low: "800,000,000", high: "1,200,000,000", valuedOn: "2026-09-01", validUntil: "2027-08-31", issuerName: "KOTEC", certificateRef: "KOTEC-2026-0412" }));
    let page = await getListingPageData(listing.slug, null, "en");
    expect(page?.patents).toHaveLength(1);
    expect(page?.valuation).toMatchObject({ low: 800_000_000, high: 1_200_000_000, currency: "KRW", verified: false, expired: false });

    const valuation = await prisma.valuation.findFirstOrThrow({ where: { listingId: listing.id } });
    await expect(confirmValuationCertificate(owner, valuation.id)).rejects.toMatchObject({ status: 403 });
    await confirmValuationCertificate(admin, valuation.id);
    page = await getListingPageData(listing.slug, null, "en");
    expect(page?.valuation?.verified).toBe(true);

    const patent = await prisma.patent.findFirstOrThrow({ where: { listingId: listing.id } });
    const stranger = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    await expect(removePatent(stranger, listing.id, patent.id)).rejects.toBeInstanceOf(UserError);
    await removePatent(owner, listing.id, patent.id);
    expect(await prisma.patent.count({ where: { listingId: listing.id } })).toBe(0);
  });

  it("shows an expired valuation as expired", async () => {
    const owner = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const listing = await createListing(prisma, { organisationId: owner.organisationId!, status: "published" });
    await declareValuation(owner, listing.id, valuationSchema.parse({ method: "cost", currency: "USD", low: "100000", high: "150000", valuedOn: "2023-01-01", validUntil: "2024-01-01", issuerName: "KIAT" }));
    expect((await getListingPageData(listing.slug, null, "en"))?.valuation).toMatchObject({ expired: true, low: 10_000_000 });
  });

  it("refuses inverted ranges, bad dates and unknown codes with translation keys", () => {
    const v = valuationSchema.safeParse({ method: "astrology", currency: "EUR", low: "-1", high: "x", valuedOn: "2026-13-45", validUntil: "yesterday", issuerName: "" });
    expect(v.success).toBe(false);
    const messages = Object.fromEntries(v.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toMatchObject({ method: "validation:invalidChoice", currency: "validation:invalidChoice", low: "validation:nonNegative", high: "validation:number", valuedOn: "validation:date", validUntil: "validation:date", issuerName: "validation:required" });
    const p = patentSchema.safeParse({ number: "1", jurisdiction: "XX", status: "granted", title: "", filedOn: "2030-01-01", expiresOn: "2020-01-01" });
    expect(p.success).toBe(false);
  });
});
