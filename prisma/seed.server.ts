/**
 * Demo data: Korean SMEs and their technologies, overseas buyers, consultants with
 * services and weekly availability, buyer needs, and the operator account. Idempotent:
 * everything is keyed (organisation/listing/service external refs, user e-mails), so
 * running it again changes nothing. Content lives in prisma/seed-data/*.json.
 */
import { sessionUserInclude, toSessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { createInquiry, postMessage } from "~/inquiries/inquiries.server";
import type { InquiryFormInput } from "~/inquiries/schemas";
import type { ListingStatus, OrganisationKind, ServiceKind, UserRole, ValuationSource } from "~/generated/prisma/client";
import { makeSlug } from "~/lib/slug";
import { needsScreening } from "~/listings/screening.server";
import { computeAllMatches } from "~/matching/matching.server";
import consultantsData from "./seed-data/consultants.json";
import listingsData from "./seed-data/listings.json";
import needsData from "./seed-data/needs.json";
import organisationsData from "./seed-data/organisations.json";
import usersData from "./seed-data/users.json";
import { createExportVoucher, createListing, createListingViews, createOrganisation, createUser, DEMO_PASSWORD } from "./factories.server";

type Texts = Record<string, { title: string; summary: string; problem: string; solution: string; advantages: string; applications: string }>;
interface SeedListing {
  externalRef: string;
  orgRef: string;
  field: string;
  trl: number;
  ipc: string[];
  keywords: Record<string, string[]>;
  texts: Texts;
  reviewedLocales: string[];
  confidential?: Record<string, string>;
  patents: { number: string; jurisdiction: string; status: string; filedOn?: string | null; expiresOn?: string | null; title: string }[];
  transferModes: string[];
  askingMinMinor: number | null;
  askingMaxMinor: number | null;
  currency: string | null;
  targetRegions: string[];
  targetCountries: string[];
  willTravel: boolean;
  valuation: null | { method: string; lowMinor: number; highMinor: number; currency: string; valuedOn: string; validUntil: string; issuer: string; certificateRef?: string; verified: boolean };
  consultingNeeds: string[];
  workingLanguages: string[];
  status: string;
  publishedDaysAgo?: number;
}

export const DEMO_ACCOUNTS = {
  admin: "admin@techbridge.example",
  sme: "demo-sme@techbridge.example",
  buyer: "demo-buyer@techbridge.example",
  consultant: "demo-consultant@techbridge.example",
} as const;

const DAY = 86_400_000;

export async function seedDemoData(log: (line: string) => void = console.log) {
  const started = Date.now();
  if (await prisma.listing.findFirst({ where: { externalRef: "demo-001" }, select: { id: true } })) {
    log("demo data: already present");
    await ensureDemoAccounts();
    await ensureDemoVoucher();
    await ensureDemoMatches(log);
    return;
  }
  const orgIds = new Map<string, string>();
  for (const o of organisationsData as Array<Record<string, unknown>>) {
    const names = o.names as Record<string, string>;
    const existing = await prisma.organisation.findUnique({ where: { externalRef: o.ref as string } });
    const org =
      existing ??
      (await createOrganisation(prisma, {
        externalRef: o.ref as string,
        kind: o.kind as OrganisationKind,
        name: names.ko ?? names[Object.keys(names).find((k) => k !== "en") ?? "en"] ?? names.en,
        nameEn: names.en,
        slug: makeSlug(names.en ?? String(o.ref)),
        country: o.country as string,
        region: (o.region as string) ?? null,
        city: (o.city as string) ?? null,
        foundedYear: (o.foundedYear as number) ?? null,
        employeesBand: (o.employeesBand as string) ?? null,
        industry: (o.industry as string) ?? null,
        website: (o.website as string) ?? null,
        description: (o.description as object) ?? {},
        verification: o.verified ? "verified" : "unverified",
        verifiedAt: o.verified ? new Date() : null,
        certifications: (o.certifications as string[]) ?? [],
      }));
    orgIds.set(o.ref as string, org.id);
  }

  const userIds = new Map<string, string>();
  for (const u of usersData as Array<Record<string, string>>) {
    const existing = await prisma.user.findUnique({ where: { email: u.email } });
    const user =
      existing ??
      (await createUser(prisma, {
        email: u.email,
        name: u.name,
        role: u.role as UserRole,
        locale: u.locale,
        timeZone: u.timeZone,
        organisationId: orgIds.get(u.orgRef) ?? null,
      }));
    userIds.set(u.ref, user.id);
  }

  const now = Date.now();
  // Who looks at the demo listings: the demo buyer companies, and anonymous visitors from abroad.
  const demoViewers = [
    ...(organisationsData as Array<Record<string, unknown>>).filter((o) => o.kind === "buyer").map((o) => ({ organisationId: orgIds.get(o.ref as string)!, country: o.country as string })),
    ...["US", "DE", "JP", "VN", "ES", "AE", "CN", null].map((country) => ({ organisationId: null, country })),
  ];
  const creatorByOrg = new Map<string, string>();
  for (const u of usersData as Array<Record<string, string>>) if (u.role === "sme") creatorByOrg.set(u.orgRef, userIds.get(u.ref)!);
  let listings = 0;
  for (const l of listingsData as unknown as SeedListing[]) {
    if (await prisma.listing.findUnique({ where: { externalRef: l.externalRef }, select: { id: true } })) continue;
    const status = l.status as ListingStatus;
    const publishedAt = status === "published" ? new Date(now - (l.publishedDaysAgo ?? 10) * DAY) : null;
    const texts = Object.fromEntries(
      Object.entries(l.texts).map(([locale, t]) => [locale, { ...t, confidential: l.confidential?.[locale] ?? "" }]),
    );
    const screeningNeeded = needsScreening({ field: l.field, ipcCodes: l.ipc });
    await createListing(prisma, {
      externalRef: l.externalRef,
      organisationId: orgIds.get(l.orgRef)!,
      createdById: creatorByOrg.get(l.orgRef) ?? null,
      status,
      field: l.field,
      trl: l.trl,
      ipcCodes: l.ipc,
      keywords: [...new Set(Object.values(l.keywords ?? {}).flat())],
      transferModes: l.transferModes,
      targetRegions: l.targetRegions,
      targetCountries: l.targetCountries,
      willTravel: l.willTravel,
      askingMinMinor: l.askingMinMinor !== null ? BigInt(l.askingMinMinor) : null,
      askingMaxMinor: l.askingMaxMinor !== null ? BigInt(l.askingMaxMinor) : null,
      askingCurrency: l.askingMinMinor !== null ? l.currency : null,
      consultingNeeds: l.consultingNeeds,
      workingLanguages: l.workingLanguages,
      screening: screeningNeeded ? (status === "published" ? "cleared" : "pending") : "not_required",
      screenedAt: screeningNeeded && status === "published" ? publishedAt : null,
      submittedAt: status === "draft" ? null : new Date((publishedAt?.getTime() ?? now) - 2 * DAY),
      publishedAt,
      expiresAt: publishedAt ? new Date(publishedAt.getTime() + 365 * DAY) : null,
      texts,
      reviewedLocales: l.reviewedLocales,
    }).then(async (listing) => {
      if (publishedAt) {
        const seed = [...l.externalRef].reduce((h, ch) => Math.imul(h, 31) + ch.charCodeAt(0), 7);
        await createListingViews(prisma, listing.id, { count: 20 + (Math.abs(seed) % 400), since: publishedAt, seed, viewers: demoViewers });
      }
      if (l.patents.length) {
        await prisma.patent.createMany({
          data: l.patents.map((p) => ({
            listingId: listing.id,
            number: p.number,
            jurisdiction: p.jurisdiction,
            status: p.status,
            title: p.title,
            filedOn: p.filedOn ? new Date(p.filedOn) : null,
            expiresOn: p.expiresOn ? new Date(p.expiresOn) : null,
          })),
        });
      }
      if (l.valuation) {
        const v = l.valuation;
        const source: ValuationSource = v.verified ? "admin_confirmed" : "declared";
        await prisma.valuation.create({
          data: {
            listingId: listing.id,
            method: v.method,
            lowMinor: BigInt(v.lowMinor),
            highMinor: BigInt(v.highMinor),
            currency: v.currency,
            valuedOn: new Date(v.valuedOn),
            validUntil: new Date(v.validUntil),
            issuerName: v.issuer,
            certificateRef: v.certificateRef ?? null,
            source,
            verifiedAt: v.verified ? new Date() : null,
          },
        });
      }
    });
    listings++;
  }

  for (const c of consultantsData as Array<Record<string, unknown>>) {
    const userId = userIds.get(c.userRef as string)!;
    if (await prisma.consultantProfile.findUnique({ where: { userId } })) continue;
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
    await prisma.consultantProfile.create({
      data: {
        userId,
        organisationId: orgIds.get(c.orgRef as string) ?? null,
        slug: makeSlug(user.name.normalize("NFKD")),
        headline: (c.headline as object) ?? {},
        bio: (c.bio as object) ?? {},
        expertise: (c.expertise as string[]) ?? [],
        languages: (c.languages as string[]) ?? [],
        certifications: (c.certifications as string[]) ?? [],
        timeZone: c.timeZone as string,
        services: {
          create: (c.services as Array<Record<string, unknown>>).map((s) => ({
            externalRef: s.ref as string,
            kind: s.kind as ServiceKind,
            title: (s.title as object) ?? {},
            description: (s.description as object) ?? {},
            durationMinutes: s.durationMinutes as number,
            priceMinor: BigInt(s.priceMinor as number),
            currency: s.currency as string,
            mode: (s.mode as "online" | "in_person") ?? "online",
            location: (s.location as string) ?? null,
            bufferMinutes: (s.bufferMinutes as number) ?? 0,
            interpretationLanguages: (s.interpretationLanguages as string[]) ?? [],
          })),
        },
        rules: {
          create: (c.availability as Array<{ weekday: number; start: string; end: string }>).map((a) => ({
            weekday: a.weekday,
            startMinute: toMinutes(a.start),
            endMinute: toMinutes(a.end),
          })),
        },
      },
    });
  }

  for (const n of needsData as Array<Record<string, unknown>>) {
    if (await prisma.technologyNeed.findUnique({ where: { externalRef: n.ref as string } })) continue;
    await prisma.technologyNeed.create({
      data: {
        externalRef: n.ref as string,
        organisationId: orgIds.get(n.orgRef as string)!,
        createdById: userIds.get(n.userRef as string) ?? null,
        locale: n.locale as string,
        title: n.title as string,
        description: n.description as string,
        fields: (n.fields as string[]) ?? [],
        trlMin: (n.trlMin as number) ?? 1,
        trlMax: (n.trlMax as number) ?? 9,
        budgetMinMinor: n.budgetMinMinor != null ? BigInt(n.budgetMinMinor as number) : null,
        budgetMaxMinor: n.budgetMaxMinor != null ? BigInt(n.budgetMaxMinor as number) : null,
        currency: (n.currency as string) ?? null,
        timeline: (n.timeline as string) ?? null,
        transferModes: (n.transferModes as string[]) ?? [],
        targetRegion: (n.targetRegion as string) ?? null,
      },
    });
  }

  await ensureDemoAccounts();
  await ensureDemoVoucher();
  await ensureDemoPastSession();
  await ensureDemoInquiries();
  log(`demo data: ${listings} listings, ${orgIds.size} organisations, ${userIds.size} users in ${Date.now() - started} ms`);
  await ensureDemoMatches(log);
}

/** Matches of the demo needs, so both sides see them at once (stored as already alerted: the seed sends no e-mail). */
async function ensureDemoMatches(log: (line: string) => void) {
  if ((await prisma.match.count()) > 0) return;
  const started = Date.now();
  const { needs, matches } = await computeAllMatches({ alert: false });
  log(`demo data: ${matches} matches for ${needs} needs in ${Date.now() - started} ms`);
}

function toMinutes(hhmm: string) {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

/** The accounts README names, so a new user can sign in as each role at once. */
async function ensureDemoAccounts() {
  const firstSme = await prisma.organisation.findUnique({ where: { externalRef: "sme-01" } });
  const firstBuyer = await prisma.organisation.findFirst({ where: { kind: "buyer", verification: "verified" }, orderBy: { createdAt: "asc" } });
  const firstConsultancy = await prisma.organisation.findFirst({ where: { kind: "consultancy" }, orderBy: { createdAt: "asc" } });
  const accounts: Array<{ email: string; name: string; role: UserRole; locale: string; timeZone: string; organisationId: string | null }> = [
    { email: DEMO_ACCOUNTS.admin, name: "TechBridge Operator", role: "admin", locale: "ko", timeZone: "Asia/Seoul", organisationId: null },
    { email: DEMO_ACCOUNTS.sme, name: "데모 SME 담당자", role: "sme", locale: "ko", timeZone: "Asia/Seoul", organisationId: firstSme?.id ?? null },
    { email: DEMO_ACCOUNTS.buyer, name: "Demo Buyer", role: "buyer", locale: "en", timeZone: "Europe/Berlin", organisationId: firstBuyer?.id ?? null },
    { email: DEMO_ACCOUNTS.consultant, name: "Demo Consultant", role: "consultant", locale: "en", timeZone: "Asia/Seoul", organisationId: firstConsultancy?.id ?? null },
  ];
  for (const a of accounts) {
    if (await prisma.user.findUnique({ where: { email: a.email } })) continue;
    if (a.role !== "admin" && !a.organisationId) continue;
    await createUser(prisma, { ...a, password: DEMO_PASSWORD });
  }
}

/**
 * Two conversations already under way, so the inboxes, notifications and analytics of the demo
 * accounts are not empty on first sign-in: a Japanese buyer asked about the demo SME's listing
 * and was answered; the demo buyer asked another SME and got an answer. Written through the
 * inquiry module (rules, audit, notifications, e-mails to the dev mailbox), a few days ago.
 * Neither touches the listing the browser tests inquire about as the demo buyer, and neither
 * reaches the NDA, so confidential sections stay closed to these buyers.
 */
async function ensureDemoInquiries(now = Date.now()) {
  const conversations = [
    {
      buyerEmail: "kenta.yamase@yamase-seiki.example.com",
      listingRef: "demo-001",
      sellerEmail: DEMO_ACCOUNTS.sme,
      purpose: "license",
      question: "量産ラインでのコーティング工程の所要時間と、ライセンス対象となる特許の範囲を教えてください。",
      intro: "Yamase Seiki — precision equipment for cathode production, Nagoya.",
      answer: "문의 감사합니다. 코팅 공정은 소성 1회를 포함해 약 6시간이며, 라이선스 대상은 등록특허 2건입니다. 상세 조건은 NDA 후 공유드리겠습니다.",
      daysAgo: 6,
    },
    {
      buyerEmail: DEMO_ACCOUNTS.buyer,
      listingRef: "demo-003",
      sellerEmail: "seoyun.lee@seon-materials.example.kr",
      purpose: "joint_development",
      question: "We are qualifying silicon-carbon anodes for a 2027 cell platform. Could you share cycle-life data at 1C and the capacity of your pilot line?",
      intro: "Sierra Cell — lithium-ion cell maker, Nevada.",
      answer: "Thank you for your interest. We have 800-cycle data at 1C (82 % retention) and a 20 t/year pilot line; we can send the test report after an NDA.",
      daysAgo: 3,
    },
  ];
  for (const c of conversations) {
    const [buyer, seller, listing] = await Promise.all([
      prisma.user.findUnique({ where: { email: c.buyerEmail }, include: sessionUserInclude }),
      prisma.user.findUnique({ where: { email: c.sellerEmail }, include: sessionUserInclude }),
      prisma.listing.findUnique({ where: { externalRef: c.listingRef }, select: { id: true, status: true } }),
    ]);
    if (!buyer?.organisationId || !seller || listing?.status !== "published") continue;
    if (await prisma.inquiry.findFirst({ where: { listingId: listing.id, buyerOrgId: buyer.organisationId }, select: { id: true } })) continue;
    const asked = new Date(now - c.daysAgo * DAY);
    const inquiry = await createInquiry(toSessionUser(buyer, "seed"), listing.id, { purpose: c.purpose as InquiryFormInput["purpose"], preferredMode: null, questions: c.question, companyIntro: c.intro }, null, asked);
    await postMessage(toSessionUser(seller, "seed"), inquiry.id, c.answer, { now: new Date(asked.getTime() + 20 * 3_600_000) });
  }
}

/** The demo SME holds an export voucher (70 % coverage) so checkout shows the split. */
async function ensureDemoVoucher() {
  const sme = await prisma.user.findUnique({ where: { email: DEMO_ACCOUNTS.sme }, select: { organisationId: true } });
  if (!sme?.organisationId || (await prisma.exportVoucher.count({ where: { organisationId: sme.organisationId } })) > 0) return;
  await createExportVoucher(prisma, { organisationId: sme.organisationId, programme: "수출바우처 (KOTRA Export Voucher)", coveragePercent: 70, balanceMinor: 3_000_000n, currency: "KRW" });
}

/**
 * A valuation session the demo SME had two days ago with the first valuation consultant,
 * paid and awaiting its outcome, so the consultant's workspace shows how a completed
 * valuation reaches the listing as "verified".
 */
async function ensureDemoPastSession(now = new Date()) {
  const sme = await prisma.user.findUnique({ where: { email: DEMO_ACCOUNTS.sme }, select: { id: true, organisationId: true, timeZone: true } });
  const consultantUser = await prisma.user.findUnique({ where: { email: "seoyeon.park@kvalue-appraisal.example.kr" }, include: { consultantProfile: { include: { services: true } } } });
  const listing = await prisma.listing.findUnique({ where: { externalRef: "demo-001" }, select: { id: true } });
  const profile = consultantUser?.consultantProfile;
  const service = profile?.services.find((x) => x.kind === "valuation" && x.active);
  if (!sme?.organisationId || !profile || !service || !listing) return;
  if (await prisma.booking.count({ where: { consultantId: profile.id, bookedById: sme.id, listingId: listing.id } })) return;
  const startsAt = new Date(Math.floor((now.getTime() - 2 * 86_400_000) / 3_600_000) * 3_600_000);
  const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
  await prisma.booking.create({
    data: {
      serviceId: service.id,
      consultantId: profile.id,
      bookedById: sme.id,
      bookerOrgId: sme.organisationId,
      listingId: listing.id,
      startsAt,
      endsAt,
      blockedUntil: new Date(endsAt.getTime() + service.bufferMinutes * 60_000),
      status: "confirmed",
      bookerTimeZone: sme.timeZone,
      priceMinor: service.priceMinor,
      currency: service.currency,
      cardMinor: service.priceMinor,
      createdAt: new Date(startsAt.getTime() - 7 * 86_400_000),
      payments: { create: { provider: "test", providerSessionId: `demo_past_${listing.id}`, status: "paid", amountMinor: service.priceMinor, currency: service.currency } },
    },
  });
}
