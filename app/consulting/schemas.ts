/**
 * Forms of the consultant workspace (profile, services, weekly availability, exceptions) and the
 * directory filters, shared by browser and server. Messages are i18n keys; times of day travel as
 * "HH:MM" and are stored as minutes after local midnight in the consultant's own time zone.
 */
import { z } from "zod";
import { CURRENCIES, LOCALES, TECH_FIELDS, type Locale } from "~/domain/taxonomy";

export const SERVICE_KINDS = ["valuation", "transfer_consulting", "export_regulation", "buyer_seller_meeting"] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const MEETING_MODES = ["online", "in_person"] as const;
export const EXCEPTION_CHOICES = ["block_day", "block_hours", "extra_hours"] as const;
export type ExceptionChoice = (typeof EXCEPTION_CHOICES)[number];

export const DURATION_MIN = 15;
export const DURATION_MAX = 480;
export const BUFFER_MAX = 120;
export const MAX_CERTIFICATIONS = 10;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Whether the runtime knows this IANA time zone (aliases such as "Asia/Calcutta" included). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** "09:30" → 570; "24:00" → 1440 (end of day); anything else → null. */
export function parseTimeOfDay(value: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

export function formatTimeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

const choices = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { invalid_type_error: "validation:invalidChoice", message: "validation:invalidChoice" })).max(values.length),
  );

const perLocale = (max: number) =>
  z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().max(max, "validation:tooLong").optional().default("")])) as Record<Locale, z.ZodDefault<z.ZodOptional<z.ZodString>>>).default({});

/** Only the languages that were filled in, so stored JSON never holds empty strings. */
export function compactTexts(texts: Partial<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(texts).filter((e): e is [string, string] => typeof e[1] === "string" && e[1].length > 0));
}

// ------------------------------------------------------------------ profile

export const profileFormSchema = z
  .object({
    headline: perLocale(160),
    bio: perLocale(4000),
    expertise: choices(TECH_FIELDS),
    languages: choices(LOCALES),
    certifications: z.preprocess(
      (v) => (typeof v === "string" ? v.split("\n").map((s) => s.trim()).filter(Boolean) : v ?? []),
      z.array(z.string().max(120, "validation:tooLong")).max(MAX_CERTIFICATIONS, "validation:tooMany"),
    ),
    timeZone: z.string({ required_error: "validation:required" }),
    published: checkbox,
  })
  .superRefine((v, ctx) => {
    // Checked here rather than on the field so that every problem is reported in one round.
    if (!isTimeZone(v.timeZone)) ctx.addIssue({ code: "custom", path: ["timeZone"], message: "consulting:validation.timeZone" });
    if (!LOCALES.some((l) => v.headline[l])) ctx.addIssue({ code: "custom", path: ["headline", "ko"], message: "consulting:validation.headlineNeeded" });
    if (v.languages.length === 0) ctx.addIssue({ code: "custom", path: ["languages"], message: "consulting:validation.languagesNeeded" });
  });
export type ProfileFormInput = z.infer<typeof profileFormSchema>;

// ------------------------------------------------------------------ services

const wholeNumber = (min: number, max: number, rangeKey: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : v),
    z.coerce
      .number({ required_error: "validation:required", invalid_type_error: "validation:number" })
      .int("validation:integer")
      .min(min, rangeKey)
      .max(max, rangeKey),
  );

export const serviceFormSchema = z
  .object({
    kind: z.enum(SERVICE_KINDS, { required_error: "validation:required", invalid_type_error: "validation:invalidChoice", message: "validation:invalidChoice" }),
    title: perLocale(160),
    description: perLocale(2000),
    durationMinutes: wholeNumber(DURATION_MIN, DURATION_MAX, "consulting:validation.durationRange"),
    price: z.preprocess(
      (v) => (v === "" || v === undefined ? undefined : typeof v === "string" ? v.replace(/[,\s_]/g, "") : v),
      z.coerce.number({ required_error: "validation:required", invalid_type_error: "validation:number" }).nonnegative("consulting:validation.priceNegative").max(1e11, "validation:tooLarge"),
    ),
    currency: z.enum(CURRENCIES, { message: "validation:invalidChoice" }),
    mode: z.enum(MEETING_MODES, { message: "validation:invalidChoice" }).default("online"),
    location: z.string().trim().max(300, "validation:tooLong").optional().default(""),
    bufferMinutes: wholeNumber(0, BUFFER_MAX, "consulting:validation.bufferRange").default(0),
    interpretationLanguages: choices(LOCALES),
    active: checkbox,
  })
  .superRefine((v, ctx) => {
    if (!LOCALES.some((l) => v.title[l])) ctx.addIssue({ code: "custom", path: ["title", "ko"], message: "consulting:validation.titleNeeded" });
    if (v.mode === "in_person" && !v.location) ctx.addIssue({ code: "custom", path: ["location"], message: "consulting:validation.locationNeeded" });
    // KRW has no minor unit; USD has cents.
    const digits = v.currency === "KRW" ? 0 : 2;
    const scaled = v.price * 10 ** digits;
    if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
      ctx.addIssue({ code: "custom", path: ["price"], message: v.currency === "KRW" ? "consulting:validation.priceWholeWon" : "consulting:validation.priceCents" });
    }
  });
export type ServiceFormInput = z.infer<typeof serviceFormSchema>;

// ------------------------------------------------------------------ weekly availability

export type RuleRange = { weekday: number; startMinute: number; endMinute: number };

const rowsOf = (v: unknown) => (v && typeof v === "object" ? (Array.isArray(v) ? v : Object.entries(v as Record<string, unknown>).sort((a, b) => Number(a[0]) - Number(b[0])).map((e) => e[1])) : []);

/**
 * The whole week at once (rows `rules.<i>.weekday|start|end`); rows left blank are dropped, so the
 * editor can offer empty rows for new ranges and clearing a row removes that range. Ranges of the
 * same weekday may touch (09:00–12:00 and 12:00–15:00) but not overlap.
 */
export const weeklyRulesFormSchema = z
  .object({
    rules: z.preprocess(
      rowsOf,
      z.array(
        z.object({
          weekday: z.coerce.number().int().min(1, "validation:invalidChoice").max(7, "validation:invalidChoice"),
          start: z.string().trim().optional().default(""),
          end: z.string().trim().optional().default(""),
        }),
      ).max(7 * 12, "validation:tooMany"),
    ),
  })
  .transform((v, ctx) => {
    const ranges: Array<RuleRange & { row: number }> = [];
    v.rules.forEach((r, row) => {
      if (!r.start && !r.end) return;
      const start = parseTimeOfDay(r.start);
      const end = parseTimeOfDay(r.end);
      if (start === null || start >= 1440) ctx.addIssue({ code: "custom", path: ["rules", row, "start"], message: "consulting:validation.time" });
      if (end === null || end === 0) ctx.addIssue({ code: "custom", path: ["rules", row, "end"], message: "consulting:validation.time" });
      if (start === null || end === null || start >= 1440 || end === 0) return;
      if (end <= start) {
        ctx.addIssue({ code: "custom", path: ["rules", row, "end"], message: "consulting:validation.endAfterStart" });
        return;
      }
      ranges.push({ weekday: r.weekday, startMinute: start, endMinute: end, row });
    });
    for (const a of ranges) {
      const clash = ranges.find((b) => b !== a && b.weekday === a.weekday && b.row < a.row && a.startMinute < b.endMinute && b.startMinute < a.endMinute);
      if (clash) ctx.addIssue({ code: "custom", path: ["rules", a.row, "start"], message: "consulting:validation.overlap" });
    }
    return ranges.map(({ weekday, startMinute, endMinute }) => ({ weekday, startMinute, endMinute })).sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  });

// ------------------------------------------------------------------ exceptions

export const exceptionFormSchema = z
  .object({
    date: z.string({ required_error: "validation:required" }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, "validation:date").refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "validation:date"),
    choice: z.enum(EXCEPTION_CHOICES, { message: "validation:invalidChoice" }),
    start: z.string().trim().optional().default(""),
    end: z.string().trim().optional().default(""),
    reason: z.string().trim().max(200, "validation:tooLong").optional().default(""),
  })
  .transform((v, ctx) => {
    const kind: "blocked" | "extra" = v.choice === "extra_hours" ? "extra" : "blocked";
    if (v.choice === "block_day") return { date: v.date, kind, startMinute: null, endMinute: null, reason: v.reason || null };
    const start = parseTimeOfDay(v.start);
    const end = parseTimeOfDay(v.end);
    if (start === null || start >= 1440) ctx.addIssue({ code: "custom", path: ["start"], message: v.start ? "consulting:validation.time" : "validation:required" });
    if (end === null || end === 0) ctx.addIssue({ code: "custom", path: ["end"], message: v.end ? "consulting:validation.time" : "validation:required" });
    if (start !== null && end !== null && end > 0 && start < 1440 && end <= start) ctx.addIssue({ code: "custom", path: ["end"], message: "consulting:validation.endAfterStart" });
    return { date: v.date, kind, startMinute: start, endMinute: end, reason: v.reason || null };
  });
export type ExceptionFormInput = z.infer<typeof exceptionFormSchema>;

// ------------------------------------------------------------------ directory

export type DirectoryFilters = { kind?: ServiceKind; field?: string; language?: Locale };

/** Unknown filter values are ignored (a stale bookmark still shows the directory). */
export function parseDirectoryFilters(params: URLSearchParams): DirectoryFilters {
  const kind = params.get("kind");
  const field = params.get("field");
  const language = params.get("language");
  return {
    kind: (SERVICE_KINDS as readonly string[]).includes(kind ?? "") ? (kind as ServiceKind) : undefined,
    field: (TECH_FIELDS as readonly string[]).includes(field ?? "") ? field! : undefined,
    language: (LOCALES as readonly string[]).includes(language ?? "") ? (language as Locale) : undefined,
  };
}
