import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { viewerTier } from "~/listings/disclosure.server";
import { decideBuyerVerification, listBuyersAwaitingVerification } from "~/organisations/verification.server";
import { createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { sessionUser } from "@tests/helpers/session-user";

setupTestDatabase();

describe("buyer verification", () => {
  it("lets an operator verify a buyer company, which opens the registered tier to its members", async () => {
    const admin = await sessionUser((await createUser(prisma, { role: "admin" })).id);
    const buyerUser = await createUser(prisma, { role: "buyer", organisation: { country: "DE" } });
    const seller = await createUser(prisma, { role: "sme" });
    const listing = await createListing(prisma, { organisationId: seller.organisationId!, status: "published" });
    expect((await listBuyersAwaitingVerification()).map((o) => o.id)).toContain(buyerUser.organisationId);
    expect(await viewerTier(await sessionUser(buyerUser.id), listing)).toBe("public");

    await expect(decideBuyerVerification(await sessionUser(seller.id), buyerUser.organisationId!, "verified")).rejects.toMatchObject({ status: 403 });
    await expect(decideBuyerVerification(admin, seller.organisationId!, "verified")).rejects.toMatchObject({ status: 404 });
    await decideBuyerVerification(admin, buyerUser.organisationId!, "verified");
    expect(await viewerTier(await sessionUser(buyerUser.id), listing)).toBe("registered");
    expect((await listBuyersAwaitingVerification()).map((o) => o.id)).not.toContain(buyerUser.organisationId);
    expect(await prisma.auditLog.count({ where: { action: "organisation.verify", entityId: buyerUser.organisationId! } })).toBe(1);
  });
});
