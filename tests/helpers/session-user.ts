/** Loads a user the way the session module does, for calling capability modules directly. */
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";

export async function sessionUser(userId: string): Promise<SessionUser> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    include: { organisation: { select: { id: true, name: true, kind: true, verification: true, country: true } } },
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    timeZone: user.timeZone,
    organisationId: user.organisationId,
    organisation: user.organisation,
    sessionId: "test",
  };
}
