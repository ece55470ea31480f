/**
 * The listing form, shared by browser and server. A draft may be incomplete; submitting
 * for review needs Korean and English text (see `missingForSubmission`).
 */
import { z } from "zod";
import { CONSULTING_KINDS, CURRENCIES, LOCALES, REGIONS, TECH_FIELDS, TRANSFER_MODES, type Locale } from "~/domain/taxonomy";

export const TEXT_FIELDS = ["title", "summary", "problem", "solution", "advantages", "applications", "confidential"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const REQUIRED_TEXT_FIELDS: readonly TextField[] = ["title", "summary", "problem", "solution", "advantages", "applications"];
export const REQUIRED_LOCALES: readonly Locale[] = ["ko", "en"];

const LIMITS: Record<TextField, number> = {
  title: 160,
  summary: 300,
  problem: 4000,
  solution: 8000,
  advantages: 4000,
  applications: 4000,
  confidential: 20000,
};

const text = (field: TextField) => z.string().trim().max(LIMITS[field], "validation:tooLong").optional().default("");

export const listingTextSchema = z.object(
  Object.fromEntries(TEXT_FIELDS.map((f) => [f, text(f)])) as Record<TextField, ReturnType<typeof text>>,
);

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { invalid_type_error: "validation:invalidChoice", message: "validation:invalidChoice" })).max(values.length));

const commaList = (max: number, itemMax: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[,\n]/).map((s) => s.trim()).filter(Boolean) : v ?? []),
    z.array(z.string().max(itemMax, "validation:tooLong")).max(max, "validation:tooMany"),
  );

const amount = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? undefined : typeof v === "string" ? v.replace(/[,\s_]/g, "") : v),
  z.coerce
    .number({ invalid_type_error: "validation:number" })
    .nonnegative("validation:nonNegative")
    .max(1e13, "validation:tooLarge")
    .optional(),
);

export const listingFormSchema = z
  .object({
    field: z.enum(TECH_FIELDS, { required_error: "validation:required", invalid_type_error: "validation:invalidChoice", message: "validation:invalidChoice" }),
    trl: z.coerce
      .number({ required_error: "validation:required", invalid_type_error: "validation:number" })
      .int("validation:integer")
      .min(1, "validation:trlRange")
      .max(9, "validation:trlRange"),
    ipcCodes: commaList(20, 20).pipe(z.array(z.string().regex(/^[A-H]\d{2}[A-Z](\s?\d{1,4}\/\d{1,6})?$/i, "validation:ipc"))),
    keywords: commaList(20, 60),
    transferModes: list(TRANSFER_MODES),
    targetRegions: list(REGIONS),
    consultingNeeds: list(CONSULTING_KINDS),
    workingLanguages: list(LOCALES),
    willTravel: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    askingCurrency: z.enum(CURRENCIES, { message: "validation:invalidChoice" }).default("KRW"),
    askingMin: amount,
    askingMax: amount,
    texts: z.object(Object.fromEntries(LOCALES.map((l) => [l, listingTextSchema.optional()])) as Record<Locale, z.ZodOptional<typeof listingTextSchema>>),
  })
  .superRefine((v, ctx) => {
    if (v.askingMin !== undefined && v.askingMax !== undefined && v.askingMax < v.askingMin) {
      ctx.addIssue({ code: "custom", path: ["askingMax"], message: "validation:rangeInverted" });
    }
    const hasTitle = LOCALES.some((l) => v.texts[l]?.title);
    if (!hasTitle) ctx.addIssue({ code: "custom", path: ["texts", "ko", "title"], message: "validation:titleNeeded" });
  });
export type ListingFormInput = z.infer<typeof listingFormSchema>;

export type MissingItem = { locale?: Locale; field: string };

/** What still blocks submission for review, in a stable order for the checklist. */
export function missingForSubmission(input: { texts: ListingFormInput["texts"]; transferModes: readonly string[] }): MissingItem[] {
  const missing: MissingItem[] = [];
  for (const locale of REQUIRED_LOCALES) {
    for (const field of REQUIRED_TEXT_FIELDS) {
      if (!input.texts[locale]?.[field]) missing.push({ locale, field });
    }
  }
  if (input.transferModes.length === 0) missing.push({ field: "transferModes" });
  return missing;
}

/** 0–100: required items present, plus optional ones that help buyers decide. */
export function completenessScore(
  input: { texts: ListingFormInput["texts"]; transferModes: readonly string[]; ipcCodes: readonly string[]; keywords: readonly string[]; targetRegions: readonly string[] },
  extras: { patents: number; valuation: boolean }) {
  const required = REQUIRED_LOCALES.length * REQUIRED_TEXT_FIELDS.length + 1;
  const done = required - missingForSubmission(input).length;
  const optional = [input.ipcCodes.length > 0, input.keywords.length > 0, input.targetRegions.length > 0, extras.patents > 0, extras.valuation];
  const score = (done / required) * 80 + (optional.filter(Boolean).length / optional.length) * 20;
  return Math.round(score);
}
