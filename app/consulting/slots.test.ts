import { describe, expect, it } from "vitest";
import { availabilityWindowsOn, formatSlot, generateSlots, groupSlotsByDay, isBookableSlot, zonedMinuteToUtc, type GenerateSlotsInput } from "./slots";

const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
const base = (over: Partial<GenerateSlotsInput>): GenerateSlotsInput => ({
  rules: [],
  exceptions: [],
  bookings: [],
  service: { durationMinutes: 60, bufferMinutes: 0 },
  timeZone: "Asia/Seoul",
  from: new Date("2026-04-06T00:00:00Z"),
  to: new Date("2026-04-07T00:00:00Z"),
  now: new Date("2026-03-01T00:00:00Z"),
  ...over,
});

describe("generateSlots", () => {
  it("turns a weekly rule in the consultant's zone into UTC slots (Seoul, +09:00)", () => {
    // 2026-04-06 is a Monday; 09:00–12:00 KST = 00:00Z–03:00Z.
    const slots = generateSlots(base({ rules: [{ weekday: 1, startMinute: 540, endMinute: 720 }], from: new Date("2026-04-05T15:00:00Z"), to: new Date("2026-04-06T15:00:00Z") }));
    expect(slots.map((s) => iso(s.startsAt))).toEqual(["2026-04-06T00:00:00Z", "2026-04-06T00:30:00Z", "2026-04-06T01:00:00Z", "2026-04-06T01:30:00Z", "2026-04-06T02:00:00Z"]);
    expect(slots[0]!.localDate).toBe("2026-04-06");
    expect(iso(slots.at(-1)!.endsAt)).toBe("2026-04-06T03:00:00Z");
  });

  it("follows daylight saving in Europe/Berlin (09:00 local = 08:00Z in winter, 07:00Z in summer)", () => {
    const input = base({
      timeZone: "Europe/Berlin",
      rules: [
        { weekday: 5, startMinute: 540, endMinute: 600 },
        { weekday: 1, startMinute: 540, endMinute: 600 },
      ],
      // Friday 27 March 2026 (CET) and Monday 30 March 2026 (CEST; clocks went forward on the 29th).
      from: new Date("2026-03-27T00:00:00Z"),
      to: new Date("2026-03-31T00:00:00Z"),
    });
    expect(generateSlots(input).map((s) => iso(s.startsAt))).toEqual(["2026-03-27T08:00:00Z", "2026-03-30T07:00:00Z"]);
    // Back to winter time on 25 October 2026.
    const autumn = generateSlots({ ...input, from: new Date("2026-10-23T00:00:00Z"), to: new Date("2026-10-27T00:00:00Z") });
    expect(autumn.map((s) => iso(s.startsAt))).toEqual(["2026-10-23T07:00:00Z", "2026-10-26T08:00:00Z"]);
  });

  it("a window across the spring-forward gap is one hour shorter in real time", () => {
    // Sunday 29 March 2026, 01:00–04:00 local in Berlin is only 2 real hours (02:00–03:00 does not exist).
    const windows = availabilityWindowsOn("2026-03-29", { timeZone: "Europe/Berlin", rules: [{ weekday: 7, startMinute: 60, endMinute: 240 }] });
    expect(windows.map((w) => [iso(w.start), iso(w.end)])).toEqual([["2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z"]]);
    // A window starting inside the gap starts at the first valid local time (03:00 CEST = 01:00Z).
    expect(iso(zonedMinuteToUtc("2026-03-29", 150, "Europe/Berlin"))).toBe("2026-03-29T01:00:00Z");
    const slots = generateSlots(base({ timeZone: "Europe/Berlin", rules: [{ weekday: 7, startMinute: 60, endMinute: 240 }], service: { durationMinutes: 60, bufferMinutes: 0 }, stepMinutes: 60, from: new Date("2026-03-28T00:00:00Z"), to: new Date("2026-03-30T00:00:00Z") }));
    expect(slots.map((s) => iso(s.startsAt))).toEqual(["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"]);
  });

  it("blocks Korean public holidays for Seoul consultants, unless extra hours were added that day", () => {
    // 2026-05-05 (Tuesday) is Children's Day.
    const rules = [{ weekday: 2, startMinute: 600, endMinute: 660 }];
    const window = { from: new Date("2026-05-04T15:00:00Z"), to: new Date("2026-05-05T15:00:00Z") };
    expect(generateSlots(base({ rules, ...window }))).toEqual([]);
    expect(generateSlots(base({ rules, ...window, exceptions: [{ date: "2026-05-05", kind: "extra", startMinute: 840, endMinute: 900 }] })).map((s) => iso(s.startsAt))).toEqual(["2026-05-05T05:00:00Z"]);
    // A Berlin consultant works that Tuesday (10:00 CEST = 08:00Z).
    expect(generateSlots(base({ rules, timeZone: "Europe/Berlin", from: new Date("2026-05-05T00:00:00Z"), to: new Date("2026-05-06T00:00:00Z") })).map((s) => iso(s.startsAt))).toEqual(["2026-05-05T08:00:00Z"]);
    // Explicit override.
    expect(generateSlots(base({ rules, ...window, observeKoreanHolidays: false }))).toHaveLength(1);
  });

  it("applies whole-day blocks, partial blocks and extra hours (with Prisma's @db.Date as Date)", () => {
    const rules = [{ weekday: 1, startMinute: 540, endMinute: 720 }];
    const window = { from: new Date("2026-04-05T15:00:00Z"), to: new Date("2026-04-06T15:00:00Z"), stepMinutes: 60 };
    expect(generateSlots(base({ rules, ...window, exceptions: [{ date: new Date("2026-04-06T00:00:00Z"), kind: "blocked" }] }))).toEqual([]);
    const partial = generateSlots(base({ rules, ...window, exceptions: [{ date: new Date("2026-04-06T00:00:00Z"), kind: "blocked", startMinute: 600, endMinute: 660 }] }));
    expect(partial.map((s) => iso(s.startsAt))).toEqual(["2026-04-06T00:00:00Z", "2026-04-06T02:00:00Z"]);
    const extra = generateSlots(base({ rules, ...window, exceptions: [{ date: "2026-04-06", kind: "extra", startMinute: 720, endMinute: 840 }] }));
    // Touching windows merge: 09:00–14:00.
    expect(extra.map((s) => iso(s.startsAt))).toEqual(["2026-04-06T00:00:00Z", "2026-04-06T01:00:00Z", "2026-04-06T02:00:00Z", "2026-04-06T03:00:00Z", "2026-04-06T04:00:00Z"]);
  });

  it("keeps the buffer clear of existing bookings and does not let a session end past the window", () => {
    const rules = [{ weekday: 1, startMinute: 540, endMinute: 720 }];
    const window = { from: new Date("2026-04-05T15:00:00Z"), to: new Date("2026-04-06T15:00:00Z") };
    // Booking 10:30–11:00 KST (01:30Z–02:00Z). A 60 min session + 30 min buffer needs 90 min clear.
    const slots = generateSlots(
      base({ rules, ...window, service: { durationMinutes: 60, bufferMinutes: 30 }, bookings: [{ startsAt: new Date("2026-04-06T01:30:00Z"), blockedUntil: new Date("2026-04-06T02:00:00Z") }] }),
    );
    expect(slots.map((s) => iso(s.startsAt))).toEqual(["2026-04-06T00:00:00Z", "2026-04-06T02:00:00Z"]);
    expect(iso(slots[0]!.blockedUntil)).toBe("2026-04-06T01:30:00Z");
  });

  it("never offers slots in the past or within the lead time", () => {
    const rules = [{ weekday: 1, startMinute: 540, endMinute: 720 }];
    const input = base({ rules, from: new Date("2026-04-05T15:00:00Z"), to: new Date("2026-04-06T15:00:00Z"), now: new Date("2026-04-05T23:10:00Z") });
    // now + 2 h = 01:10Z → first slot 01:30Z.
    expect(generateSlots(input).map((s) => iso(s.startsAt))[0]).toBe("2026-04-06T01:30:00Z");
    expect(isBookableSlot(input, new Date("2026-04-06T01:00:00Z"))).toBe(false);
    expect(isBookableSlot(input, new Date("2026-04-06T01:30:00Z"))).toBe(true);
    expect(isBookableSlot(input, new Date("2026-04-06T01:40:00Z"))).toBe(false);
  });

  it("refuses absurd windows and durations", () => {
    expect(() => generateSlots(base({ to: new Date("2027-04-06T00:00:00Z") }))).toThrow(RangeError);
    expect(() => generateSlots(base({ service: { durationMinutes: 0, bufferMinutes: 0 } }))).toThrow(RangeError);
  });
});

describe("formatSlot", () => {
  it("shows the viewer's time with the consultant's alongside", () => {
    const slot = { startsAt: new Date("2026-04-06T07:00:00Z"), endsAt: new Date("2026-04-06T08:00:00Z") };
    const shown = formatSlot(slot, { locale: "en-GB", viewerTimeZone: "Europe/Berlin", consultantTimeZone: "Asia/Seoul" });
    expect(shown.viewer.time).toBe("09:00–10:00");
    expect(shown.viewer.isoDate).toBe("2026-04-06");
    expect(shown.consultant?.time).toBe("16:00–17:00");
    expect(formatSlot(slot, { locale: "en-GB", viewerTimeZone: "Asia/Seoul", consultantTimeZone: "Asia/Seoul" }).consultant).toBeNull();
  });

  it("groups slots by the viewer's day", () => {
    const slots = [new Date("2026-04-06T22:30:00Z"), new Date("2026-04-06T23:30:00Z")].map((startsAt) => ({ startsAt }));
    expect(groupSlotsByDay(slots, "Europe/Berlin").map((g) => [g.date, g.slots.length])).toEqual([["2026-04-07", 2]]);
    expect(groupSlotsByDay(slots, "America/New_York").map((g) => [g.date, g.slots.length])).toEqual([["2026-04-06", 2]]);
  });
});
