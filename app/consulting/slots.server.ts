/**
 * Slots of one consulting service, loaded from the database and computed by ./slots.ts.
 * Live bookings are held / awaiting_counterpart / confirmed; a hold whose time has lapsed no
 * longer blocks anything (holdBooking expires it in the same transaction before inserting).
 */
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { generateSlots, MAX_WINDOW_DAYS, type GenerateSlotsInput, type Slot } from "./slots";

type Db = Pick<Prisma.TransactionClient, "consultingService" | "booking">;

export const LIVE_BOOKING_STATUSES = ["held", "awaiting_counterpart", "confirmed"] as const;

/** Where-clause for bookings that block a consultant's time at `now`. */
export function liveBookingWhere(consultantId: string, now: Date): Prisma.BookingWhereInput {
  return {
    consultantId,
    OR: [{ status: { in: ["awaiting_counterpart", "confirmed"] } }, { status: "held", OR: [{ holdExpiresAt: null }, { holdExpiresAt: { gt: now } }] }],
  };
}

/**
 * Everything generateSlots needs for a service, except the window. `null` when the service does
 * not exist, is inactive, or its consultant is unpublished.
 */
export async function loadSlotInput(
  serviceId: string,
  opts: { now?: Date; excludeBookingId?: string; db?: Db } = {},
): Promise<(Omit<GenerateSlotsInput, "from" | "to"> & { service: { id: string; consultantId: string; durationMinutes: number; bufferMinutes: number } }) | null> {
  const db = opts.db ?? prisma;
  const now = opts.now ?? new Date();
  const service = await db.consultingService.findUnique({
    where: { id: serviceId },
    include: { consultant: { include: { rules: true, exceptions: true } } },
  });
  if (!service || !service.active || !service.consultant.published) return null;
  const bookings = await db.booking.findMany({
    where: { ...liveBookingWhere(service.consultantId, now), ...(opts.excludeBookingId ? { id: { not: opts.excludeBookingId } } : {}) },
    select: { startsAt: true, blockedUntil: true },
  });
  return {
    rules: service.consultant.rules,
    exceptions: service.consultant.exceptions,
    bookings,
    service: { id: service.id, consultantId: service.consultantId, durationMinutes: service.durationMinutes, bufferMinutes: service.bufferMinutes },
    timeZone: service.consultant.timeZone,
    now,
  };
}

/**
 * Bookable slots of a service with starts in [from, to) (at most MAX_WINDOW_DAYS; longer windows
 * are clipped). Returns [] for an unknown or inactive service.
 */
export async function listSlots(serviceId: string, window: { from: Date; to: Date; now?: Date }): Promise<Slot[]> {
  const input = await loadSlotInput(serviceId, { now: window.now });
  if (!input) return [];
  const maxTo = new Date(window.from.getTime() + MAX_WINDOW_DAYS * 86_400_000);
  return generateSlots({ ...input, from: window.from, to: window.to < maxTo ? window.to : maxTo });
}
