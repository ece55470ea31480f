/**
 * Consultant profiles: the public directory and profile pages, and the consultant's own editor.
 * Only a consultant edits a profile, and only their own (found by their user id, never by an id
 * from the request). Per-locale texts are stored as { "ko": "…", "en": "…" } with only the filled
 * languages; readers get the viewer's language or a marked fallback.
 */
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { LOCALES, type Locale } from "~/domain/taxonomy";
import type { Prisma } from "~/generated/prisma/client";
import { UserError } from "~/lib/http.server";
import { makeSlug } from "~/lib/slug";
import { compactTexts, type DirectoryFilters, type ProfileFormInput } from "./schemas";

/** Order in which a missing translation falls back: English, then Korean, then any other. */
const FALLBACK_ORDER: readonly Locale[] = ["en", "ko", ...LOCALES.filter((l) => l !== "en" && l !== "ko")];

export type LocalizedText = { text: string; locale: Locale | null; isFallback: boolean };

/** The text in the viewer's language, else the first available in FALLBACK_ORDER. */
export function localized(value: unknown, locale: Locale): LocalizedText {
  const texts = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const own = texts[locale];
  if (typeof own === "string" && own) return { text: own, locale, isFallback: false };
  for (const l of FALLBACK_ORDER) {
    const v = texts[l];
    if (typeof v === "string" && v) return { text: v, locale: l, isFallback: true };
  }
  return { text: "", locale: null, isFallback: false };
}

export function requireConsultant(user: SessionUser) {
  if (user.role !== "consultant") throw new UserError(403, "consulting:errors.onlyConsultants");
}

/** The signed-in consultant's profile id, or a 409 asking them to save their profile first. */
export async function ownProfileId(db: Pick<Prisma.TransactionClient, "consultantProfile">, user: SessionUser): Promise<string> {
  requireConsultant(user);
  const profile = await db.consultantProfile.findUnique({ where: { userId: user.id }, select: { id: true } });
  if (!profile) throw new UserError(409, "consulting:errors.profileFirst");
  return profile.id;
}

const workspaceInclude = {
  services: { orderBy: [{ active: "desc" }, { createdAt: "asc" }] },
  rules: { orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] },
  exceptions: { orderBy: { date: "asc" } },
} as const satisfies Prisma.ConsultantProfileInclude;

export type WorkspaceProfile = Prisma.ConsultantProfileGetPayload<{ include: typeof workspaceInclude }>;

/** The consultant's own profile with services, rules and exceptions (null before the first save). */
export async function getOwnProfile(user: SessionUser): Promise<WorkspaceProfile | null> {
  requireConsultant(user);
  return prisma.consultantProfile.findUnique({ where: { userId: user.id }, include: workspaceInclude });
}

/** Creates the profile on first save (slug from the consultant's name), updates it afterwards. */
export async function saveProfile(user: SessionUser, input: ProfileFormInput, opts: { ip?: string | null } = {}) {
  requireConsultant(user);
  const data = {
    headline: compactTexts(input.headline),
    bio: compactTexts(input.bio),
    expertise: input.expertise,
    languages: input.languages,
    certifications: input.certifications,
    timeZone: input.timeZone,
    published: input.published,
  };
  return prisma.$transaction(async (tx) => {
    const existing = await tx.consultantProfile.findUnique({ where: { userId: user.id }, select: { id: true } });
    const profile = existing
      ? await tx.consultantProfile.update({ where: { id: existing.id }, data })
      : await tx.consultantProfile.create({ data: { ...data, userId: user.id, organisationId: user.organisationId, slug: makeSlug(user.name.normalize("NFKD")) } });
    await audit(tx, user.id, existing ? "consultant.profile_update" : "consultant.profile_create", "ConsultantProfile", profile.id, { published: data.published, timeZone: data.timeZone }, opts.ip);
    return profile;
  });
}

// ------------------------------------------------------------------ public pages

const publicInclude = {
  user: { select: { name: true } },
  organisation: { select: { name: true, nameEn: true } },
  services: { where: { active: true }, orderBy: [{ kind: "asc" }, { durationMinutes: "asc" }] },
} as const satisfies Prisma.ConsultantProfileInclude;

export type PublicConsultant = Prisma.ConsultantProfileGetPayload<{ include: typeof publicInclude }>;

/**
 * Published consultants with at least one active service, filtered by service kind, expertise
 * field and working language; ordered by name so the directory is stable.
 */
export async function listConsultants(filters: DirectoryFilters): Promise<PublicConsultant[]> {
  const where: Prisma.ConsultantProfileWhereInput = {
    published: true,
    services: { some: { active: true, ...(filters.kind ? { kind: filters.kind } : {}) } },
    ...(filters.field ? { expertise: { has: filters.field } } : {}),
    ...(filters.language ? { languages: { has: filters.language } } : {}),
  };
  return prisma.consultantProfile.findMany({ where, include: publicInclude, orderBy: [{ user: { name: "asc" } }, { id: "asc" }], take: 200 });
}

/** A published consultant by slug; unpublished profiles are visible to their owner only. */
export async function getConsultantBySlug(slug: string, viewer: SessionUser | null): Promise<PublicConsultant> {
  const profile = await prisma.consultantProfile.findUnique({ where: { slug }, include: publicInclude });
  if (!profile || (!profile.published && profile.userId !== viewer?.id)) throw new UserError(404, "consulting:errors.consultantNotFound");
  return profile;
}

/** "Kim Min-jun" → "KM"; "김민준" → "김". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  if (words.length === 1) return [...words[0]!][0]!.toUpperCase();
  return ([...words[0]!][0]! + [...words[words.length - 1]!][0]!).toUpperCase();
}
