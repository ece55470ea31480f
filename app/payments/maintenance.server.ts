/**
 * Booking upkeep for the scheduler (every minute is plenty; safe to run in several processes):
 *   1. lapsed holds expire (voucher shares restored) and their still-open Stripe Checkout
 *      Sessions are closed (best effort: a payment that still slips through is revived or refunded
 *      by the webhook);
 *   2. buyer–seller meetings whose other party has not confirmed by the lead time before the start
 *      are cancelled with a full refund (card and voucher), and everyone is told.
 * Reminders are a separate task: sendBookingReminders (app/consulting/reminders.server.ts).
 */
import { audit } from "~/audit/audit.server";
import { expireHolds, lockBooking } from "~/consulting/booking-lifecycle.server";
import { queueBookingEmails } from "~/consulting/booking-notifications.server";
import { restoreVoucherShare } from "~/consulting/vouchers.server";
import { DEFAULT_LEAD_MINUTES } from "~/consulting/slots";
import { prisma } from "~/db.server";
import { refundCardPayments, type AfterCommit } from "./refunds.server";
import { stripeClient, stripeEnabled } from "./stripe.server";

export async function runBookingMaintenance(now = new Date()): Promise<{ expired: number; sessionsClosed: number; meetingsCancelled: number }> {
  const expired = await expireHolds(now);
  let sessionsClosed = 0;
  if (stripeEnabled() && expired.length) {
    const open = await prisma.payment.findMany({ where: { bookingId: { in: expired }, provider: "stripe", providerSessionId: { not: null } }, select: { providerSessionId: true } });
    for (const p of open) {
      try {
        await stripeClient().checkout.sessions.expire(p.providerSessionId!);
        sessionsClosed += 1;
      } catch {
        // Already completed or expired at Stripe: the webhook settles it either way.
      }
    }
  }
  const meetingsCancelled = await cancelUnconfirmedMeetings(now);
  return { expired: expired.length, sessionsClosed, meetingsCancelled };
}

export async function cancelUnconfirmedMeetings(now = new Date()): Promise<number> {
  const deadline = new Date(now.getTime() + DEFAULT_LEAD_MINUTES * 60_000);
  const due = await prisma.booking.findMany({ where: { status: "awaiting_counterpart", startsAt: { lte: deadline } }, select: { id: true }, take: 200 });
  let cancelled = 0;
  for (const { id } of due) {
    const after: AfterCommit[] = [];
    const done = await prisma.$transaction(
      async (tx) => {
        const booking = await lockBooking(tx, id);
        if (!booking || booking.status !== "awaiting_counterpart") return false;
        await tx.booking.update({ where: { id }, data: { status: "cancelled", cancelledAt: now, cancelReason: "counterpart_not_confirmed", icsSequence: { increment: 1 } } });
        const restored = await restoreVoucherShare(tx, id);
        after.push(...(await refundCardPayments(tx, id, "counterpart_not_confirmed")));
        await audit(tx, null, "booking.cancel", "Booking", id, { by: "system", refund: "full", reason: "counterpart_not_confirmed", voucherRestoredMinor: restored.toString() });
        await queueBookingEmails(tx, id, "cancelled", { now, extra: { refund: "full", reason: "" } });
        return true;
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    for (const run of after) await run();
    if (done) cancelled += 1;
  }
  return cancelled;
}
