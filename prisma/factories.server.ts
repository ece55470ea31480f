/**
 * Factories for organisations, users and listings, used by the demo seed and by the
 * tests alike, so both build data the same way the product does. Every argument has a
 * sensible default; uniqueness comes from a counter plus a random suffix.
 */
import { faker } from "@faker-js/faker";
import { hashPassword } from "~/auth/password.server";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { makeSlug, randomSuffix } from "~/lib/slug";

type Db = PrismaClient | Prisma.TransactionClient;
let counter = 0;
const unique = () => `${++counter}${randomSuffix(4)}`;

export const DEMO_PASSWORD = "techbridge-demo";

const hashes = new Map<string, Promise<string>>();
/** Hashing is deliberately slow; factories reuse one hash per distinct password. */
export function passwordHash(password: string) {
  let found = hashes.get(password);
  if (!found) {
    found = hashPassword(password);
    hashes.set(password, found);
  }
  return found;
}

export async function createOrganisation(db: Db, data: Partial<Prisma.OrganisationUncheckedCreateInput> & { certifications?: string[] } = {}) {
  const { certifications = [], ...rest } = data;
  const name = rest.name ?? faker.company.name();
  return db.organisation.create({
    data: {
      kind: "sme",
      country: "KR",
      ...rest,
      name,
      slug: rest.slug ?? makeSlug(rest.nameEn ?? name),
      certifications: certifications.length ? { create: certifications.map((code) => ({ code })) } : undefined,
    },
  });
}

export async function createUser(
  db: Db,
  data: Partial<Prisma.UserUncheckedCreateInput> & { password?: string; organisation?: Partial<Prisma.OrganisationUncheckedCreateInput> & { certifications?: string[] } } = {},
) {
  const { password = DEMO_PASSWORD, organisation, ...rest } = data;
  const role = rest.role ?? "sme";
  let organisationId = rest.organisationId;
  if (organisationId === undefined && role !== "admin") {
    const kind = role === "buyer" ? "buyer" : role === "consultant" ? "consultancy" : "sme";
    organisationId = (await createOrganisation(db, { kind, country: kind === "buyer" ? "US" : "KR", ...organisation })).id;
  }
  return db.user.create({
    data: {
      email: rest.email ?? `user${unique()}@example.test`,
      name: rest.name ?? faker.person.fullName(),
      locale: "en",
      ...rest,
      role,
      organisationId,
      password: { create: { hash: await passwordHash(password) } },
    },
  });
}

export type ListingTexts = Partial<Record<string, { title: string; summary: string; problem?: string; solution?: string; advantages?: string; applications?: string; confidential?: string }>>;

export async function createListing(
  db: Db,
  data: Partial<Prisma.ListingUncheckedCreateInput> & { organisationId: string; texts?: ListingTexts; reviewedLocales?: string[] },
) {
  const { texts, reviewedLocales, ...rest } = data;
  const title = faker.commerce.productName();
  const allTexts: ListingTexts = texts ?? {
    ko: { title: `${title} 기술`, summary: "요약", problem: "문제", solution: "기술 내용", advantages: "장점", applications: "응용 분야", confidential: "기밀 공정 조건" },
    en: { title: `${title} technology`, summary: "Summary", problem: "Problem", solution: "Solution", advantages: "Advantages", applications: "Applications", confidential: "Confidential process window" },
  };
  const published = (rest.status ?? "draft") === "published";
  const slugSource = allTexts.en?.title ?? allTexts.ko?.title ?? "technology";
  return db.listing.create({
    data: {
      field: "battery",
      trl: 6,
      transferModes: ["non_exclusive_license"],
      ...rest,
      slug: rest.slug ?? makeSlug(slugSource),
      publishedAt: rest.publishedAt ?? (published ? new Date() : null),
      expiresAt: rest.expiresAt ?? (published ? new Date(Date.now() + 365 * 86_400_000) : null),
      translations: {
        create: Object.entries(allTexts).map(([locale, t]) => ({
          locale,
          title: t!.title,
          summary: t!.summary,
          problem: t!.problem ?? "",
          solution: t!.solution ?? "",
          advantages: t!.advantages ?? "",
          applications: t!.applications ?? "",
          confidential: t!.confidential ?? "",
          reviewedByHuman: reviewedLocales ? reviewedLocales.includes(locale) : true,
        })),
      },
    },
    include: { translations: true },
  });
}

/** A consultant (user + profile) with one service and weekly availability (booking tests, seed). */
export async function createConsultantWithService(
  db: Db,
  data: {
    timeZone?: string;
    rules?: Array<{ weekday: number; startMinute: number; endMinute: number }>;
    service?: Partial<Prisma.ConsultingServiceUncheckedCreateInput>;
    user?: { email?: string; name?: string; locale?: string };
  } = {},
) {
  const timeZone = data.timeZone ?? "Asia/Seoul";
  const user = await createUser(db, { role: "consultant", timeZone, ...data.user });
  const profile = await db.consultantProfile.create({
    data: {
      userId: user.id,
      organisationId: user.organisationId,
      slug: `consultant-${unique()}`,
      timeZone,
      headline: { en: "Consultant" },
      rules: { create: data.rules ?? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 18 * 60 })) },
    },
  });
  const service = await db.consultingService.create({
    data: { kind: "valuation", title: { en: "Valuation session", ko: "가치평가 세션" }, durationMinutes: 60, priceMinor: 500000n, currency: "KRW", bufferMinutes: 0, ...data.service, consultantId: profile.id },
  });
  return { user, profile, service };
}

/** An export voucher of an organisation. */
export async function createExportVoucher(db: Db, data: Partial<Prisma.ExportVoucherUncheckedCreateInput> & { organisationId: string }) {
  return db.exportVoucher.create({
    data: { programme: "KOTRA Export Voucher", coveragePercent: 70, balanceMinor: 3_000_000n, currency: "KRW", expiresOn: new Date(`${new Date().getUTCFullYear() + 1}-12-31T00:00:00Z`), ...data },
  });
}

/**
 * `count` page views of a listing spread over the days since `since` (deterministic for a
 * given `seed`), from the given buyer organisations or anonymous visitors, and the listing's
 * counter set to match: the workspace's total and its 30-day chart then tell the same story.
 */
export async function createListingViews(
  db: Db,
  listingId: string,
  opts: { count: number; since: Date; now?: Date; seed: number; viewers: Array<{ organisationId: string | null; country: string | null }> },
) {
  const now = opts.now?.getTime() ?? Date.now();
  const span = Math.max(1, now - opts.since.getTime());
  let state = opts.seed >>> 0 || 1;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const rows = Array.from({ length: opts.count }, () => {
    const viewer = opts.viewers.length ? opts.viewers[Math.floor(next() * opts.viewers.length)]! : { organisationId: null, country: null };
    // More views in recent weeks than right after publication would be the usual pattern; a square root skews towards now.
    return { listingId, viewerOrgId: viewer.organisationId, viewerCountry: viewer.country, createdAt: new Date(now - Math.floor(span * (1 - Math.sqrt(next())))) };
  });
  if (rows.length) await db.listingView.createMany({ data: rows });
  await db.listing.update({ where: { id: listingId }, data: { viewCount: rows.length } });
}
