/**
 * Korean public holidays and business-day arithmetic in Seoul time.
 * The holiday table (korean-holidays.json) is explicit data, not computed: lunar dates,
 * substitute holidays, election days and one-off temporary holidays are all listed there,
 * with the reasoning in its "note". Asking about a year outside the table throws
 * instead of silently treating every weekday as a business day.
 *
 * Dates are "YYYY-MM-DD" calendar dates in Asia/Seoul. Korea has used a fixed UTC+09:00
 * offset without daylight saving since 1988, so instants convert with a constant offset.
 */
import table from "./korean-holidays.json";

export type IsoDate = string;

export const HOLIDAY_KINDS = ["fixed", "lunar", "substitute", "election", "temporary"] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

export interface KoreanHoliday {
  date: IsoDate;
  kind: HolidayKind;
  ko: string;
  en: string;
}

export const SEOUL_TIME_ZONE = "Asia/Seoul";
const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const KOREAN_HOLIDAYS: readonly KoreanHoliday[] = Object.freeze(table.holidays.map((h) => Object.freeze({ ...h, kind: h.kind as HolidayKind })));
export const KOREAN_HOLIDAY_YEARS: readonly number[] = Object.freeze([...table.years]);

const HOLIDAY_DATES: ReadonlySet<IsoDate> = new Set(KOREAN_HOLIDAYS.map((h) => h.date));

export class KoreanCalendarRangeError extends RangeError {
  constructor(readonly year: number) {
    const first = Math.min(...KOREAN_HOLIDAY_YEARS);
    const last = Math.max(...KOREAN_HOLIDAY_YEARS);
    super(`Korean holiday table covers ${first}–${last} only; no data for ${year}. Add the year to app/domain/korean-holidays.json.`);
    this.name = "KoreanCalendarRangeError";
  }
}

/** Parses a strict "YYYY-MM-DD" calendar date; throws on anything else (including 2026-02-30). */
function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new TypeError(`Expected a calendar date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
}

function assertCovered(year: number): void {
  if (!KOREAN_HOLIDAY_YEARS.includes(year)) throw new KoreanCalendarRangeError(year);
}

function assertSeoul(timeZone: string | undefined): void {
  if (timeZone !== undefined && timeZone !== SEOUL_TIME_ZONE) {
    throw new RangeError(`Only the ${SEOUL_TIME_ZONE} time zone is supported, got ${timeZone}`);
  }
}

function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Seoul calendar date of an instant, e.g. 2026-02-13T14:30:00Z → "2026-02-13" (23:30 KST). */
export function seoulDateOf(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new TypeError("Invalid Date");
  return new Date(instant.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond (23:59:59.999 KST) of a Seoul calendar date, as a UTC instant. */
export function endOfSeoulDay(date: IsoDate): Date {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day + 1) - SEOUL_OFFSET_MS - 1);
}

export function isWeekend(date: IsoDate): boolean {
  const { year, month, day } = parseIsoDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The table entries for a date (two holidays can share a day, e.g. 2025-05-05). */
export function koreanHolidaysOn(date: IsoDate): KoreanHoliday[] {
  assertCovered(parseIsoDate(date).year);
  return KOREAN_HOLIDAYS.filter((h) => h.date === date);
}

export function isKoreanHoliday(date: IsoDate): boolean {
  assertCovered(parseIsoDate(date).year);
  return HOLIDAY_DATES.has(date);
}

/** Monday–Friday and not a public holiday. */
export function isKoreanBusinessDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isKoreanHoliday(date);
}

/**
 * The deadline `days` business days after `from`: the end (23:59:59.999 KST) of the
 * n-th business day strictly after the Seoul calendar day of `from`. An inquiry sent
 * on a Friday evening in Seoul with days = 1 is due at the end of Monday (or the next
 * business day when Monday is a holiday). `days` must be a positive integer.
 */
export function addKoreanBusinessDays(from: Date, days: number, opts: { timeZone?: "Asia/Seoul" } = {}): Date {
  assertSeoul(opts.timeZone);
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  let cursor = seoulDateOf(from);
  let counted = 0;
  while (counted < days) {
    cursor = addDays(cursor, 1);
    if (isKoreanBusinessDay(cursor)) counted += 1;
  }
  return endOfSeoulDay(cursor);
}

/**
 * Business days d with seoulDay(a) < d <= seoulDay(b); negative when b is before a.
 * Inverse of addKoreanBusinessDays: koreanBusinessDaysBetween(from, addKoreanBusinessDays(from, n)) === n.
 * Strings are taken as Seoul calendar dates, Dates as instants.
 */
export function koreanBusinessDaysBetween(a: Date | IsoDate, b: Date | IsoDate): number {
  const start = typeof a === "string" ? (parseIsoDate(a), a) : seoulDateOf(a);
  const end = typeof b === "string" ? (parseIsoDate(b), b) : seoulDateOf(b);
  if (start === end) return 0;
  const [low, high, sign] = start < end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let cursor = addDays(low, 1); cursor <= high; cursor = addDays(cursor, 1)) {
    if (isKoreanBusinessDay(cursor)) count += 1;
  }
  return sign * count;
}
