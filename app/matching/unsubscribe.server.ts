/**
 * Unsubscribe links: a token naming a user and what to stop (strong-match alerts, the
 * weekly digest, or one saved search's alerts), signed with HMAC-SHA256 under the session
 * secret, so the link works without signing in and cannot be forged or altered.
 *
 * Preferences: User.matchAlertsOffAt / User.matchDigestOffAt (null = on); a saved search's
 * alerts use SavedSearch.alertsEnabled.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { prisma } from "~/db.server";
import { env } from "~/env.server";
import type { Prisma } from "~/generated/prisma/client";

export type UnsubscribeScope = "matches" | "digest" | "search";
export interface UnsubscribeClaim {
  userId: string;
  scope: UnsubscribeScope;
  /** the saved search, for scope "search" */
  savedSearchId?: string;
}

const SCOPES: readonly UnsubscribeScope[] = ["matches", "digest", "search"];

function sign(payload: string, secret: string) {
  return createHmac("sha256", secret).update(`unsubscribe:${payload}`).digest("base64url");
}

export function unsubscribeToken(claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify([claim.userId, claim.scope, claim.savedSearchId ?? ""])).toString("base64url");
  return `${payload}.${sign(payload, env().sessionSecrets[0]!)}`;
}

export function unsubscribeUrl(claim: UnsubscribeClaim): string {
  return `${env().appUrl}/alerts/unsubscribe/${unsubscribeToken(claim)}`;
}

/** The claim of a genuine token, or null for anything altered, truncated or signed with another secret. */
export function verifyUnsubscribeToken(token: string): UnsubscribeClaim | null {
  const dot = token.indexOf(".");
  if (dot <= 0 || token.length > 1000) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  // Every configured secret verifies, so rotating SESSION_SECRET keeps old links working.
  const genuine = env().sessionSecrets.some((secret) => {
    const expected = Buffer.from(sign(payload, secret), "base64url");
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!genuine) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [userId, scope, savedSearchId] = parsed as unknown[];
    if (typeof userId !== "string" || !userId || !SCOPES.includes(scope as UnsubscribeScope) || typeof savedSearchId !== "string") return null;
    if (scope === "search" && !savedSearchId) return null;
    return { userId, scope: scope as UnsubscribeScope, ...(scope === "search" ? { savedSearchId } : {}) };
  } catch {
    return null;
  }
}

type Db = Pick<Prisma.TransactionClient, "user">;

/** Users (of `userIds`) who turned off `scope`. */
export async function optedOut(db: Db, userIds: string[], scope: "matches" | "digest"): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const off = scope === "matches" ? { matchAlertsOffAt: { not: null } } : { matchDigestOffAt: { not: null } };
  const rows = await db.user.findMany({ where: { id: { in: userIds }, ...off }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

export async function setOptOut(userId: string, scope: "matches" | "digest", off: boolean, now = new Date()) {
  const column = scope === "matches" ? "matchAlertsOffAt" : "matchDigestOffAt";
  // Keep the first opt-out time; turning back on clears it.
  await prisma.user.updateMany({ where: { id: userId, ...(off ? { [column]: null } : {}) }, data: { [column]: off ? now : null } });
}

/** Applies a verified claim. Returns false when its user or saved search no longer exists. */
export async function applyUnsubscribe(claim: UnsubscribeClaim): Promise<boolean> {
  if (!(await prisma.user.findUnique({ where: { id: claim.userId }, select: { id: true } }))) return false;
  if (claim.scope === "search") {
    const result = await prisma.savedSearch.updateMany({ where: { id: claim.savedSearchId, userId: claim.userId }, data: { alertsEnabled: false } });
    return result.count === 1;
  }
  await setOptOut(claim.userId, claim.scope, true);
  return true;
}
