/**
 * Needs, matches and alerts end to end on the database: need CRUD and its access rules,
 * match recomputation in both directions through the outbox, strong-match alerts sent
 * once, in each recipient's language, the weekly digest once per ISO week, saved-search
 * alerts, unsubscribe links (a tampered one is refused), saved searches and shortlists
 * kept per user, and what each side's pages show.
 */
import { createEmbeddedEngine } from "@search/embedded.server";
import type { SearchEngine } from "@search/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { deliverQueuedEmail, type QueuedEmail } from "~/email/email.server";
import { drainAll, type OutboxRow } from "~/jobs/outbox.server";
import { Prisma } from "~/generated/prisma/client";
import { enqueueListingsChanged } from "~/listings/sync.server";
import { loadSearchDocument } from "~/listings/search-document.server";
import { alertStrongMatches, isoWeek, isoWeekStart, sendSavedSearchAlerts, sendWeeklyDigests } from "~/matching/alerts.server";
import { computeMatchesForNeed, MATCHING_TOPIC, matchingOutboxHandlers } from "~/matching/matching.server";
import { createSavedSearch, deleteSavedSearch, listSavedSearches, renameSavedSearch } from "~/matching/saved-searches.server";
import { addToShortlist, listShortlist } from "~/matching/shortlist.server";
import { unsubscribeToken } from "~/matching/unsubscribe.server";
import { createNeed, getOwnNeed, listOwnNeeds, setNeedStatus, updateNeed } from "~/needs/needs.server";
import { needFormSchema } from "~/needs/schemas";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/alerts.unsubscribe.$token";
import { action as saveSearchResourceAction } from "~/routes/matching.saved-searches";
import { action as shortlistResourceAction } from "~/routes/matching.shortlist";
import { loader as sellerMatchesLoader } from "~/routes/workspace.matches";
import { action as needAction, loader as needLoader } from "~/routes/workspace.needs.$id";
import { loader as needsLoader } from "~/routes/workspace.needs._index";
import { action as newNeedAction } from "~/routes/workspace.needs.new";
import { action as savedSearchesAction, loader as savedSearchesLoader } from "~/routes/workspace.saved-searches";
import { loader as shortlistLoader } from "~/routes/workspace.shortlist";
import { installSearchEngine } from "~/search/search.server";
import { createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { formBody, signedInRequest } from "@tests/helpers/requests";
import { sessionUser } from "@tests/helpers/session-user";

setupTestDatabase();

let engine: SearchEngine;
beforeAll(async () => {
  engine = createEmbeddedEngine();
  await engine.init();
  installSearchEngine(engine);
});
afterAll(() => installSearchEngine(undefined));

async function due() {
  await prisma.outboxMessage.updateMany({ where: { status: "pending" }, data: { availableAt: new Date(Date.now() - 1) } });
}
async function drainMatching() {
  await due();
  return drainAll(matchingOutboxHandlers);
}
async function deliverEmails() {
  await due();
  await drainAll({ "email.send": ((p: QueuedEmail, row: OutboxRow) => deliverQueuedEmail(p, row)) as never });
}

const cathodeTexts = {
  en: {
    title: "Lithium-borate surface coating for high-nickel NCM cathodes",
    summary: "A wet coating that cuts residual lithium on Ni-rich cathode material and improves cycle life at 45 °C.",
  },
  ko: { title: "하이니켈 NCM 양극재 리튬보레이트 표면 코팅", summary: "잔류 리튬을 줄이는 양극재 코팅 기술" },
};
const serumTexts = {
  en: { title: "Fermented ginseng serum active for skin elasticity", summary: "A cosmetic active from fermented red ginseng with clinical elasticity data." },
  ko: { title: "피부 탄력용 발효 인삼 화장품 원료", summary: "발효 홍삼 화장품 원료" },
};

async function publishedListing(organisationId: string, texts: typeof cathodeTexts, extra: Record<string, unknown> = {}) {
  const listing = await createListing(prisma, {
    organisationId,
    status: "published",
    field: "battery",
    trl: 7,
    keywords: ["cathode", "coating", "residual lithium"],
    transferModes: ["non_exclusive_license", "technical_assistance"],
    targetRegions: ["north_america"],
    askingMinMinor: 400_000_000n,
    askingMaxMinor: 800_000_000n,
    askingCurrency: "KRW",
    texts,
    ...extra,
  });
  const doc = await loadSearchDocument(listing.id);
  await engine.upsert([doc!]);
  return listing;
}

const needForm = (overrides: Record<string, unknown> = {}) =>
  needFormSchema.parse({
    locale: "en",
    title: "High-nickel cathode surface coating",
    description: "We need a surface coating process for NCM cathode material that reduces residual lithium and gassing, proven at pilot scale.",
    fields: ["battery"],
    ipcCodes: "",
    trlMin: "6",
    trlMax: "9",
    currency: "USD",
    budgetMin: "200000",
    budgetMax: "1000000",
    timeline: "within 12 months",
    transferModes: ["non_exclusive_license"],
    targetRegion: "north_america",
    ...overrides,
  });

async function world() {
  const smeUser = await createUser(prisma, { role: "sme", locale: "ko", name: "김판매" });
  const buyerUser = await createUser(prisma, { role: "buyer", locale: "ja", name: "Sato Hanako", organisation: { name: "Sato Battery KK", country: "JP", verification: "verified" } });
  const otherBuyerUser = await createUser(prisma, { role: "buyer", locale: "en", organisation: { name: "Other Buyer Inc", country: "US" } });
  return {
    smeUser,
    buyerUser,
    otherBuyerUser,
    sme: await sessionUser(smeUser.id),
    buyer: await sessionUser(buyerUser.id),
    otherBuyer: await sessionUser(otherBuyerUser.id),
  };
}

beforeEach(async () => {
  // Each test builds its own world: nothing of earlier tests may be matched, alerted or queued.
  await engine.replaceAll([]);
  await prisma.outboxMessage.deleteMany();
  await prisma.emailMessage.deleteMany();
  await prisma.notification.deleteMany();
  await prisma.savedSearch.deleteMany();
  await prisma.technologyNeed.deleteMany();
  await prisma.listing.deleteMany();
});

describe("technology needs", () => {
  it("lets a buyer post, edit, close and reopen a need, each change queueing a match recomputation", async () => {
    const w = await world();
    const need = await createNeed(w.buyer, needForm());
    expect(need).toMatchObject({ organisationId: w.buyer.organisationId, createdById: w.buyer.id, currency: "USD", budgetMinMinor: 20_000_000n, budgetMaxMinor: 100_000_000n, status: "open" });
    await updateNeed(w.buyer, need.id, needForm({ title: "Ni-rich cathode coating", trlMin: "5" }));
    expect((await getOwnNeed(w.buyer, need.id)).trlMin).toBe(5);
    await setNeedStatus(w.buyer, need.id, "closed");
    await expect(updateNeed(w.buyer, need.id, needForm())).rejects.toMatchObject({ status: 409, messageKey: "matching:errors.needClosed" });
    await setNeedStatus(w.buyer, need.id, "open");
    const queued = await prisma.outboxMessage.findMany({ where: { topic: MATCHING_TOPIC }, orderBy: { createdAt: "asc" } });
    expect(queued.filter((m) => (m.payload as { needId?: string }).needId === need.id)).toHaveLength(4);
    expect(await prisma.auditLog.count({ where: { entityId: need.id } })).toBe(4);
  });

  it("never shows or changes another buyer organisation's need, and refuses sellers", async () => {
    const w = await world();
    const need = await createNeed(w.buyer, needForm());
    await expect(getOwnNeed(w.otherBuyer, need.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateNeed(w.otherBuyer, need.id, needForm({ title: "Hijacked" }))).rejects.toMatchObject({ status: 404 });
    await expect(setNeedStatus(w.otherBuyer, need.id, "closed")).rejects.toMatchObject({ status: 404 });
    await expect(createNeed(w.sme, needForm())).rejects.toMatchObject({ status: 403 });
    expect(await listOwnNeeds(w.otherBuyer)).toEqual([]);
    expect((await prisma.technologyNeed.findUniqueOrThrow({ where: { id: need.id } })).title).toBe("High-nickel cathode surface coating");

    const asOther = (init: RequestInit = {}) => signedInRequest(w.otherBuyer.id, `/workspace/needs/${need.id}`, init);
    const loaded = await needLoader({ request: await asOther(), params: { id: need.id }, context: { nonce: "" } }).catch((r: Response) => r);
    expect((loaded as Response).status).toBe(404);
    const posted = await needAction({ request: await asOther({ method: "POST", body: formBody({ intent: "close" }) }), params: { id: need.id }, context: { nonce: "" } }).catch((r: Response) => r);
    expect((posted as Response).status).toBe(404);
    expect((await prisma.technologyNeed.findUniqueOrThrow({ where: { id: need.id } })).status).toBe("open");
    const bySeller = await needsLoader({ request: await signedInRequest(w.sme.id, "/workspace/needs"), params: {}, context: { nonce: "" } }).catch((r: Response) => r);
    expect((bySeller as Response).status).toBe(403);
    const list = await needsLoader({ request: await signedInRequest(w.otherBuyer.id, "/workspace/needs"), params: {}, context: { nonce: "" } });
    expect(list.needs).toEqual([]);
  });

  it("refuses a bad form with translated messages and keeps what was typed", async () => {
    const w = await world();
    const body = formBody({ locale: "en", title: "Ab", description: "too short", trlMin: "8", trlMax: "3", budgetMin: "500", budgetMax: "100", currency: "USD" });
    const result = await newNeedAction({ request: await signedInRequest(w.buyer.id, "/workspace/needs/new", { method: "POST", body }), params: {}, context: { nonce: "" } });
    expect(result).toMatchObject({
      formError: "matching:errors.fixFields",
      errors: { title: "matching:validation.titleTooShort", description: "matching:validation.descriptionTooShort", fields: "matching:validation.fieldRequired", trlMax: "matching:validation.trlOrder", budgetMax: "validation:rangeInverted" },
      values: { title: "Ab", description: "too short", budgetMin: "500" },
    });
    expect(await prisma.technologyNeed.count({ where: { organisationId: w.buyer.organisationId! } })).toBe(0);
  });
});

describe("matches", () => {
  it("are computed when a need is posted and when a listing is published, changed or withdrawn", async () => {
    const w = await world();
    const cathode = await publishedListing(w.sme.organisationId!, cathodeTexts);
    await publishedListing(w.sme.organisationId!, serumTexts, { field: "cosmetics", keywords: ["ginseng"], targetRegions: ["europe"] });
    const need = await createNeed(w.buyer, needForm());
    await drainMatching();
    const first = await prisma.match.findMany({ where: { needId: need.id } });
    expect(first.map((m) => m.listingId)).toEqual([cathode.id]);
    expect(first[0]!.score).toBeGreaterThan(0.7);
    const codes = (first[0]!.reasons as { code: string }[]).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["topics", "field", "trlWithin", "budgetWithin", "modes", "region"]));

    // A second cathode listing is published: the listing side finds the open need.
    const second = await createListing(prisma, {
      organisationId: w.sme.organisationId!,
      status: "published",
      field: "battery",
      trl: 8,
      keywords: ["cathode", "coating"],
      transferModes: ["non_exclusive_license"],
      targetRegions: ["north_america"],
      texts: { en: { title: "Atomic-layer alumina coating of NCM cathode powder", summary: "Surface coating of cathode material that suppresses residual lithium reactions." }, ko: { title: "NCM 양극재 분말 ALD 코팅", summary: "양극재 표면 코팅" } },
    });
    await prisma.outboxMessage.create({ data: { topic: MATCHING_TOPIC, payload: { listingId: second.id } } });
    await drainMatching();
    expect((await prisma.match.findMany({ where: { needId: need.id } })).map((m) => m.listingId).sort()).toEqual([cathode.id, second.id].sort());

    // Withdrawn: its matches go.
    await prisma.listing.update({ where: { id: second.id }, data: { status: "archived" } });
    await prisma.outboxMessage.create({ data: { topic: MATCHING_TOPIC, payload: { listingId: second.id } } });
    await drainMatching();
    expect(await prisma.match.count({ where: { listingId: second.id } })).toBe(0);
    expect((await engine.search({ q: "alumina", locale: "en", filters: {}, sort: "relevance", page: 1, pageSize: 5 })).total).toBe(0);

    // Closing the need drops its matches; reopening brings them back.
    await setNeedStatus(w.buyer, need.id, "closed");
    await drainMatching();
    expect(await prisma.match.count({ where: { needId: need.id } })).toBe(0);
    await setNeedStatus(w.buyer, need.id, "open");
    await drainMatching();
    expect(await prisma.match.count({ where: { needId: need.id } })).toBe(1);
  });

  it("coalesce a burst of listing changes (a bulk import) into one recomputation per need", async () => {
    const w = await world();
    const needs = [await createNeed(w.buyer, needForm()), await createNeed(w.buyer, needForm())];
    await drainMatching();
    const listings = [];
    for (let i = 0; i < 6; i++) listings.push(await publishedListing(w.sme.organisationId!, cathodeTexts));
    await enqueueListingsChanged(prisma, listings.map((l) => l.id));
    const before = await prisma.outboxMessage.count({ where: { topic: MATCHING_TOPIC, payload: { path: ["needId"], not: Prisma.AnyNull } } });
    await drainMatching();
    const needRuns = (await prisma.outboxMessage.count({ where: { topic: MATCHING_TOPIC, payload: { path: ["needId"], not: Prisma.AnyNull } } })) - before;
    // Six listings × two needs would be twelve; each need waits once.
    expect(needRuns).toBe(2);
    for (const need of needs) {
      expect(await prisma.match.count({ where: { needId: need.id } })).toBe(listings.length);
      expect((await prisma.technologyNeed.findUniqueOrThrow({ where: { id: need.id } })).recomputeQueuedAt).toBeNull();
    }
    // Later changes queue again.
    await enqueueListingsChanged(prisma, [listings[0]!.id]);
    await drainMatching();
    expect((await prisma.outboxMessage.count({ where: { topic: MATCHING_TOPIC, payload: { path: ["needId"], not: Prisma.AnyNull } } })) - before).toBe(4);
  });

  it("are shown to the buyer with reasons in the buyer's language, and to the seller without the buyer's people", async () => {
    const w = await world();
    const cathode = await publishedListing(w.sme.organisationId!, cathodeTexts);
    const need = await createNeed(w.buyer, needForm());
    await computeMatchesForNeed(need.id, { alert: false });

    const mine = await needLoader({ request: await signedInRequest(w.buyer.id, `/workspace/needs/${need.id}`), params: { id: need.id }, context: { nonce: "" } });
    expect(mine.matches).toHaveLength(1);
    expect(mine.matches[0]!.listing.slug).toBe(cathode.slug);
    expect(mine.matches[0]!.reasons).toEqual(expect.arrayContaining(["TRL 7、希望範囲 6–9 内", "同じ分野：二次電池"]));

    const seller = await sellerMatchesLoader({ request: await signedInRequest(w.sme.id, "/workspace/matches"), params: {}, context: { nonce: "" } });
    expect(seller.matches).toHaveLength(1);
    expect(seller.matches[0]!.need).toMatchObject({ title: "High-nickel cathode surface coating", trlMin: 6, trlMax: 9, buyer: { name: "Sato Battery KK", country: "JP" } });
    expect(seller.matches[0]!.reasons).toContain("TRL 7, 요청 범위 6–9 이내");
    const serialised = JSON.stringify(seller);
    expect(serialised).not.toContain(w.buyerUser.email);
    expect(serialised).not.toContain("Sato Hanako");

    const otherSme = await createUser(prisma, { role: "sme" });
    const none = await sellerMatchesLoader({ request: await signedInRequest(otherSme.id, "/workspace/matches"), params: {}, context: { nonce: "" } });
    expect(none.matches).toEqual([]);
    const byBuyer = await sellerMatchesLoader({ request: await signedInRequest(w.buyer.id, "/workspace/matches"), params: {}, context: { nonce: "" } }).catch((r: Response) => r);
    expect((byBuyer as Response).status).toBe(403);
  });
});

describe("alerts", () => {
  it("alert a strong match once, to both sides, each in their own language", async () => {
    const w = await world();
    await publishedListing(w.sme.organisationId!, cathodeTexts);
    const need = await createNeed(w.buyer, needForm());
    await drainMatching();
    const match = await prisma.match.findFirstOrThrow({ where: { needId: need.id } });
    expect(match.alertedAt).not.toBeNull();
    expect(await alertStrongMatches()).toBe(0);
    await computeMatchesForNeed(need.id);
    await updateNeed(w.buyer, need.id, needForm({ description: "Still looking for a cathode surface coating process for NCM that lowers residual lithium." }));
    await drainMatching();

    const notes = await prisma.notification.findMany({ where: { kind: "matching.strongMatch" } });
    expect(notes.map((n) => n.userId).sort()).toEqual([w.buyer.id, w.sme.id].sort());
    expect(notes.find((n) => n.userId === w.buyer.id)!.payload).toMatchObject({ href: `/workspace/needs/${need.id}`, needTitle: "High-nickel cathode surface coating" });

    await deliverEmails();
    const mails = await prisma.emailMessage.findMany({ orderBy: { to: "asc" } });
    expect(mails).toHaveLength(2);
    const toBuyer = mails.find((m) => m.to === w.buyerUser.email)!;
    const toSeller = mails.find((m) => m.to === w.smeUser.email)!;
    expect(toBuyer.locale).toBe("ja");
    expect(toBuyer.subject).toBe("ニーズ「High-nickel cathode surface coating」に強くマッチする技術があります");
    expect(toBuyer.text).toContain("TRL 7、希望範囲 6–9 内");
    expect(toBuyer.text).toContain("/alerts/unsubscribe/");
    expect(toSeller.locale).toBe("ko");
    expect(toSeller.subject).toBe("바이어 수요가 귀사 기술 “하이니켈 NCM 양극재 리튬보레이트 표면 코팅”과 매칭되었습니다");
    expect(toSeller.html).toContain("수신 거부");
  });

  it("send the weekly digest once per user and ISO week", async () => {
    const w = await world();
    await publishedListing(w.sme.organisationId!, cathodeTexts);
    const need = await createNeed(w.buyer, needForm());
    await computeMatchesForNeed(need.id, { alert: false });
    const now = new Date();
    // This week's digest is about last week's matches: none yet.
    expect(await sendWeeklyDigests(now)).toBe(0);
    const nextWeek = new Date(isoWeekStart(now).getTime() + 7 * 86_400_000 + 9 * 3_600_000);
    expect(await sendWeeklyDigests(nextWeek)).toBe(2);
    expect(await sendWeeklyDigests(nextWeek)).toBe(0);
    expect(await sendWeeklyDigests(new Date(nextWeek.getTime() + 3 * 86_400_000))).toBe(0);
    await deliverEmails();
    const digests = await prisma.emailMessage.findMany({ where: { subject: { contains: "TechBridge" } } });
    expect(digests.map((d) => d.locale).sort()).toEqual(["ja", "ko"]);
    expect(digests.find((d) => d.locale === "ja")!.subject).toBe("TechBridge 週間ダイジェスト：新しいマッチ 1件");
    expect(digests.find((d) => d.locale === "ko")!.text).toContain("High-nickel cathode surface coating");
    expect(await prisma.notification.count({ where: { kind: "matching.digest", id: { startsWith: `digest_${isoWeek(nextWeek)}_` } } })).toBe(2);
    // The week after, last week's matches are old news: nothing is sent.
    expect(await sendWeeklyDigests(new Date(nextWeek.getTime() + 7 * 86_400_000))).toBe(0);
    expect(isoWeek(new Date("2026-01-01T12:00:00Z"))).toBe("2026-W01");
    expect(isoWeek(new Date("2027-01-01T12:00:00Z"))).toBe("2026-W53");
    expect(isoWeekStart(new Date("2026-11-29T23:59:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("honour the unsubscribe link without login and refuse a tampered one", async () => {
    const w = await world();
    const token = unsubscribeToken({ userId: w.sme.id, scope: "matches" });
    const tampered = `${token.slice(0, -3)}${token.endsWith("x") ? "yyy" : "xxx"}`;
    const refused = await unsubscribeAction({ request: new Request(`http://localhost/alerts/unsubscribe/${tampered}`, { method: "POST" }), params: { token: tampered }, context: { nonce: "" } }).catch((r: Response) => r);
    expect((refused as Response).status).toBe(400);
    const refusedPage = await unsubscribeLoader({ request: new Request(`http://localhost/alerts/unsubscribe/${tampered}`), params: { token: tampered }, context: { nonce: "" } }).catch((r: Response) => r);
    expect((refusedPage as Response).status).toBe(400);
    expect(await prisma.notification.count({ where: { userId: w.sme.id } })).toBe(0);

    expect(await unsubscribeLoader({ request: new Request(`http://localhost/alerts/unsubscribe/${token}`), params: { token }, context: { nonce: "" } })).toEqual({ scope: "matches", pageTitle: "Unsubscribe" });
    expect(await unsubscribeAction({ request: new Request(`http://localhost/alerts/unsubscribe/${token}`, { method: "POST" }), params: { token }, context: { nonce: "" } })).toEqual({ done: true, scope: "matches" });

    await publishedListing(w.sme.organisationId!, cathodeTexts);
    await createNeed(w.buyer, needForm());
    await drainMatching();
    const alerted = await prisma.notification.findMany({ where: { kind: "matching.strongMatch" } });
    expect(alerted.map((n) => n.userId)).toEqual([w.buyer.id]);

    // The preference shows on the saved-searches page and can be turned back on.
    const page = await savedSearchesLoader({ request: await signedInRequest(w.sme.id, "/workspace/saved-searches"), params: {}, context: { nonce: "" } });
    expect(page.prefs).toEqual({ matches: false, digest: true });
    await savedSearchesAction({ request: await signedInRequest(w.sme.id, "/workspace/saved-searches", { method: "POST", body: formBody({ intent: "prefs", matches: "on", digest: "on" }) }), params: {}, context: { nonce: "" } });
    const again = await savedSearchesLoader({ request: await signedInRequest(w.sme.id, "/workspace/saved-searches"), params: {}, context: { nonce: "" } });
    expect(again.prefs).toEqual({ matches: true, digest: true });
  });
});

describe("saved searches", () => {
  it("alert new listings matching the query once, and stop after the unsubscribe link", async () => {
    const w = await world();
    const saved = await createSavedSearch(w.buyer, { name: "Cathode coatings", query: "?q=cathode&field=battery&page=3&bogus=1" });
    expect(saved.query).toBe("q=cathode&field=battery");
    await prisma.savedSearch.update({ where: { id: saved.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    await publishedListing(w.sme.organisationId!, cathodeTexts);
    await publishedListing(w.sme.organisationId!, serumTexts, { field: "cosmetics" });
    expect(await sendSavedSearchAlerts(new Date())).toBe(1);
    expect(await sendSavedSearchAlerts(new Date())).toBe(0);
    await deliverEmails();
    const mail = await prisma.emailMessage.findFirstOrThrow({ where: { to: w.buyerUser.email } });
    expect(mail.subject).toBe("「Cathode coatings」に新しい技術 1件");
    expect(mail.text).toContain("Lithium-borate surface coating");
    expect(mail.text).not.toContain("ginseng");

    const token = unsubscribeToken({ userId: w.buyer.id, scope: "search", savedSearchId: saved.id });
    await unsubscribeAction({ request: new Request(`http://localhost/alerts/unsubscribe/${token}`, { method: "POST" }), params: { token }, context: { nonce: "" } });
    expect((await prisma.savedSearch.findUniqueOrThrow({ where: { id: saved.id } })).alertsEnabled).toBe(false);
  });

  it("belong to their user only", async () => {
    const w = await world();
    const saved = await createSavedSearch(w.buyer, { name: "Mine", query: "q=cathode" });
    await expect(renameSavedSearch(w.otherBuyer, saved.id, "Theirs")).rejects.toMatchObject({ status: 404 });
    await expect(deleteSavedSearch(w.otherBuyer, saved.id)).rejects.toMatchObject({ status: 404 });
    expect(await listSavedSearches(w.otherBuyer)).toEqual([]);
    const posted = await savedSearchesAction({
      request: await signedInRequest(w.otherBuyer.id, "/workspace/saved-searches", { method: "POST", body: formBody({ intent: "delete", id: saved.id }) }),
      params: {},
      context: { nonce: "" },
    }).catch((r: Response) => r);
    expect((posted as Response).status).toBe(404);
    expect(await prisma.savedSearch.count({ where: { id: saved.id } })).toBe(1);
    await expect(createSavedSearch(w.buyer, { name: "Nothing", query: "page=2" })).rejects.toMatchObject({ status: 422, messageKey: "matching:errors.emptySearch" });
    const renamed = await savedSearchesAction({
      request: await signedInRequest(w.buyer.id, "/workspace/saved-searches", { method: "POST", body: formBody({ intent: "rename", id: saved.id, name: "" }) }),
      params: {},
      context: { nonce: "" },
    });
    expect(renamed).toMatchObject({ id: saved.id, errors: { name: "validation:required" } });

    // The search page's component posts to the resource route.
    const post = async (userId: string | null, values: Record<string, string>) =>
      saveSearchResourceAction({ request: await signedInRequest(userId, "/matching/saved-searches", { method: "POST", body: formBody(values) }), params: {}, context: { nonce: "" } });
    expect(await post(null, { name: "Anonymous", query: "q=ginseng" })).toMatchObject({ init: { status: 401 }, data: { formError: "matching:errors.signInToSave" } });
    expect(await post(w.otherBuyer.id, { name: "", query: "q=ginseng" })).toMatchObject({ init: { status: 400 }, data: { errors: { name: "validation:required" } } });
    expect(await post(w.otherBuyer.id, { name: "Ginseng actives", query: "q=ginseng&field=cosmetics" })).toMatchObject({ ok: true });
    expect((await listSavedSearches(w.otherBuyer)).map((x) => [x.name, x.query])).toEqual([["Ginseng actives", "q=ginseng&field=cosmetics"]]);
    expect((await listSavedSearches(w.buyer)).map((x) => x.name)).toEqual(["Mine"]);
  });
});

describe("shortlists", () => {
  it("keep published listings with a note, per user", async () => {
    const w = await world();
    const listing = await publishedListing(w.sme.organisationId!, cathodeTexts);
    const draft = await createListing(prisma, { organisationId: w.sme.organisationId!, status: "draft" });
    await addToShortlist(w.buyer, listing.id, "Ask about the kiln");
    await addToShortlist(w.buyer, listing.id, "Ask about the kiln and the ppm");
    await expect(addToShortlist(w.buyer, draft.id, "")).rejects.toMatchObject({ status: 404 });
    const list = await listShortlist(w.buyer, "en");
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ note: "Ask about the kiln and the ppm", listing: { slug: listing.slug, available: true } });

    const other = await shortlistLoader({ request: await signedInRequest(w.otherBuyer.id, "/workspace/shortlist"), params: {}, context: { nonce: "" } });
    expect(other.entries).toEqual([]);
    const anonymous = await shortlistResourceAction({ request: new Request("http://localhost/matching/shortlist", { method: "POST", body: formBody({ listingId: listing.id }) }), params: {}, context: { nonce: "" } });
    expect(anonymous).toMatchObject({ type: "DataWithResponseInit", init: { status: 401 } });
    const removed = await shortlistResourceAction({
      request: await signedInRequest(w.otherBuyer.id, "/matching/shortlist", { method: "POST", body: formBody({ listingId: listing.id, intent: "remove" }) }),
      params: {},
      context: { nonce: "" },
    });
    expect(removed).toMatchObject({ ok: true, shortlisted: false });
    expect(await prisma.shortlistEntry.count({ where: { userId: w.buyer.id } })).toBe(1);
  });
});
