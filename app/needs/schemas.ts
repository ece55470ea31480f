/**
 * The technology-need form, shared by browser and server: what a buyer is looking for, in
 * their language, with fields, TRL range, budget range and currency, timeline, transfer
 * modes and target region. Messages are translation keys.
 */
import { z } from "zod";
import { CURRENCIES, LOCALES, REGIONS, TECH_FIELDS, TRANSFER_MODES } from "~/domain/taxonomy";

export const NEED_LIMITS = { title: 160, description: 4000, timeline: 120 } as const;

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { message: "validation:invalidChoice" })).max(values.length));

const amount = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? undefined : typeof v === "string" ? v.replace(/[,\s_]/g, "") : v),
  z.coerce.number({ invalid_type_error: "validation:number" }).nonnegative("validation:nonNegative").max(1e13, "validation:tooLarge").optional(),
);

const trl = z.coerce
  .number({ required_error: "validation:required", invalid_type_error: "validation:number" })
  .int("validation:integer")
  .min(1, "validation:trlRange")
  .max(9, "validation:trlRange");

export const needFormSchema = z
  .object({
    locale: z.enum(LOCALES, { message: "validation:invalidChoice" }),
    title: z.string({ required_error: "validation:required" }).trim().min(3, "matching:validation.titleTooShort").max(NEED_LIMITS.title, "validation:tooLong"),
    description: z.string({ required_error: "validation:required" }).trim().min(20, "matching:validation.descriptionTooShort").max(NEED_LIMITS.description, "validation:tooLong"),
    fields: list(TECH_FIELDS).pipe(z.array(z.string()).min(1, "matching:validation.fieldRequired")),
    ipcCodes: z.preprocess(
      (v) => (typeof v === "string" ? v.split(/[,\n]/).map((s) => s.trim()).filter(Boolean) : v ?? []),
      z.array(z.string().regex(/^[A-H]\d{2}[A-Z](\s?\d{1,4}\/\d{1,6})?$/i, "validation:ipc")).max(20, "validation:tooMany"),
    ),
    trlMin: trl,
    trlMax: trl,
    currency: z.enum(CURRENCIES, { message: "validation:invalidChoice" }).default("USD"),
    budgetMin: amount,
    budgetMax: amount,
    timeline: z.string().trim().max(NEED_LIMITS.timeline, "validation:tooLong").optional().default(""),
    transferModes: list(TRANSFER_MODES),
    targetRegion: z.preprocess((v) => (v === "" ? undefined : v), z.enum(REGIONS, { message: "validation:invalidChoice" }).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.trlMin > v.trlMax) ctx.addIssue({ code: "custom", path: ["trlMax"], message: "matching:validation.trlOrder" });
    if (v.budgetMin !== undefined && v.budgetMax !== undefined && v.budgetMax < v.budgetMin) {
      ctx.addIssue({ code: "custom", path: ["budgetMax"], message: "validation:rangeInverted" });
    }
  });

export type NeedFormInput = z.infer<typeof needFormSchema>;
export const NEED_ARRAY_FIELDS = ["fields", "transferModes"] as const;
