/**
 * Saved searches: a name for a query string of the search page (/technologies?...), listed,
 * renamed, deleted and alerting on new listings (alerts.server.ts) when alerts are on.
 * Each belongs to one user; anyone else's saved search answers 404.
 */
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";

export const MAX_SAVED_SEARCHES = 50;
/** The search page's parameters a saved search keeps (paging is not part of a search). */
const KEPT = ["q", "field", "mode", "region", "cert", "trlMin", "trlMax", "priceMin", "priceMax", "valuation", "sort", "lng"];

/** Normalises a query string: known parameters only, empty values dropped, stable order. */
export function normaliseSearchQuery(raw: string): string {
  const params = new URLSearchParams(raw.trim().replace(/^\?/, ""));
  const out = new URLSearchParams();
  for (const key of KEPT) for (const value of params.getAll(key)) if (value.trim()) out.append(key, value.trim());
  return out.toString();
}

function requireMember(user: SessionUser) {
  if (user.role === "admin") throw new UserError(403, "common:errors.forbidden");
}

export async function listSavedSearches(user: SessionUser) {
  requireMember(user);
  return prisma.savedSearch.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
}

export async function createSavedSearch(user: SessionUser, input: { name: string; query: string }) {
  requireMember(user);
  const query = normaliseSearchQuery(input.query);
  if (!query) throw new UserError(422, "matching:errors.emptySearch");
  if ((await prisma.savedSearch.count({ where: { userId: user.id } })) >= MAX_SAVED_SEARCHES) {
    throw new UserError(409, "matching:errors.tooManySavedSearches", { max: MAX_SAVED_SEARCHES });
  }
  return prisma.savedSearch.create({ data: { userId: user.id, name: input.name, query } });
}

async function own(user: SessionUser, id: string) {
  requireMember(user);
  if (id.includes("\u0000")) throw new UserError(404, "common:errors.notFound"); // PostgreSQL text cannot hold U+0000
  const saved = await prisma.savedSearch.findUnique({ where: { id } });
  if (!saved || saved.userId !== user.id) throw new UserError(404, "common:errors.notFound");
  return saved;
}

export async function renameSavedSearch(user: SessionUser, id: string, name: string) {
  await own(user, id);
  return prisma.savedSearch.update({ where: { id }, data: { name } });
}

export async function setSavedSearchAlerts(user: SessionUser, id: string, enabled: boolean) {
  const saved = await own(user, id);
  // Turning alerts back on starts from now: listings published while they were off are not sent late.
  return prisma.savedSearch.update({ where: { id }, data: { alertsEnabled: enabled, ...(enabled && !saved.alertsEnabled ? { lastAlertedAt: new Date() } : {}) } });
}

export async function deleteSavedSearch(user: SessionUser, id: string) {
  await own(user, id);
  await prisma.savedSearch.delete({ where: { id } });
}
