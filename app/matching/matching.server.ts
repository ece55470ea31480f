/**
 * Matches between buyers' technology needs and published listings, computed both ways:
 * when a need is posted or changed (its matches against all listings) and when a listing
 * is published, changed or withdrawn (the open needs it may fit). Both run from the
 * persisted outbox (topic MATCHING_TOPIC), so a search-engine outage delays matching and
 * loses nothing. A strong new match is alerted once (alerts.server.ts).
 */
import { createEmbeddedEngine } from "@search/embedded.server";
import type { SearchEngine } from "@search/types";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { enqueue, type OutboxHandler, type OutboxTopic } from "~/jobs/outbox.server";
import { allSearchDocuments, loadSearchDocument } from "~/listings/search-document.server";
import { searchEngine } from "~/search/search.server";
import { alertStrongMatches } from "./alerts.server";
import { textRelevance } from "./relevance.server";
import { combineScore, MAX_MATCHES_PER_NEED, MIN_MATCH_SCORE, structuredFit, type MatchReason } from "./score";

/**
 * The outbox topic of match recomputation. Payload: { needId } or { listingId }.
 * (Cast until the topic is added to OutboxTopic in app/jobs/outbox.server.ts.)
 */
export const MATCHING_TOPIC: OutboxTopic = "matching.recompute";

export type RecomputePayload = { needId: string } | { listingId: string };

type Tx = Pick<Prisma.TransactionClient, "outboxMessage">;

/** Queues a recomputation in the caller's transaction (the change and the work commit together). */
export async function enqueueMatchRecompute(tx: Tx, payload: RecomputePayload) {
  await enqueue(tx, MATCHING_TOPIC, payload);
}

export interface ComputeOptions {
  engine?: SearchEngine;
  /** false: store the matches without alerting (the demo seed). */
  alert?: boolean;
  now?: Date;
}

const listingFactsSelect = {
  id: true,
  field: true,
  ipcCodes: true,
  trl: true,
  askingMinMinor: true,
  askingMaxMinor: true,
  askingCurrency: true,
  transferModes: true,
  targetRegions: true,
} as const;

export interface ScoredMatch {
  listingId: string;
  score: number;
  reasons: MatchReason[];
}

/** Scores every candidate listing for one need, best first (nothing is written). */
export async function scoreNeed(needId: string, engine: SearchEngine = searchEngine()): Promise<ScoredMatch[]> {
  const need = await prisma.technologyNeed.findUnique({ where: { id: needId } });
  if (!need || need.status !== "open") return [];
  const relevance = await textRelevance(engine, need);
  const listings = await prisma.listing.findMany({
    where: { status: "published", OR: [{ id: { in: [...relevance.keys()] } }, { field: { in: need.fields } }] },
    select: listingFactsSelect,
  });
  const scored: ScoredMatch[] = [];
  for (const listing of listings) {
    const text = relevance.get(listing.id) ?? { score: 0, concepts: [], words: [] };
    const { score, reasons } = combineScore(text, structuredFit(need, listing), need);
    if (score >= MIN_MATCH_SCORE) scored.push({ listingId: listing.id, score, reasons });
  }
  return scored.sort((a, b) => b.score - a.score || a.listingId.localeCompare(b.listingId)).slice(0, MAX_MATCHES_PER_NEED);
}

/** Recomputes and stores one need's matches; an alert already sent for a match stays sent. */
export async function computeMatchesForNeed(needId: string, options: ComputeOptions = {}): Promise<ScoredMatch[]> {
  const scored = await scoreNeed(needId, options.engine ?? searchEngine());
  const now = options.now ?? new Date();
  await prisma.$transaction(async (tx) => {
    await tx.match.deleteMany({ where: { needId, listingId: { notIn: scored.map((s) => s.listingId) } } });
    for (const m of scored) {
      const reasons = m.reasons as unknown as Prisma.InputJsonValue;
      await tx.match.upsert({
        where: { needId_listingId: { needId, listingId: m.listingId } },
        create: { needId, listingId: m.listingId, score: m.score, reasons, alertedAt: options.alert === false ? now : null },
        update: { score: m.score, reasons },
      });
    }
  });
  if (options.alert !== false) await alertStrongMatches({ needId, now });
  return scored;
}

/**
 * A listing changed: its matches are dropped when it is no longer published; otherwise every
 * open need it may fit (same field, or already matched) gets a recomputation queued — unless one
 * is already waiting, so a burst of listing changes (a bulk import of 10,000 listings) costs one
 * recomputation per need instead of one per listing and need. Returns the needs concerned.
 */
export async function computeMatchesForListing(listingId: string) {
  const listing = await prisma.listing.findUnique({ where: { id: listingId }, select: { status: true, field: true } });
  if (!listing || listing.status !== "published") {
    await prisma.match.deleteMany({ where: { listingId } });
    return 0;
  }
  const needs = await prisma.technologyNeed.findMany({
    where: { status: "open", OR: [{ fields: { has: listing.field } }, { matches: { some: { listingId } } }] },
    select: { id: true },
  });
  await queueNeedRecompute(needs.map((n) => n.id));
  return needs.length;
}

/** Queues a recomputation for each need that has none waiting (claimed atomically by the flag). */
export async function queueNeedRecompute(needIds: string[]) {
  if (!needIds.length) return;
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "TechnologyNeed" SET "recomputeQueuedAt" = now()
      WHERE id = ANY(${needIds}::text[]) AND "recomputeQueuedAt" IS NULL
      RETURNING id`;
    for (const { id } of claimed) await enqueue(tx, MATCHING_TOPIC, { needId: id });
  });
}

/** The outbox handler of MATCHING_TOPIC. */
export const recomputeMatches: OutboxHandler = async (payload: RecomputePayload) => {
  if ("needId" in payload) {
    // Cleared first: a listing that changes while this runs queues another pass.
    await prisma.technologyNeed.updateMany({ where: { id: payload.needId }, data: { recomputeQueuedAt: null } });
    await computeMatchesForNeed(payload.needId);
    return;
  }
  // The search sync of the same change may not have run yet (same transaction, no order
  // between topics): bring the index up to date for this listing first. Idempotent.
  const doc = await loadSearchDocument(payload.listingId);
  if (doc) await searchEngine().upsert([doc]);
  else await searchEngine().remove([payload.listingId]);
  await computeMatchesForListing(payload.listingId);
};

export const matchingOutboxHandlers = { [MATCHING_TOPIC]: recomputeMatches } as Partial<Record<OutboxTopic, OutboxHandler>>;

/**
 * Every open need's matches, against an engine built from the database when none is
 * running (the seed runs before the app starts its engine). Alerts are not sent.
 */
export async function computeAllMatches(options: ComputeOptions = {}) {
  let engine = options.engine;
  if (!engine) {
    try {
      engine = searchEngine();
    } catch {
      engine = createEmbeddedEngine();
      await engine.replaceAll(allSearchDocuments());
    }
  }
  const needs = await prisma.technologyNeed.findMany({ where: { status: "open" }, select: { id: true }, orderBy: { createdAt: "asc" } });
  let matches = 0;
  for (const need of needs) matches += (await computeMatchesForNeed(need.id, { ...options, engine })).length;
  return { needs: needs.length, matches };
}
