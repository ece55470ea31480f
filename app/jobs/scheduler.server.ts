/**
 * Periodic work (expiries, reminders). Each task is idempotent and guarded by conditional
 * updates, so it may run in every app process; a failure is logged and retried next tick.
 */
import { alertOverdueInquiries, sendResponseReminders } from "~/inquiries/inquiries.server";
import { expireListings, sendExpiryReminders } from "~/listings/expiry.server";
import { sendSavedSearchAlerts, sendWeeklyDigests } from "~/matching/alerts.server";
import { sendBookingReminders } from "~/consulting/reminders.server";
import { runBookingMaintenance } from "~/payments/maintenance.server";

export const scheduledTasks: Record<string, (now: Date) => Promise<unknown>> = {
  "listings.expire": expireListings,
  "listings.expiryReminders": sendExpiryReminders,
  "inquiries.responseReminders": sendResponseReminders,
  "inquiries.overdueAlerts": alertOverdueInquiries,
  "matching.weeklyDigest": sendWeeklyDigests,
  "matching.savedSearchAlerts": (now) => sendSavedSearchAlerts(now),
  "bookings.maintenance": runBookingMaintenance,
  "bookings.reminders": sendBookingReminders,
};

export function startScheduler(intervalMs = 60_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    for (const [name, task] of Object.entries(scheduledTasks)) {
      try {
        await task(new Date());
      } catch (error) {
        console.error(`scheduled task ${name}:`, (error as Error).message);
      }
    }
    running = false;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  void tick();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}
