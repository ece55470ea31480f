import { describe, expect, it } from "vitest";
import { authenticate, EmailTakenError, requestPasswordReset, resetPassword, signUp } from "~/accounts/accounts.server";
import { signupSchema } from "~/accounts/schemas";
import { prisma } from "~/db.server";
import { deliverQueuedEmail, type QueuedEmail } from "~/email/email.server";
import { drainAll, type OutboxRow } from "~/jobs/outbox.server";
import { setupTestDatabase } from "@tests/helpers/database";

setupTestDatabase();

const base = { name: "Kim Jihoon", organisationName: "Hanbit Energy", country: "KR", password: "correct horse battery", locale: "ko", timeZone: "Asia/Seoul" } as const;

async function deliverMail() {
  await drainAll({ "email.send": ((p: QueuedEmail, row: OutboxRow) => deliverQueuedEmail(p, row)) as never });
}

describe("sign-up", () => {
  it("creates the organisation of the chosen kind and its first member", async () => {
    const user = await signUp({ ...base, role: "sme", email: "jihoon@hanbit.example" });
    const org = await prisma.organisation.findUniqueOrThrow({ where: { id: user.organisationId! } });
    expect(org).toMatchObject({ kind: "sme", name: "Hanbit Energy", country: "KR", verification: "unverified" });
    expect(user).toMatchObject({ role: "sme", locale: "ko", timeZone: "Asia/Seoul" });
    const password = await prisma.password.findUniqueOrThrow({ where: { userId: user.id } });
    expect(password.hash).toMatch(/^\$argon2id\$/);
  });

  it("gives a consultant an unpublished consultant profile", async () => {
    const user = await signUp({ ...base, role: "consultant", email: "consultant@valuation.example", locale: "en" });
    const profile = await prisma.consultantProfile.findUniqueOrThrow({ where: { userId: user.id } });
    expect(profile.published).toBe(false);
    const org = await prisma.organisation.findUniqueOrThrow({ where: { id: user.organisationId! } });
    expect(org.kind).toBe("consultancy");
  });

  it("refuses a second account with the same e-mail, whatever its case", async () => {
    await signUp({ ...base, role: "buyer", email: "buyer@acme.example", country: "US" });
    const again = signupSchema.parse({ ...base, role: "buyer", email: "  BUYER@Acme.example ", country: "us" });
    await expect(signUp({ ...again, locale: "en", timeZone: "UTC" })).rejects.toBeInstanceOf(EmailTakenError);
    expect(await prisma.organisation.count({ where: { name: base.organisationName, country: "US" } })).toBe(1);
  });

  it("validates input with translatable messages", () => {
    const result = signupSchema.safeParse({ role: "pirate", name: "", organisationName: "x", country: "Korea", email: "nope", password: "short" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toMatchObject({
      role: "validation:invalidChoice",
      name: "validation:required",
      country: "validation:country",
      email: "validation:email",
      password: "validation:passwordTooShort",
    });
  });
});

describe("login", () => {
  it("accepts the right password and refuses a wrong one or an unknown e-mail", async () => {
    await signUp({ ...base, role: "sme", email: "login@hanbit.example" });
    expect(await authenticate("login@hanbit.example", base.password)).not.toBeNull();
    expect(await authenticate("login@hanbit.example", "wrong password!")).toBeNull();
    expect(await authenticate("nobody@hanbit.example", base.password)).toBeNull();
  });
});

describe("password reset", () => {
  it("e-mails a one-time link in the user's language that sets a new password and revokes sessions", async () => {
    const user = await signUp({ ...base, role: "sme", email: "reset@hanbit.example" });
    await prisma.session.create({ data: { id: "old-session", userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) } });
    await requestPasswordReset("reset@hanbit.example");
    await deliverMail();
    const mail = await prisma.emailMessage.findFirstOrThrow({ where: { to: "reset@hanbit.example", text: { contains: "/reset-password/" } } });
    expect(mail.locale).toBe("ko");
    const token = /\/reset-password\/([\w-]+)/.exec(mail.text)![1]!;

    expect(await resetPassword(token, "a brand new password")).toBe(true);
    expect(await authenticate("reset@hanbit.example", "a brand new password")).not.toBeNull();
    expect(await authenticate("reset@hanbit.example", base.password)).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    // The link works once.
    expect(await resetPassword(token, "yet another password")).toBe(false);
  });

  it("does nothing visible for an unknown e-mail and refuses expired tokens", async () => {
    await requestPasswordReset("ghost@nowhere.example");
    expect(await prisma.outboxMessage.count({ where: { payload: { path: ["to"], equals: "ghost@nowhere.example" } } })).toBe(0);
    expect(await resetPassword("not-a-real-token", "whatever password")).toBe(false);
  });
});
