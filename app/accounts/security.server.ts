/**
 * Account security: changing the password and managing the signed-in devices.
 *
 * A password change needs the current password, signs out every other session of the user,
 * gives the current browser a new session id and tells the owner by e-mail (through the
 * outbox, in the same transaction as the change).
 */
import { createHash } from "node:crypto";
import { audit } from "~/audit/audit.server";
import { queueEmail } from "~/email/email.server";
import { env } from "~/env.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { prisma } from "~/db.server";

export type ChangePasswordResult = { ok: true; signedOut: number } | { ok: false; reason: "currentWrong" };

export async function changePassword(userId: string, currentSessionId: string, current: string, next: string): Promise<ChangePasswordResult> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { password: true } });
  if (!user.password || !(await verifyPassword(current, user.password.hash))) return { ok: false, reason: "currentWrong" };
  const hash = await hashPassword(next);
  const signedOut = await prisma.$transaction(async (tx) => {
    // Guarded on the hash that was verified: two changes racing cannot both win.
    const changed = await tx.password.updateMany({ where: { userId, hash: user.password!.hash }, data: { hash } });
    if (changed.count !== 1) return null;
    const revoked = await tx.session.deleteMany({ where: { userId, id: { not: currentSessionId } } });
    await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    await audit(tx, userId, "account.password_changed", "User", userId, { signedOut: revoked.count });
    await queueEmail(tx, {
      to: user.email,
      locale: user.locale,
      template: "passwordChanged",
      params: { name: user.name, url: `${env().appUrl}/forgot-password` },
    });
    return revoked.count;
  });
  if (signedOut === null) return { ok: false, reason: "currentWrong" };
  return { ok: true, signedOut };
}

/**
 * Pages never carry a session id (it is the bearer secret the httpOnly cookie protects);
 * devices are addressed by a one-way handle of it instead.
 */
export function sessionHandle(sessionId: string) {
  return createHash("sha256").update(sessionId).digest("base64url").slice(0, 22);
}

export type DeviceSession = { handle: string; current: boolean; createdAt: Date; expiresAt: Date; ipAddress: string | null; userAgent: string | null };

export async function listSessions(userId: string, currentSessionId: string): Promise<DeviceSession[]> {
  const rows = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true, ipAddress: true, userAgent: true },
  });
  return rows.map(({ id, ...r }) => ({ ...r, handle: sessionHandle(id), current: id === currentSessionId }));
}

/** Signs out one other device of the same user; someone else's session id changes nothing. */
export async function revokeSession(userId: string, currentSessionId: string, handle: string) {
  const sessions = await prisma.session.findMany({ where: { userId, id: { not: currentSessionId } }, select: { id: true } });
  const target = sessions.find((s) => sessionHandle(s.id) === handle);
  if (!target) return 0;
  const { count } = await prisma.session.deleteMany({ where: { id: target.id, userId } });
  if (count) await audit(prisma, userId, "account.session_revoked", "User", userId);
  return count;
}

export async function revokeOtherDevices(userId: string, currentSessionId: string) {
  const { count } = await prisma.session.deleteMany({ where: { userId, id: { not: currentSessionId } } });
  if (count) await audit(prisma, userId, "account.sessions_revoked", "User", userId, { signedOut: count });
  return count;
}
