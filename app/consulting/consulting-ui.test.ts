import { describe, expect, it } from "vitest";
import { formDataToObject, parseForm } from "~/lib/forms";
import { weekCalendar, weekStartOf } from "./calendar";
import { exceptionFormSchema, isTimeZone, parseDirectoryFilters, parseTimeOfDay, profileFormSchema, serviceFormSchema, weeklyRulesFormSchema } from "./schemas";
import { resolveViewerTimeZone, slotPickerDays } from "./slot-picker";
import { generateSlots } from "./slots";

function form(entries: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  return fd;
}

const service = { kind: "valuation", "title.en": "Valuation", durationMinutes: "60", price: "500,000", currency: "KRW", mode: "online", bufferMinutes: "15", active: "on" };

describe("service form", () => {
  it("accepts a valid service and converts its fields", () => {
    const parsed = parseForm(serviceFormSchema, form(service), ["interpretationLanguages"]);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.data).toMatchObject({ kind: "valuation", durationMinutes: 60, price: 500000, currency: "KRW", bufferMinutes: 15, active: true });
  });

  it.each([
    [{ durationMinutes: "14" }, "durationMinutes", "consulting:validation.durationRange"],
    [{ durationMinutes: "481" }, "durationMinutes", "consulting:validation.durationRange"],
    [{ durationMinutes: "60.5" }, "durationMinutes", "validation:integer"],
    [{ price: "-1" }, "price", "consulting:validation.priceNegative"],
    [{ price: "1000.5" }, "price", "consulting:validation.priceWholeWon"],
    [{ price: "10.555", currency: "USD" }, "price", "consulting:validation.priceCents"],
    [{ currency: "EUR" }, "currency", "validation:invalidChoice"],
    [{ bufferMinutes: "121" }, "bufferMinutes", "consulting:validation.bufferRange"],
    [{ mode: "in_person" }, "location", "consulting:validation.locationNeeded"],
    [{ "title.en": "" }, "title.ko", "consulting:validation.titleNeeded"],
  ] as Array<[Record<string, string>, string, string]>)("refuses %o with %s → %s and echoes what was typed", (change, field, message) => {
    const parsed = parseForm(serviceFormSchema, form({ ...service, ...change }), ["interpretationLanguages"]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors[field]).toBe(message);
      expect(parsed.values.price).toBe(change.price ?? "500,000");
    }
  });

  it("accepts USD cents and the limits 15 / 480 minutes, buffer 0 / 120, in person with an address", () => {
    const changes: Array<Record<string, string>> = [{ price: "99.95", currency: "USD" }, { durationMinutes: "15", bufferMinutes: "0" }, { durationMinutes: "480", bufferMinutes: "120" }, { mode: "in_person", location: "Seoul, Teheran-ro 152" }];
    for (const change of changes) {
      expect(parseForm(serviceFormSchema, form({ ...service, ...change })).ok, JSON.stringify(change)).toBe(true);
    }
  });
});

describe("profile form", () => {
  const profile = { "headline.ko": "기술가치평가 전문가", languages: ["ko", "en"], expertise: ["battery"], certifications: "Certified Technology Valuator (KTTA)\n\nKICPA", timeZone: "Asia/Seoul", published: "on" };
  it("accepts a profile; certifications one per line", () => {
    const parsed = parseForm(profileFormSchema, form(profile), ["expertise", "languages"]);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.data.certifications).toEqual(["Certified Technology Valuator (KTTA)", "KICPA"]);
  });
  it("refuses an unknown time zone, a missing headline and no language in one round", () => {
    const parsed = parseForm(profileFormSchema, form({ ...profile, "headline.ko": "", timeZone: "Mars/Olympus", languages: [] }), ["expertise", "languages"]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toMatchObject({ timeZone: "consulting:validation.timeZone", "headline.ko": "consulting:validation.headlineNeeded", languages: "consulting:validation.languagesNeeded" });
      expect(parsed.values.timeZone).toBe("Mars/Olympus");
      expect(parsed.values.certifications).toBe(profile.certifications);
    }
  });
  it("refuses an unknown expertise field", () => {
    const parsed = parseForm(profileFormSchema, form({ ...profile, expertise: ["warp_drive"] }), ["expertise", "languages"]);
    expect(!parsed.ok && parsed.errors["expertise.0"]).toBe("validation:invalidChoice");
  });
  it("knows IANA zones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isTimeZone("Europe/Nowhere")).toBe(false);
    expect(isTimeZone("<script>")).toBe(false);
  });
});

describe("weekly availability form", () => {
  const rows = (list: Array<[number, string, string]>) =>
    form(Object.fromEntries(list.flatMap(([weekday, start, end], i) => [[`rules.${i}.weekday`, String(weekday)], [`rules.${i}.start`, start], [`rules.${i}.end`, end]])));

  it("keeps filled rows, drops blank ones, allows touching ranges, sorts the week", () => {
    const parsed = parseForm(weeklyRulesFormSchema, rows([[2, "13:00", "17:00"], [1, "09:00", "12:00"], [1, "12:00", "15:00"], [1, "", ""], [7, "", ""]]));
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.data).toEqual([
        { weekday: 1, startMinute: 540, endMinute: 720 },
        { weekday: 1, startMinute: 720, endMinute: 900 },
        { weekday: 2, startMinute: 780, endMinute: 1020 },
      ]);
  });

  it("refuses overlaps on the same day, end before start and bad times, on the offending row", () => {
    const parsed = parseForm(weeklyRulesFormSchema, rows([[1, "09:00", "12:00"], [1, "11:00", "13:00"], [2, "10:00", "09:00"], [3, "9h", "10:00"], [4, "10:00", "10:00"], [5, "09:00", "12:00"], [6, "11:00", "13:00"]]));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors["rules.1.start"]).toBe("consulting:validation.overlap");
      expect(parsed.errors["rules.2.end"]).toBe("consulting:validation.endAfterStart");
      expect(parsed.errors["rules.3.start"]).toBe("consulting:validation.time");
      expect(parsed.errors["rules.4.end"]).toBe("consulting:validation.endAfterStart");
      // Same hours on different weekdays never clash.
      expect(parsed.errors["rules.5.start"]).toBeUndefined();
      expect(parsed.errors["rules.6.start"]).toBeUndefined();
      expect(parsed.values["rules.1.start"]).toBe("11:00");
    }
  });

  it("reads 24:00 as the end of the day", () => {
    expect(parseTimeOfDay("24:00")).toBe(1440);
    expect(parseTimeOfDay("24:30")).toBeNull();
    expect(parseTimeOfDay("7:05")).toBe(425);
  });
});

describe("exception form", () => {
  it("maps the three choices onto blocked / extra with or without minutes", () => {
    const day = parseForm(exceptionFormSchema, form({ date: "2026-12-24", choice: "block_day", start: "09:00", end: "10:00", reason: "Holiday" }));
    expect(day.ok && day.data).toEqual({ date: "2026-12-24", kind: "blocked", startMinute: null, endMinute: null, reason: "Holiday" });
    const hours = parseForm(exceptionFormSchema, form({ date: "2026-12-24", choice: "block_hours", start: "09:00", end: "10:30" }));
    expect(hours.ok && hours.data).toMatchObject({ kind: "blocked", startMinute: 540, endMinute: 630, reason: null });
    const extra = parseForm(exceptionFormSchema, form({ date: "2026-12-26", choice: "extra_hours", start: "10:00", end: "12:00" }));
    expect(extra.ok && extra.data).toMatchObject({ kind: "extra", startMinute: 600, endMinute: 720 });
  });
  it("needs hours for partial exceptions, end after start, a real date", () => {
    const missing = parseForm(exceptionFormSchema, form({ date: "2026-12-24", choice: "extra_hours", start: "", end: "" }));
    expect(!missing.ok && missing.errors).toMatchObject({ start: "validation:required", end: "validation:required" });
    const inverted = parseForm(exceptionFormSchema, form({ date: "2026-12-24", choice: "block_hours", start: "12:00", end: "11:00" }));
    expect(!inverted.ok && inverted.errors.end).toBe("consulting:validation.endAfterStart");
    const badDate = parseForm(exceptionFormSchema, form({ date: "2026-02-30", choice: "block_day" }));
    expect(!badDate.ok && badDate.errors.date).toBe("validation:date");
  });
});

describe("directory filters", () => {
  it("keeps known codes and ignores unknown ones", () => {
    expect(parseDirectoryFilters(new URLSearchParams("kind=valuation&field=battery&language=ja"))).toEqual({ kind: "valuation", field: "battery", language: "ja" });
    expect(parseDirectoryFilters(new URLSearchParams("kind=astrology&field=x&language=tlh"))).toEqual({ kind: undefined, field: undefined, language: undefined });
  });
});

describe("slot picker", () => {
  // A Seoul consultant working Tuesdays 09:00–11:00; the viewer is in Los Angeles.
  const now = new Date("2026-03-02T00:00:00Z"); // Monday
  const slots = generateSlots({
    rules: [{ weekday: 2, startMinute: 9 * 60, endMinute: 11 * 60 }],
    service: { durationMinutes: 60, bufferMinutes: 0 },
    timeZone: "Asia/Seoul",
    from: now,
    to: new Date(now.getTime() + 7 * 86_400_000),
    now,
  });

  it("groups slots by the viewer's day and shows the consultant's own time and date alongside", () => {
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual(["2026-03-03T00:00:00.000Z", "2026-03-03T00:30:00.000Z", "2026-03-03T01:00:00.000Z"]);
    const days = slotPickerDays(slots, { locale: "en-GB", viewerTimeZone: "America/Los_Angeles", consultantTimeZone: "Asia/Seoul" });
    // Tuesday 09:00 in Seoul is Monday 16:00 in Los Angeles (PST, UTC−8).
    expect(days.map((d) => d.date)).toEqual(["2026-03-02"]);
    expect(days[0]!.label).toContain("Monday");
    expect(days[0]!.slots[0]).toMatchObject({ startsAt: "2026-03-03T00:00:00.000Z", viewerStart: "16:00", viewerTime: "16:00–17:00", consultantStart: "9:00", consultantTime: "09:00–10:00" });
    expect(days[0]!.slots[0]!.consultantDate).toContain("Tue");
    expect(days[0]!.slots[0]!.viewerZone).toBe("GMT-8");
  });

  it("omits the consultant's time when the viewer is in the same zone", () => {
    const days = slotPickerDays(slots, { locale: "ko", viewerTimeZone: "Asia/Seoul", consultantTimeZone: "Asia/Seoul" });
    expect(days.map((d) => d.date)).toEqual(["2026-03-03"]);
    expect(days[0]!.slots.every((s) => s.consultantTime === null && s.consultantStart === null && s.consultantDate === null)).toBe(true);
    expect(days[0]!.slots.map((s) => s.viewerStart)).toEqual([expect.stringContaining("9:00"), expect.stringContaining("9:30"), expect.stringContaining("10:00")]);
  });

  it("splits one consultant day across two viewer days", () => {
    const evening = generateSlots({ rules: [{ weekday: 2, startMinute: 22 * 60, endMinute: 24 * 60 }], service: { durationMinutes: 30, bufferMinutes: 0 }, timeZone: "Europe/Berlin", from: now, to: new Date(now.getTime() + 7 * 86_400_000), now });
    const days = slotPickerDays(evening, { locale: "en", viewerTimeZone: "Asia/Seoul", consultantTimeZone: "Europe/Berlin" });
    // Berlin 22:00–24:00 CET is Seoul 06:00–08:00 the next day: all on Wednesday in Seoul.
    expect(days.map((d) => d.date)).toEqual(["2026-03-04"]);
    const west = slotPickerDays(evening, { locale: "en", viewerTimeZone: "Europe/London", consultantTimeZone: "Europe/Berlin" });
    // London is one hour behind Berlin: 21:00–23:00, still Tuesday.
    expect(west.map((d) => d.date)).toEqual(["2026-03-03"]);
  });

  it("uses an explicit zone, then the user's, then Seoul; ignores a bogus zone", () => {
    expect(resolveViewerTimeZone("Europe/Madrid", "Asia/Tokyo")).toEqual({ timeZone: "Europe/Madrid", explicit: true });
    expect(resolveViewerTimeZone("Nowhere/City", "Asia/Tokyo")).toEqual({ timeZone: "Asia/Tokyo", explicit: true });
    expect(resolveViewerTimeZone(null, null)).toEqual({ timeZone: "Asia/Seoul", explicit: false });
  });
});

describe("week calendar", () => {
  it("places bookings on the consultant's local weekday and half-hour rows", () => {
    expect(weekStartOf("2026-03-05")).toBe("2026-03-02");
    expect(weekStartOf("2026-03-08")).toBe("2026-03-02");
    const cal = weekCalendar(
      [
        { id: "a", startsAt: new Date("2026-03-03T00:00:00Z"), endsAt: new Date("2026-03-03T01:30:00Z"), status: "confirmed", title: "Valuation" }, // Tue 09:00–10:30 Seoul
        { id: "b", startsAt: new Date("2026-03-10T00:00:00Z"), endsAt: new Date("2026-03-10T01:00:00Z"), status: "confirmed", title: "Next week" },
      ],
      { weekStart: "2026-03-02", timeZone: "Asia/Seoul", locale: "en-GB" },
    );
    expect(cal.days).toHaveLength(7);
    expect(cal.firstMinute).toBe(8 * 60);
    expect(cal.entries).toEqual([expect.objectContaining({ id: "a", day: 1, rowStart: 2 + 2, rowEnd: 2 + 5, time: "09:00–10:30" })]);
  });
});

describe("form helpers", () => {
  it("posts rule rows as an ordered object", () => {
    const { object } = formDataToObject(form({ "rules.0.weekday": "1", "rules.1.weekday": "2" }));
    expect(object).toEqual({ rules: { "0": { weekday: "1" }, "1": { weekday: "2" } } });
  });
});
