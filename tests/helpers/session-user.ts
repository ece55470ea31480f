/** Loads a user the way the session module does, for calling capability modules directly. */
import { sessionUserInclude, toSessionUser, type SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";

export async function sessionUser(userId: string): Promise<SessionUser> {
  return toSessionUser(await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: sessionUserInclude }), "test");
}
