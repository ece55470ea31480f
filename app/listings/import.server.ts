/**
 * Bulk import of technology listings from JSON or CSV files (format: docs/import-format.md).
 * Owns the import format, its limits, row validation with row-numbered errors, and the write:
 * all-or-nothing per file, in one transaction, idempotent by the listing's `externalRef`.
 * The command line (scripts/import-listings.ts) and the admin page (routes/admin.import.tsx)
 * only read the file and show the outcome.
 */
import { randomUUID } from "node:crypto";
import { CsvError, parse as parseCsvRecords } from "csv-parse/sync";
import { z } from "zod";
import { audit } from "~/audit/audit.server";
import { prisma } from "~/db.server";
import {
  CONSULTING_KINDS,
  CURRENCIES,
  LOCALES,
  PATENT_JURISDICTIONS,
  PATENT_STATUSES,
  REGIONS,
  TECH_FIELDS,
  TRANSFER_MODES,
  VALUATION_METHODS,
  type Locale,
} from "~/domain/taxonomy";
import type { ListingStatus, Prisma, ScreeningStatus } from "~/generated/prisma/client";
import { UserError } from "~/lib/http.server";
import { makeSlug, randomSuffix } from "~/lib/slug";
import { PUBLICATION_MONTHS } from "./listings.server";
import { listingTextSchema, missingForSubmission, TEXT_FIELDS, type TextField } from "./schemas";
import { needsScreening } from "./screening.server";
import { enqueueListingsChanged } from "~/listings/sync.server";

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;
export const IMPORT_FORMATS = ["json", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Listings written per round trip; each batch is a handful of multi-row INSERTs. */
const BATCH_SIZE = 500;
/** Largest amount in minor units we accept: well inside Number's exact integers. */
const MAX_MINOR = 1e15;
/** Serialises imports so two files naming the same externalRef cannot race (any stable number). */
const IMPORT_LOCK_KEY = 7_214_411;

/**
 * One problem in the file. `row` counts listings from 1 (CSV: data rows, the header is not
 * counted); 0 means the file as a whole. `path` names the field (JSON: `texts.ko.title`,
 * `patents[1].number` with list positions from 1; CSV: the column, e.g. `title_ko`).
 */
export interface ImportError {
  row: number;
  path: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

// ------------------------------------------------------------------------------ reading

const fileError = (messageKey: string, params?: ImportError["params"]): { ok: false; errors: ImportError[] } => ({
  ok: false,
  errors: [{ row: 0, path: "", messageKey, ...(params ? { params } : {}) }],
});

export const TOO_LARGE_ERROR: ImportError = { row: 0, path: "", messageKey: "validation:import.tooLarge", params: { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 } };

/** The format from the file name (then the declared type); null when it is neither JSON nor CSV. */
export function detectImportFormat(fileName: string, contentType = ""): ImportFormat | null {
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (extension === "json" || extension === "csv") return extension;
  if (extension) return null;
  if (/^application\/json\b/i.test(contentType)) return "json";
  if (/^text\/csv\b/i.test(contentType)) return "csv";
  return null;
}

/** Bytes → text. Files must be UTF-8: a silent replacement character would corrupt names. */
export function decodeImportBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; errors: ImportError[] } {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, errors: [TOO_LARGE_ERROR] };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return fileError("validation:import.encoding");
  }
}

export type ParseResult = { ok: true; rows: unknown[] } | { ok: false; errors: ImportError[] };

/** File text → raw rows (JSON objects, or CSV rows shaped like them). Broken syntax is reported at its row. */
export function parseImportFile(content: string, format: ImportFormat): ParseResult {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (Buffer.byteLength(text, "utf8") > MAX_IMPORT_BYTES) return { ok: false, errors: [TOO_LARGE_ERROR] };
  if (!text.trim()) return fileError("validation:import.empty");
  const parsed = format === "json" ? parseJson(text) : parseCsv(text);
  if (!parsed.ok) return parsed;
  if (parsed.rows.length === 0) return fileError("validation:import.empty");
  if (parsed.rows.length > MAX_IMPORT_ROWS) return fileError("validation:import.tooManyRows", { max: MAX_IMPORT_ROWS });
  return parsed;
}

function parseJson(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // V8 reports "… at position N" for most errors and nothing for a truncated file.
    const match = /position (\d+)/.exec((error as Error).message);
    const position = match ? Number(match[1]) : text.length;
    const { line, column } = lineAndColumn(text, position);
    return { ok: false, errors: [{ row: jsonRowAt(text, position), path: "", messageKey: "validation:import.badJson", params: { line, column } }] };
  }
  if (!Array.isArray(data)) return fileError("validation:import.notArray");
  return { ok: true, rows: data };
}

function lineAndColumn(text: string, position: number) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/** Which element of the top-level array a syntax error falls in: commas at depth 1, outside strings. */
function jsonRowAt(text: string, position: number): number {
  let depth = 0;
  let inString = false;
  let row = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth === 1 && c === "[") row = 1;
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) row++;
  }
  return depth >= 1 ? row : 0;
}

// CSV carries the flat fields only; lists are separated by semicolons.
const CSV_LIST_COLUMNS = ["ipc", "keywords", "transferModes", "targetRegions", "targetCountries", "consultingNeeds", "workingLanguages", "reviewedLocales"] as const;
const CSV_NUMBER_COLUMNS = ["trl", "askingMinMinor", "askingMaxMinor"] as const;
const CSV_SCALAR_COLUMNS = ["externalRef", "organisationExternalRef", "status", "field", "currency", "willTravel", ...CSV_NUMBER_COLUMNS, ...CSV_LIST_COLUMNS] as const;
const CSV_TEXT_COLUMNS = new Map<string, { field: TextField; locale: Locale }>(TEXT_FIELDS.flatMap((field) => LOCALES.map((locale) => [`${field}_${locale}`, { field, locale }] as const)));
/** Every column a CSV file may have, in the documented order. */
export const CSV_COLUMNS: readonly string[] = [...CSV_SCALAR_COLUMNS, ...CSV_TEXT_COLUMNS.keys()];
const CSV_REQUIRED_COLUMNS = ["externalRef", "field", "trl"];

function parseCsv(text: string): ParseResult {
  let records: string[][];
  try {
    // Column counts are checked below, per row, so every short or long row is reported.
    records = parseCsvRecords(text, { relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // `records` counts the complete records before the broken one, header included, so it is
    // also the broken record's data-row number.
    const details = error as CsvError & { records?: unknown; lines?: unknown };
    const row = typeof details.records === "number" ? details.records : 0;
    return { ok: false, errors: [{ row, path: "", messageKey: "validation:import.badCsv", params: { line: typeof details.lines === "number" ? details.lines : 0 } }] };
  }
  const [header, ...data] = records;
  if (!header) return fileError("validation:import.empty");
  const columns = header.map((c) => c.trim());
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (!CSV_COLUMNS.includes(column)) errors.push({ row: 0, path: column, messageKey: "validation:import.unknownColumn", params: { column } });
    else if (seen.has(column)) errors.push({ row: 0, path: column, messageKey: "validation:import.duplicateColumn", params: { column } });
    seen.add(column);
  }
  for (const column of CSV_REQUIRED_COLUMNS) {
    if (!seen.has(column)) errors.push({ row: 0, path: column, messageKey: "validation:import.missingColumn", params: { column } });
  }
  if (errors.length) return { ok: false, errors };
  const rows: unknown[] = [];
  data.forEach((record, index) => {
    if (record.length !== columns.length) {
      errors.push({ row: index + 1, path: "", messageKey: "validation:import.csvColumns", params: { expected: columns.length, got: record.length } });
      return;
    }
    rows.push(csvRowToObject(columns, record));
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/** A CSV row in the JSON row shape. Values that do not convert stay strings so validation names them. */
function csvRowToObject(columns: string[], record: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  const texts: Partial<Record<Locale, Partial<Record<TextField, string>>>> = {};
  columns.forEach((column, i) => {
    const value = record[i]!.trim();
    if (value === "") return;
    const text = CSV_TEXT_COLUMNS.get(column);
    if (text) (texts[text.locale] ??= {})[text.field] = value;
    else if ((CSV_LIST_COLUMNS as readonly string[]).includes(column)) row[column] = value.split(";").map((s) => s.trim()).filter(Boolean);
    else if ((CSV_NUMBER_COLUMNS as readonly string[]).includes(column)) row[column] = /^[+-]?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    else if (column === "willTravel") row[column] = /^(true|yes|1)$/i.test(value) ? true : /^(false|no|0)$/i.test(value) ? false : value;
    else row[column] = value;
  });
  if (Object.keys(texts).length) row.texts = texts;
  return row;
}

/** A JSON path of a validation issue as a CSV column (`texts.ko.title` → `title_ko`). */
function csvColumnOf(path: (string | number)[]): string {
  if (path[0] === "texts" && typeof path[1] === "string" && typeof path[2] === "string") return `${path[2]}_${path[1]}`;
  return String(path[0] ?? "");
}

function jsonPathOf(path: (string | number)[]): string {
  return path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part + 1}]` : out ? `${out}.${part}` : part), "");
}

// ------------------------------------------------------------------------------ validation

const trimmed = (max: number) => z.string().trim().max(max, "validation:tooLong");
const requiredText = (max: number) => trimmed(max).min(1, "validation:required");
/** A list that may be absent or null (→ empty), without repeats. */
const list = <T extends z.ZodTypeAny>(item: T, max: number) =>
  z.preprocess((v) => (v === null ? undefined : v), z.array(item).max(max, "validation:tooMany").default([])).transform((values) => [...new Set(values)] as z.infer<T>[]);
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values);
const money = z.number().int("validation:integer").nonnegative("validation:nonNegative").max(MAX_MINOR, "validation:tooLarge");
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation:date")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "validation:date");
const strictText = listingTextSchema.strict();

const patentSchema = z
  .object({
    number: requiredText(60),
    jurisdiction: choice(PATENT_JURISDICTIONS),
    status: choice(PATENT_STATUSES),
    title: requiredText(500),
    filedOn: isoDate.nullish(),
    expiresOn: isoDate.nullish(),
  })
  .strict();

const valuationSchema = z
  .object({
    method: choice(VALUATION_METHODS),
    lowMinor: money,
    highMinor: money,
    currency: choice(CURRENCIES),
    valuedOn: isoDate,
    validUntil: isoDate,
    issuer: requiredText(200),
    certificateRef: trimmed(100).nullish(),
    verified: z.boolean().default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.highMinor < v.lowMinor) ctx.addIssue({ code: "custom", path: ["highMinor"], message: "validation:rangeInverted" });
    if (v.validUntil < v.valuedOn) ctx.addIssue({ code: "custom", path: ["validUntil"], message: "validation:dateOrder" });
  });

const rowSchema = z
  .object({
    externalRef: requiredText(100),
    organisationExternalRef: trimmed(100).min(1, "validation:required").nullish(),
    status: z.enum(["draft", "published"]).default("draft"),
    field: choice(TECH_FIELDS),
    trl: z.number().int("validation:integer").min(1, "validation:trlRange").max(9, "validation:trlRange"),
    ipc: list(z.string().trim().regex(/^[A-H]\d{2}[A-Z](\s?\d{1,4}\/\d{1,6})?$/i, "validation:ipc"), 20),
    // The seed files group keywords by language; the listing stores one list.
    keywords: z.preprocess(
      (v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.values(v).flat() : v),
      list(requiredText(60), 40),
    ),
    texts: z
      .object(Object.fromEntries(LOCALES.map((l) => [l, strictText.optional()])) as Record<Locale, z.ZodOptional<typeof strictText>>)
      .strict()
      .default({}),
    confidential: z.record(choice(LOCALES), z.string().trim().max(20000, "validation:tooLong")).nullish(),
    reviewedLocales: list(choice(LOCALES), LOCALES.length).optional(),
    patents: list(patentSchema, 50),
    transferModes: list(choice(TRANSFER_MODES), TRANSFER_MODES.length),
    askingMinMinor: money.nullish(),
    askingMaxMinor: money.nullish(),
    currency: choice(CURRENCIES).nullish(),
    targetRegions: list(choice(REGIONS), REGIONS.length),
    targetCountries: list(z.string().regex(/^[A-Z]{2}$/, "validation:country"), 50),
    willTravel: z.boolean().default(false),
    valuation: valuationSchema.nullish(),
    consultingNeeds: list(choice(CONSULTING_KINDS), CONSULTING_KINDS.length),
    workingLanguages: list(choice(LOCALES), LOCALES.length),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const hasAmount = v.askingMinMinor != null || v.askingMaxMinor != null;
    if (v.askingMinMinor != null && v.askingMaxMinor != null && v.askingMaxMinor < v.askingMinMinor) issue(["askingMaxMinor"], "validation:rangeInverted");
    if (hasAmount && !v.currency) issue(["currency"], "validation:required");
    const seenPatents = new Set<string>();
    v.patents.forEach((p, i) => {
      const key = `${p.jurisdiction} ${p.number.replace(/\s+/g, " ").toUpperCase()}`;
      if (seenPatents.has(key)) issue(["patents", i, "number"], "validation:import.duplicatePatent");
      seenPatents.add(key);
    });
    for (const locale of LOCALES) {
      const text = v.texts[locale];
      const hasContent = (text && TEXT_FIELDS.some((f) => text[f])) || v.confidential?.[locale];
      if (hasContent && !text?.title) issue(["texts", locale, "title"], "validation:required");
    }
    if (!LOCALES.some((l) => v.texts[l]?.title)) issue(["texts", "ko", "title"], "validation:titleNeeded");
    if (v.status === "published") {
      for (const missing of missingForSubmission({ texts: v.texts, transferModes: v.transferModes })) {
        issue(missing.locale ? ["texts", missing.locale, missing.field] : [missing.field], "validation:import.requiredToPublish");
      }
    }
  });

type ImportRow = z.infer<typeof rowSchema>;

/** Zod's own messages are English sentences; every issue here becomes a "validation:" key. */
const errorMap: z.ZodErrorMap = (issue) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === "undefined" || issue.received === "null") return { message: "validation:required" };
      if (issue.expected === "number" || issue.expected === "integer") return { message: "validation:number" };
      if (issue.expected === "string") return { message: "validation:import.expectedText" };
      if (issue.expected === "array") return { message: "validation:import.expectedList" };
      if (issue.expected === "boolean") return { message: "validation:import.expectedBoolean" };
      if (issue.expected === "object") return { message: "validation:import.expectedObject" };
      return { message: "validation:invalid" };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: "validation:invalidChoice" };
    case z.ZodIssueCode.too_big:
      return { message: issue.type === "array" ? "validation:tooMany" : issue.type === "string" ? "validation:tooLong" : "validation:tooLarge" };
    default:
      return { message: "validation:invalid" };
  }
};

export interface ImportTranslation {
  locale: Locale;
  title: string;
  summary: string;
  problem: string;
  solution: string;
  advantages: string;
  applications: string;
  confidential: string;
  reviewedByHuman: boolean;
}

/** A validated row, normalised to what the database stores. */
export interface ImportListing {
  row: number;
  externalRef: string;
  organisationExternalRef: string | null;
  status: "draft" | "published";
  originalLocale: Locale;
  field: string;
  trl: number;
  ipcCodes: string[];
  keywords: string[];
  transferModes: string[];
  targetRegions: string[];
  targetCountries: string[];
  willTravel: boolean;
  askingMinMinor: bigint | null;
  askingMaxMinor: bigint | null;
  askingCurrency: string | null;
  consultingNeeds: string[];
  workingLanguages: string[];
  translations: ImportTranslation[];
  /** CSV cannot carry patents and valuations, so a CSV row leaves an existing listing's alone. */
  keepPatentsAndValuation: boolean;
  patents: { number: string; jurisdiction: string; status: string; title: string; filedOn: Date | null; expiresOn: Date | null }[];
  valuation: {
    method: string;
    lowMinor: bigint;
    highMinor: bigint;
    currency: string;
    valuedOn: Date;
    validUntil: Date;
    issuerName: string;
    certificateRef: string | null;
    verified: boolean;
  } | null;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function normalise(row: number, v: ImportRow, format: ImportFormat): ImportListing {
  const translations: ImportTranslation[] = [];
  for (const locale of LOCALES) {
    const text = v.texts[locale];
    if (!text?.title) continue;
    translations.push({
      locale,
      title: text.title,
      summary: text.summary,
      problem: text.problem,
      solution: text.solution,
      advantages: text.advantages,
      applications: text.applications,
      // Confidential text may sit in the text block or, as in the seed files, beside it.
      confidential: text.confidential || v.confidential?.[locale] || "",
      reviewedByHuman: v.reviewedLocales ? v.reviewedLocales.includes(locale) : true,
    });
  }
  const hasAmount = v.askingMinMinor != null || v.askingMaxMinor != null;
  return {
    row,
    externalRef: v.externalRef,
    organisationExternalRef: v.organisationExternalRef ?? null,
    status: v.status,
    originalLocale: translations.some((t) => t.locale === "ko") ? "ko" : translations[0]!.locale,
    field: v.field,
    trl: v.trl,
    ipcCodes: v.ipc.map((c) => c.toUpperCase()),
    keywords: v.keywords,
    transferModes: v.transferModes,
    targetRegions: v.targetRegions,
    targetCountries: v.targetCountries,
    willTravel: v.willTravel,
    askingMinMinor: v.askingMinMinor != null ? BigInt(v.askingMinMinor) : null,
    askingMaxMinor: v.askingMaxMinor != null ? BigInt(v.askingMaxMinor) : null,
    askingCurrency: hasAmount ? v.currency ?? null : null,
    consultingNeeds: v.consultingNeeds,
    workingLanguages: v.workingLanguages,
    translations,
    keepPatentsAndValuation: format === "csv",
    patents: v.patents.map((p) => ({
      number: p.number,
      jurisdiction: p.jurisdiction,
      status: p.status,
      title: p.title,
      filedOn: p.filedOn ? day(p.filedOn) : null,
      expiresOn: p.expiresOn ? day(p.expiresOn) : null,
    })),
    valuation: v.valuation
      ? {
          method: v.valuation.method,
          lowMinor: BigInt(v.valuation.lowMinor),
          highMinor: BigInt(v.valuation.highMinor),
          currency: v.valuation.currency,
          valuedOn: day(v.valuation.valuedOn),
          validUntil: day(v.valuation.validUntil),
          issuerName: v.valuation.issuer,
          certificateRef: v.valuation.certificateRef || null,
          verified: v.valuation.verified,
        }
      : null,
  };
}

const LOCALE_CONTAINERS = new Set(["texts", "confidential"]);

/** Validates every row (nothing stops at the first error) and normalises the valid ones. */
export function validateImportRows(rows: readonly unknown[], options: { format?: ImportFormat } = {}): { valid: ImportListing[]; errors: ImportError[] } {
  const pathOf = options.format === "csv" ? csvColumnOf : jsonPathOf;
  const valid: ImportListing[] = [];
  const errors: ImportError[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = index + 1;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      errors.push({ row, path: "", messageKey: "validation:import.rowNotObject" });
      return;
    }
    const result = rowSchema.safeParse(raw, { errorMap });
    if (!result.success) {
      for (const issue of result.error.issues) {
        if (issue.code === z.ZodIssueCode.unrecognized_keys) {
          const messageKey = LOCALE_CONTAINERS.has(String(issue.path.at(-1))) ? "validation:import.unknownLocale" : "validation:import.unknownKey";
          for (const key of issue.keys) errors.push({ row, path: pathOf([...issue.path, key]), messageKey });
        } else {
          errors.push({ row, path: pathOf(issue.path), messageKey: issue.message.startsWith("validation:") ? issue.message : "validation:invalid" });
        }
      }
      return;
    }
    const first = firstRowOf.get(result.data.externalRef);
    if (first !== undefined) {
      errors.push({ row, path: "externalRef", messageKey: "validation:import.duplicateRef", params: { row: first } });
      return;
    }
    firstRowOf.set(result.data.externalRef, row);
    valid.push(normalise(row, result.data, options.format ?? "json"));
  });
  return { valid, errors };
}

// ------------------------------------------------------------------------------ writing

export interface ImportOptions {
  /** The operator importing (audit); null for the command line, which runs with database access. */
  actorId: string | null;
  /** Organisation external ref for rows without `organisationExternalRef`. */
  defaultOrganisationRef?: string | null;
  /** Publish the rows that say `"status": "published"`; without it every new row is a draft. */
  publish?: boolean;
  format?: ImportFormat;
  /** Recorded in the audit entry. */
  fileName?: string | null;
  /** Called after each written batch. */
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

export interface ImportSummary {
  importId: string;
  rows: number;
  created: number;
  updated: number;
  published: number;
}

export type ImportResult = ({ ok: true } & ImportSummary) | { ok: false; errors: ImportError[] };

type Tx = Prisma.TransactionClient;
/** The columns an import may change besides the scalar fields: status, dates and screening. */
const LIFECYCLE_SELECT = {
  status: true,
  submittedAt: true,
  publishedAt: true,
  expiresAt: true,
  archivedAt: true,
  screening: true,
  screenedAt: true,
  screenedById: true,
  expiryReminder30At: true,
  expiryReminder7At: true,
} as const satisfies Prisma.ListingSelect;
type FullLifecycle = {
  status: ListingStatus;
  submittedAt: Date | null;
  publishedAt: Date | null;
  expiresAt: Date | null;
  archivedAt: Date | null;
  screening: ScreeningStatus;
  screenedAt: Date | null;
  screenedById: string | null;
  expiryReminder30At: Date | null;
  expiryReminder7At: Date | null;
};
type Lifecycle = Partial<FullLifecycle>;
const NEW_LISTING: FullLifecycle = {
  status: "draft",
  submittedAt: null,
  publishedAt: null,
  expiresAt: null,
  archivedAt: null,
  screening: "not_required",
  screenedAt: null,
  screenedById: null,
  expiryReminder30At: null,
  expiryReminder7At: null,
};
type ExistingListing = FullLifecycle & { id: string; externalRef: string | null; organisationId: string };
type Planned = { listing: ImportListing; id: string; organisationId: string; existing: ExistingListing | null; lifecycle: Lifecycle };

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Parses, validates and imports one file; see `importListings`. */
export async function importFile(content: string, format: ImportFormat, options: Omit<ImportOptions, "format">): Promise<ImportResult> {
  const parsed = parseImportFile(content, format);
  if (!parsed.ok) return parsed;
  return importListings(parsed.rows, { ...options, format });
}

/**
 * Imports raw rows, all or nothing: when any row is invalid (or names an unknown organisation)
 * nothing is written and every error is returned. Otherwise one transaction creates new
 * listings and updates those whose externalRef exists (scalar fields; translations, patents
 * and declared valuations replaced), queues the search sync of each published listing and
 * writes one audit entry for the file.
 */
export async function importListings(rows: readonly unknown[], options: ImportOptions): Promise<ImportResult> {
  if (rows.length > MAX_IMPORT_ROWS) return fileError("validation:import.tooManyRows", { max: MAX_IMPORT_ROWS });
  // Bulk import bypasses review (it can publish), so only operators may run it.
  if (options.actorId) {
    const actor = await prisma.user.findUnique({ where: { id: options.actorId }, select: { role: true } });
    if (actor?.role !== "admin") throw new UserError(403, "common:errors.forbidden");
  }
  const { valid, errors } = validateImportRows(rows, { format: options.format });
  const orgPath = "organisationExternalRef";
  const batchSize = options.batchSize ?? BATCH_SIZE;

  return prisma.$transaction(
    async (tx): Promise<ImportResult> => {
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock($1)", IMPORT_LOCK_KEY);

      const refs = new Set(valid.map((l) => l.organisationExternalRef).filter((r): r is string => r !== null));
      const defaultRef = options.defaultOrganisationRef?.trim() || null;
      if (defaultRef) refs.add(defaultRef);
      const organisations = new Map(
        (await tx.organisation.findMany({ where: { externalRef: { in: [...refs] } }, select: { id: true, externalRef: true, kind: true } })).map((o) => [o.externalRef!, o]),
      );
      if (defaultRef && !organisations.has(defaultRef)) errors.push({ row: 0, path: "organisation", messageKey: "validation:import.unknownOrganisation", params: { ref: defaultRef } });

      const existing = new Map<string, ExistingListing>();
      for (const part of chunks(valid.map((l) => l.externalRef), 5000)) {
        const found = await tx.listing.findMany({
          where: { externalRef: { in: part } },
          select: { id: true, externalRef: true, organisationId: true, ...LIFECYCLE_SELECT },
        });
        for (const l of found) existing.set(l.externalRef!, l);
      }

      const now = new Date();
      const expiresAt = new Date(now);
      expiresAt.setUTCMonth(expiresAt.getUTCMonth() + PUBLICATION_MONTHS);
      const planned: Planned[] = [];
      const slugs = new Set<string>();
      for (const listing of valid) {
        const ref = listing.organisationExternalRef ?? defaultRef;
        const organisation = ref ? organisations.get(ref) : undefined;
        if (!ref) {
          errors.push({ row: listing.row, path: orgPath, messageKey: "validation:import.organisationRequired" });
          continue;
        }
        if (!organisation) {
          // An unknown default is reported once, for the file.
          if (listing.organisationExternalRef) errors.push({ row: listing.row, path: orgPath, messageKey: "validation:import.unknownOrganisation", params: { ref } });
          continue;
        }
        if (organisation.kind !== "sme") {
          errors.push({ row: listing.row, path: orgPath, messageKey: "validation:import.organisationNotSeller", params: { ref } });
          continue;
        }
        const current = existing.get(listing.externalRef) ?? null;
        // Moving a listing would hand its inquiries and NDAs to another company.
        if (current && current.organisationId !== organisation.id) {
          errors.push({ row: listing.row, path: orgPath, messageKey: "validation:import.organisationChanged" });
          continue;
        }
        planned.push({
          listing,
          id: current?.id ?? randomUUID(),
          organisationId: organisation.id,
          existing: current,
          lifecycle: lifecycleFor(listing, current, { publish: options.publish === true, now, expiresAt, actorId: options.actorId }),
        });
      }
      if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };

      let done = 0;
      let created = 0;
      let published = 0;
      options.onProgress?.(0, planned.length);
      for (const batch of chunks(planned, batchSize)) {
        const fresh = batch.filter((p) => !p.existing);
        const old = batch.filter((p) => p.existing);
        await insertRows<Prisma.ListingCreateManyInput>(
          tx,
          "Listing",
          LISTING_COLUMNS,
          fresh.map((p) => ({ ...scalarData(p.listing), ...NEW_LISTING, ...p.lifecycle, id: p.id, slug: uniqueSlug(p.listing, slugs), organisationId: p.organisationId, externalRef: p.listing.externalRef, originalLocale: p.listing.originalLocale, updatedAt: now })),
        );
        if (old.length) {
          await updateListings(tx, old);
          const ids = old.map((p) => p.id);
          await tx.listingTranslation.deleteMany({ where: { listingId: { in: ids } } });
          const replaced = old.filter((p) => !p.listing.keepPatentsAndValuation).map((p) => p.id);
          if (replaced.length) {
            await tx.patent.deleteMany({ where: { listingId: { in: replaced } } });
            // Valuations from a platform session belong to that booking, not to the file.
            await tx.valuation.deleteMany({ where: { listingId: { in: replaced }, bookingId: null, source: { not: "platform_session" } } });
          }
        }
        await writeChildren(tx, batch, now, options.actorId);
        const live = batch.filter((p) => (p.lifecycle.status ?? p.existing?.status) === "published");
        await enqueueListingsChanged(tx, live.map((p) => p.id));
        created += fresh.length;
        published += live.length;
        done += batch.length;
        options.onProgress?.(done, planned.length);
      }

      const importId = randomUUID();
      const summary: ImportSummary = { importId, rows: planned.length, created, updated: planned.length - created, published };
      await audit(tx, options.actorId, "listing.import", "ListingImport", importId, {
        format: options.format ?? "json",
        fileName: options.fileName ?? null,
        rows: summary.rows,
        created: summary.created,
        updated: summary.updated,
        published: summary.published,
      });
      return { ok: true, ...summary };
    },
    // One transaction for the whole file: 50,000 rows take minutes, not Prisma's 5-second default.
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}

function scalarData(l: ImportListing) {
  return {
    field: l.field,
    trl: l.trl,
    ipcCodes: l.ipcCodes,
    keywords: l.keywords,
    transferModes: l.transferModes,
    targetRegions: l.targetRegions,
    targetCountries: l.targetCountries,
    willTravel: l.willTravel,
    askingMinMinor: l.askingMinMinor,
    askingMaxMinor: l.askingMaxMinor,
    askingCurrency: l.askingCurrency,
    consultingNeeds: l.consultingNeeds,
    workingLanguages: l.workingLanguages,
  };
}

/**
 * Status and screening after the import. An operator's import with `publish` counts as the
 * approval (screening decided as cleared where the rules require it); otherwise status never
 * changes, so re-importing a file cannot unpublish a live listing. A change of field or IPC
 * that brings a live listing under screening makes it pending, as an approved revision does.
 */
function lifecycleFor(l: ImportListing, current: ExistingListing | null, ctx: { publish: boolean; now: Date; expiresAt: Date; actorId: string | null }): Lifecycle {
  const screened = needsScreening({ field: l.field, ipcCodes: l.ipcCodes });
  const cleared: Lifecycle = { screening: "cleared", screenedAt: ctx.now, screenedById: ctx.actorId };
  const publishing = ctx.publish && l.status === "published";
  if (!current) {
    if (!publishing) return { status: "draft" };
    return { status: "published", submittedAt: ctx.now, publishedAt: ctx.now, expiresAt: ctx.expiresAt, ...(screened ? cleared : { screening: "not_required" }) };
  }
  const decided = current.screening === "cleared" || current.screening === "restricted";
  const screening: Lifecycle = !screened || decided ? {} : publishing ? cleared : current.screening === "not_required" && current.status !== "draft" ? { screening: "pending" } : {};
  if (publishing && current.status !== "published") {
    return {
      status: "published",
      publishedAt: current.publishedAt ?? ctx.now,
      expiresAt: ctx.expiresAt,
      archivedAt: null,
      // Reminders refer to the previous expiry date.
      expiryReminder30At: null,
      expiryReminder7At: null,
      ...(screened ? screening : { screening: "not_required" }),
    };
  }
  return screening;
}

/**
 * Updates a batch of existing listings in one statement. Prisma has no multi-row update with
 * per-row values, and one `update` per row made a 10,000-row re-import take minutes; the
 * batch travels as one JSON parameter that PostgreSQL unpacks with jsonb_to_recordset.
 * tests/db/import.test.ts exercises every column, so a renamed column fails there.
 */
async function updateListings(tx: Tx, planned: Planned[]) {
  const rows = planned.map((p) => {
    const lifecycle: FullLifecycle = { ...pickLifecycle(p.existing!), ...p.lifecycle };
    return { id: p.id, ...scalarData(p.listing), ...lifecycle };
  });
  const json = toJson(rows);
  await tx.$executeRawUnsafe(
    `UPDATE "Listing" AS l SET
       field = r.field, trl = r.trl, "ipcCodes" = r."ipcCodes", keywords = r.keywords,
       "transferModes" = r."transferModes", "targetRegions" = r."targetRegions", "targetCountries" = r."targetCountries",
       "willTravel" = r."willTravel", "askingMinMinor" = r."askingMinMinor", "askingMaxMinor" = r."askingMaxMinor",
       "askingCurrency" = r."askingCurrency", "consultingNeeds" = r."consultingNeeds", "workingLanguages" = r."workingLanguages",
       status = r.status, "submittedAt" = r."submittedAt", "publishedAt" = r."publishedAt", "expiresAt" = r."expiresAt",
       "archivedAt" = r."archivedAt", screening = r.screening, "screenedAt" = r."screenedAt", "screenedById" = r."screenedById",
       "expiryReminder30At" = r."expiryReminder30At", "expiryReminder7At" = r."expiryReminder7At", "updatedAt" = now()
     FROM jsonb_to_recordset($1::jsonb) AS r(
       id text, field text, trl integer, "ipcCodes" text[], keywords text[],
       "transferModes" text[], "targetRegions" text[], "targetCountries" text[],
       "willTravel" boolean, "askingMinMinor" bigint, "askingMaxMinor" bigint,
       "askingCurrency" text, "consultingNeeds" text[], "workingLanguages" text[],
       status "ListingStatus", "submittedAt" timestamptz, "publishedAt" timestamptz, "expiresAt" timestamptz,
       "archivedAt" timestamptz, screening "ScreeningStatus", "screenedAt" timestamptz, "screenedById" text,
       "expiryReminder30At" timestamptz, "expiryReminder7At" timestamptz)
     WHERE l.id = r.id`,
    json,
  );
}

function pickLifecycle(l: ExistingListing): FullLifecycle {
  return Object.fromEntries(Object.keys(LIFECYCLE_SELECT).map((k) => [k, l[k as keyof FullLifecycle]])) as FullLifecycle;
}

function uniqueSlug(l: ImportListing, taken: Set<string>): string {
  const source = l.translations.find((t) => t.locale === "en")?.title ?? l.translations[0]!.title;
  // Eight random characters make a clash with existing slugs negligible; the set rules out
  // clashes inside the file, which would fail the whole batch.
  for (;;) {
    const slug = makeSlug(source, randomSuffix(8));
    if (!taken.has(slug)) {
      taken.add(slug);
      return slug;
    }
  }
}

async function writeChildren(tx: Tx, batch: Planned[], now: Date, actorId: string | null) {
  await insertRows<Prisma.ListingTranslationCreateManyInput>(tx, "ListingTranslation", TRANSLATION_COLUMNS, batch.flatMap((p) => p.listing.translations.map((t) => ({ id: randomUUID(), listingId: p.id, ...t, updatedAt: now }))));
  await insertRows<Prisma.PatentCreateManyInput>(tx, "Patent", PATENT_COLUMNS, batch.flatMap((p) => p.listing.patents.map((pt) => ({ id: randomUUID(), listingId: p.id, ...pt }))));
  const valuations = batch.flatMap((p) => {
    const v = p.listing.valuation;
    if (!v) return [];
    const { verified, ...rest } = v;
    return [{ id: randomUUID(), listingId: p.id, ...rest, source: verified ? ("admin_confirmed" as const) : ("declared" as const), verifiedAt: verified ? now : null, verifiedById: verified ? actorId : null }];
  });
  await insertRows<Prisma.ValuationCreateManyInput>(tx, "Valuation", VALUATION_COLUMNS, valuations);
}

/*
 * Bulk inserts. Prisma's createMany spends about a millisecond per row building and binding
 * parameters (10,000 listings with their texts took close to a minute on PGlite); sending each
 * batch as one JSON parameter that PostgreSQL unpacks with jsonb_to_recordset is over ten
 * times faster on both databases. Column lists are typed against Prisma's input types, so a
 * renamed field fails to compile; ids and `updatedAt` are Prisma-side defaults and are
 * therefore always given here. Every row names every listed column: a listed column missing
 * from the JSON would be NULL, not its default.
 */
type ColumnTypes<T> = { [K in keyof T & string]?: string };

const LISTING_COLUMNS: ColumnTypes<Prisma.ListingCreateManyInput> = {
  id: "text",
  slug: "text",
  organisationId: "text",
  externalRef: "text",
  originalLocale: "text",
  field: "text",
  trl: "integer",
  ipcCodes: "text[]",
  keywords: "text[]",
  transferModes: "text[]",
  targetRegions: "text[]",
  targetCountries: "text[]",
  willTravel: "boolean",
  askingMinMinor: "bigint",
  askingMaxMinor: "bigint",
  askingCurrency: "text",
  consultingNeeds: "text[]",
  workingLanguages: "text[]",
  status: '"ListingStatus"',
  submittedAt: "timestamptz",
  publishedAt: "timestamptz",
  expiresAt: "timestamptz",
  screening: '"ScreeningStatus"',
  screenedAt: "timestamptz",
  screenedById: "text",
  archivedAt: "timestamptz",
  expiryReminder30At: "timestamptz",
  expiryReminder7At: "timestamptz",
  updatedAt: "timestamptz",
};

const TRANSLATION_COLUMNS: ColumnTypes<Prisma.ListingTranslationCreateManyInput> = {
  id: "text",
  listingId: "text",
  locale: "text",
  title: "text",
  summary: "text",
  problem: "text",
  solution: "text",
  advantages: "text",
  applications: "text",
  confidential: "text",
  reviewedByHuman: "boolean",
  updatedAt: "timestamptz",
};

const PATENT_COLUMNS: ColumnTypes<Prisma.PatentCreateManyInput> = {
  id: "text",
  listingId: "text",
  number: "text",
  jurisdiction: "text",
  status: "text",
  title: "text",
  filedOn: "date",
  expiresOn: "date",
};

const VALUATION_COLUMNS: ColumnTypes<Prisma.ValuationCreateManyInput> = {
  id: "text",
  listingId: "text",
  method: "text",
  lowMinor: "bigint",
  highMinor: "bigint",
  currency: "text",
  valuedOn: "date",
  validUntil: "date",
  issuerName: "text",
  certificateRef: "text",
  source: '"ValuationSource"',
  verifiedAt: "timestamptz",
  verifiedById: "text",
};

const quote = (name: string) => `"${name}"`;
const toJson = (rows: readonly object[]) => JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));

async function insertRows<T extends object>(tx: Tx, table: string, columns: ColumnTypes<T>, rows: readonly T[]) {
  if (rows.length === 0) return;
  const entries = Object.entries(columns) as [string, string][];
  // A key without a column would be dropped and a missing key would become NULL; either is a
  // bug in this module, not bad input.
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    for (const key of Object.keys(values)) if (!(key in columns)) throw new Error(`import: no ${table} column for "${key}"`);
    for (const [name] of entries) if (values[name] === undefined) throw new Error(`import: ${table}.${name} is missing`);
  }
  const names = entries.map(([name]) => quote(name)).join(", ");
  const definitions = entries.map(([name, type]) => `${quote(name)} ${type}`).join(", ");
  // Dates arrive as ISO strings; "date" columns take the day of an ISO instant at UTC midnight.
  for (const part of chunks(rows, 2000)) {
    await tx.$executeRawUnsafe(`INSERT INTO ${quote(table)} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${definitions})`, toJson(part));
  }
}
