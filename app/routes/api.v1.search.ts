import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/i18n/i18n.server";
import { apiError, json } from "~/lib/api.server";
import { parseSearchParams } from "~/search/query";
import { runSearch } from "~/search/run-search.server";

/** Same parameters as /technologies; unknown values are a 400 here rather than silently ignored. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { query, problems } = parseSearchParams(url.searchParams, await getLocale(request));
  const fatal = problems.filter((p) => p.messageKey !== "search:errors.queryTooLong");
  if (fatal.length) return apiError(request, 400, fatal[0]!.messageKey, fatal);
  const result = await runSearch(query, query.locale);
  return json({
    query,
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    facets: result.facets,
    processingTimeMs: result.processingTimeMs,
    hits: result.cards.map((c) => ({ id: c.id, slug: c.slug, title: c.title, summary: c.summary, textLocale: c.textLocale, isFallback: c.isFallback, field: c.field, trl: c.trl, organisation: c.organisationName, highlights: c.highlights })),
    notices: problems,
  });
}
