import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { DEMO_ACCOUNTS, seedDemoData } from "../../prisma/seed.server";
import { setupTestDatabase } from "@tests/helpers/database";

setupTestDatabase();

describe("demo seed", () => {
  it("gives the demo SME one export voucher, also when seeding again", async () => {
    await seedDemoData(() => {});
    await seedDemoData(() => {});
    const sme = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.sme } });
    const vouchers = await prisma.exportVoucher.findMany({ where: { organisationId: sme.organisationId! } });
    expect(vouchers).toHaveLength(1);
    expect(vouchers[0]).toMatchObject({ coveragePercent: 70, balanceMinor: 3_000_000n, currency: "KRW" });
  });
});
