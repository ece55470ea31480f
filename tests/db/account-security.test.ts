/**
 * Password change and device sign-out, through the route with real session cookies:
 * a change needs the current password, revokes every other session, gives this browser a new
 * session id, burns open reset links and e-mails the owner; devices are addressed by a
 * one-way handle, never by the session id itself.
 */
import { describe, expect, it } from "vitest";
import { authenticate, signUp } from "~/accounts/accounts.server";
import { sessionHandle } from "~/accounts/security.server";
import { getSessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { action, loader } from "~/routes/account.security";
import { setupTestDatabase } from "@tests/helpers/database";
import { formBody, sessionCookieFor } from "@tests/helpers/requests";

setupTestDatabase();

const PASSWORD = "correct horse battery";

async function member(email: string) {
  return signUp({ role: "buyer", name: "Anna Weber", organisationName: "Weber GmbH", country: "DE", email, password: PASSWORD, locale: "en", timeZone: "Europe/Berlin" });
}

function post(cookie: string, body: Record<string, string>) {
  return new Request("http://localhost/account/security", { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: formBody(body) });
}

async function run(request: Request) {
  const result = await action({ request, params: {}, context: { nonce: "" } });
  // Single fetch: `data(value, init)` or a plain value.
  if (result && typeof result === "object" && "type" in result && (result as { type: string }).type === "DataWithResponseInit") {
    const withInit = result as unknown as { data: unknown; init: { headers?: Record<string, string> } | null };
    return { data: withInit.data as Record<string, unknown>, setCookie: withInit.init?.headers?.["Set-Cookie"] ?? null };
  }
  return { data: result as Record<string, unknown>, setCookie: null };
}

const asRequest = (cookie: string) => new Request("http://localhost/account/security", { headers: { Cookie: cookie } });

describe("changing the password", () => {
  it("signs out every other device, rotates this one, burns reset links and e-mails the owner", async () => {
    const user = await member("anna@weber.example");
    const here = await sessionCookieFor(user.id);
    const laptop = await sessionCookieFor(user.id);
    const phone = await sessionCookieFor(user.id);
    await prisma.passwordResetToken.create({ data: { userId: user.id, tokenHash: "open-link", expiresAt: new Date(Date.now() + 3_600_000) } });

    const { data, setCookie } = await run(post(here, { intent: "password", current: PASSWORD, password: "a brand new secret", confirm: "a brand new secret" }));
    expect(data).toMatchObject({ intent: "password", errors: {}, signedOut: 2 });
    expect(setCookie).toMatch(/^tb_session=/);

    // The other devices and this browser's old id are gone; the new cookie works.
    for (const cookie of [here, laptop, phone]) expect(await getSessionUser(asRequest(cookie))).toBeNull();
    expect((await getSessionUser(asRequest(setCookie!.split(";")[0]!)))?.id).toBe(user.id);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);

    expect(await authenticate("anna@weber.example", PASSWORD)).toBeNull();
    expect(await authenticate("anna@weber.example", "a brand new secret")).not.toBeNull();
    expect((await prisma.passwordResetToken.findFirstOrThrow({ where: { tokenHash: "open-link" } })).usedAt).not.toBeNull();

    const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: "email.send", payload: { path: ["template"], equals: "passwordChanged" } } });
    expect(mail.payload).toMatchObject({ to: "anna@weber.example" });
    expect(await prisma.auditLog.count({ where: { action: "account.password_changed", entityId: user.id } })).toBe(1);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await member("wrong@weber.example");
    const here = await sessionCookieFor(user.id);
    const other = await sessionCookieFor(user.id);
    const before = await prisma.password.findUniqueOrThrow({ where: { userId: user.id } });
    const { data, setCookie } = await run(post(here, { intent: "password", current: "not my password", password: "a brand new secret", confirm: "a brand new secret" }));
    expect(data).toMatchObject({ errors: { current: "auth:security.currentWrong" } });
    expect(setCookie).toBeNull();
    expect((await prisma.password.findUniqueOrThrow({ where: { userId: user.id } })).hash).toBe(before.hash);
    expect(await getSessionUser(asRequest(other))).not.toBeNull();
    expect(await prisma.outboxMessage.count({ where: { payload: { path: ["to"], equals: "wrong@weber.example" }, AND: { payload: { path: ["template"], equals: "passwordChanged" } } } })).toBe(0);
  });

  it("validates the new password with translated messages", async () => {
    const user = await member("validate@weber.example");
    const here = await sessionCookieFor(user.id);
    const short = await run(post(here, { intent: "password", current: PASSWORD, password: "short", confirm: "short" }));
    expect(short.data).toMatchObject({ errors: { password: "validation:passwordTooShort" } });
    // Left empty: each field says it is required (not "at least 10 characters" under the hint saying so).
    const empty = await run(post(here, { intent: "password", current: "", password: "", confirm: "" }));
    expect(empty.data).toMatchObject({ errors: { current: "validation:required", password: "validation:required", confirm: "validation:required" } });
    const same = await run(post(here, { intent: "password", current: PASSWORD, password: PASSWORD, confirm: PASSWORD }));
    expect(same.data).toMatchObject({ errors: { password: "validation:passwordUnchanged" } });
    const differ = await run(post(here, { intent: "password", current: PASSWORD, password: "a brand new secret", confirm: "a brand new secreT" }));
    expect(differ.data).toMatchObject({ errors: { confirm: "validation:passwordsDiffer" } });
  });

  it("lets only one of two simultaneous changes win", async () => {
    const user = await member("race@weber.example");
    const a = await sessionCookieFor(user.id);
    const b = await sessionCookieFor(user.id);
    const results = await Promise.all([
      run(post(a, { intent: "password", current: PASSWORD, password: "first new secret", confirm: "first new secret" })),
      run(post(b, { intent: "password", current: PASSWORD, password: "second new secret", confirm: "second new secret" })),
    ]);
    const won = results.filter((r) => r.setCookie);
    expect(won).toHaveLength(1);
    const winner = won[0] === results[0] ? "first new secret" : "second new secret";
    expect(await authenticate("race@weber.example", winner)).not.toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("signed-in devices", () => {
  it("lists devices by handle (never the session id) and signs out one, or all others", async () => {
    const user = await member("devices@weber.example");
    const here = await sessionCookieFor(user.id);
    await sessionCookieFor(user.id);
    await sessionCookieFor(user.id);
    const page = await loader({ request: asRequest(here), params: {}, context: { nonce: "" } });
    expect(page.sessions).toHaveLength(3);
    expect(page.sessions.filter((s) => s.current)).toHaveLength(1);
    const ids = (await prisma.session.findMany({ where: { userId: user.id } })).map((s) => s.id);
    const serialised = JSON.stringify(page);
    for (const id of ids) expect(serialised).not.toContain(id);

    const target = page.sessions.find((s) => !s.current)!;
    expect((await run(post(here, { intent: "revoke", device: target.handle }))).data).toMatchObject({ signedOut: 1 });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);
    // This device cannot be "revoked" by its own handle (that is what log out is for).
    const current = page.sessions.find((s) => s.current)!;
    expect((await run(post(here, { intent: "revoke", device: current.handle }))).data).toMatchObject({ signedOut: 0 });

    expect((await run(post(here, { intent: "revokeOthers" }))).data).toMatchObject({ signedOut: 1 });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await getSessionUser(asRequest(here))).not.toBeNull();
  });

  it("cannot sign out someone else's device, even knowing its handle", async () => {
    const anna = await member("anna2@weber.example");
    const mallory = await member("mallory@evil.example");
    const annaCookie = await sessionCookieFor(anna.id);
    const annaSession = (await prisma.session.findFirstOrThrow({ where: { userId: anna.id } })).id;
    const malloryCookie = await sessionCookieFor(mallory.id);
    expect((await run(post(malloryCookie, { intent: "revoke", device: sessionHandle(annaSession) }))).data).toMatchObject({ signedOut: 0 });
    expect(await getSessionUser(asRequest(annaCookie))).not.toBeNull();
  });
});
