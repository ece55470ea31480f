/**
 * Buyers' technology needs: posting, editing, closing and reopening, and reading them.
 * Only members of a buyer organisation may do any of it, and only for their own
 * organisation's needs: another organisation's need answers 404, as if it did not exist.
 * Every change is audited and queues the match recomputation in the same transaction.
 */
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import type { TechnologyNeed } from "~/generated/prisma/client";
import { UserError } from "~/lib/http.server";
import { toMajor, toMinor } from "~/lib/money";
import { enqueueMatchRecompute } from "~/matching/matching.server";
import type { NeedFormInput } from "./schemas";

export function requireBuyer(user: SessionUser): string {
  if (user.role !== "buyer" || !user.organisationId || user.organisation?.kind !== "buyer") throw new UserError(403, "common:errors.forbidden");
  return user.organisationId;
}

function needData(input: NeedFormInput) {
  const hasBudget = input.budgetMin !== undefined || input.budgetMax !== undefined;
  return {
    locale: input.locale,
    title: input.title,
    description: input.description,
    fields: input.fields,
    ipcCodes: input.ipcCodes.map((c) => c.toUpperCase().replace(/\s+/g, " ")),
    trlMin: input.trlMin,
    trlMax: input.trlMax,
    currency: hasBudget ? input.currency : null,
    budgetMinMinor: input.budgetMin !== undefined ? BigInt(toMinor(input.budgetMin, input.currency)) : null,
    budgetMaxMinor: input.budgetMax !== undefined ? BigInt(toMinor(input.budgetMax, input.currency)) : null,
    timeline: input.timeline || null,
    transferModes: input.transferModes,
    targetRegion: input.targetRegion ?? null,
  };
}

/** The need's values as the form shows them (for editing). */
export function needToFormValues(need: TechnologyNeed): Record<string, string | string[]> {
  const currency = need.currency ?? "USD";
  return {
    locale: need.locale,
    title: need.title,
    description: need.description,
    fields: need.fields,
    ipcCodes: need.ipcCodes.join(", "),
    trlMin: String(need.trlMin),
    trlMax: String(need.trlMax),
    currency,
    budgetMin: need.budgetMinMinor !== null ? String(toMajor(need.budgetMinMinor, currency)) : "",
    budgetMax: need.budgetMaxMinor !== null ? String(toMajor(need.budgetMaxMinor, currency)) : "",
    timeline: need.timeline ?? "",
    transferModes: need.transferModes,
    targetRegion: need.targetRegion ?? "",
  };
}

export async function createNeed(user: SessionUser, input: NeedFormInput, ip?: string | null) {
  const organisationId = requireBuyer(user);
  return prisma.$transaction(async (tx) => {
    const need = await tx.technologyNeed.create({ data: { ...needData(input), organisationId, createdById: user.id } });
    await enqueueMatchRecompute(tx, { needId: need.id });
    await audit(tx, user.id, "need.create", "TechnologyNeed", need.id, {}, ip);
    return need;
  });
}

/** One of the buyer's own organisation's needs; anything else is "not found". */
export async function getOwnNeed(user: SessionUser, needId: string) {
  const organisationId = requireBuyer(user);
  const need = await prisma.technologyNeed.findUnique({ where: { id: needId } });
  if (!need || need.organisationId !== organisationId) throw new UserError(404, "common:errors.notFound");
  return need;
}

export async function updateNeed(user: SessionUser, needId: string, input: NeedFormInput, ip?: string | null) {
  const need = await getOwnNeed(user, needId);
  if (need.status !== "open") throw new UserError(409, "matching:errors.needClosed");
  return prisma.$transaction(async (tx) => {
    const updated = await tx.technologyNeed.update({ where: { id: need.id }, data: needData(input) });
    await enqueueMatchRecompute(tx, { needId: need.id });
    await audit(tx, user.id, "need.update", "TechnologyNeed", need.id, {}, ip);
    return updated;
  });
}

/** Closing drops the need's matches (recomputed: a closed need has none); reopening brings them back. */
export async function setNeedStatus(user: SessionUser, needId: string, status: "open" | "closed", ip?: string | null) {
  const need = await getOwnNeed(user, needId);
  if (need.status === status) return need;
  return prisma.$transaction(async (tx) => {
    const changed = await tx.technologyNeed.updateMany({ where: { id: need.id, status: need.status }, data: { status } });
    if (changed.count !== 1) throw new UserError(409, "matching:errors.staleState");
    await enqueueMatchRecompute(tx, { needId: need.id });
    await audit(tx, user.id, status === "closed" ? "need.close" : "need.reopen", "TechnologyNeed", need.id, {}, ip);
    return { ...need, status };
  });
}

export async function listOwnNeeds(user: SessionUser) {
  const organisationId = requireBuyer(user);
  return prisma.technologyNeed.findMany({ where: { organisationId }, orderBy: [{ status: "asc" }, { updatedAt: "desc" }] });
}
