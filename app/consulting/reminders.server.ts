/**
 * Session reminders, 24 h and 1 h before the start, for the scheduler. Idempotent without a
 * schema change: each reminder sent is an AuditLog row ("booking.reminder_24h" / "_1h") written
 * in the same transaction as the queued e-mails, after locking the booking row — so a rerun, or
 * two schedulers at once, never send a reminder twice. A reschedule changes the start, so the
 * reminder key includes the start instant (a moved session is reminded again).
 * The 24 h reminder is skipped when the booking was made less than 24 h ahead (the confirmation
 * just went out); the 1 h reminder is always sent once.
 */
import { audit } from "~/audit/audit.server";
import { prisma } from "~/db.server";
import { lockBooking } from "./booking-lifecycle.server";
import { queueBookingEmails } from "./booking-notifications.server";

const HOUR_MS = 3_600_000;
const REMINDERS = [
  { key: "24h", hours: 24 },
  { key: "1h", hours: 1 },
] as const;

export async function sendBookingReminders(now = new Date()): Promise<number> {
  let sent = 0;
  for (const reminder of REMINDERS) {
    const due = await prisma.booking.findMany({
      where: { status: "confirmed", startsAt: { gt: now, lte: new Date(now.getTime() + reminder.hours * HOUR_MS) } },
      select: { id: true, startsAt: true, createdAt: true },
      orderBy: { startsAt: "asc" },
      take: 500,
    });
    for (const candidate of due) {
      // Only the nearer reminder matters for a booking inside the 1 h window.
      if (reminder.key === "24h" && candidate.startsAt.getTime() - now.getTime() <= 1 * HOUR_MS) continue;
      if (reminder.key === "24h" && candidate.startsAt.getTime() - candidate.createdAt.getTime() < 24 * HOUR_MS) continue;
      const done = await prisma.$transaction(async (tx) => {
        const booking = await lockBooking(tx, candidate.id);
        if (!booking || booking.status !== "confirmed" || booking.startsAt <= now) return false;
        const action = `booking.reminder_${reminder.key}`;
        const startKey = booking.startsAt.toISOString();
        const earlier = await tx.auditLog.findMany({ where: { entityType: "Booking", entityId: booking.id, action }, select: { data: true } });
        if (earlier.some((e) => (e.data as { startsAt?: string } | null)?.startsAt === startKey)) return false;
        await audit(tx, null, action, "Booking", booking.id, { startsAt: startKey });
        await queueBookingEmails(tx, booking.id, "reminder", { now, extra: { hours: String(reminder.hours) } });
        return true;
      });
      if (done) sent += 1;
    }
  }
  return sent;
}
