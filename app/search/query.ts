/**
 * The search page's and API's parameters, parsed from the URL. Anything malformed is
 * normalised (clamped page, swapped ranges, trimmed query) or reported as a 400 with a
 * translation key; it never reaches the engine unchecked.
 */
import { CERTIFICATIONS, isLocale, REGIONS, TECH_FIELDS, TRANSFER_MODES, type Locale } from "~/domain/taxonomy";
import type { SearchQuery } from "@search/types";

export const MAX_QUERY_LENGTH = 200;
export const PAGE_SIZE = 12;
export const MAX_PAGE = 500;
export const SORTS = ["relevance", "newest", "trl_desc", "trl_asc", "price_asc", "price_desc"] as const;

export type QueryProblem = { param: string; messageKey: string };

function pickAll(params: URLSearchParams, key: string, allowed: readonly string[], problems: QueryProblem[]) {
  const values = params.getAll(key).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const unknown = values.filter((v) => !allowed.includes(v));
  if (unknown.length) problems.push({ param: key, messageKey: "search:errors.unknownFacet" });
  return [...new Set(values.filter((v) => allowed.includes(v)))];
}

function intParam(params: URLSearchParams, key: string, min: number, max: number, problems: QueryProblem[]) {
  const raw = params.get(key);
  if (raw === null || raw.trim() === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    problems.push({ param: key, messageKey: "search:errors.notANumber" });
    return undefined;
  }
  return Math.min(max, Math.max(min, Math.trunc(n)));
}

export function parseSearchParams(params: URLSearchParams, viewerLocale: Locale): { query: SearchQuery; problems: QueryProblem[] } {
  const problems: QueryProblem[] = [];
  let q = (params.get("q") ?? "").normalize("NFKC").replace(/\s+/g, " ").trim();
  if (q.length > MAX_QUERY_LENGTH) {
    problems.push({ param: "q", messageKey: "search:errors.queryTooLong" });
    q = q.slice(0, MAX_QUERY_LENGTH);
  }
  const lng = params.get("lng");
  if (lng !== null && lng !== "" && !isLocale(lng)) problems.push({ param: "lng", messageKey: "search:errors.unsupportedLocale" });
  const locale = isLocale(lng) ? lng : viewerLocale;

  let trlMin = intParam(params, "trlMin", 1, 9, problems);
  let trlMax = intParam(params, "trlMax", 1, 9, problems);
  if (trlMin !== undefined && trlMax !== undefined && trlMin > trlMax) [trlMin, trlMax] = [trlMax, trlMin];
  let priceMinUsd = intParam(params, "priceMin", 0, 1e12, problems);
  let priceMaxUsd = intParam(params, "priceMax", 0, 1e12, problems);
  if (priceMinUsd !== undefined && priceMaxUsd !== undefined && priceMinUsd > priceMaxUsd) [priceMinUsd, priceMaxUsd] = [priceMaxUsd, priceMinUsd];
  const hasValuationRaw = params.get("valuation");
  const sortRaw = params.get("sort");
  const sort = (SORTS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as SearchQuery["sort"]) : "relevance";
  if (sortRaw && sort !== sortRaw) problems.push({ param: "sort", messageKey: "search:errors.unknownSort" });
  const page = intParam(params, "page", 1, MAX_PAGE, problems) ?? 1;

  return {
    problems,
    query: {
      q,
      locale,
      sort,
      page,
      pageSize: PAGE_SIZE,
      filters: {
        fields: pickAll(params, "field", TECH_FIELDS, problems),
        transferModes: pickAll(params, "mode", TRANSFER_MODES, problems),
        regions: pickAll(params, "region", REGIONS, problems),
        certifications: pickAll(params, "cert", CERTIFICATIONS, problems),
        trlMin,
        trlMax,
        priceMinUsd,
        priceMaxUsd,
        hasValuation: hasValuationRaw === "1" || hasValuationRaw === "true" ? true : undefined,
      },
    },
  };
}
