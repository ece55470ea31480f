/**
 * Booking state changes driven by money and time (payment received, hold lapsed), shared by the
 * payment webhook, the voucher-only checkout and the scheduler. Each function runs inside the
 * caller's transaction and starts by locking the booking row, so concurrent events on one
 * booking apply one after the other.
 *
 *   held ──paid──▶ confirmed                     (no counterpart)
 *   held ──paid──▶ awaiting_counterpart ──other party confirms──▶ confirmed
 *   held ──hold lapses / checkout expires──▶ expired   (voucher share restored)
 */
import { audit } from "~/audit/audit.server";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { queueBookingEmails } from "./booking-notifications.server";
import { restoreVoucherShare } from "./vouchers.server";

type Tx = Prisma.TransactionClient;

export const HOLD_MINUTES = 15;

/** Locks the booking row for the rest of the transaction and returns it (null if absent). */
export async function lockBooking(tx: Tx, bookingId: string) {
  const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(`SELECT id FROM "Booking" WHERE id = $1 FOR UPDATE`, bookingId);
  if (rows.length === 0) return null;
  return tx.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { service: true, payments: true } });
}

/**
 * Serialises the writes that place bookings on one consultant's calendar (holds, reschedules,
 * revivals). Without it, concurrent inserts that overlap wait on each other through the
 * exclusion constraint and PostgreSQL resolves the cycle as a deadlock after a second: 200
 * simultaneous holds of one slot took over 30 s and some failed with 40P01 instead of a clean
 * "slot taken". The lock is taken after any booking row lock (same order everywhere); it does
 * not conflict with the key-share locks of foreign-key checks. The constraint still decides.
 */
export async function lockConsultantCalendar(tx: Tx, consultantId: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT 1 FROM "ConsultantProfile" WHERE id = $1 FOR NO KEY UPDATE`, consultantId);
}

/** True for PostgreSQL's exclusion_violation (23P01) however the driver adapter wraps it. */
export function isExclusionViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (e: unknown): boolean => {
    if (!e || typeof e !== "object" || seen.has(e)) return false;
    seen.add(e);
    const o = e as Record<string, unknown>;
    if (o.code === "23P01" || o.originalCode === "23P01") return true;
    if (typeof o.message === "string" && o.message.includes("Booking_no_overlap")) return true;
    return walk(o.cause) || walk(o.meta) || walk((o.meta as Record<string, unknown> | undefined)?.driverAdapterError);
  };
  return walk(error);
}

export type PaidOutcome = "confirmed" | "awaiting_counterpart" | "already" | "lost";

/**
 * Payment received for a booking. A held booking becomes confirmed (or awaiting the other party of
 * a buyer–seller meeting). A booking whose hold already lapsed is revived if its time is still
 * free; if someone else took it meanwhile (or it was cancelled), the outcome is "lost" and the
 * caller refunds. Queues the confirmation e-mails.
 */
export async function markBookingPaid(tx: Tx, bookingId: string, now: Date, actorId: string | null = null): Promise<PaidOutcome> {
  const booking = await lockBooking(tx, bookingId);
  if (!booking) return "lost";
  if (booking.status === "confirmed" || booking.status === "awaiting_counterpart" || booking.status === "completed" || booking.status === "no_show") return "already";
  if (booking.status === "cancelled") return "lost";
  const next = booking.counterpartOrgId && !booking.counterpartConfirmedAt ? "awaiting_counterpart" : "confirmed";
  if (booking.status === "expired") {
    if (booking.startsAt <= now) return "lost";
    // Revive only if the time is still free: the exclusion constraint decides, inside a savepoint.
    await lockConsultantCalendar(tx, booking.consultantId);
    await tx.$executeRawUnsafe("SAVEPOINT revive_booking");
    try {
      await tx.$executeRawUnsafe(`UPDATE "Booking" SET status = $1::"BookingStatus", "holdExpiresAt" = NULL, "updatedAt" = now() WHERE id = $2`, next, bookingId);
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT revive_booking");
    } catch (error) {
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT revive_booking");
      if (isExclusionViolation(error)) {
        await audit(tx, actorId, "booking.paid_after_slot_lost", "Booking", bookingId, {});
        return "lost";
      }
      throw error;
    }
  } else {
    await tx.booking.update({ where: { id: bookingId }, data: { status: next, holdExpiresAt: null } });
  }
  await audit(tx, actorId, next === "confirmed" ? "booking.confirm" : "booking.await_counterpart", "Booking", bookingId, {});
  if (next === "confirmed") await queueBookingEmails(tx, bookingId, "confirmed", { now });
  else {
    await queueBookingEmails(tx, bookingId, "awaitingCounterpart", { now, only: ["booker", "consultant"] });
    await queueBookingEmails(tx, bookingId, "counterpartRequest", { now, only: ["counterpart"] });
  }
  return next;
}

/**
 * Ends a booking that was never paid: held → expired (or cancelled), pending payments → expired,
 * voucher share restored. No-op for any other status. Returns whether it changed anything.
 */
export async function releaseHold(tx: Tx, bookingId: string, status: "expired" | "cancelled", actorId: string | null, reason: string): Promise<boolean> {
  const booking = await lockBooking(tx, bookingId);
  if (!booking || booking.status !== "held") return false;
  await tx.booking.update({
    where: { id: bookingId },
    data: { status, holdExpiresAt: null, ...(status === "cancelled" ? { cancelledAt: new Date(), cancelledById: actorId, cancelReason: reason } : {}) },
  });
  await tx.payment.updateMany({ where: { bookingId, status: { in: ["pending", "failed"] } }, data: { status: "expired", failureReason: reason } });
  const restored = await restoreVoucherShare(tx, bookingId);
  await audit(tx, actorId, status === "expired" ? "booking.expire" : "booking.cancel_hold", "Booking", bookingId, { reason, voucherRestoredMinor: restored.toString() });
  return true;
}

/**
 * For the scheduler: expires every hold whose time has lapsed (and restores voucher shares).
 * Safe to run from several processes at once (each booking is locked, and re-checked, in its
 * own transaction). Returns the ids it expired, so the caller can close open Stripe sessions.
 */
export async function expireHolds(now = new Date(), where: { consultantId?: string } = {}): Promise<string[]> {
  const due = await prisma.booking.findMany({
    where: { status: "held", holdExpiresAt: { lte: now }, ...(where.consultantId ? { consultantId: where.consultantId } : {}) },
    select: { id: true },
    take: 500,
  });
  const expired: string[] = [];
  for (const { id } of due) {
    const changed = await prisma.$transaction(async (tx) => {
      const locked = await lockBooking(tx, id);
      if (!locked || locked.status !== "held" || !locked.holdExpiresAt || locked.holdExpiresAt > now) return false;
      return releaseHold(tx, id, "expired", null, "hold_expired");
    });
    if (changed) expired.push(id);
  }
  return expired;
}
