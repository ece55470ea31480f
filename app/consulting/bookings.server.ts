/**
 * Bookings of consultant sessions: hold → pay → confirmed (→ completed / no-show), with
 * cancellation and reschedule by either side. The database decides overlaps (exclusion
 * constraint "Booking_no_overlap" on tstzrange(startsAt, blockedUntil) for live statuses); a
 * losing attempt gets 409 "booking:errors.slotTaken". Everything is audited.
 *
 * API for routes and other capabilities (all take the SessionUser; errors are UserError with
 * "booking:" keys; `now` is injectable for tests):
 *
 *   holdBooking(user, { serviceId, startsAt, listingId?, inquiryId?, interpretationLanguage?, timeZone? }, { now?, ip? })
 *       → { id, holdExpiresAt }          SME/buyer only; startsAt must be a generated slot.
 *                                        Then redirect the user to `/bookings/${id}/checkout`.
 *       A buyer_seller_meeting needs inquiryId (the booker's org must be a party); the inquiry's
 *       other party becomes the counterpart and must confirm after payment.
 *   getBookingForViewer(user, id)        → { booking, role }   404 unless booker org / counterpart org / consultant / admin
 *   listBookingsForConsultant(user, { from?, to?, statuses? })  the consultant's own bookings (workspace)
 *   listBookingsForOrganisation(user, { upcomingOnly? })        bookings made by, or involving, the user's org
 *   confirmAsCounterpart(user, id)       awaiting_counterpart → confirmed
 *   cancelBooking(user, id, { reason? }) → { refund: "full" | "none" }   policy: cancellationPolicy()
 *   rescheduleBooking(user, id, { startsAt })   same service, a generated slot; icsSequence + 1
 *   completeBooking(user, id, { outcome, valuation? })   consultant; valuation service + linked
 *       listing + valuation input → a verified Valuation (source platform_session) on the listing
 *   markNoShow(user, id, { outcome? })   consultant
 *   expireHolds(now) / sendBookingReminders(now)   for the scheduler (idempotent)
 *   cancellationPolicy(booking, role, now)          what cancelling now would mean (for the UI)
 */
import { z } from "zod";
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { UserError } from "~/lib/http.server";
import { toMinor } from "~/lib/money";
import { VALUATION_METHODS, CURRENCIES } from "~/domain/taxonomy";
import { refundCardPayments, type AfterCommit } from "~/payments/refunds.server";
import { HOLD_MINUTES, expireHolds, isExclusionViolation, lockBooking, lockConsultantCalendar, releaseHold } from "./booking-lifecycle.server";
import { queueBookingEmails } from "./booking-notifications.server";
import { findSlot, generateSlots, DEFAULT_LEAD_MINUTES } from "./slots";
import { loadSlotInput } from "./slots.server";
import { restoreVoucherShare } from "./vouchers.server";
import { enqueueListingChanged } from "~/listings/sync.server";

export { HOLD_MINUTES, expireHolds } from "./booking-lifecycle.server";
export { sendBookingReminders } from "./reminders.server";

type Tx = Prisma.TransactionClient;

export const FREE_CANCELLATION_HOURS = 24;
const HOUR_MS = 3_600_000;

export type BookingRole = "booker" | "counterpart" | "consultant" | "admin";

const viewInclude = {
  service: true,
  consultant: { include: { user: { select: { id: true, name: true, email: true } } } },
  bookedBy: { select: { id: true, name: true, email: true, organisationId: true } },
  listing: { select: { id: true, slug: true, organisationId: true, translations: { select: { locale: true, title: true } } } },
  inquiry: { select: { id: true, buyerOrgId: true, sellerOrgId: true } },
  payments: { orderBy: { createdAt: "asc" } },
  voucher: true,
} as const satisfies Prisma.BookingInclude;

export type BookingView = Prisma.BookingGetPayload<{ include: typeof viewInclude }>;

export function bookingRole(user: SessionUser, booking: { bookedById: string; bookerOrgId: string | null; counterpartOrgId: string | null; consultant: { userId: string } }): BookingRole | null {
  if (user.role === "admin") return "admin";
  if (booking.consultant.userId === user.id) return "consultant";
  if (booking.bookedById === user.id || (user.organisationId && booking.bookerOrgId === user.organisationId)) return "booker";
  if (user.organisationId && booking.counterpartOrgId === user.organisationId) return "counterpart";
  return null;
}

/** The booking as the viewer may see it; someone else's booking is "not found" (404), never 403. */
export async function getBookingForViewer(user: SessionUser, bookingId: string): Promise<{ booking: BookingView; role: BookingRole }> {
  const booking = await prisma.booking.findUnique({ where: { id: bookingId }, include: viewInclude });
  const role = booking ? bookingRole(user, booking) : null;
  if (!booking || !role) throw new UserError(404, "booking:errors.notFound");
  return { booking, role };
}

// ------------------------------------------------------------------ hold

export const holdSchema = z.object({
  serviceId: z.string({ required_error: "validation:required" }).min(1, "validation:required"),
  startsAt: z.coerce.date({ errorMap: () => ({ message: "booking:errors.invalidSlot" }) }),
  listingId: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  inquiryId: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  interpretationLanguage: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(10).optional()),
  timeZone: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(64).optional()),
});
export type HoldInput = z.infer<typeof holdSchema>;

function validTimeZone(tz: string | undefined): tz is string {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export async function holdBooking(user: SessionUser, input: HoldInput, opts: { now?: Date; ip?: string | null } = {}): Promise<{ id: string; holdExpiresAt: Date }> {
  const now = opts.now ?? new Date();
  if ((user.role !== "sme" && user.role !== "buyer") || !user.organisationId) throw new UserError(403, "booking:errors.onlyCompanies");
  const startsAt = input.startsAt;
  if (Number.isNaN(startsAt.getTime())) throw new UserError(400, "booking:errors.invalidSlot");
  if (startsAt.getTime() <= now.getTime()) throw new UserError(409, "booking:errors.slotInPast");

  const service = await prisma.consultingService.findUnique({ where: { id: input.serviceId }, include: { consultant: true } });
  if (!service || !service.active || !service.consultant.published) throw new UserError(404, "booking:errors.serviceNotFound");
  if (service.consultant.userId === user.id) throw new UserError(403, "booking:errors.ownService");
  if (input.interpretationLanguage && !service.interpretationLanguages.includes(input.interpretationLanguage)) throw new UserError(422, "booking:errors.interpretationLanguage");

  // Links: an inquiry (buyer–seller meeting) or the booker's own listing.
  let listingId: string | null = null;
  let counterpartOrgId: string | null = null;
  let inquiryId: string | null = null;
  if (input.inquiryId) {
    const inquiry = await prisma.inquiry.findUnique({ where: { id: input.inquiryId } });
    if (!inquiry || (inquiry.buyerOrgId !== user.organisationId && inquiry.sellerOrgId !== user.organisationId)) throw new UserError(404, "booking:errors.inquiryNotFound");
    if (input.listingId && input.listingId !== inquiry.listingId) throw new UserError(422, "booking:errors.listingNotInInquiry");
    inquiryId = inquiry.id;
    listingId = inquiry.listingId;
    if (service.kind === "buyer_seller_meeting") counterpartOrgId = inquiry.buyerOrgId === user.organisationId ? inquiry.sellerOrgId : inquiry.buyerOrgId;
  } else if (input.listingId) {
    const listing = await prisma.listing.findUnique({ where: { id: input.listingId }, select: { id: true, organisationId: true } });
    if (!listing || listing.organisationId !== user.organisationId) throw new UserError(404, "booking:errors.listingNotYours");
    listingId = listing.id;
  }
  if (service.kind === "buyer_seller_meeting" && !counterpartOrgId) throw new UserError(422, "booking:errors.meetingNeedsInquiry");

  // A lapsed hold of this consultant must not keep the time blocked.
  await expireHolds(now, { consultantId: service.consultantId });

  const slotInput = await loadSlotInput(service.id, { now });
  if (!slotInput) throw new UserError(404, "booking:errors.serviceNotFound");
  const slot = findSlot(slotInput, startsAt);
  if (!slot) throw new UserError(409, slotRefusal(slotInput, startsAt, now));

  try {
    const booking = await prisma.$transaction(async (tx) => {
      await lockConsultantCalendar(tx, service.consultantId);
      const created = await tx.booking.create({
        data: {
          serviceId: service.id,
          consultantId: service.consultantId,
          bookedById: user.id,
          bookerOrgId: user.organisationId,
          counterpartOrgId,
          listingId,
          inquiryId,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          blockedUntil: slot.blockedUntil,
          status: "held",
          holdExpiresAt: new Date(now.getTime() + HOLD_MINUTES * 60_000),
          bookerTimeZone: validTimeZone(input.timeZone) ? input.timeZone : user.timeZone,
          priceMinor: service.priceMinor,
          currency: service.currency,
          cardMinor: service.priceMinor,
          voucherCoveredMinor: 0n,
          interpretationLanguage: input.interpretationLanguage ?? null,
        },
      });
      await audit(tx, user.id, "booking.hold", "Booking", created.id, { serviceId: service.id, startsAt: slot.startsAt.toISOString(), listingId, inquiryId, counterpartOrgId }, opts.ip);
      return created;
    });
    return { id: booking.id, holdExpiresAt: booking.holdExpiresAt! };
  } catch (error) {
    if (isExclusionViolation(error)) throw new UserError(409, "booking:errors.slotTaken");
    throw error;
  }
}

/** Why a requested start is not bookable, as precisely as we can tell. */
function slotRefusal(slotInput: NonNullable<Awaited<ReturnType<typeof loadSlotInput>>>, startsAt: Date, now: Date): string {
  if (startsAt.getTime() < now.getTime() + DEFAULT_LEAD_MINUTES * 60_000) return "booking:errors.slotTooSoon";
  const free = generateSlots({ ...slotInput, bookings: [], from: new Date(startsAt.getTime() - 1), to: new Date(startsAt.getTime() + 1) });
  return free.some((s) => s.startsAt.getTime() === startsAt.getTime()) ? "booking:errors.slotTaken" : "booking:errors.notASlot";
}

// ------------------------------------------------------------------ listings for pages

export async function listBookingsForConsultant(user: SessionUser, opts: { from?: Date; to?: Date; statuses?: Prisma.BookingWhereInput["status"] } = {}) {
  const profile = await prisma.consultantProfile.findUnique({ where: { userId: user.id }, select: { id: true } });
  if (!profile) throw new UserError(403, "booking:errors.notConsultant");
  return prisma.booking.findMany({
    where: {
      consultantId: profile.id,
      status: opts.statuses ?? { in: ["held", "awaiting_counterpart", "confirmed", "completed", "no_show"] },
      ...(opts.from || opts.to ? { startsAt: { ...(opts.from ? { gte: opts.from } : {}), ...(opts.to ? { lt: opts.to } : {}) } } : {}),
    },
    orderBy: { startsAt: "asc" },
    include: { service: true, bookedBy: { select: { id: true, name: true, email: true } }, listing: { select: { id: true, slug: true, translations: { select: { locale: true, title: true } } } } },
    take: 500,
  });
}

export async function listBookingsForOrganisation(user: SessionUser, opts: { upcomingOnly?: boolean; now?: Date } = {}) {
  if (!user.organisationId) return [];
  const now = opts.now ?? new Date();
  return prisma.booking.findMany({
    where: {
      OR: [{ bookerOrgId: user.organisationId }, { counterpartOrgId: user.organisationId }, { bookedById: user.id }],
      ...(opts.upcomingOnly ? { endsAt: { gte: now }, status: { in: ["held", "awaiting_counterpart", "confirmed"] } } : {}),
    },
    orderBy: { startsAt: "asc" },
    include: { service: true, consultant: { include: { user: { select: { name: true } } } } },
    take: 200,
  });
}

// ------------------------------------------------------------------ counterpart

export async function confirmAsCounterpart(user: SessionUser, bookingId: string, opts: { now?: Date; ip?: string | null } = {}) {
  const now = opts.now ?? new Date();
  const { role } = await getBookingForViewer(user, bookingId);
  if (role !== "counterpart") throw new UserError(403, "booking:errors.notCounterpart");
  await prisma.$transaction(async (tx) => {
    const booking = await lockBooking(tx, bookingId);
    if (!booking || booking.status !== "awaiting_counterpart") throw new UserError(409, "booking:errors.notAwaitingCounterpart");
    await tx.booking.update({ where: { id: bookingId }, data: { status: "confirmed", counterpartConfirmedAt: now } });
    await audit(tx, user.id, "booking.counterpart_confirm", "Booking", bookingId, {}, opts.ip);
    await queueBookingEmails(tx, bookingId, "confirmed", { now });
  });
}

// ------------------------------------------------------------------ cancel

export interface CancellationPolicy {
  allowed: boolean;
  refund: "full" | "none";
  /** hours left until the start (rounded down) */
  hoursBefore: number;
}

/**
 * Booker (or counterpart declining a meeting) cancelling ≥ 24 h before the start: full refund;
 * booker < 24 h: no refund. Consultant (or admin) cancelling: always a full refund.
 * Unpaid holds can always be released. Started or finished sessions cannot be cancelled.
 */
export function cancellationPolicy(booking: { status: string; startsAt: Date }, role: BookingRole, now: Date): CancellationPolicy {
  const hoursBefore = Math.floor((booking.startsAt.getTime() - now.getTime()) / HOUR_MS);
  const live = booking.status === "held" || booking.status === "awaiting_counterpart" || booking.status === "confirmed";
  if (!live || booking.startsAt <= now) return { allowed: false, refund: "none", hoursBefore };
  if (role === "consultant" || role === "admin" || role === "counterpart" || booking.status === "held") return { allowed: true, refund: "full", hoursBefore };
  return { allowed: true, refund: booking.startsAt.getTime() - now.getTime() >= FREE_CANCELLATION_HOURS * HOUR_MS ? "full" : "none", hoursBefore };
}

export async function cancelBooking(user: SessionUser, bookingId: string, input: { reason?: string }, opts: { now?: Date; ip?: string | null } = {}): Promise<{ refund: "full" | "none" }> {
  const now = opts.now ?? new Date();
  const { role } = await getBookingForViewer(user, bookingId);
  // A counterpart may decline only while the meeting awaits it; after confirming, it is the booker's or consultant's call.
  const reason = (input.reason ?? "").trim().slice(0, 1000);
  const after: AfterCommit[] = [];
  const result = await prisma.$transaction(
    async (tx) => {
      const booking = await lockBooking(tx, bookingId);
      if (!booking) throw new UserError(404, "booking:errors.notFound");
      if (role === "counterpart" && booking.status !== "awaiting_counterpart") throw new UserError(403, "booking:errors.notCounterpart");
      const policy = cancellationPolicy(booking, role, now);
      if (!policy.allowed) throw new UserError(409, "booking:errors.notCancellable");
      if (booking.status === "held") {
        await releaseHold(tx, bookingId, "cancelled", user.id, reason || "hold_released");
        return { refund: "full" as const };
      }
      await tx.booking.update({ where: { id: bookingId }, data: { status: "cancelled", cancelledAt: now, cancelledById: user.id, cancelReason: reason || null, icsSequence: { increment: 1 } } });
      let voucherRestored = 0n;
      if (policy.refund === "full") {
        voucherRestored = await restoreVoucherShare(tx, bookingId);
        after.push(...(await refundCardPayments(tx, bookingId, `cancelled_by_${role}`)));
      }
      await audit(tx, user.id, "booking.cancel", "Booking", bookingId, { by: role, refund: policy.refund, hoursBefore: policy.hoursBefore, reason, voucherRestoredMinor: voucherRestored.toString() }, opts.ip);
      await queueBookingEmails(tx, bookingId, "cancelled", { now, extra: { refund: policy.refund, reason } });
      return { refund: policy.refund };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  for (const run of after) await run();
  return result;
}

// ------------------------------------------------------------------ reschedule

/**
 * Moves a live booking to another generated slot of the same service, in one UPDATE: the
 * exclusion constraint still applies (409 if taken meanwhile). The booker may reschedule only
 * while free cancellation applies (≥ 24 h before); the consultant any time before the start.
 */
export async function rescheduleBooking(user: SessionUser, bookingId: string, input: { startsAt: Date }, opts: { now?: Date; ip?: string | null } = {}) {
  const now = opts.now ?? new Date();
  const { booking, role } = await getBookingForViewer(user, bookingId);
  if (role !== "booker" && role !== "consultant" && role !== "admin") throw new UserError(403, "booking:errors.notAllowed");
  if (!["confirmed", "awaiting_counterpart", "held"].includes(booking.status) || booking.startsAt <= now) throw new UserError(409, "booking:errors.notReschedulable");
  if (role === "booker" && booking.startsAt.getTime() - now.getTime() < FREE_CANCELLATION_HOURS * HOUR_MS) throw new UserError(409, "booking:errors.rescheduleTooLate");
  if (Number.isNaN(input.startsAt.getTime())) throw new UserError(400, "booking:errors.invalidSlot");
  if (input.startsAt <= now) throw new UserError(409, "booking:errors.slotInPast");
  const slotInput = await loadSlotInput(booking.serviceId, { now, excludeBookingId: bookingId });
  if (!slotInput) throw new UserError(404, "booking:errors.serviceNotFound");
  const slot = findSlot(slotInput, input.startsAt);
  if (!slot) throw new UserError(409, slotRefusal(slotInput, input.startsAt, now));
  try {
    await prisma.$transaction(async (tx) => {
      const locked = await lockBooking(tx, bookingId);
      if (!locked || !["confirmed", "awaiting_counterpart", "held"].includes(locked.status)) throw new UserError(409, "booking:errors.notReschedulable");
      await lockConsultantCalendar(tx, locked.consultantId);
      await tx.booking.update({ where: { id: bookingId }, data: { startsAt: slot.startsAt, endsAt: slot.endsAt, blockedUntil: slot.blockedUntil, icsSequence: { increment: 1 } } });
      await audit(tx, user.id, "booking.reschedule", "Booking", bookingId, { by: role, from: locked.startsAt.toISOString(), to: slot.startsAt.toISOString() }, opts.ip);
      if (locked.status !== "held") await queueBookingEmails(tx, bookingId, "rescheduled", { now });
    });
  } catch (error) {
    if (isExclusionViolation(error)) throw new UserError(409, "booking:errors.slotTaken");
    throw error;
  }
}

// ------------------------------------------------------------------ outcome

export const valuationOutcomeSchema = z
  .object({
    method: z.enum(VALUATION_METHODS, { message: "validation:invalidChoice" }),
    currency: z.enum(CURRENCIES, { message: "validation:invalidChoice" }),
    low: z.coerce.number({ invalid_type_error: "validation:number" }).nonnegative("validation:nonNegative").max(1e13, "validation:tooLarge"),
    high: z.coerce.number({ invalid_type_error: "validation:number" }).nonnegative("validation:nonNegative").max(1e13, "validation:tooLarge"),
    validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "validation:date"),
    certificateRef: z.string().trim().max(100, "validation:tooLong").optional(),
  })
  .refine((v) => v.high >= v.low, { path: ["high"], message: "validation:rangeInverted" });

export const outcomeSchema = z.object({
  outcome: z.string().trim().max(5000, "validation:tooLong").optional().default(""),
  valuation: valuationOutcomeSchema.optional(),
});
export type OutcomeInput = z.infer<typeof outcomeSchema>;

async function consultantBooking(tx: Tx, user: SessionUser, bookingId: string) {
  const booking = await lockBooking(tx, bookingId);
  const profile = booking ? await tx.consultantProfile.findUnique({ where: { id: booking.consultantId }, select: { id: true, userId: true } }) : null;
  if (!booking || !profile) throw new UserError(404, "booking:errors.notFound");
  if (profile.userId !== user.id && user.role !== "admin") {
    // Others who may see the booking get 403; strangers get the usual 404.
    const view = await tx.booking.findUnique({ where: { id: bookingId }, select: { bookedById: true, bookerOrgId: true, counterpartOrgId: true } });
    if (view && bookingRole(user, { ...view, consultant: { userId: profile.userId } })) throw new UserError(403, "booking:errors.onlyConsultant");
    throw new UserError(404, "booking:errors.notFound");
  }
  return booking;
}

/**
 * The consultant closes a session. For a valuation service with a linked listing, valuation
 * input records a Valuation on the listing: source platform_session, verified by the consultant,
 * issued by the consultant, tied to the booking (one per booking).
 */
export async function completeBooking(user: SessionUser, bookingId: string, input: OutcomeInput, opts: { now?: Date; ip?: string | null } = {}) {
  const now = opts.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const booking = await consultantBooking(tx, user, bookingId);
    if (booking.status !== "confirmed") throw new UserError(409, "booking:errors.notCompletable");
    if (booking.startsAt > now) throw new UserError(409, "booking:errors.notStarted");
    let valuationId: string | null = null;
    if (input.valuation) {
      if (booking.service.kind !== "valuation") throw new UserError(422, "booking:errors.valuationOnlyForValuation");
      if (!booking.listingId) throw new UserError(422, "booking:errors.valuationNeedsListing");
      const v = input.valuation;
      const valuedOn = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
      const validUntil = new Date(`${v.validUntil}T00:00:00Z`);
      if (Number.isNaN(validUntil.getTime()) || validUntil < valuedOn) throw new UserError(422, "booking:errors.valuationValidity");
      const consultant = await tx.consultantProfile.findUniqueOrThrow({ where: { id: booking.consultantId }, include: { user: { select: { name: true } } } });
      const valuation = await tx.valuation.create({
        data: {
          listingId: booking.listingId,
          method: v.method,
          currency: v.currency,
          lowMinor: BigInt(toMinor(v.low, v.currency)),
          highMinor: BigInt(toMinor(v.high, v.currency)),
          valuedOn,
          validUntil,
          issuerName: consultant.user.name,
          issuerConsultantId: consultant.id,
          certificateRef: v.certificateRef || `booking-${booking.id}`,
          source: "platform_session",
          verifiedAt: now,
          verifiedById: user.id,
          bookingId: booking.id,
        },
      });
      valuationId = valuation.id;
      const listing = await tx.listing.findUnique({ where: { id: booking.listingId }, select: { status: true } });
      if (listing?.status === "published") await enqueueListingChanged(tx, booking.listingId);
      await audit(tx, user.id, "valuation.record_from_session", "Listing", booking.listingId, { valuationId, bookingId }, opts.ip);
    }
    await tx.booking.update({ where: { id: bookingId }, data: { status: "completed", outcome: input.outcome || null } });
    await audit(tx, user.id, "booking.complete", "Booking", bookingId, { valuationId }, opts.ip);
    await queueBookingEmails(tx, bookingId, "completed", { now, only: ["booker", "counterpart"], extra: { outcome: input.outcome ?? "" } });
    return { valuationId };
  });
}

export async function markNoShow(user: SessionUser, bookingId: string, input: { outcome?: string }, opts: { now?: Date; ip?: string | null } = {}) {
  const now = opts.now ?? new Date();
  await prisma.$transaction(async (tx) => {
    const booking = await consultantBooking(tx, user, bookingId);
    if (booking.status !== "confirmed") throw new UserError(409, "booking:errors.notCompletable");
    if (booking.startsAt > now) throw new UserError(409, "booking:errors.notStarted");
    await tx.booking.update({ where: { id: bookingId }, data: { status: "no_show", outcome: input.outcome?.trim() || null } });
    await audit(tx, user.id, "booking.no_show", "Booking", bookingId, {}, opts.ip);
  });
}

/** Outcome text edits after completion (the consultant's notes). */
export async function updateOutcome(user: SessionUser, bookingId: string, outcome: string, opts: { ip?: string | null } = {}) {
  await prisma.$transaction(async (tx) => {
    const booking = await consultantBooking(tx, user, bookingId);
    if (booking.status !== "completed" && booking.status !== "no_show") throw new UserError(409, "booking:errors.notCompletable");
    await tx.booking.update({ where: { id: bookingId }, data: { outcome: outcome.trim().slice(0, 5000) || null } });
    await audit(tx, user.id, "booking.outcome", "Booking", bookingId, {}, opts.ip);
  });
}

/** Slots the booking could move to (same service, this booking's own time not counted as busy). */
export async function rescheduleOptions(bookingId: string, opts: { now?: Date; days?: number; limit?: number } = {}) {
  const now = opts.now ?? new Date();
  const booking = await prisma.booking.findUnique({ where: { id: bookingId }, select: { serviceId: true, startsAt: true } });
  if (!booking) return [];
  const input = await loadSlotInput(booking.serviceId, { now, excludeBookingId: bookingId });
  if (!input) return [];
  const slots = generateSlots({ ...input, from: now, to: new Date(now.getTime() + (opts.days ?? 28) * 24 * HOUR_MS) });
  return slots.filter((s) => s.startsAt.getTime() !== booking.startsAt.getTime()).slice(0, opts.limit ?? 60);
}
