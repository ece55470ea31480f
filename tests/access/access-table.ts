/**
 * The access rules of every route and API endpoint, as data: for each request (route file,
 * method, target) what each kind of visitor gets. tests/db/access-table.test.ts calls the
 * route's loader or action exactly as Remix does (real session cookies) for every cell, checks
 * the outcome, checks that a refused or rejected POST changed nothing in the database, and
 * checks that every file in app/routes has at least one row.
 *
 * Outcomes:
 *   ok     2xx, or a redirect the route returns (the page, or where the action leads)
 *   rej    2xx whose body reports an error (the form refused; nothing changed)
 *   login  302 to /login (signing in is required)
 *   away   a thrown redirect elsewhere (e.g. a signed-in visitor sent away from /login)
 *   400 401 403 404 405 409 422  that status (404 where existence must not leak)
 */
import { createHash } from "node:crypto";
import type { World } from "./world";

export const ACTORS = ["anonymous", "smeOwner", "smeOther", "buyerUnverified", "buyerVerified", "buyerNda", "consultant", "admin"] as const;
export type Actor = (typeof ACTORS)[number];
export type Outcome = "ok" | "rej" | "login" | "away" | 400 | 401 | 403 | 404 | 405 | 409 | 422;
/** Short column heads for the printed matrix. */
export const ACTOR_HEADS: Record<Actor, string> = {
  anonymous: "anon",
  smeOwner: "sme",
  smeOther: "sme2",
  buyerUnverified: "buyU",
  buyerVerified: "buyV",
  buyerNda: "buyN",
  consultant: "cons",
  admin: "admin",
};

type Ids = Record<string, string>;
type Body = Record<string, string>;

export type Row = {
  /** file name in app/routes */
  file: string;
  method: "GET" | "POST";
  /** what is asked, for the matrix */
  label: string;
  /** a new target for each cell (rows that try to change something) */
  fresh?: (w: World) => Promise<Ids>;
  url: (w: World, f: Ids) => string;
  params?: (w: World, f: Ids) => Record<string, string>;
  /** form fields; `multipart` sends them as multipart/form-data */
  body?: (w: World, f: Ids) => Body;
  multipart?: boolean;
  /** environment for this row only (e.g. NODE_ENV=production) */
  env?: Record<string, string>;
  expect: Record<Actor, Outcome>;
  /**
   * A value of the target that must stay the same for every actor except `guardChanges`
   * (for requests that answer "ok" yet must only ever touch the caller's own data).
   */
  guard?: (w: World, f: Ids) => Promise<unknown>;
  guardChanges?: Actor[];
  /**
   * An id that must not appear anywhere in what the page or endpoint returns, except to
   * `secretVisibleTo` (lists must not show another organisation's things).
   */
  secret?: (w: World) => string;
  secretVisibleTo?: Actor[];
};

/** Every actor gets `rest`, except those named. */
function cells(rest: Outcome, except: Partial<Record<Actor, Outcome>> = {}): Record<Actor, Outcome> {
  return Object.fromEntries(ACTORS.map((a) => [a, except[a] ?? rest])) as Record<Actor, Outcome>;
}
const signedIn = (outcome: Outcome, except: Partial<Record<Actor, Outcome>> = {}) => cells(outcome, { anonymous: "login", ...except });
const smeOnly = (owner: Outcome, other: Outcome) => signedIn(403, { smeOwner: owner, smeOther: other });
const buyersOnly = (outcome: Outcome, except: Partial<Record<Actor, Outcome>> = {}) =>
  signedIn(403, { buyerUnverified: outcome, buyerVerified: outcome, buyerNda: outcome, ...except });
/** Parties of the NDA buyer's inquiry and meeting (the owner's organisation is the seller / counterpart). */
const inquiryParties = (party: Outcome, admin: Outcome, stranger: Outcome = 404) =>
  signedIn(stranger, { smeOwner: party, buyerNda: party, admin });

const id = (key: keyof World & string) => (w: World) => ({ id: w[key] as string });
const freshId = (_w: World, f: Ids) => ({ id: f.id! });

export const ACCESS_TABLE: Row[] = [
  // ---------------------------------------------------------------- public pages
  { file: "_index.tsx", method: "GET", label: "/", url: () => "/", expect: cells("ok") },
  { file: "technologies._index.tsx", method: "GET", label: "/technologies?q=", url: () => "/technologies?q=battery", expect: cells("ok"), secret: (w) => w.draft.id },
  { file: "technologies.$slug.tsx", method: "GET", label: "/technologies/:published", url: (w) => `/technologies/${w.listing.slug}`, params: (w) => ({ slug: w.listing.slug }), expect: cells("ok") },
  {
    file: "technologies.$slug.tsx",
    method: "GET",
    label: "/technologies/:draft",
    url: (w) => `/technologies/${w.draft.slug}`,
    params: (w) => ({ slug: w.draft.slug }),
    expect: cells(404, { smeOwner: "ok", admin: "ok" }),
  },
  {
    file: "technologies.$slug_.inquire.tsx",
    method: "GET",
    label: "/technologies/:published/inquire",
    url: (w) => `/technologies/${w.listing.slug}/inquire`,
    params: (w) => ({ slug: w.listing.slug }),
    expect: signedIn("ok"),
  },
  {
    file: "technologies.$slug_.inquire.tsx",
    method: "GET",
    label: "/technologies/:draft/inquire",
    url: (w) => `/technologies/${w.draft.slug}/inquire`,
    params: (w) => ({ slug: w.draft.slug }),
    expect: signedIn(404),
  },
  {
    file: "technologies.$slug_.inquire.tsx",
    method: "POST",
    label: "inquire about a draft",
    url: (w) => `/technologies/${w.draft.slug}/inquire`,
    params: (w) => ({ slug: w.draft.slug }),
    body: () => ({ purpose: "license", questions: "Is this available for licence?" }),
    expect: signedIn(404),
  },
  {
    file: "technologies.$slug_.inquire.tsx",
    method: "POST",
    label: "inquire (empty form)",
    url: (w) => `/technologies/${w.listing.slug}/inquire`,
    params: (w) => ({ slug: w.listing.slug }),
    body: () => ({ purpose: "", questions: "" }),
    expect: signedIn("rej"),
  },
  { file: "consultants._index.tsx", method: "GET", label: "/consultants", url: () => "/consultants", expect: cells("ok") },
  {
    file: "consultants.$slug.tsx",
    method: "GET",
    label: "/consultants/:slug",
    url: (w) => `/consultants/${w.consultantSlug}`,
    params: (w) => ({ slug: w.consultantSlug }),
    expect: cells("ok"),
  },
  {
    file: "consultants.$slug.tsx",
    method: "POST",
    label: "hold a slot (invalid)",
    url: (w) => `/consultants/${w.consultantSlug}`,
    params: (w) => ({ slug: w.consultantSlug }),
    body: (w) => ({ serviceId: w.serviceId, startsAt: "not-a-date" }),
    expect: signedIn("rej"),
  },
  {
    file: "consultants.$slug.tsx",
    method: "POST",
    label: "hold a slot about another org's inquiry",
    url: (w) => `/consultants/${w.consultantSlug}`,
    params: (w) => ({ slug: w.consultantSlug }),
    body: (w) => ({ serviceId: w.serviceId, startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), inquiryId: w.inquiry }),
    // Only companies book; someone else's inquiry is not found; the parties reach the slot check.
    expect: signedIn(404, { consultant: 403, admin: 403, smeOwner: 409, buyerNda: 409 }),
  },

  {
    file: "consultants.$slug_.photo.tsx",
    method: "GET",
    label: "/consultants/:published/photo",
    url: (w) => `/consultants/${w.consultantSlug}/photo`,
    params: (w) => ({ slug: w.consultantSlug }),
    expect: cells("ok"),
  },
  {
    file: "consultants.$slug_.photo.tsx",
    method: "GET",
    label: "/consultants/:unpublished/photo",
    url: (w) => `/consultants/${w.hiddenConsultantSlug}/photo`,
    params: (w) => ({ slug: w.hiddenConsultantSlug }),
    expect: cells(404),
  },

  // ---------------------------------------------------------------- API and machine endpoints
  { file: "api.v1.search.ts", method: "GET", label: "/api/v1/search", url: () => "/api/v1/search?q=battery", expect: cells("ok") },
  { file: "api.v1.technologies._index.ts", method: "GET", label: "/api/v1/technologies", url: () => "/api/v1/technologies?pageSize=100", expect: cells("ok"), secret: (w) => w.draft.id },
  { file: "api.v1.technologies.$id.ts", method: "GET", label: "/api/v1/technologies/:published", url: (w) => `/api/v1/technologies/${w.listing.id}`, params: (w) => ({ id: w.listing.id }), expect: cells("ok") },
  { file: "api.v1.technologies.$id.ts", method: "GET", label: "/api/v1/technologies/:draft", url: (w) => `/api/v1/technologies/${w.draft.id}`, params: (w) => ({ id: w.draft.id }), expect: cells(404) },
  { file: "webhooks.stripe.ts", method: "GET", label: "/webhooks/stripe", url: () => "/webhooks/stripe", expect: cells(405) },
  { file: "webhooks.stripe.ts", method: "POST", label: "webhook without signature", url: () => "/webhooks/stripe", body: () => ({ type: "checkout.session.completed" }), expect: cells(400) },

  // ---------------------------------------------------------------- attachments (tiered)
  ...(
    [
      ["public", cells("ok")],
      // Registered tier: verified buyers and the parties; signed-in others are told it is locked.
      ["registered", cells(403, { anonymous: 404, smeOwner: "ok", buyerVerified: "ok", buyerNda: "ok", admin: "ok" })],
      ["confidential", cells(403, { anonymous: 404, smeOwner: "ok", buyerNda: "ok", admin: "ok" })],
      ["draft", cells(404, { smeOwner: "ok", admin: "ok" })],
      ["message", cells(404, { smeOwner: "ok", buyerNda: "ok", admin: "ok" })],
    ] as const
  ).map(
    ([tier, expect]): Row => ({
      file: "attachments.$id.tsx",
      method: "GET",
      label: `/attachments/:${tier}`,
      url: (w) => `/attachments/${w.attachments[tier]}`,
      params: (w) => ({ id: w.attachments[tier] }),
      expect,
    }),
  ),

  // ---------------------------------------------------------------- accounts
  { file: "login.tsx", method: "GET", label: "/login", url: () => "/login", expect: cells("away", { anonymous: "ok" }) },
  { file: "login.tsx", method: "POST", label: "log in (wrong password)", url: () => "/login", body: () => ({ email: "nobody@example.test", password: "wrong-password-1" }), expect: cells("away", { anonymous: "rej" }) },
  { file: "signup.tsx", method: "GET", label: "/signup", url: () => "/signup", expect: cells("away", { anonymous: "ok" }) },
  { file: "signup.tsx", method: "POST", label: "sign up (empty)", url: () => "/signup", body: () => ({}), expect: cells("away", { anonymous: "rej" }) },
  { file: "forgot-password.tsx", method: "GET", label: "/forgot-password", url: () => "/forgot-password", expect: cells("away", { anonymous: "ok" }) },
  { file: "forgot-password.tsx", method: "POST", label: "reset request (bad e-mail)", url: () => "/forgot-password", body: () => ({ email: "not-an-email" }), expect: cells("rej") },
  { file: "reset-password.$token.tsx", method: "GET", label: "/reset-password/:forged", url: () => "/reset-password/forged", params: () => ({ token: "forged" }), expect: cells("ok") },
  {
    file: "reset-password.$token.tsx",
    method: "POST",
    label: "reset with a forged token",
    url: () => "/reset-password/forged",
    params: () => ({ token: "forged" }),
    body: () => ({ password: "a-new-password-1", confirm: "a-new-password-1" }),
    expect: cells("rej"),
  },
  { file: "logout.tsx", method: "GET", label: "/logout", url: () => "/logout", expect: cells("ok") },
  { file: "logout.tsx", method: "POST", label: "log out", url: () => "/logout", body: () => ({}), expect: cells("ok") },
  { file: "language.tsx", method: "GET", label: "/language", url: () => "/language", expect: cells("ok") },
  { file: "language.tsx", method: "POST", label: "switch language", url: () => "/language", body: () => ({ lng: "ko", redirectTo: "/" }), expect: cells("ok") },
  { file: "notifications.tsx", method: "GET", label: "/notifications", url: () => "/notifications", expect: signedIn("ok"), secret: (w) => w.notification, secretVisibleTo: ["smeOwner"] },
  {
    file: "notifications.tsx",
    method: "POST",
    label: "mark another user's notification read",
    url: () => "/notifications",
    body: (w) => ({ id: w.notification }),
    expect: signedIn("ok"),
    guard: async (w) => (await import("~/db.server")).prisma.notification.findUniqueOrThrow({ where: { id: w.notification } }).then((n) => n.readAt),
    guardChanges: ["smeOwner"],
  },
  { file: "account.security.tsx", method: "GET", label: "/account/security", url: () => "/account/security", expect: signedIn("ok") },
  {
    file: "account.security.tsx",
    method: "POST",
    label: "sign out another user's device",
    fresh: async (w) => {
      const { prisma } = await import("~/db.server");
      const id = `access-${Math.random().toString(36).slice(2)}`;
      await prisma.session.create({ data: { id, userId: w.users.smeOwner, expiresAt: new Date(Date.now() + 86_400_000) } });
      return { id };
    },
    url: () => "/account/security",
    body: (_w, f) => ({ intent: "revoke", device: createHash("sha256").update(f.id!).digest("base64url").slice(0, 22) }),
    expect: signedIn("ok"),
    guard: async (_w, f) => (await import("~/db.server")).prisma.session.count({ where: { id: f.id! } }),
    guardChanges: ["smeOwner"],
  },
  {
    file: "account.security.tsx",
    method: "POST",
    label: "change password with a wrong current one",
    url: () => "/account/security",
    body: () => ({ intent: "password", current: "not-the-password", password: "a-new-password-1", confirm: "a-new-password-1" }),
    expect: signedIn("rej"),
  },
  { file: "alerts.unsubscribe.$token.tsx", method: "GET", label: "/alerts/unsubscribe/:valid", url: (w) => `/alerts/unsubscribe/${w.unsubscribeToken}`, params: (w) => ({ token: w.unsubscribeToken }), expect: cells("ok") },
  { file: "alerts.unsubscribe.$token.tsx", method: "GET", label: "/alerts/unsubscribe/:forged", url: () => "/alerts/unsubscribe/forged", params: () => ({ token: "forged" }), expect: cells(400) },
  { file: "alerts.unsubscribe.$token.tsx", method: "POST", label: "unsubscribe with a forged token", url: () => "/alerts/unsubscribe/forged", params: () => ({ token: "forged" }), body: () => ({}), expect: cells(400) },
  // The stored e-mails hold password-reset links: open in development, operators only in production.
  { file: "dev.mailbox.tsx", method: "GET", label: "/dev/mailbox (development)", url: () => "/dev/mailbox", env: { NODE_ENV: "development" }, expect: cells("ok") },
  { file: "dev.mailbox.tsx", method: "GET", label: "/dev/mailbox (production)", url: () => "/dev/mailbox", env: { NODE_ENV: "production" }, expect: cells(404, { admin: "ok" }) },
  { file: "dev.mailbox.tsx", method: "GET", label: "/dev/mailbox (SMTP configured)", url: () => "/dev/mailbox", env: { SMTP_URL: "smtp://localhost:2525" }, expect: cells(404) },

  // ---------------------------------------------------------------- SME workspace and drafts
  { file: "workspace._index.tsx", method: "GET", label: "/workspace", url: () => "/workspace", expect: smeOnly("ok", "ok"), secret: (w) => w.draft.id, secretVisibleTo: ["smeOwner"] },
  { file: "workspace.analytics.tsx", method: "GET", label: "/workspace/analytics", url: () => "/workspace/analytics", expect: smeOnly("ok", "ok"), secret: (w) => w.listing.id, secretVisibleTo: ["smeOwner"] },
  { file: "workspace.matches.tsx", method: "GET", label: "/workspace/matches", url: () => "/workspace/matches", expect: smeOnly("ok", "ok") },
  { file: "workspace.listings.new.tsx", method: "GET", label: "/workspace/listings/new", url: () => "/workspace/listings/new", expect: smeOnly("ok", "ok") },
  { file: "workspace.listings.new.tsx", method: "POST", label: "new listing (empty)", url: () => "/workspace/listings/new", body: () => ({}), expect: smeOnly("rej", "rej") },
  { file: "workspace.listings.$id.tsx", method: "GET", label: "/workspace/listings/:draft", url: (w) => `/workspace/listings/${w.draft.id}`, params: (w) => ({ id: w.draft.id }), expect: smeOnly("ok", 404) },
  {
    file: "workspace.listings.$id.tsx",
    method: "POST",
    label: "edit another org's draft",
    fresh: async (w) => ({ id: await w.fresh.draft() }),
    url: (_w, f) => `/workspace/listings/${f.id}`,
    params: freshId,
    body: () => ({ field: "battery", trl: "5", "texts.en.title": "Taken over", "texts.en.summary": "Forged" }),
    expect: smeOnly("ok", 404),
  },
  {
    file: "workspace.listings.$id.tsx",
    method: "POST",
    label: "archive another org's draft",
    fresh: async (w) => ({ id: await w.fresh.draft() }),
    url: (_w, f) => `/workspace/listings/${f.id}`,
    params: freshId,
    body: () => ({ intent: "archive" }),
    expect: smeOnly("ok", 404),
  },
  {
    file: "workspace.listings.$id.tsx",
    method: "POST",
    label: "submit another org's draft",
    fresh: async (w) => ({ id: await w.fresh.draft() }),
    url: (_w, f) => `/workspace/listings/${f.id}`,
    params: freshId,
    body: () => ({ intent: "submit" }),
    // The factory's draft has Korean and English texts and a transfer mode: complete enough to submit.
    expect: smeOnly("ok", 404),
  },
  { file: "workspace.listings.$id.attachments.tsx", method: "GET", label: "/workspace/listings/:draft/attachments", url: (w) => `/workspace/listings/${w.draft.id}/attachments`, params: (w) => ({ id: w.draft.id }), expect: cells("ok") },
  {
    file: "workspace.listings.$id.attachments.tsx",
    method: "POST",
    label: "remove a file of another org's draft",
    fresh: (w) => w.fresh.draftAttachment(),
    url: (_w, f) => `/workspace/listings/${f.listing}/attachments`,
    params: (_w, f) => ({ id: f.listing! }),
    body: (_w, f) => ({ intent: "remove", attachmentId: f.attachment! }),
    multipart: true,
    // The action answers every outcome with a redirect back to the edit page, with the error in the query.
    expect: smeOnly("ok", "rej"),
  },
  {
    file: "workspace.listings.$id.attachments.tsx",
    method: "POST",
    label: "set another org's custom NDA",
    fresh: (w) => w.fresh.draftAttachment(),
    url: (_w, f) => `/workspace/listings/${f.listing}/attachments`,
    params: (_w, f) => ({ id: f.listing! }),
    body: (_w, f) => ({ intent: "customNda", attachmentId: f.attachment! }),
    multipart: true,
    expect: smeOnly("ok", "rej"),
  },

  // ---------------------------------------------------------------- inquiries
  {
    file: "inquiries._index.tsx",
    method: "GET",
    label: "/inquiries",
    url: () => "/inquiries",
    expect: signedIn("ok", { consultant: 403, admin: 403 }),
    secret: (w) => w.inquiry,
    secretVisibleTo: ["smeOwner", "buyerNda"],
  },
  { file: "inquiries.$id.tsx", method: "GET", label: "/inquiries/:id", url: (w) => `/inquiries/${w.inquiry}`, params: id("inquiry"), expect: inquiryParties("ok", "ok") },
  {
    file: "inquiries.$id.tsx",
    method: "POST",
    label: "message in another org's inquiry",
    url: (w) => `/inquiries/${w.inquiry}`,
    params: id("inquiry"),
    body: () => ({ intent: "message", body: "Hello from outside" }),
    // Operators read inquiries; they take no part in them.
    expect: inquiryParties("ok", 404),
  },
  {
    file: "inquiries.$id.tsx",
    method: "POST",
    label: "decline another org's inquiry",
    fresh: async (w) => ({ id: await w.fresh.inquiry() }),
    url: (_w, f) => `/inquiries/${f.id}`,
    params: freshId,
    body: () => ({ intent: "event", event: "decline", reason: "other", reasonText: "Forged" }),
    // Declining is the seller's: the buyer is refused in the page.
    expect: signedIn(404, { smeOwner: "ok", buyerNda: "rej" }),
  },
  {
    file: "inquiries.$id.tsx",
    method: "POST",
    label: "withdraw another org's inquiry",
    fresh: async (w) => ({ id: await w.fresh.inquiry() }),
    url: (_w, f) => `/inquiries/${f.id}`,
    params: freshId,
    body: () => ({ intent: "event", event: "withdraw" }),
    expect: signedIn(404, { smeOwner: "rej", buyerNda: "ok" }),
  },
  {
    file: "inquiries.$id.tsx",
    method: "POST",
    label: "accept the NDA of another org's inquiry",
    fresh: async (w) => ({ id: await w.fresh.inquiry() }),
    url: (_w, f) => `/inquiries/${f.id}`,
    params: freshId,
    body: () => ({ intent: "acceptNda", version: "x", textHash: "x" }),
    expect: inquiryParties("rej", 404),
  },

  // ---------------------------------------------------------------- bookings and payments
  {
    file: "bookings._index.tsx",
    method: "GET",
    label: "/bookings",
    url: () => "/bookings",
    expect: signedIn("ok", { consultant: 403, admin: 403 }),
    secret: (w) => w.booking,
    secretVisibleTo: ["smeOwner", "buyerNda"],
  },
  { file: "bookings.$id.tsx", method: "GET", label: "/bookings/:id", url: (w) => `/bookings/${w.booking}`, params: id("booking"), expect: { ...inquiryParties("ok", "ok"), consultant: "ok" } },
  {
    file: "bookings.$id.tsx",
    method: "POST",
    label: "cancel another org's booking",
    fresh: async (w) => ({ id: await w.fresh.booking() }),
    url: (_w, f) => `/bookings/${f.id}`,
    params: freshId,
    body: () => ({ intent: "cancel", reason: "Forged" }),
    // The counterpart confirms or declines the meeting; cancelling is the booker's, the consultant's or an operator's.
    expect: { ...inquiryParties("ok", "ok"), smeOwner: "rej", consultant: "ok" },
  },
  { file: "bookings.$id[.]ics.ts", method: "GET", label: "/bookings/:id.ics", url: (w) => `/bookings/${w.booking}.ics`, params: id("booking"), expect: { ...inquiryParties("ok", "ok"), consultant: "ok" } },
  { file: "bookings.$id_.checkout.tsx", method: "GET", label: "/bookings/:id/checkout", url: (w) => `/bookings/${w.booking}/checkout`, params: id("booking"), expect: signedIn(404, { buyerNda: "ok" }) },
  {
    file: "bookings.$id_.checkout.tsx",
    method: "POST",
    label: "check out another org's booking",
    fresh: async (w) => ({ id: await w.fresh.booking() }),
    url: (_w, f) => `/bookings/${f.id}/checkout`,
    params: freshId,
    body: () => ({ voucherId: "" }),
    expect: signedIn(404, { buyerNda: "ok" }),
  },
  { file: "payments.test.$paymentId.tsx", method: "GET", label: "/payments/test/:id", url: (w) => `/payments/test/${w.payment}`, params: (w) => ({ paymentId: w.payment }), expect: signedIn(404, { buyerNda: "ok" }) },
  {
    file: "payments.test.$paymentId.tsx",
    method: "POST",
    label: "pay another org's test payment",
    fresh: (w) => w.fresh.payment(),
    url: (_w, f) => `/payments/test/${f.payment}`,
    params: (_w, f) => ({ paymentId: f.payment! }),
    body: () => ({ intent: "pay" }),
    expect: signedIn(404, { buyerNda: "ok" }),
  },

  // ---------------------------------------------------------------- consultants' workspace
  { file: "workspace.consulting.tsx", method: "GET", label: "/workspace/consulting", url: () => "/workspace/consulting", expect: signedIn(403, { consultant: "ok" }) },
  { file: "workspace.consulting.tsx", method: "POST", label: "consultant action (unknown intent)", url: () => "/workspace/consulting", body: () => ({ intent: "nothing" }), expect: signedIn(403, { consultant: 400 }) },
  {
    file: "workspace.consulting.tsx",
    method: "POST",
    label: "mark a booking no-show (consultants only)",
    fresh: async (w) => ({ id: await w.fresh.booking() }),
    url: () => "/workspace/consulting",
    body: (_w, f) => ({ intent: "no-show", id: f.id!, outcome: "Forged" }),
    // The consultant's own booking is refused in the page (not started yet).
    expect: signedIn(403, { consultant: 409 }),
  },

  { file: "workspace.consulting_.photo.tsx", method: "GET", label: "/workspace/consulting/photo", url: () => "/workspace/consulting/photo", expect: cells("ok") },
  {
    file: "workspace.consulting_.photo.tsx",
    method: "POST",
    label: "upload a profile photo (no file)",
    url: () => "/workspace/consulting/photo",
    body: () => ({ intent: "upload" }),
    multipart: true,
    expect: signedIn(403, { consultant: "rej" }),
  },

  // ---------------------------------------------------------------- buyers' needs and matching
  { file: "workspace.needs._index.tsx", method: "GET", label: "/workspace/needs", url: () => "/workspace/needs", expect: buyersOnly("ok"), secret: (w) => w.need, secretVisibleTo: ["buyerVerified"] },
  { file: "workspace.needs.new.tsx", method: "GET", label: "/workspace/needs/new", url: () => "/workspace/needs/new", expect: buyersOnly("ok") },
  { file: "workspace.needs.new.tsx", method: "POST", label: "new need (empty)", url: () => "/workspace/needs/new", body: () => ({}), expect: buyersOnly("rej") },
  { file: "workspace.needs.$id.tsx", method: "GET", label: "/workspace/needs/:id", url: (w) => `/workspace/needs/${w.need}`, params: id("need"), expect: buyersOnly(404, { buyerVerified: "ok" }) },
  {
    file: "workspace.needs.$id.tsx",
    method: "POST",
    label: "close another org's need",
    fresh: async (w) => ({ id: await w.fresh.need() }),
    url: (_w, f) => `/workspace/needs/${f.id}`,
    params: freshId,
    body: () => ({ intent: "close" }),
    expect: buyersOnly(404, { buyerVerified: "ok" }),
  },
  {
    file: "workspace.saved-searches.tsx",
    method: "GET",
    label: "/workspace/saved-searches",
    url: () => "/workspace/saved-searches",
    expect: signedIn("ok", { admin: 403 }),
    secret: (w) => w.savedSearch,
    secretVisibleTo: ["buyerVerified"],
  },
  {
    file: "workspace.saved-searches.tsx",
    method: "POST",
    label: "delete another user's saved search",
    fresh: async (w) => ({ id: await w.fresh.savedSearch() }),
    url: () => "/workspace/saved-searches",
    body: (_w, f) => ({ intent: "delete", id: f.id! }),
    expect: signedIn(404, { buyerVerified: "ok", admin: 403 }),
  },
  {
    file: "workspace.saved-searches.tsx",
    method: "POST",
    label: "rename another user's saved search",
    url: () => "/workspace/saved-searches",
    body: (w) => ({ intent: "rename", id: w.savedSearch, name: "Forged" }),
    expect: signedIn(404, { buyerVerified: "ok", admin: 403 }),
  },
  {
    file: "workspace.shortlist.tsx",
    method: "GET",
    label: "/workspace/shortlist",
    url: () => "/workspace/shortlist",
    expect: signedIn("ok", { admin: 403 }),
    secret: (w) => w.shortlistEntry,
    secretVisibleTo: ["buyerVerified"],
  },
  {
    file: "workspace.shortlist.tsx",
    method: "POST",
    label: "remove from shortlist (someone else's entry)",
    url: () => "/workspace/shortlist",
    body: (w) => ({ intent: "remove", listingId: w.listing.id }),
    expect: signedIn("ok", { admin: 403 }),
    guard: async (w) => (await import("~/db.server")).prisma.shortlistEntry.count({ where: { userId: w.users.buyerVerified } }),
    guardChanges: ["buyerVerified"],
  },
  { file: "matching.shortlist.tsx", method: "GET", label: "/matching/shortlist?listingId=", url: (w) => `/matching/shortlist?listingId=${w.listing.id}`, expect: cells("ok") },
  { file: "matching.shortlist.tsx", method: "POST", label: "shortlist (no listing)", url: () => "/matching/shortlist", body: () => ({ intent: "add" }), expect: cells(400, { anonymous: 401 }) },
  { file: "matching.saved-searches.tsx", method: "GET", label: "/matching/saved-searches", url: () => "/matching/saved-searches", expect: cells("ok") },
  { file: "matching.saved-searches.tsx", method: "POST", label: "save a search (empty)", url: () => "/matching/saved-searches", body: () => ({}), expect: cells(400, { anonymous: 401 }) },

  // ---------------------------------------------------------------- operators
  { file: "admin._index.tsx", method: "GET", label: "/admin", url: () => "/admin", expect: signedIn(403, { admin: "ok" }) },
  { file: "admin._index.tsx", method: "POST", label: "approve a listing (operator action)", url: () => "/admin", body: (w) => ({ intent: "approve", listingId: w.draft.id }), expect: signedIn(403, { admin: "rej" }) },
  { file: "admin.import.tsx", method: "GET", label: "/admin/import", url: () => "/admin/import", expect: signedIn(403, { admin: "ok" }) },
  { file: "admin.import.tsx", method: "POST", label: "import (no file)", url: () => "/admin/import", body: () => ({ organisation: "" }), multipart: true, expect: signedIn(403, { admin: 422 }) },
];
