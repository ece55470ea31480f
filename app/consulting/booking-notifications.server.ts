/**
 * Booking e-mails (templates "consulting.booking*", keys in the "booking" namespace), queued
 * through the outbox in the caller's transaction, one per recipient in that recipient's language
 * and time zone, each with the booking's .ics (METHOD REQUEST, or CANCEL on cancellation).
 * Recipients: the booker, the consultant, and the counterpart organisation's members.
 */
import { env } from "~/env.server";
import { queueEmail } from "~/email/email.server";
import type { Prisma } from "~/generated/prisma/client";
import { formatMoney } from "~/lib/money";
import { buildIcs } from "./ics";
import { formatSlot } from "./slots";

type Tx = Prisma.TransactionClient;

export type BookingEmailKind = "confirmed" | "awaitingCounterpart" | "counterpartRequest" | "rescheduled" | "cancelled" | "reminder" | "completed";

const bookingInclude = {
  service: true,
  consultant: { include: { user: true } },
  bookedBy: true,
} as const;

export type BookingWithParties = Prisma.BookingGetPayload<{ include: typeof bookingInclude }>;

/** A per-locale JSON text ({ "ko": "...", "en": "..." }) in the reader's language, falling back to en, ko, then any. */
export function localizedText(value: unknown, locale: string): string {
  if (!value || typeof value !== "object") return "";
  const map = value as Record<string, string>;
  return map[locale] || map.en || map.ko || Object.values(map).find(Boolean) || "";
}

interface Recipient {
  email: string;
  name: string;
  locale: string;
  timeZone: string;
  role: "booker" | "consultant" | "counterpart";
}

async function recipientsOf(tx: Tx, booking: BookingWithParties): Promise<Recipient[]> {
  const list: Recipient[] = [
    { email: booking.bookedBy.email, name: booking.bookedBy.name, locale: booking.bookedBy.locale, timeZone: booking.bookerTimeZone, role: "booker" },
    { email: booking.consultant.user.email, name: booking.consultant.user.name, locale: booking.consultant.user.locale, timeZone: booking.consultant.timeZone, role: "consultant" },
  ];
  if (booking.counterpartOrgId) {
    const members = await tx.user.findMany({ where: { organisationId: booking.counterpartOrgId, disabledAt: null }, orderBy: { createdAt: "asc" }, take: 5 });
    for (const m of members) list.push({ email: m.email, name: m.name, locale: m.locale, timeZone: m.timeZone, role: "counterpart" });
  }
  return list;
}

export function bookingIcs(booking: BookingWithParties, method: "REQUEST" | "CANCEL", locale: string, now: Date) {
  const title = localizedText(booking.service.title, locale);
  return buildIcs({
    bookingId: booking.id,
    sequence: booking.icsSequence,
    method,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    stamp: now,
    summary: `${title} · ${booking.consultant.user.name}`,
    description: `${env().appUrl.replace(/\/$/, "")}/bookings/${booking.id}`,
    location: booking.service.mode === "in_person" ? booking.service.location ?? undefined : undefined,
    url: `${env().appUrl.replace(/\/$/, "")}/bookings/${booking.id}`,
    organizer: { name: booking.consultant.user.name, email: booking.consultant.user.email },
    attendees: [{ name: booking.bookedBy.name, email: booking.bookedBy.email }],
  });
}

export async function loadBookingWithParties(tx: Tx, bookingId: string): Promise<BookingWithParties> {
  return tx.booking.findUniqueOrThrow({ where: { id: bookingId }, include: bookingInclude });
}

/**
 * Queues the e-mails of one booking event. `only` limits the recipients by role (e.g. the
 * counterpart request goes to the counterpart only). `extra` params reach every template.
 */
export async function queueBookingEmails(
  tx: Tx,
  bookingId: string,
  kind: BookingEmailKind,
  opts: { now?: Date; only?: Array<Recipient["role"]>; extra?: Record<string, string>; ics?: "REQUEST" | "CANCEL" | "none" } = {},
) {
  const now = opts.now ?? new Date();
  const booking = await loadBookingWithParties(tx, bookingId);
  const url = `${env().appUrl.replace(/\/$/, "")}/bookings/${booking.id}`;
  const method = opts.ics ?? (kind === "cancelled" ? "CANCEL" : kind === "completed" || kind === "counterpartRequest" ? "none" : "REQUEST");
  for (const r of await recipientsOf(tx, booking)) {
    if (opts.only && !opts.only.includes(r.role)) continue;
    const shown = formatSlot(booking, { locale: r.locale, viewerTimeZone: r.timeZone, consultantTimeZone: booking.consultant.timeZone });
    const params: Record<string, string> = {
      name: r.name,
      service: localizedText(booking.service.title, r.locale),
      consultant: booking.consultant.user.name,
      booker: booking.bookedBy.name,
      when: `${shown.viewer.date} ${shown.viewer.time} (${shown.viewer.zoneName})`,
      consultantWhen: shown.consultant ? `${shown.consultant.date} ${shown.consultant.time} (${shown.consultant.zoneName})` : "",
      price: formatMoney(booking.priceMinor, booking.currency, r.locale),
      url,
      role: r.role,
      ...opts.extra,
    };
    await queueEmail(tx, {
      to: r.email,
      locale: r.locale,
      template: `consulting.booking${kind[0]!.toUpperCase()}${kind.slice(1)}`,
      params,
      attachments:
        method === "none"
          ? undefined
          : [{ filename: "booking.ics", contentType: `text/calendar; charset=utf-8; method=${method}`, content: Buffer.from(bookingIcs(booking, method, r.locale, now), "utf8").toString("base64") }],
    });
  }
}
