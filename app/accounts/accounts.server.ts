/**
 * Accounts: sign-up (an organisation of the chosen kind and its first member), login,
 * password reset by e-mailed link. Tokens are stored only as hashes; a reset revokes every
 * session of the user.
 */
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "~/db.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { revokeOtherSessions } from "~/auth/session.server";
import { queueEmail } from "~/email/email.server";
import { env } from "~/env.server";
import type { OrganisationKind, UserRole } from "~/generated/prisma/client";
import { makeSlug } from "~/lib/slug";
import type { SignupInput } from "./schemas";

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

const ORGANISATION_KIND: Record<SignupInput["role"], OrganisationKind> = {
  sme: "sme",
  buyer: "buyer",
  consultant: "consultancy",
};

export class EmailTakenError extends Error {}

export async function signUp(input: SignupInput & { locale: string; timeZone: string }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const organisation = await tx.organisation.create({
        data: {
          kind: ORGANISATION_KIND[input.role],
          slug: makeSlug(input.organisationName),
          name: input.organisationName,
          country: input.country,
        },
      });
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role as UserRole,
          locale: input.locale,
          timeZone: input.timeZone,
          organisationId: organisation.id,
          password: { create: { hash: passwordHash } },
        },
      });
      if (input.role === "consultant") {
        await tx.consultantProfile.create({
          data: {
            userId: user.id,
            organisationId: organisation.id,
            slug: makeSlug(input.name),
            timeZone: input.timeZone,
            languages: [input.locale],
            published: false,
          },
        });
      }
      await queueEmail(tx, {
        to: user.email,
        locale: user.locale,
        template: "welcome",
        params: { name: user.name, url: `${env().appUrl}/workspace` },
      });
      return user;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new EmailTakenError();
    throw error;
  }
}

// Verifying against a fixed hash when the user is unknown keeps response times alike,
// so login timing does not reveal which e-mail addresses have accounts.
let dummyHash: Promise<string> | undefined;

export async function authenticate(email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email }, include: { password: true } });
  if (!user?.password || user.disabledAt) {
    dummyHash ??= hashPassword("dummy-password-for-timing");
    await verifyPassword(password, await dummyHash);
    return null;
  }
  return (await verifyPassword(password, user.password.hash)) ? user : null;
}

function tokenHash(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Always succeeds from the caller's point of view, so it cannot be used to probe e-mails. */
export async function requestPasswordReset(email: string) {
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user || user.disabledAt) return;
  const token = randomBytes(32).toString("base64url");
  await prisma.$transaction(async (tx) => {
    await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: tokenHash(token), expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS) },
    });
    await queueEmail(tx, {
      to: user.email,
      locale: user.locale,
      template: "passwordReset",
      params: { name: user.name, url: `${env().appUrl}/reset-password/${token}` },
    });
  });
}

export async function findValidResetToken(token: string) {
  const row = await prisma.passwordResetToken.findUnique({ where: { tokenHash: tokenHash(token) } });
  if (!row || row.usedAt || row.expiresAt <= new Date()) return null;
  return row;
}

export async function resetPassword(token: string, password: string): Promise<boolean> {
  const row = await findValidResetToken(token);
  if (!row) return false;
  const hash = await hashPassword(password);
  const used = await prisma.$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) return false;
    await tx.password.upsert({ where: { userId: row.userId }, create: { userId: row.userId, hash }, update: { hash } });
    return true;
  });
  if (used) await revokeOtherSessions(row.userId);
  return used;
}
