import { describe, expect, it } from "vitest";
import {
  HOLIDAY_KINDS,
  KOREAN_HOLIDAYS,
  KOREAN_HOLIDAY_YEARS,
  KoreanCalendarRangeError,
  addKoreanBusinessDays,
  endOfSeoulDay,
  isKoreanBusinessDay,
  isKoreanHoliday,
  isWeekend,
  koreanBusinessDaysBetween,
  koreanHolidaysOn,
  seoulDateOf,
} from "./korean-calendar";

/** A Seoul wall-clock time as a UTC instant. */
const kst = (isoLocal: string) => new Date(`${isoLocal}+09:00`);

describe("holiday table", () => {
  it("covers 2025–2027 with unique, sorted, in-range entries", () => {
    expect(KOREAN_HOLIDAY_YEARS).toEqual([2025, 2026, 2027]);
    const keys = KOREAN_HOLIDAYS.map((h) => `${h.date}|${h.en}`);
    expect(new Set(keys).size).toBe(keys.length);
    const dates = KOREAN_HOLIDAYS.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    for (const h of KOREAN_HOLIDAYS) {
      expect(KOREAN_HOLIDAY_YEARS).toContain(Number(h.date.slice(0, 4)));
      expect(HOLIDAY_KINDS).toContain(h.kind);
      expect(h.ko).not.toBe("");
      expect(h.en).not.toBe("");
    }
  });

  it("places Seollal, Chuseok and Buddha's Birthday on the right lunar days (checked against ICU's dangi calendar)", () => {
    const lunar = new Intl.DateTimeFormat("en-u-ca-dangi", { timeZone: "UTC", month: "numeric", day: "numeric" });
    const monthDay = (date: string) => {
      const parts = lunar.formatToParts(new Date(`${date}T00:00:00Z`));
      return `${parts.find((p) => p.type === "month")?.value}/${parts.find((p) => p.type === "day")?.value}`;
    };
    const lunarEntries = KOREAN_HOLIDAYS.filter((h) => h.kind === "lunar");
    for (const h of lunarEntries) {
      const md = monthDay(h.date);
      if (h.en.startsWith("Seollal")) expect(["12/29", "12/30", "1/1", "1/2"]).toContain(md);
      else if (h.en.startsWith("Chuseok")) expect(["8/14", "8/15", "8/16"]).toContain(md);
      else expect([h.en, md]).toEqual(["Buddha's Birthday", "4/8"]);
    }
    expect(lunarEntries).toHaveLength(3 * 7);
  });
});

describe("isKoreanHoliday / isKoreanBusinessDay", () => {
  it("treats weekends as non-business days but not as holidays", () => {
    expect(isWeekend("2026-03-07")).toBe(true); // Saturday
    expect(isWeekend("2026-03-08")).toBe(true); // Sunday
    expect(isKoreanHoliday("2026-03-07")).toBe(false);
    expect(isKoreanBusinessDay("2026-03-07")).toBe(false);
    expect(isKoreanBusinessDay("2026-03-08")).toBe(false);
    expect(isKoreanBusinessDay("2026-03-09")).toBe(true); // Monday
  });

  it("knows Seollal 2026 (Feb 16–18) and nothing around it", () => {
    expect(["2026-02-16", "2026-02-17", "2026-02-18"].map(isKoreanHoliday)).toEqual([true, true, true]);
    expect(isKoreanBusinessDay("2026-02-13")).toBe(true);
    expect(isKoreanBusinessDay("2026-02-19")).toBe(true);
    expect(koreanHolidaysOn("2026-02-17").map((h) => h.ko)).toEqual(["설날"]);
  });

  it("knows Chuseok 2026 (Sep 24–26) and that a Saturday overlap gives no substitute", () => {
    expect(["2026-09-24", "2026-09-25", "2026-09-26"].map(isKoreanHoliday)).toEqual([true, true, true]);
    expect(isKoreanHoliday("2026-09-28")).toBe(false);
    expect(isKoreanBusinessDay("2026-09-28")).toBe(true);
    expect(isKoreanBusinessDay("2026-09-23")).toBe(true);
  });

  it("gives Seollal/Chuseok a substitute only for a Sunday overlap", () => {
    expect(isKoreanHoliday("2025-10-08")).toBe(true); // Chuseok 2025-10-05 was a Sunday
    expect(isKoreanHoliday("2027-02-09")).toBe(true); // Seollal 2027-02-07 is a Sunday (02-06 Saturday does not count)
    expect(isKoreanBusinessDay("2027-02-10")).toBe(true);
  });

  it("applies the Children's Day rule: a substitute when it overlaps another holiday", () => {
    expect(koreanHolidaysOn("2025-05-05").map((h) => h.en).sort()).toEqual(["Buddha's Birthday", "Children's Day"]);
    expect(koreanHolidaysOn("2025-05-06").map((h) => h.kind)).toEqual(["substitute"]);
    expect(isKoreanBusinessDay("2025-05-07")).toBe(true);
    // Children's Day on a weekday (2026 Tue, 2027 Wed) gets no substitute.
    expect(isKoreanHoliday("2026-05-05")).toBe(true);
    expect(isKoreanHoliday("2026-05-06")).toBe(false);
    expect(isKoreanHoliday("2027-05-06")).toBe(false);
  });

  it("lists substitutes for national days, Buddha's Birthday and Christmas but never for Memorial Day", () => {
    for (const date of ["2026-03-02", "2026-05-25", "2026-08-17", "2026-10-05", "2027-07-19", "2027-08-16", "2027-10-04", "2027-10-11", "2027-12-27"]) {
      expect(koreanHolidaysOn(date).map((h) => h.kind), date).toEqual(["substitute"]);
    }
    expect(isKoreanHoliday("2026-06-06")).toBe(true); // Saturday
    expect(isKoreanHoliday("2026-06-08")).toBe(false);
    expect(isKoreanHoliday("2027-06-07")).toBe(false); // 2027-06-06 is a Sunday
  });

  it("includes election days and Constitution Day from 2026", () => {
    expect(koreanHolidaysOn("2025-06-03").map((h) => h.kind)).toEqual(["election"]);
    expect(koreanHolidaysOn("2026-06-03").map((h) => h.kind)).toEqual(["election"]);
    expect(isKoreanHoliday("2025-07-17")).toBe(false);
    expect(isKoreanHoliday("2026-07-17")).toBe(true);
    expect(isKoreanHoliday("2026-05-01")).toBe(false); // 노동절 is not a 공휴일
  });

  it("throws a clear error outside the table and on malformed dates", () => {
    expect(() => isKoreanHoliday("2024-12-25")).toThrow(KoreanCalendarRangeError);
    expect(() => isKoreanBusinessDay("2028-01-03")).toThrow(/covers 2025–2027 only; no data for 2028/);
    expect(() => isKoreanHoliday("2026-2-17")).toThrow(TypeError);
    expect(() => isKoreanHoliday("2026-02-30")).toThrow(/YYYY-MM-DD/);
  });
});

describe("Seoul time helpers", () => {
  it("converts instants to Seoul calendar dates and back to the end of the day", () => {
    expect(seoulDateOf(new Date("2026-02-13T14:30:00Z"))).toBe("2026-02-13"); // 23:30 KST
    expect(seoulDateOf(new Date("2026-02-13T15:00:00Z"))).toBe("2026-02-14"); // 00:00 KST
    expect(endOfSeoulDay("2026-02-19").toISOString()).toBe("2026-02-19T14:59:59.999Z");
  });
});

describe("addKoreanBusinessDays", () => {
  it("counts from the next day and ends at 23:59:59.999 KST", () => {
    const due = addKoreanBusinessDays(kst("2026-03-10T09:00:00"), 1); // Tuesday
    expect(due.toISOString()).toBe("2026-03-11T14:59:59.999Z");
    expect(due).toEqual(kst("2026-03-11T23:59:59.999"));
  });

  it("counts a Friday-evening inquiry from Monday", () => {
    expect(addKoreanBusinessDays(kst("2026-03-13T20:00:00"), 1)).toEqual(kst("2026-03-16T23:59:59.999"));
    expect(addKoreanBusinessDays(kst("2026-03-13T20:00:00"), 3, { timeZone: "Asia/Seoul" })).toEqual(kst("2026-03-18T23:59:59.999"));
  });

  it("uses the Seoul day, not the UTC day: 2026-02-13 23:30 KST is 14:30 UTC the same Friday", () => {
    const fridayNight = new Date("2026-02-13T14:30:00Z");
    expect(fridayNight).toEqual(kst("2026-02-13T23:30:00"));
    // Next business day after Fri 13th: weekend, then Seollal Mon–Wed → Thursday 19th.
    expect(addKoreanBusinessDays(fridayNight, 1)).toEqual(kst("2026-02-19T23:59:59.999"));
    // Half an hour later it is Saturday in Seoul (still Friday in UTC) – same deadline.
    expect(addKoreanBusinessDays(new Date("2026-02-13T15:00:00Z"), 1)).toEqual(kst("2026-02-19T23:59:59.999"));
    // Thursday 23:30 KST counts from Friday.
    expect(addKoreanBusinessDays(new Date("2026-02-12T14:30:00Z"), 1)).toEqual(kst("2026-02-13T23:59:59.999"));
  });

  it("computes a deadline across Chuseok 2026", () => {
    // Wed 23 Sep → Thu–Sat Chuseok, Sun → Mon 28 (1), Tue 29 (2), Wed 30 (3).
    expect(addKoreanBusinessDays(kst("2026-09-23T10:00:00"), 3)).toEqual(kst("2026-09-30T23:59:59.999"));
    // Fri 2 Oct → Sat 3 개천절, Mon 5 substitute, Tue 6 (1) … Thu 8 (3), Fri 9 한글날, Mon 12 (4), Tue 13 (5).
    expect(addKoreanBusinessDays(kst("2026-10-02T10:00:00"), 5)).toEqual(kst("2026-10-13T23:59:59.999"));
  });

  it("rejects non-positive or fractional day counts, other time zones and uncovered years", () => {
    expect(() => addKoreanBusinessDays(kst("2026-03-10T09:00:00"), 0)).toThrow(RangeError);
    expect(() => addKoreanBusinessDays(kst("2026-03-10T09:00:00"), 1.5)).toThrow(RangeError);
    expect(() => addKoreanBusinessDays(kst("2026-03-10T09:00:00"), 1, { timeZone: "UTC" as "Asia/Seoul" })).toThrow(/Asia\/Seoul/);
    expect(() => addKoreanBusinessDays(kst("2027-12-30T09:00:00"), 3)).toThrow(KoreanCalendarRangeError);
  });
});

describe("koreanBusinessDaysBetween", () => {
  it("counts business days after a up to and including b", () => {
    expect(koreanBusinessDaysBetween("2026-03-13", "2026-03-16")).toBe(1);
    expect(koreanBusinessDaysBetween("2026-02-13", "2026-02-19")).toBe(1);
    expect(koreanBusinessDaysBetween("2026-09-23", "2026-09-30")).toBe(3);
    expect(koreanBusinessDaysBetween("2026-09-30", "2026-09-23")).toBe(-3);
    expect(koreanBusinessDaysBetween("2026-03-10", "2026-03-10")).toBe(0);
    expect(koreanBusinessDaysBetween(kst("2026-02-13T23:30:00"), kst("2026-02-19T08:00:00"))).toBe(1);
  });

  it("inverts addKoreanBusinessDays", () => {
    const from = kst("2026-12-18T17:00:00");
    for (const n of [1, 2, 5, 10, 30]) {
      expect(koreanBusinessDaysBetween(from, addKoreanBusinessDays(from, n))).toBe(n);
    }
  });

  it("counts 2026 business days in full", () => {
    // 365 days − 104 weekend days − 15 holidays falling on weekdays.
    expect(koreanBusinessDaysBetween("2025-12-31", "2026-12-31")).toBe(246);
  });
});
