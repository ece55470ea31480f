import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { viewSeries } from "~/listings/analytics.server";
import { recordListingView } from "~/listings/view.server";
import { createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";

setupTestDatabase();

describe("listing views over time", () => {
  it("counts views per UTC day, oldest first, with empty days as zero", async () => {
    const owner = await createUser(prisma, { role: "sme" });
    const listing = await createListing(prisma, { organisationId: owner.organisationId!, status: "published" });
    const now = new Date();
    await recordListingView(listing.id, null);
    await recordListingView(listing.id, null);
    await prisma.listingView.create({ data: { listingId: listing.id, createdAt: new Date(now.getTime() - 2 * 86_400_000) } });
    await prisma.listingView.create({ data: { listingId: listing.id, createdAt: new Date(now.getTime() - 40 * 86_400_000) } });
    const series = (await viewSeries([listing.id], 30, now))[listing.id]!;
    expect(series).toHaveLength(30);
    expect(series[29]).toBe(2);
    expect(series[27]).toBe(1);
    expect(series.reduce((a, b) => a + b, 0)).toBe(3);
    expect((await prisma.listing.findUniqueOrThrow({ where: { id: listing.id } })).viewCount).toBe(2);
  });
});
