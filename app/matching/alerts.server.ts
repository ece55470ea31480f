/**
 * Telling people about matches, in each recipient's language, by e-mail and in-app:
 * - a strong match (score ≥ STRONG_MATCH_SCORE) is alerted once to both sides (the buyer
 *   organisation that posted the need and the SME that listed the technology), claimed
 *   through Match.alertedAt so concurrent workers never send twice;
 * - a weekly digest of the week's new matches, once per user and ISO week (a notification
 *   row with a deterministic id is the claim);
 * - saved-search alerts: listings published since the search last alerted.
 * Every e-mail carries a signed unsubscribe link (unsubscribe.server.ts).
 */
import type { SearchEngine } from "@search/types";
import { prisma } from "~/db.server";
import { isLocale, type Locale } from "~/domain/taxonomy";
import { queueEmail } from "~/email/email.server";
import { env } from "~/env.server";
import type { Prisma } from "~/generated/prisma/client";
import { pickTranslation } from "~/listings/listings.server";
import { parseSearchParams } from "~/search/query";
import { searchEngine } from "~/search/search.server";
import { reasonRenderer } from "./reasons.server";
import { STRONG_MATCH_SCORE } from "./score";
import { optedOut, unsubscribeUrl } from "./unsubscribe.server";

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;

const asLocale = (value: string): Locale => (isLocale(value) ? value : "en");
const percent = (score: number) => String(Math.round(score * 100));

async function members(tx: Tx, organisationId: string, role: "buyer" | "sme") {
  return tx.user.findMany({ where: { organisationId, role, disabledAt: null }, select: { id: true, email: true, name: true, locale: true } });
}

/** Alerts every strong match not alerted yet (of one need or one listing, or all). Returns how many matches were alerted. */
export async function alertStrongMatches(scope: { needId?: string; listingId?: string; now?: Date } = {}): Promise<number> {
  const now = scope.now ?? new Date();
  const due = await prisma.match.findMany({
    where: {
      alertedAt: null,
      score: { gte: STRONG_MATCH_SCORE },
      ...(scope.needId ? { needId: scope.needId } : {}),
      ...(scope.listingId ? { listingId: scope.listingId } : {}),
      need: { status: "open" },
      listing: { status: "published" },
    },
    include: {
      need: { select: { id: true, title: true, locale: true, organisationId: true } },
      listing: { select: { id: true, slug: true, organisationId: true, translations: { select: { locale: true, title: true, summary: true } } } },
    },
  });
  let alerted = 0;
  for (const match of due) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.match.updateMany({ where: { id: match.id, alertedAt: null }, data: { alertedAt: now } });
      if (claimed.count !== 1) return;
      alerted++;
      const buyers = await members(tx, match.need.organisationId, "buyer");
      const sellers = await members(tx, match.listing.organisationId, "sme");
      const off = await optedOut(tx, [...buyers, ...sellers].map((u) => u.id), "matches");
      for (const [side, people] of [["buyer", buyers], ["seller", sellers]] as const) {
        for (const person of people) {
          if (off.has(person.id)) continue;
          const locale = asLocale(person.locale);
          const { render } = await reasonRenderer(locale);
          const listingTitle = pickTranslation(match.listing.translations, locale).translation?.title ?? "";
          const href = side === "buyer" ? `/workspace/needs/${match.need.id}` : "/workspace/matches";
          await tx.notification.create({
            data: {
              userId: person.id,
              kind: "matching.strongMatch",
              payload: { matchId: match.id, needId: match.need.id, listingId: match.listing.id, side, href, score: percent(match.score), needTitle: match.need.title, listingTitle },
            },
          });
          await queueEmail(tx, {
            to: person.email,
            locale,
            template: "matching.strongMatch",
            params: {
              side,
              name: person.name,
              needTitle: match.need.title,
              listingTitle,
              score: percent(match.score),
              reasons: render(match.reasons).join("\n"),
              url: `${env().appUrl}${href}`,
              unsubscribeUrl: unsubscribeUrl({ userId: person.id, scope: "matches" }),
            },
          });
        }
      }
    });
  }
  return alerted;
}

/** ISO-8601 week of `date` (UTC), e.g. "2026-W48": the digest's idempotency key. */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / DAY + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export const DIGEST_ITEMS = 5;

/** Monday 00:00 UTC of the ISO week of `date`. */
export function isoWeekStart(date: Date): Date {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() || 7) - 1));
  return d;
}

/**
 * The weekly digest for the scheduler: in each ISO week, every buyer and SME user with
 * matches created in the previous week gets one e-mail and one in-app notification about
 * them — on the first run of the week, however often this runs and in however many
 * processes (a run that was missed on Monday catches up later in the week). Returns how
 * many digests were sent.
 */
export async function sendWeeklyDigests(now: Date = new Date()): Promise<number> {
  const week = isoWeek(now);
  const until = isoWeekStart(now);
  const since = new Date(until.getTime() - 7 * DAY);
  const recent = await prisma.match.findMany({
    where: { createdAt: { gte: since, lt: until }, need: { status: "open" }, listing: { status: "published" } },
    orderBy: { score: "desc" },
    include: {
      need: { select: { id: true, title: true, organisationId: true, organisation: { select: { country: true } } } },
      listing: { select: { id: true, slug: true, organisationId: true, translations: { select: { locale: true, title: true, summary: true } } } },
    },
  });
  if (recent.length === 0) return 0;
  const orgIds = [...new Set(recent.flatMap((m) => [m.need.organisationId, m.listing.organisationId]))];
  const users = await prisma.user.findMany({
    where: { organisationId: { in: orgIds }, role: { in: ["buyer", "sme"] }, disabledAt: null },
    select: { id: true, email: true, name: true, locale: true, role: true, organisationId: true },
  });
  const off = await optedOut(prisma, users.map((u) => u.id), "digest");
  let sent = 0;
  for (const user of users) {
    if (off.has(user.id)) continue;
    const mine = recent.filter((m) => (user.role === "buyer" ? m.need.organisationId : m.listing.organisationId) === user.organisationId);
    if (mine.length === 0) continue;
    const locale = asLocale(user.locale);
    const href = user.role === "buyer" ? "/workspace/needs" : "/workspace/matches";
    const items = mine.slice(0, DIGEST_ITEMS).map((m) => {
      const listingTitle = pickTranslation(m.listing.translations, locale).translation?.title ?? "";
      return user.role === "buyer"
        ? { title: listingTitle, context: m.need.title, score: percent(m.score), url: `${env().appUrl}/technologies/${m.listing.slug}` }
        : { title: m.need.title, context: listingTitle, score: percent(m.score), url: `${env().appUrl}/workspace/matches` };
    });
    await prisma.$transaction(async (tx) => {
      // The deterministic id is the claim: a second run in the same week inserts nothing.
      const claimed = await tx.notification.createMany({
        data: [{ id: `digest_${week}_${user.id}`, userId: user.id, kind: "matching.digest", payload: { week, count: String(mine.length), href } }],
        skipDuplicates: true,
      });
      if (claimed.count !== 1) return;
      sent++;
      await queueEmail(tx, {
        to: user.email,
        locale,
        template: "matching.weeklyDigest",
        params: {
          name: user.name,
          count: String(mine.length),
          items: JSON.stringify(items),
          url: `${env().appUrl}${href}`,
          unsubscribeUrl: unsubscribeUrl({ userId: user.id, scope: "digest" }),
        },
      });
    });
  }
  return sent;
}

/** Saved searches alert at most once a day. */
export const SAVED_SEARCH_ALERT_INTERVAL_MS = DAY;
const SAVED_SEARCH_ALERT_ITEMS = 10;

/**
 * Saved-search alerts for the scheduler: for each saved search with alerts on, the
 * listings its query finds that were published since it last alerted (or since it was
 * saved). Returns how many alerts were sent.
 */
export async function sendSavedSearchAlerts(now: Date = new Date(), engine: SearchEngine = searchEngine()): Promise<number> {
  const due = await prisma.savedSearch.findMany({
    where: {
      alertsEnabled: true,
      user: { disabledAt: null },
      OR: [{ lastAlertedAt: null }, { lastAlertedAt: { lte: new Date(now.getTime() - SAVED_SEARCH_ALERT_INTERVAL_MS) } }],
    },
    include: { user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  // Runs every scheduler tick: a saved search is only searched when something was published since it last alerted.
  const latest = await prisma.listing.findFirst({ where: { status: "published", publishedAt: { lte: now } }, orderBy: { publishedAt: "desc" }, select: { publishedAt: true } });
  let sent = 0;
  for (const saved of due) {
    const since = saved.lastAlertedAt ?? saved.createdAt;
    if (!latest?.publishedAt || latest.publishedAt <= since) continue;
    const locale = asLocale(saved.user.locale);
    const { query } = parseSearchParams(new URLSearchParams(saved.query), locale);
    const result = await engine.search({ ...query, sort: "newest", page: 1, pageSize: 50 });
    const ids = result.hits.map((h) => h.id);
    if (ids.length === 0) continue;
    const fresh = await prisma.listing.findMany({
      where: { id: { in: ids }, status: "published", publishedAt: { gt: since, lte: now } },
      orderBy: { publishedAt: "desc" },
      take: SAVED_SEARCH_ALERT_ITEMS,
      select: { id: true, slug: true, translations: { select: { locale: true, title: true, summary: true } } },
    });
    if (fresh.length === 0) continue;
    const items = fresh.map((l) => ({ title: pickTranslation(l.translations, locale).translation?.title ?? "", url: `${env().appUrl}/technologies/${l.slug}` }));
    await prisma.$transaction(async (tx) => {
      // Claimed by moving lastAlertedAt on from the value read; a concurrent run finds it moved.
      const claimed = await tx.savedSearch.updateMany({ where: { id: saved.id, lastAlertedAt: saved.lastAlertedAt, alertsEnabled: true }, data: { lastAlertedAt: now } });
      if (claimed.count !== 1) return;
      sent++;
      const href = `/technologies?${saved.query}`;
      await tx.notification.create({
        data: { userId: saved.user.id, kind: "matching.savedSearch", payload: { savedSearchId: saved.id, name: saved.name, count: String(fresh.length), href } },
      });
      await queueEmail(tx, {
        to: saved.user.email,
        locale,
        template: "matching.savedSearchAlert",
        params: {
          name: saved.user.name,
          searchName: saved.name,
          count: String(fresh.length),
          items: JSON.stringify(items),
          url: `${env().appUrl}${href}`,
          unsubscribeUrl: unsubscribeUrl({ userId: saved.user.id, scope: "search", savedSearchId: saved.id }),
        },
      });
    });
  }
  return sent;
}
