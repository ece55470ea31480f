/**
 * The consultant's week calendar: bookings placed on a Monday-to-Sunday grid in the consultant's
 * own time zone, in half-hour rows. Pure (no clock, no database) so it is tested directly.
 */
import { formatInTimeZone } from "date-fns-tz";
import { addDaysIso, isoWeekday, localDateOf, type IsoDate } from "./slots";
import { hourCycleFor } from "~/lib/format";
import { dateTimeFormat } from "~/lib/intl";

export const ROW_MINUTES = 30;

export type CalendarEntry = { id: string; day: number; rowStart: number; rowEnd: number; time: string; status: string; title: string };
export type WeekCalendar = { weekStart: IsoDate; days: Array<{ date: IsoDate; label: string }>; firstMinute: number; lastMinute: number; hours: number[]; entries: CalendarEntry[] };

/** The Monday of the week holding `date`. */
export function weekStartOf(date: IsoDate): IsoDate {
  return addDaysIso(date, 1 - isoWeekday(date));
}

function minuteOfDay(instant: Date, timeZone: string): number {
  const [h, m] = formatInTimeZone(instant, timeZone, "HH:mm").split(":").map(Number);
  return h! * 60 + m!;
}

export function weekCalendar(
  bookings: ReadonlyArray<{ id: string; startsAt: Date; endsAt: Date; status: string; title: string }>,
  opts: { weekStart: IsoDate; timeZone: string; locale: string; rules?: ReadonlyArray<{ startMinute: number; endMinute: number }> },
): WeekCalendar {
  const days = Array.from({ length: 7 }, (_, i) => addDaysIso(opts.weekStart, i));
  const label = dateTimeFormat(opts.locale, { timeZone: "UTC", weekday: "short", day: "numeric" });
  const placed: Array<Omit<CalendarEntry, "rowStart" | "rowEnd"> & { start: number; end: number }> = [];
  const time = dateTimeFormat(opts.locale, { timeZone: opts.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: hourCycleFor(opts.locale) });
  for (const b of bookings) {
    const date = localDateOf(b.startsAt, opts.timeZone);
    const day = days.indexOf(date);
    if (day < 0) continue;
    const start = minuteOfDay(b.startsAt, opts.timeZone);
    // A session running past midnight is drawn to the end of its first day.
    const end = localDateOf(b.endsAt, opts.timeZone) === date ? Math.max(start + ROW_MINUTES, minuteOfDay(b.endsAt, opts.timeZone)) : 1440;
    placed.push({ id: b.id, day, start, end, time: `${time.format(b.startsAt)}–${time.format(b.endsAt)}`, status: b.status, title: b.title });
  }
  const starts = [8 * 60, ...placed.map((p) => p.start), ...(opts.rules ?? []).map((r) => r.startMinute)];
  const ends = [18 * 60, ...placed.map((p) => p.end), ...(opts.rules ?? []).map((r) => r.endMinute)];
  const firstMinute = Math.floor(Math.min(...starts) / 60) * 60;
  const lastMinute = Math.min(1440, Math.ceil(Math.max(...ends) / 60) * 60);
  const hours: number[] = [];
  for (let m = firstMinute; m < lastMinute; m += 60) hours.push(m);
  return {
    weekStart: opts.weekStart,
    days: days.map((date) => ({ date, label: label.format(new Date(`${date}T00:00:00Z`)) })),
    firstMinute,
    lastMinute,
    hours,
    entries: placed.map(({ start, end, ...rest }) => ({
      ...rest,
      // Row 1 is the day header; each row is ROW_MINUTES.
      rowStart: 2 + Math.floor((start - firstMinute) / ROW_MINUTES),
      rowEnd: 2 + Math.ceil((end - firstMinute) / ROW_MINUTES),
    })),
  };
}
