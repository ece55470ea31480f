/**
 * Meilisearch index configuration kept in code (the index is disposable and
 * rebuilt from the database, so its settings must be reproducible), plus the
 * flattened document shape it indexes.
 *
 * Per-locale text is flattened into `title_ko`, `summary_en`, … so that
 * `localizedAttributes` can pick the right segmenter per language (lindera
 * ko-dic for Korean, jieba for Chinese, …) and ranking can prefer titles.
 */
import type { Settings } from "meilisearch";
import { LOCALES, type Locale } from "../app/domain/taxonomy";
import { buildMeiliSynonyms, type Glossary } from "./glossary";
import { STOP_WORDS } from "./shared";
import { singularsOf } from "./tokenize";
import type { SearchDocument } from "./types";

/** ISO 639-3 codes Meilisearch uses for `localizedAttributes` and the `locales` search parameter. */
export const MEILI_LOCALES: Record<Locale, string> = { ko: "kor", en: "eng", ja: "jpn", zh: "cmn", vi: "vie", es: "spa", ar: "ara" };

const perLocale = (prefix: "title" | "summary" | "body") => LOCALES.map((l) => `${prefix}_${l}`);

/** Priority order matters: Meilisearch's "attribute" rule ranks earlier attributes higher. */
export const SEARCHABLE_ATTRIBUTES = [...perLocale("title"), ...perLocale("summary"), "keywords", "fieldLabels", ...perLocale("body"), "orgName", "ipc", "singulars"];

/** The facets every search requests, in SearchResult.facets order. */
export const FACET_ATTRIBUTES = ["field", "trl", "transferModes", "targetRegions", "certifications", "hasValuation"] as const;

export const FILTERABLE_ATTRIBUTES = [...FACET_ATTRIBUTES, "valuationVerified", "priceLow", "priceHigh", "publishedAt"];

/** priceLow/priceHigh = min ?? max / max ?? min, so one-sided prices still sort and filter. */
export const SORTABLE_ATTRIBUTES = ["publishedAt", "trl", "priceLow", "priceHigh"];

/**
 * "sort" first: an explicit sort (newest, TRL, price) orders all matches, as in
 * the embedded engine; without one it is a no-op. Ties end newest first.
 */
export const RANKING_RULES = ["sort", "words", "typo", "proximity", "attribute", "exactness", "publishedAt:desc"];

/**
 * Listings matching a query can be all of them in browse mode; the total and
 * deep pages must stay exact up to the marketplace's size (default is 1000).
 */
export const MAX_TOTAL_HITS = 100_000;

export function buildIndexSettings(glossary: Glossary): Settings {
  return {
    searchableAttributes: SEARCHABLE_ATTRIBUTES,
    filterableAttributes: FILTERABLE_ATTRIBUTES,
    sortableAttributes: SORTABLE_ATTRIBUTES,
    rankingRules: RANKING_RULES,
    localizedAttributes: LOCALES.map((l) => ({ attributePatterns: [`*_${l}`], locales: [MEILI_LOCALES[l]] })),
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      // IPC codes are identifiers: "H01M" must not match "H01L".
      disableOnAttributes: ["ipc"],
    },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    stopWords: [...STOP_WORDS],
    synonyms: buildMeiliSynonyms(glossary),
  };
}

/** A SearchDocument as Meilisearch stores it: per-locale text flattened, prices only when known. */
export type MeiliDocument = Omit<SearchDocument, "title" | "summary" | "body" | "priceMinUsd" | "priceMaxUsd"> & {
  priceMinUsd?: number;
  priceMaxUsd?: number;
  priceLow?: number;
  priceHigh?: number;
  /** Singulars of the plural words in the texts (Meilisearch does not stem; see singularQuery). */
  singulars?: string[];
} & { [K in `${"title" | "summary" | "body"}_${Locale}`]?: string };

/**
 * Unpriced listings get no price attributes at all: Meilisearch then sorts
 * them last in both directions and no price filter matches them.
 */
export function toMeiliDocument(doc: SearchDocument): MeiliDocument {
  const out: MeiliDocument = {
    id: doc.id,
    slug: doc.slug,
    keywords: doc.keywords,
    field: doc.field,
    fieldLabels: doc.fieldLabels,
    ipc: doc.ipc,
    trl: doc.trl,
    transferModes: doc.transferModes,
    targetRegions: doc.targetRegions,
    certifications: doc.certifications,
    hasValuation: doc.hasValuation,
    valuationVerified: doc.valuationVerified,
    publishedAt: doc.publishedAt,
    orgName: doc.orgName,
  };
  for (const locale of LOCALES) {
    if (doc.title[locale]) out[`title_${locale}`] = doc.title[locale];
    if (doc.summary[locale]) out[`summary_${locale}`] = doc.summary[locale];
    if (doc.body[locale]) out[`body_${locale}`] = doc.body[locale];
  }
  const singulars = singularsOf([...LOCALES.flatMap((l) => [doc.title[l] ?? "", doc.summary[l] ?? "", doc.body[l] ?? ""]), ...doc.keywords]);
  if (singulars.length) out.singulars = singulars;
  if (doc.priceMinUsd !== null) out.priceMinUsd = doc.priceMinUsd;
  if (doc.priceMaxUsd !== null) out.priceMaxUsd = doc.priceMaxUsd;
  const low = doc.priceMinUsd ?? doc.priceMaxUsd;
  const high = doc.priceMaxUsd ?? doc.priceMinUsd;
  if (low !== null) out.priceLow = low;
  if (high !== null) out.priceHigh = high;
  return out;
}
