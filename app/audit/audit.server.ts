/** The audit log: who did what to which record, written inside the change's transaction. */
import type { Prisma } from "~/generated/prisma/client";

export async function audit(
  tx: Pick<Prisma.TransactionClient, "auditLog">,
  actorId: string | null,
  action: string,
  entityType: string,
  entityId: string,
  data: Prisma.InputJsonValue = {},
  ipAddress?: string | null,
  /** When it happened, if not now (a caller with its own clock: imports, the demo seed, tests). */
  at?: Date,
) {
  await tx.auditLog.create({ data: { actorId, action, entityType, entityId, data, ipAddress: ipAddress ?? null, ...(at ? { createdAt: at } : {}) } });
}
