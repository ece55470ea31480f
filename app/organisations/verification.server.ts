/**
 * Operators verify buyer companies: only verified buyers see the registered tier of a
 * listing (and, later, may request NDAs). Every decision is audited.
 */
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";

export async function listBuyersAwaitingVerification() {
  return prisma.organisation.findMany({
    where: { kind: "buyer", verification: { in: ["unverified", "pending"] } },
    orderBy: { createdAt: "asc" },
    take: 100,
    select: { id: true, name: true, nameEn: true, country: true, industry: true, website: true, createdAt: true, _count: { select: { members: true } } },
  });
}

export async function decideBuyerVerification(admin: SessionUser, organisationId: string, decision: "verified" | "rejected") {
  if (admin.role !== "admin") throw new UserError(403, "common:errors.forbidden");
  const org = await prisma.organisation.findUnique({ where: { id: organisationId } });
  if (!org || org.kind !== "buyer") throw new UserError(404, "common:errors.notFound");
  await prisma.$transaction(async (tx) => {
    await tx.organisation.update({
      where: { id: organisationId },
      data: { verification: decision, verifiedAt: decision === "verified" ? new Date() : null, verifiedById: admin.id },
    });
    await audit(tx, admin.id, `organisation.${decision === "verified" ? "verify" : "reject"}`, "Organisation", organisationId);
  });
}
