/**
 * Sessions: the cookie carries only a random session id; the session is a database row with
 * an expiry, so logging out or changing a password revokes it everywhere.
 */
import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { prisma } from "~/db.server";
import { env } from "~/env.server";
import type { UserRole } from "~/generated/prisma/client";
import { setProfileLocaleLookup } from "~/i18n/i18n.server";
import { clientIp, safeRedirect } from "~/lib/http.server";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

function sessionCookie() {
  const e = env();
  return createCookie("tb_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: e.NODE_ENV === "production" && e.appUrl.startsWith("https:"),
    secrets: e.sessionSecrets,
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  locale: string;
  timeZone: string;
  organisationId: string | null;
  organisation: { id: string; name: string; kind: string; verification: string; country: string } | null;
  sessionId: string;
};

export const sessionUserInclude = { organisation: { select: { id: true, name: true, kind: true, verification: true, country: true } } } as const;

export function toSessionUser(
  user: { id: string; email: string; name: string; role: UserRole; locale: string; timeZone: string; organisationId: string | null; organisation: SessionUser["organisation"] },
  sessionId: string,
): SessionUser {
  const { id, email, name, role, locale, timeZone, organisationId, organisation } = user;
  return { id, email, name, role, locale, timeZone, organisationId, organisation, sessionId };
}

const userCache = new WeakMap<Request, Promise<SessionUser | null>>();

async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function getSessionUser(request: Request): Promise<SessionUser | null> {
  let found = userCache.get(request);
  if (!found) {
    found = (async () => {
      const sessionId = await readSessionId(request);
      if (!sessionId) return null;
      const session = await prisma.session.findUnique({
        where: { id: sessionId },
        include: { user: { include: sessionUserInclude } },
      });
      if (!session || session.expiresAt <= new Date() || session.user.disabledAt) return null;
      return toSessionUser(session.user, session.id);
    })();
    userCache.set(request, found);
  }
  return found;
}

setProfileLocaleLookup(async (request) => (await getSessionUser(request))?.locale ?? null);

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

export async function requireRole(request: Request, roles: readonly UserRole[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("common:errors.forbidden", { status: 403 });
  return user;
}

export async function requireAnonymous(request: Request) {
  if (await getSessionUser(request)) throw redirect("/");
}

/** A fresh random session row for this browser, replacing `old` (if any) in the same transaction. */
async function replaceSession(request: Request, userId: string, old: { id: string; userId?: string } | null) {
  const id = randomBytes(32).toString("base64url");
  await prisma.$transaction([
    ...(old ? [prisma.session.deleteMany({ where: old })] : []),
    prisma.session.create({
      data: {
        id,
        userId,
        expiresAt: new Date(Date.now() + SESSION_TTL_MS),
        ipAddress: clientIp(request),
        userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
      },
    }),
  ]);
  return id;
}

/** A new session id on every login, so a planted id can never be promoted (fixation). */
export async function createUserSession(request: Request, userId: string, redirectTo: string) {
  const oldId = await readSessionId(request);
  const id = await replaceSession(request, userId, oldId ? { id: oldId } : null);
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await sessionCookie().serialize(id) },
  });
}

/**
 * Gives the current browser a new session id (after a password change), keeping it signed in.
 * Returns the Set-Cookie value for the response.
 */
export async function rotateSession(request: Request, userId: string, oldId: string) {
  return sessionCookie().serialize(await replaceSession(request, userId, { id: oldId, userId }));
}

export async function logout(request: Request, redirectTo = "/") {
  const id = await readSessionId(request);
  if (id) await prisma.session.deleteMany({ where: { id } });
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) },
  });
}

export async function revokeOtherSessions(userId: string, keepSessionId?: string) {
  await prisma.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
}
