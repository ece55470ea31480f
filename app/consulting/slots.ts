/**
 * Bookable consultant slots, computed (never stored) from
 *   - weekly availability rules in the CONSULTANT's IANA time zone
 *     (ISO weekday 1 = Monday … 7 = Sunday; startMinute/endMinute after local midnight, 0–1440),
 *   - one-off exceptions on a local calendar date:
 *       kind "blocked" without minutes → the whole day is off (weekly rules do not apply),
 *       kind "blocked" with minutes    → that part of the day is off (subtracted from every window),
 *       kind "extra" with minutes      → additional hours that day (on top of the weekly rules),
 *   - Korean public holidays (app/domain/korean-holidays.json): by default observed by consultants
 *     whose time zone is Asia/Seoul, treated like a whole-day "blocked" exception — their weekly
 *     rules do not apply that day, but "extra" hours the consultant added explicitly for that date
 *     still open (they chose to work the holiday). Days outside the holiday table's years are not
 *     treated as holidays. `observeKoreanHolidays` overrides the default either way.
 *   - live bookings (held / awaiting_counterpart / confirmed): a slot's blocked range
 *     [startsAt, startsAt + duration + buffer) may not overlap any booking's [startsAt, blockedUntil),
 *   - a minimum lead time (default 2 h): nothing in the past or too soon.
 *
 * Slots are UTC instants. A slot starts on a grid aligned to the start of its availability window
 * (every `stepMinutes`, default 30) and must END within the window; its buffer may run past the
 * window's end (the consultant is simply off then) but never into another booking.
 * Daylight saving: local minutes are converted per calendar date, so a 09:00–17:00 rule in
 * Europe/Berlin is 08:00Z–16:00Z in winter and 07:00Z–15:00Z in summer; a window edge that falls
 * into a spring-forward gap moves to the first valid local time after it.
 *
 * Pure module (no database, no clock): the caller passes `now`. app/consulting/slots.server.ts
 * loads the inputs from the database (`listSlots`); bookings.server.ts re-validates a requested
 * start with `isBookableSlot` before holding it, and the database exclusion constraint
 * "Booking_no_overlap" has the final word on overlaps.
 */
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { hourCycleFor } from "~/lib/format";
import { dateTimeFormat } from "~/lib/intl";
import { KOREAN_HOLIDAY_YEARS, SEOUL_TIME_ZONE, isKoreanHoliday } from "~/domain/korean-calendar";

export type IsoDate = string;

export interface WeeklyRule {
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface AvailabilityExceptionInput {
  /** local calendar date in the consultant's zone: "YYYY-MM-DD", or a Date at UTC midnight (Prisma @db.Date) */
  date: IsoDate | Date;
  kind: "blocked" | "extra";
  startMinute?: number | null;
  endMinute?: number | null;
}

/** A live booking's blocked range. */
export interface BusyRange {
  startsAt: Date;
  blockedUntil: Date;
}

export interface SlotServiceInput {
  durationMinutes: number;
  bufferMinutes: number;
}

export interface GenerateSlotsInput {
  rules: readonly WeeklyRule[];
  exceptions?: readonly AvailabilityExceptionInput[];
  /** live bookings of the consultant (any service); cancelled/expired ones must not be passed */
  bookings?: readonly BusyRange[];
  service: SlotServiceInput;
  /** the consultant's IANA time zone, e.g. "Asia/Seoul", "Europe/Berlin" */
  timeZone: string;
  /** window of slot START instants: from ≤ startsAt < to */
  from: Date;
  to: Date;
  now: Date;
  /** no slot may start before now + leadMinutes (default 120) */
  leadMinutes?: number;
  /** grid of start times within a window (default 30) */
  stepMinutes?: number;
  /** default: true when timeZone is Asia/Seoul */
  observeKoreanHolidays?: boolean;
}

export interface Slot {
  startsAt: Date;
  /** startsAt + duration */
  endsAt: Date;
  /** endsAt + buffer: the range the consultant is unavailable (Booking.blockedUntil) */
  blockedUntil: Date;
  /** the consultant's local calendar date of the start, "YYYY-MM-DD" */
  localDate: IsoDate;
}

export const DEFAULT_LEAD_MINUTES = 120;
export const DEFAULT_STEP_MINUTES = 30;
/** Longest window generateSlots accepts, so a bad query cannot make the server loop for years. */
export const MAX_WINDOW_DAYS = 92;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

type Interval = [number, number]; // epoch ms, half-open

// ------------------------------------------------------------------ calendar helpers

/** A Date (UTC midnight, as Prisma returns @db.Date) or a string → "YYYY-MM-DD". */
export function toIsoDate(date: IsoDate | Date): IsoDate {
  return typeof date === "string" ? date.slice(0, 10) : date.toISOString().slice(0, 10);
}

/** The local calendar date of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): IsoDate {
  // One shared formatter per zone: date-fns-tz's formatInTimeZone cost ~10 µs a call, and a
  // slot picker asks for hundreds of dates.
  let year = "";
  let month = "";
  let day = "";
  for (const part of dateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant)) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year.padStart(4, "0")}-${month}-${day}`;
}

export function addDaysIso(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: IsoDate): number {
  const [y, m, d] = date.split("-").map(Number);
  const day = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return day === 0 ? 7 : day;
}

function pad(n: number) {
  return String(n).padStart(2, "0");
}

/**
 * The UTC instant of `minute` minutes after local midnight of `date` in `timeZone`
 * (minute may be 1440 = next midnight). A local time inside a spring-forward gap maps to the
 * first valid local time after it; an ambiguous fall-back time maps to its first occurrence
 * as date-fns-tz resolves it.
 */
export function zonedMinuteToUtc(date: IsoDate, minute: number, timeZone: string): Date {
  const day = minute >= 1440 ? addDaysIso(date, Math.floor(minute / 1440)) : date;
  const m = minute % 1440;
  const local = `${day}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00`;
  const candidate = fromZonedTime(local, timeZone);
  if (formatInTimeZone(candidate, timeZone, "yyyy-MM-dd'T'HH:mm:ss") === local) return candidate;
  // In a gap: walk forward minute by minute to the first instant whose local time is ≥ the requested one.
  for (let k = 1; k <= 180; k++) {
    const probe = new Date(candidate.getTime() + k * MINUTE_MS);
    if (formatInTimeZone(probe, timeZone, "yyyy-MM-dd'T'HH:mm:ss") >= local) return probe;
  }
  return candidate;
}

function observesKoreanHoliday(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  return KOREAN_HOLIDAY_YEARS.includes(year) && isKoreanHoliday(date);
}

function subtract(intervals: Interval[], cut: Interval): Interval[] {
  const out: Interval[] = [];
  for (const [s, e] of intervals) {
    if (cut[1] <= s || cut[0] >= e) {
      out.push([s, e]);
      continue;
    }
    if (cut[0] > s) out.push([s, cut[0]]);
    if (cut[1] < e) out.push([cut[1], e]);
  }
  return out;
}

/** Overlapping or touching windows become one (9–12 and 12–15 allow a session at 11:30). */
function merge(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function validMinutes(start: number | null | undefined, end: number | null | undefined): start is number {
  return typeof start === "number" && typeof end === "number" && start >= 0 && end <= 1440 && start < end;
}

/**
 * The consultant's open windows (UTC, half-open) on one local date, before bookings and lead
 * time are applied. Exported for the availability editor's preview and for tests.
 */
export function availabilityWindowsOn(
  date: IsoDate,
  input: Pick<GenerateSlotsInput, "rules" | "exceptions" | "timeZone" | "observeKoreanHolidays">,
): Array<{ start: Date; end: Date }> {
  const { timeZone } = input;
  const observeHolidays = input.observeKoreanHolidays ?? timeZone === SEOUL_TIME_ZONE;
  const exceptions = (input.exceptions ?? []).filter((e) => toIsoDate(e.date) === date);
  const wholeDayBlocked = exceptions.some((e) => e.kind === "blocked" && !validMinutes(e.startMinute, e.endMinute));
  const holiday = observeHolidays && observesKoreanHoliday(date);

  const toInterval = (start: number, end: number): Interval => [
    zonedMinuteToUtc(date, start, timeZone).getTime(),
    zonedMinuteToUtc(date, end, timeZone).getTime(),
  ];

  let windows: Interval[] = [];
  if (!wholeDayBlocked && !holiday) {
    const weekday = isoWeekday(date);
    for (const r of input.rules) if (r.weekday === weekday && validMinutes(r.startMinute, r.endMinute)) windows.push(toInterval(r.startMinute, r.endMinute));
  }
  for (const e of exceptions) if (e.kind === "extra" && validMinutes(e.startMinute, e.endMinute)) windows.push(toInterval(e.startMinute, e.endMinute!));
  windows = merge(windows);
  for (const e of exceptions) if (e.kind === "blocked" && validMinutes(e.startMinute, e.endMinute)) windows = subtract(windows, toInterval(e.startMinute, e.endMinute!));
  return windows.filter(([s, e]) => e > s).map(([s, e]) => ({ start: new Date(s), end: new Date(e) }));
}

// ------------------------------------------------------------------ slots

/**
 * All bookable slots whose start lies in [from, to), sorted by start, without duplicates.
 * Throws a RangeError for a window longer than MAX_WINDOW_DAYS or a non-positive duration.
 */
export function generateSlots(input: GenerateSlotsInput): Slot[] {
  const { service, timeZone, from, to, now } = input;
  if (!(service.durationMinutes > 0) || service.bufferMinutes < 0) throw new RangeError("service duration must be positive and buffer non-negative");
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) throw new RangeError(`slot window longer than ${MAX_WINDOW_DAYS} days`);
  if (to <= from) return [];
  const step = (input.stepMinutes ?? DEFAULT_STEP_MINUTES) * MINUTE_MS;
  const duration = service.durationMinutes * MINUTE_MS;
  const blocked = (service.durationMinutes + service.bufferMinutes) * MINUTE_MS;
  const earliest = Math.max(from.getTime(), now.getTime() + (input.leadMinutes ?? DEFAULT_LEAD_MINUTES) * MINUTE_MS);
  const busy = (input.bookings ?? []).map((b) => [b.startsAt.getTime(), b.blockedUntil.getTime()] as Interval);

  const seen = new Set<number>();
  const slots: Slot[] = [];
  // One local day of margin either side: a local day's windows can start before `from` in UTC.
  const lastDate = addDaysIso(localDateOf(to, timeZone), 1);
  for (let date = addDaysIso(localDateOf(from, timeZone), -1); date <= lastDate; date = addDaysIso(date, 1)) {
    for (const w of availabilityWindowsOn(date, input)) {
      const windowStart = w.start.getTime();
      const windowEnd = w.end.getTime();
      for (let start = windowStart; start + duration <= windowEnd; start += step) {
        if (start < earliest || start >= to.getTime() || seen.has(start)) continue;
        const until = start + blocked;
        if (busy.some(([bs, be]) => start < be && bs < until)) continue;
        seen.add(start);
        slots.push({ startsAt: new Date(start), endsAt: new Date(start + duration), blockedUntil: new Date(until), localDate: date });
      }
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/**
 * Whether `startsAt` is exactly one of the generated slots (same rules, exceptions, bookings,
 * lead time). Used to re-validate a requested start before holding it.
 */
export function findSlot(input: Omit<GenerateSlotsInput, "from" | "to">, startsAt: Date): Slot | undefined {
  const from = new Date(startsAt.getTime() - DAY_MS);
  const to = new Date(startsAt.getTime() + DAY_MS);
  return generateSlots({ ...input, from, to }).find((s) => s.startsAt.getTime() === startsAt.getTime());
}

export function isBookableSlot(input: Omit<GenerateSlotsInput, "from" | "to">, startsAt: Date): boolean {
  return findSlot(input, startsAt) !== undefined;
}

// ------------------------------------------------------------------ display

export interface ZonedTimes {
  timeZone: string;
  /** e.g. "Mon, 6 Apr 2026" in the locale */
  date: string;
  /** e.g. "09:00–10:00" in the locale */
  time: string;
  /** short zone name, e.g. "GMT+9", "CEST" (locale-dependent) */
  zoneName: string;
  /** local calendar date, "YYYY-MM-DD" (for grouping) */
  isoDate: IsoDate;
}

export interface SlotDisplay {
  viewer: ZonedTimes;
  /** the consultant's own wall-clock time; `null` when it reads the same as the viewer's */
  consultant: ZonedTimes | null;
}

function zonedTimes(startsAt: Date, endsAt: Date, timeZone: string, locale: string): ZonedTimes {
  const date = dateTimeFormat(locale, { timeZone, weekday: "short", year: "numeric", month: "short", day: "numeric" }).format(startsAt);
  const timeFormat = dateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: hourCycleFor(locale) });
  const zoneName =
    dateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(startsAt).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  return { timeZone, date, time: `${timeFormat.format(startsAt)}–${timeFormat.format(endsAt)}`, zoneName, isoDate: localDateOf(startsAt, timeZone) };
}

/**
 * A slot (or booking) in the viewer's time zone with the consultant's time alongside, e.g.
 * viewer "Mon, 6 Apr 2026 · 09:00–10:00 CEST", consultant "Mon, 6 Apr 2026 · 16:00–17:00 GMT+9".
 */
export function formatSlot(
  slot: { startsAt: Date; endsAt: Date },
  opts: { locale: string; viewerTimeZone: string; consultantTimeZone: string },
): SlotDisplay {
  const viewer = zonedTimes(slot.startsAt, slot.endsAt, opts.viewerTimeZone, opts.locale);
  const consultant = zonedTimes(slot.startsAt, slot.endsAt, opts.consultantTimeZone, opts.locale);
  const same = viewer.date === consultant.date && viewer.time === consultant.time;
  return { viewer, consultant: same ? null : consultant };
}

/** Slots grouped by the viewer's local date (for a day-by-day picker), in order. */
export function groupSlotsByDay<T extends { startsAt: Date }>(slots: readonly T[], viewerTimeZone: string): Array<{ date: IsoDate; slots: T[] }> {
  const groups = new Map<IsoDate, T[]>();
  for (const slot of slots) {
    const key = localDateOf(slot.startsAt, viewerTimeZone);
    const list = groups.get(key);
    if (list) list.push(slot);
    else groups.set(key, [slot]);
  }
  return [...groups.entries()].map(([date, list]) => ({ date, slots: list }));
}
