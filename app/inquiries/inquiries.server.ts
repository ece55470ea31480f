/**
 * Inquiries: a buyer's structured question about a listing, the thread that follows and
 * its lifecycle (see state-machine.ts). Every change is checked against the state machine
 * and the viewer's party, written with its audit entry, and notifies the other side (in
 * the app and by e-mail, in each recipient's language) through the outbox in the same
 * transaction. Parties are organisations: any member of the buyer or seller organisation
 * acts for it; operators may read every thread but act in none.
 */
import { storeFiles } from "~/attachments/attachments.server";
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import {
  addKoreanBusinessDays,
  KoreanCalendarRangeError,
} from "~/domain/korean-calendar";
import { queueEmail } from "~/email/email.server";
import { env } from "~/env.server";
import type { DisclosureTier, Prisma } from "~/generated/prisma/client";
import { UserError } from "~/lib/http.server";
import { isLocale } from "~/domain/taxonomy";
import { pickTranslation } from "~/listings/listings.server";
import { MESSAGE_ATTACHMENTS_MAX, type InboxFilter, type InquiryFormInput } from "./schemas";
import {
  allowedEvents,
  eventRequiresReason,
  isTerminal,
  nextState,
  validateCloseReason,
  type Actor,
  type InquiryEvent,
  type InquiryStatus,
} from "./state-machine";

type Tx = Prisma.TransactionClient;
export type Party = "buyer" | "seller";

/** The deadline for the seller's first answer: n Korean business days, end of day in Seoul. */
export function responseDeadline(
  from: Date,
  days = env().INQUIRY_RESPONSE_DAYS
): Date {
  try {
    return addKoreanBusinessDays(from, days);
  } catch (error) {
    if (!(error instanceof KoreanCalendarRangeError)) throw error;
    // Outside the holiday table: count weekdays only rather than refuse the inquiry.
    console.warn(error.message);
    const cursor = new Date(from);
    let counted = 0;
    while (counted < days) {
      cursor.setUTCDate(cursor.getUTCDate() + 1);
      const day = new Date(cursor.getTime() + 9 * 3600_000).getUTCDay();
      if (day !== 0 && day !== 6) counted += 1;
    }
    const seoul = new Date(cursor.getTime() + 9 * 3600_000)
      .toISOString()
      .slice(0, 10);
    return new Date(Date.parse(`${seoul}T23:59:59.999+09:00`));
  }
}

export function partyOf(
  user: Pick<SessionUser, "organisationId">,
  inquiry: { buyerOrgId: string; sellerOrgId: string }
): Party | null {
  if (!user.organisationId) return null;
  if (user.organisationId === inquiry.buyerOrgId) return "buyer";
  if (user.organisationId === inquiry.sellerOrgId) return "seller";
  return null;
}

/** Members of an organisation who receive its notifications. */
async function orgMembers(tx: Tx, organisationId: string) {
  return tx.user.findMany({
    where: { organisationId, disabledAt: null },
    select: { id: true, email: true, locale: true, name: true },
  });
}

async function listingTitleFor(tx: Tx, listingId: string, locale: string) {
  const translations = await tx.listingTranslation.findMany({
    where: { listingId },
  });
  return (
    pickTranslation(translations, isLocale(locale) ? locale : "en").translation
      ?.title ?? ""
  );
}

/**
 * Tells every member of `organisationId` about an inquiry event: an in-app notification and
 * an e-mail in each member's own language, both written in the caller's transaction.
 */
/**
 * Organisation names go out in the reader's script: the Korean name to Korean readers,
 * the English one (when there is one) to everyone else. Params carry both as
 * `<key>` and `<key>En`; the pair collapses to `<key>`.
 */
function localizeNames(params: Record<string, string>, locale: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key.endsWith("En") && key.slice(0, -2) in params) continue;
    const en = params[`${key}En`];
    out[key] = locale !== "ko" && en ? en : value;
  }
  return out;
}

/** The English (or original) name of an organisation, for readers outside Korea. */
async function orgNames(tx: Tx, organisationId: string | null | undefined, key: string): Promise<Record<string, string>> {
  if (!organisationId) return {};
  const org = await tx.organisation.findUnique({ where: { id: organisationId }, select: { name: true, nameEn: true } });
  return org ? { [key]: org.name, ...(org.nameEn ? { [`${key}En`]: org.nameEn } : {}) } : {};
}

export async function notifyOrganisation(
  tx: Tx,
  organisationId: string,
  inquiry: { id: string; listingId: string },
  kind: string,
  rawParams: Record<string, string> = {},
  at?: Date
) {
  const members = await orgMembers(tx, organisationId);
  const url = `${env().appUrl}/inquiries/${inquiry.id}`;
  for (const member of members) {
    const title = await listingTitleFor(tx, inquiry.listingId, member.locale);
    const params = localizeNames(rawParams, member.locale);
    await tx.notification.create({
      data: {
        userId: member.id,
        kind: `inquiry.${kind}`,
        payload: {
          inquiryId: inquiry.id,
          href: `/inquiries/${inquiry.id}`,
          title,
          ...params,
        },
        ...(at ? { createdAt: at } : {}),
      },
    });
    await queueEmail(tx, {
      to: member.email,
      locale: member.locale,
      template: `inquiry.${kind}`,
      params: { ...params, title, name: member.name, url },
    });
  }
}

// ---------------------------------------------------------------------------------------
// Creating

export async function createInquiry(
  buyer: SessionUser,
  listingId: string,
  input: InquiryFormInput,
  ipAddress: string | null = null,
  now = new Date()
) {
  if (buyer.role !== "buyer" || !buyer.organisationId)
    throw new UserError(403, "inquiry:errors.buyersOnly");
  const listing = await prisma.listing.findUnique({
    where: { id: listingId },
    select: { id: true, status: true, organisationId: true },
  });
  if (!listing || listing.status !== "published")
    throw new UserError(404, "inquiry:errors.listingUnavailable");
  const open = await prisma.inquiry.findFirst({
    where: {
      listingId,
      buyerOrgId: buyer.organisationId,
      status: { notIn: ["closed_won", "closed_lost", "declined", "withdrawn"] },
    },
    select: { id: true },
  });
  if (open)
    throw new UserError(409, "inquiry:errors.alreadyOpen", {
      inquiryId: open.id,
    });
  const buyerOrgId = buyer.organisationId;
  return prisma.$transaction(async (tx) => {
    const inquiry = await tx.inquiry.create({
      data: {
        listingId,
        buyerOrgId,
        buyerUserId: buyer.id,
        sellerOrgId: listing.organisationId,
        locale: buyer.locale,
        purpose: input.purpose,
        preferredMode: input.preferredMode,
        responseDueAt: responseDeadline(now),
        createdAt: now,
      },
    });
    const body = input.companyIntro
      ? `${input.questions}\n\n— ${input.companyIntro}`
      : input.questions;
    await tx.inquiryMessage.create({
      data: {
        inquiryId: inquiry.id,
        authorId: buyer.id,
        body,
        locale: buyer.locale,
        createdAt: now,
      },
    });
    await audit(
      tx,
      buyer.id,
      "inquiry.create",
      "Inquiry",
      inquiry.id,
      { listingId, purpose: input.purpose },
      ipAddress,
      now
    );
    await notifyOrganisation(tx, listing.organisationId, inquiry, "received", {
      buyer: buyer.organisation?.name ?? "",
      ...(await orgNames(tx, buyer.organisationId, "buyer")),
    }, now);
    return inquiry;
  });
}

// ---------------------------------------------------------------------------------------
// Reading

const inquiryInclude = {
  listing: {
    select: {
      id: true,
      slug: true,
      organisationId: true,
      screening: true,
      status: true,
      customNdaAttachmentId: true,
      translations: true,
    },
  },
  buyerOrg: { include: { certifications: true } },
  sellerOrg: { select: { id: true, name: true, nameEn: true, country: true } },
  buyerUser: { select: { id: true, name: true } },
  messages: {
    orderBy: { createdAt: "asc" as const },
    include: {
      author: { select: { id: true, name: true, organisationId: true } },
      attachments: {
        select: {
          id: true,
          fileName: true,
          sizeBytes: true,
          tier: true,
          ownerOrgId: true,
        },
      },
    },
  },
  ndaAcceptances: { include: { user: { select: { name: true } } } },
} satisfies Prisma.InquiryInclude;

export type InquiryWithThread = Prisma.InquiryGetPayload<{
  include: typeof inquiryInclude;
}>;

/**
 * The inquiry if the viewer is one of its parties (or an operator); a 404 otherwise, so
 * nobody learns that someone else's inquiry exists.
 */
export async function getInquiryForViewer(
  viewer: SessionUser,
  inquiryId: string
): Promise<{ inquiry: InquiryWithThread; party: Party | null }> {
  const inquiry = await prisma.inquiry.findUnique({
    where: { id: inquiryId },
    include: inquiryInclude,
  });
  if (!inquiry) throw new UserError(404, "inquiry:errors.notFound");
  const party = partyOf(viewer, inquiry);
  if (!party && viewer.role !== "admin")
    throw new UserError(404, "inquiry:errors.notFound");
  return { inquiry, party };
}


/** The viewer's organisation's inquiries: received (seller) or sent (buyer). */
export async function listInbox(
  viewer: SessionUser,
  filter: InboxFilter = "open"
) {
  if (!viewer.organisationId) return [];
  const side: Prisma.InquiryWhereInput =
    viewer.role === "buyer"
      ? { buyerOrgId: viewer.organisationId }
      : { sellerOrgId: viewer.organisationId };
  const closed: InquiryStatus[] = [
    "closed_won",
    "closed_lost",
    "declined",
    "withdrawn",
  ];
  const status: Prisma.InquiryWhereInput =
    filter === "closed"
      ? { status: { in: closed } }
      : filter === "open"
      ? { status: { notIn: closed } }
      : filter === "awaiting_me"
      ? viewer.role === "buyer"
        ? {
            status: "nda_requested",
            ndaAcceptances: { none: { party: "buyer" } },
          }
        : {
            OR: [
              { status: "submitted" },
              {
                status: "nda_requested",
                ndaAcceptances: { none: { party: "seller" } },
              },
            ],
          }
      : {};
  return prisma.inquiry.findMany({
    where: { AND: [side, status] },
    orderBy: [{ updatedAt: "desc" }],
    take: 200,
    include: {
      listing: { select: { slug: true, translations: true } },
      buyerOrg: {
        select: { name: true, nameEn: true, country: true, verification: true },
      },
      sellerOrg: { select: { name: true, nameEn: true } },
      _count: { select: { messages: true } },
      messages: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { createdAt: true, authorId: true },
      },
    },
  });
}

/** What the viewer should do next, as an i18n key (shown on both sides). */
export function nextStepKey(
  status: InquiryStatus,
  party: Party | null,
  acceptedBy: ReadonlySet<Party>
): string {
  if (isTerminal(status)) return "inquiry:nextStep.closed";
  if (!party) return `inquiry:nextStep.operator`;
  switch (status) {
    case "submitted":
      return party === "seller"
        ? "inquiry:nextStep.sellerAnswer"
        : "inquiry:nextStep.buyerWaitAnswer";
    case "answered":
      return "inquiry:nextStep.requestNda";
    case "nda_requested":
      return acceptedBy.has(party)
        ? "inquiry:nextStep.waitOtherNda"
        : "inquiry:nextStep.acceptNda";
    case "nda_accepted":
      return "inquiry:nextStep.startNegotiation";
    case "in_negotiation":
      return "inquiry:nextStep.scheduleMeeting";
    case "meeting_scheduled":
      return party === "seller"
        ? "inquiry:nextStep.sellerClose"
        : "inquiry:nextStep.buyerMeeting";
    default:
      return "inquiry:nextStep.closed";
  }
}

export function eventsFor(
  status: InquiryStatus,
  party: Party | null
): InquiryEvent[] {
  if (!party) return [];
  // "answer" happens by replying; "accept_nda" by accepting the NDA (both handled elsewhere).
  return allowedEvents(status, party).filter((e) => e !== "answer");
}

// ---------------------------------------------------------------------------------------
// Changing

/**
 * Fires a state-machine event as `actor`, guarded against concurrent changes: the update
 * only applies while the inquiry is still in the state the caller saw.
 */
async function applyTransition(
  tx: Tx,
  inquiry: {
    id: string;
    status: InquiryStatus;
    listingId: string;
    buyerOrgId: string;
    sellerOrgId: string;
  },
  event: InquiryEvent,
  actor: Actor,
  actorUserId: string | null,
  extra: Prisma.InquiryUpdateManyMutationInput = {},
  ipAddress: string | null = null,
  at?: Date
): Promise<InquiryStatus> {
  const result = nextState(inquiry.status, event, actor);
  if (!result.ok)
    throw new UserError(
      409,
      result.reason === "wrong_party"
        ? "inquiry:errors.wrongParty"
        : "inquiry:errors.illegalTransition"
    );
  const updated = await tx.inquiry.updateMany({
    where: { id: inquiry.id, status: inquiry.status },
    data: { status: result.to, ...extra },
  });
  if (updated.count !== 1)
    throw new UserError(409, "inquiry:errors.changedMeanwhile");
  await audit(
    tx,
    actorUserId,
    `inquiry.${event}`,
    "Inquiry",
    inquiry.id,
    {
      from: inquiry.status,
      to: result.to,
      actor,
      ...(extra.closeReason ? { reason: extra.closeReason as string } : {}),
    },
    ipAddress,
    at
  );
  return result.to;
}

function requireParty(
  viewer: SessionUser,
  inquiry: { buyerOrgId: string; sellerOrgId: string }
): Party {
  const party = partyOf(viewer, inquiry);
  if (!party) throw new UserError(404, "inquiry:errors.notFound");
  return party;
}


/** A message in the thread. The seller's first message answers the inquiry (submitted → answered). */
export async function postMessage(
  viewer: SessionUser,
  inquiryId: string,
  body: string,
  options: {
    files?: { name: string; bytes: Uint8Array }[];
    tier?: DisclosureTier;
    now?: Date;
  } = {}
) {
  const { files = [], now = new Date() } = options;
  const inquiry = await prisma.inquiry.findUnique({ where: { id: inquiryId } });
  if (!inquiry) throw new UserError(404, "inquiry:errors.notFound");
  const party = requireParty(viewer, inquiry);
  if (isTerminal(inquiry.status))
    throw new UserError(409, "inquiry:errors.closed");
  if (files.length > MESSAGE_ATTACHMENTS_MAX)
    throw new UserError(422, "inquiry:errors.tooManyFiles", {
      max: MESSAGE_ATTACHMENTS_MAX,
    });
  // The seller's files are tiered like listing attachments; the buyer's are shared with the seller.
  const tier: DisclosureTier =
    party === "seller" ? options.tier ?? "registered" : "public";
  const { stored, cleanup } = await storeFiles(files);
  try {
    return await prisma.$transaction(async (tx) => {
      const message = await tx.inquiryMessage.create({
        data: {
          inquiryId,
          authorId: viewer.id,
          body,
          locale: viewer.locale,
          createdAt: now,
        },
      });
      for (const file of stored) {
        await tx.attachment.create({
          data: {
            ...file,
            messageId: message.id,
            ownerOrgId: viewer.organisationId!,
            uploadedById: viewer.id,
            tier,
          },
        });
      }
      if (party === "seller" && inquiry.status === "submitted") {
        await applyTransition(tx, inquiry, "answer", "seller", viewer.id, {
          firstRespondedAt: now,
        }, null, now);
      } else {
        await tx.inquiry.update({
          where: { id: inquiryId },
          data: {
            updatedAt: now,
            ...(party === "seller" && !inquiry.firstRespondedAt
              ? { firstRespondedAt: now }
              : {}),
          },
        });
      }
      await notifyOrganisation(
        tx,
        party === "buyer" ? inquiry.sellerOrgId : inquiry.buyerOrgId,
        inquiry,
        "message",
        { from: viewer.organisation?.name ?? viewer.name, ...(await orgNames(tx, viewer.organisationId, "from")) },
        now
      );
      return message;
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** A button in the thread: request NDA, start negotiation, schedule meeting, close, decline, withdraw. */
export async function fireInquiryEvent(
  viewer: SessionUser,
  inquiryId: string,
  event: InquiryEvent,
  payload: { reason?: unknown; text?: unknown } = {},
  ipAddress: string | null = null
) {
  const inquiry = await prisma.inquiry.findUnique({ where: { id: inquiryId } });
  if (!inquiry) throw new UserError(404, "inquiry:errors.notFound");
  const party = requireParty(viewer, inquiry);
  let extra: Prisma.InquiryUpdateManyMutationInput = {};
  if (eventRequiresReason(event)) {
    const reason = validateCloseReason(payload);
    if (!reason.ok)
      throw new UserError(422, `inquiry:errors.reason.${reason.error}`);
    extra = {
      closeReason: reason.value.reason,
      closeReasonText: reason.value.text,
    };
  }
  if (event === "request_nda") {
    // Only verified buyer companies may enter the confidential tier.
    const buyerOrg = await prisma.organisation.findUniqueOrThrow({
      where: { id: inquiry.buyerOrgId },
      select: { verification: true },
    });
    if (buyerOrg.verification !== "verified")
      throw new UserError(409, "inquiry:errors.buyerNotVerified");
  }
  return prisma.$transaction(async (tx) => {
    const to = await applyTransition(
      tx,
      inquiry,
      event,
      party,
      viewer.id,
      extra,
      ipAddress
    );
    const other = party === "buyer" ? inquiry.sellerOrgId : inquiry.buyerOrgId;
    await notifyOrganisation(tx, other, inquiry, "statusChanged", {
      status: to,
    });
    return to;
  });
}

// ---------------------------------------------------------------------------------------
// Deadlines (run by the scheduler; idempotent through the reminderSentAt / overdueAlertedAt markers)

const REMINDER_BEFORE_MS = 24 * 60 * 60 * 1000;

/** Sellers whose answer is due within a day are reminded once. */
export async function sendResponseReminders(now = new Date()) {
  const due = await prisma.inquiry.findMany({
    where: {
      status: "submitted",
      reminderSentAt: null,
      responseDueAt: {
        gt: now,
        lte: new Date(now.getTime() + REMINDER_BEFORE_MS),
      },
    },
    select: {
      id: true,
      listingId: true,
      sellerOrgId: true,
      responseDueAt: true,
    },
    take: 500,
  });
  let sent = 0;
  for (const inquiry of due) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.inquiry.updateMany({
        where: { id: inquiry.id, reminderSentAt: null, status: "submitted" },
        data: { reminderSentAt: now },
      });
      if (claimed.count !== 1) return;
      await notifyOrganisation(tx, inquiry.sellerOrgId, inquiry, "reminder", {
        dueAt: inquiry.responseDueAt.toISOString(),
      });
      sent += 1;
    });
  }
  return sent;
}

/** Operators learn once about every inquiry whose answer deadline has passed unanswered. */
export async function alertOverdueInquiries(now = new Date()) {
  const overdue = await prisma.inquiry.findMany({
    where: {
      status: "submitted",
      overdueAlertedAt: null,
      responseDueAt: { lte: now },
    },
    select: {
      id: true,
      listingId: true,
      responseDueAt: true,
      sellerOrg: { select: { name: true } },
    },
    take: 500,
  });
  if (overdue.length === 0) return 0;
  const admins = await prisma.user.findMany({
    where: { role: "admin", disabledAt: null },
    select: { id: true, email: true, locale: true },
  });
  let alerted = 0;
  for (const inquiry of overdue) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.inquiry.updateMany({
        where: { id: inquiry.id, overdueAlertedAt: null, status: "submitted" },
        data: { overdueAlertedAt: now },
      });
      if (claimed.count !== 1) return;
      await audit(tx, null, "inquiry.overdue", "Inquiry", inquiry.id, {
        dueAt: inquiry.responseDueAt.toISOString(),
      });
      for (const admin of admins) {
        const title = await listingTitleFor(
          tx,
          inquiry.listingId,
          admin.locale
        );
        const params = {
          title,
          seller: inquiry.sellerOrg.name,
          dueAt: inquiry.responseDueAt.toISOString(),
        };
        await tx.notification.create({
          data: {
            userId: admin.id,
            kind: "inquiry.overdue",
            payload: {
              inquiryId: inquiry.id,
              href: `/inquiries/${inquiry.id}`,
              ...params,
            },
          },
        });
        await queueEmail(tx, {
          to: admin.email,
          locale: admin.locale,
          template: "inquiry.overdue",
          params: { ...params, url: `${env().appUrl}/inquiries/${inquiry.id}` },
        });
      }
      alerted += 1;
    });
  }
  return alerted;
}

// ---------------------------------------------------------------------------------------
// Response time

/** Median hours from inquiry to the seller's first answer, over the seller's answered inquiries (null when none). */
export async function medianResponseHours(
  sellerOrgId: string
): Promise<{ hours: number; sample: number } | null> {
  const rows = await prisma.inquiry.findMany({
    where: { sellerOrgId, firstRespondedAt: { not: null } },
    select: { createdAt: true, firstRespondedAt: true },
  });
  if (rows.length === 0) return null;
  const hours = rows
    .map(
      (r) => (r.firstRespondedAt!.getTime() - r.createdAt.getTime()) / 3_600_000
    )
    .sort((a, b) => a - b);
  const mid = Math.floor(hours.length / 2);
  const median =
    hours.length % 2 ? hours[mid]! : (hours[mid - 1]! + hours[mid]!) / 2;
  return { hours: Math.round(median * 10) / 10, sample: rows.length };
}

/** What the listing page shows about inquiries: the seller's usual answer time and the viewer's open inquiry. */
export async function listingInquiryPanel(viewer: SessionUser | null, listingId: string) {
  const listing = await prisma.listing.findUnique({ where: { id: listingId }, select: { organisationId: true } });
  if (!listing) return null;
  const [response, open] = await Promise.all([
    medianResponseHours(listing.organisationId),
    viewer?.role === "buyer" && viewer.organisationId
      ? prisma.inquiry.findFirst({ where: { listingId, buyerOrgId: viewer.organisationId, status: { notIn: ["closed_won", "closed_lost", "declined", "withdrawn"] } }, select: { id: true } })
      : null,
  ]);
  return { response, openInquiryId: open?.id ?? null };
}
