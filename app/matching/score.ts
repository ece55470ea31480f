/**
 * How well a listing fits a buyer's technology need: the structured half of the match
 * score (field / IPC overlap, TRL within range, asking price against the budget, transfer
 * modes, region) plus the combination with the text relevance the search engine measured
 * (relevance.server.ts). Pure functions, so the rules are unit-tested without a database.
 *
 * A match carries its reasons as codes with parameters ({ code, params }); they are
 * rendered in the viewer's language (reasons.server.ts), never stored as text.
 */
import { toUsd } from "~/lib/money";

export type ReasonCode =
  | "field"
  | "ipc"
  | "trlWithin"
  | "trlBelow"
  | "trlAbove"
  | "budgetWithin"
  | "budgetOverlap"
  | "budgetAbove"
  | "budgetBelow"
  | "modes"
  | "region"
  | "topics";

/** Parameters are codes and numbers (and glossary concept ids / words for topics), never display text. */
export type MatchReason = { code: ReasonCode; params: Record<string, string | number | string[]> };

export interface NeedFacts {
  fields: string[];
  ipcCodes: string[];
  trlMin: number;
  trlMax: number;
  budgetMinMinor: bigint | number | null;
  budgetMaxMinor: bigint | number | null;
  currency: string | null;
  transferModes: string[];
  targetRegion: string | null;
}

export interface ListingFacts {
  field: string;
  ipcCodes: string[];
  trl: number;
  askingMinMinor: bigint | number | null;
  askingMaxMinor: bigint | number | null;
  askingCurrency: string | null;
  transferModes: string[];
  targetRegions: string[];
}

/** Weights of the structured criteria; a criterion the need leaves open is left out of the average. */
export const STRUCTURED_WEIGHTS = { field: 0.3, ipc: 0.15, trl: 0.25, budget: 0.15, modes: 0.1, region: 0.05 } as const;
/**
 * The structured fit scales the text relevance between this floor and 1: a listing about
 * the right technology that misses the budget, TRL and modes keeps 40% of its relevance;
 * a listing that fits every constraint but is about something else stays near zero.
 */
export const FIT_FLOOR = 0.4;
/** A listing outside every field the buyer named keeps this share (a shared word is weak evidence across fields). */
export const OTHER_FIELD_FACTOR = 0.7;
/** Matches below this score are not stored. */
export const MIN_MATCH_SCORE = 0.3;
/** Matches at or above this score are alerted immediately (once). */
export const STRONG_MATCH_SCORE = 0.7;
/** At most this many matches are kept per need. */
export const MAX_MATCHES_PER_NEED = 20;

/** IPC subclass ("H01M 4/131" → "H01M"), the level at which two codes count as the same technology. */
export function ipcSubclass(code: string): string {
  return code.replace(/\s+/g, "").slice(0, 4).toUpperCase();
}

function usdRange(min: bigint | number | null, max: bigint | number | null, currency: string | null): [number, number] | null {
  if (min === null && max === null) return null;
  const cur = currency ?? "USD";
  const lo = min !== null ? toUsd(min, cur) : toUsd(max!, cur);
  const hi = max !== null ? toUsd(max, cur) : toUsd(min!, cur);
  return lo <= hi ? [lo, hi] : [hi, lo];
}

/** Budget and asking range, both converted to whole USD (estimate at the reference rate). */
export function budgetFit(need: NeedFacts, listing: ListingFacts): { score: number; reason: MatchReason } | null {
  const budget = usdRange(need.budgetMinMinor, need.budgetMaxMinor, need.currency);
  const asking = usdRange(listing.askingMinMinor, listing.askingMaxMinor, listing.askingCurrency);
  if (!budget || !asking) return null;
  const params = { askingMinUsd: asking[0], askingMaxUsd: asking[1], budgetMinUsd: budget[0], budgetMaxUsd: budget[1] };
  if (asking[0] >= budget[0] && asking[1] <= budget[1]) return { score: 1, reason: { code: "budgetWithin", params } };
  // Cheaper than the budget's floor: affordable, a little less likely to be what was asked for.
  if (asking[1] < budget[0]) return { score: 0.8, reason: { code: "budgetBelow", params } };
  if (asking[0] > budget[1]) {
    // Above the budget: the further above, the weaker (twice the budget counts as no fit).
    const over = asking[0] / Math.max(1, budget[1]);
    return { score: Math.max(0, 1 - (over - 1)), reason: { code: "budgetAbove", params } };
  }
  return { score: 0.75, reason: { code: "budgetOverlap", params } };
}

export function trlFit(need: NeedFacts, listing: ListingFacts): { score: number; reason: MatchReason } {
  const params = { trl: listing.trl, min: need.trlMin, max: need.trlMax };
  if (listing.trl >= need.trlMin && listing.trl <= need.trlMax) return { score: 1, reason: { code: "trlWithin", params } };
  if (listing.trl < need.trlMin) {
    // Each level short of the minimum costs a third: two levels below is barely a fit.
    return { score: Math.max(0, 1 - (need.trlMin - listing.trl) / 3), reason: { code: "trlBelow", params } };
  }
  // More mature than asked is rarely a problem.
  return { score: 0.8, reason: { code: "trlAbove", params } };
}

export interface StructuredFit {
  score: number;
  reasons: MatchReason[];
  fieldOverlap: boolean;
}

export function structuredFit(need: NeedFacts, listing: ListingFacts): StructuredFit {
  const reasons: MatchReason[] = [];
  let total = 0;
  let weight = 0;
  const add = (w: number, score: number) => {
    total += w * score;
    weight += w;
  };

  const fieldOverlap = need.fields.includes(listing.field);
  if (need.fields.length > 0) {
    add(STRUCTURED_WEIGHTS.field, fieldOverlap ? 1 : 0);
    if (fieldOverlap) reasons.push({ code: "field", params: { fields: [listing.field] } });
  }

  if (need.ipcCodes.length > 0) {
    const wanted = new Set(need.ipcCodes.map(ipcSubclass));
    const shared = [...new Set(listing.ipcCodes.map(ipcSubclass))].filter((c) => wanted.has(c));
    add(STRUCTURED_WEIGHTS.ipc, shared.length > 0 ? 1 : 0);
    if (shared.length > 0) reasons.push({ code: "ipc", params: { classes: shared } });
  }

  const trl = trlFit(need, listing);
  add(STRUCTURED_WEIGHTS.trl, trl.score);
  reasons.push(trl.reason);

  const budget = budgetFit(need, listing);
  if (budget) {
    add(STRUCTURED_WEIGHTS.budget, budget.score);
    reasons.push(budget.reason);
  }

  if (need.transferModes.length > 0) {
    const shared = listing.transferModes.filter((m) => need.transferModes.includes(m));
    add(STRUCTURED_WEIGHTS.modes, shared.length > 0 ? Math.min(1, 0.6 + 0.2 * shared.length) : 0);
    if (shared.length > 0) reasons.push({ code: "modes", params: { modes: shared } });
  }

  if (need.targetRegion) {
    const targets = listing.targetRegions.includes(need.targetRegion);
    add(STRUCTURED_WEIGHTS.region, targets ? 1 : 0);
    if (targets) reasons.push({ code: "region", params: { region: need.targetRegion } });
  }

  return { score: weight > 0 ? total / weight : 0, reasons, fieldOverlap };
}

export interface TextRelevance {
  /** 0..1: how much of the need's weighted vocabulary the listing matched. */
  score: number;
  /** What matched: glossary concept ids (rendered in the viewer's language) and plain words. */
  concepts: string[];
  words: string[];
}

/**
 * The final score, 0..1: the text relevance scaled by the structured fit. Measured on the
 * labelled set (tests/db/matching-quality.test.ts), a weighted sum let every listing of the
 * buyer's field through on its structured fit alone; scaling keeps those out.
 */
export function combineScore(text: TextRelevance, fit: StructuredFit, need: Pick<NeedFacts, "fields"> & { locale?: string }): { score: number; reasons: MatchReason[] } {
  let score = text.score * (FIT_FLOOR + (1 - FIT_FLOOR) * fit.score);
  if (need.fields.length > 0 && !fit.fieldOverlap) score *= OTHER_FIELD_FACTOR;
  const reasons = [...fit.reasons];
  if (text.concepts.length > 0 || text.words.length > 0) {
    reasons.unshift({ code: "topics", params: { concepts: text.concepts.slice(0, 4), words: text.words.slice(0, Math.max(0, 4 - text.concepts.length)), lang: need.locale ?? "" } });
  }
  return { score: Math.round(score * 1000) / 1000, reasons };
}
