import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { ListingCard } from "~/components/listing-card";
import { CERTIFICATIONS, REGIONS, TECH_FIELDS, TRANSFER_MODES, TRL_LEVELS } from "~/domain/taxonomy";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatNumber } from "~/lib/format";
import { MAX_QUERY_LENGTH, parseSearchParams, SORTS } from "~/search/query";
import { runSearch, suggestForEmptyResult } from "~/search/run-search.server";
import { getSessionUser } from "~/auth/session.server";
import { SaveSearchForm } from "~/components/save-search-form";
import matchingStyles from "~/styles/matching.css";

export const handle = { i18n: ["search", "listing", "taxonomy", "matching"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: matchingStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, viewer] = await Promise.all([getLocale(request), getSessionUser(request)]);
  const url = new URL(request.url);
  const { query, problems } = parseSearchParams(url.searchParams, locale);
  const result = await runSearch(query, locale);
  const suggestions = result.total === 0 ? await suggestForEmptyResult(query) : null;
  const t = await getFixedT(locale, "search");
  return { locale, query, problems, result: { ...result, hits: undefined }, suggestions, search: url.search, pageTitle: t("search:meta.title"), canSave: viewer?.role === "buyer" || viewer?.role === "sme" };
}

export const meta = titleMeta;

function FacetList({ name, values, selected, counts, label }: { name: string; values: readonly string[]; selected: string[]; counts: Record<string, number>; label: (v: string) => string }) {
  return (
    <ul className="facet-list">
      {values.map((v) => (
        <li key={v}>
          <label>
            <input type="checkbox" name={name} value={v} defaultChecked={selected.includes(v)} />
            <span>{label(v)}</span>
            <span className="facet-count">{counts[v] ?? 0}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}

export default function SearchPage() {
  const { t } = useTranslation();
  const { query, result, locale, problems, search, suggestions, canSave } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const f = query.filters;
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/technologies";
  const totalPages = Math.max(1, Math.ceil(result.total / result.pageSize));

  // Keep the form in step with the URL on back/forward navigation.
  useEffect(() => {
    const input = formRef.current?.elements.namedItem("q") as HTMLInputElement | null;
    if (input && document.activeElement !== input) input.value = query.q;
  }, [query.q]);

  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const typing = (event.target as HTMLElement).getAttribute("name") === "q";
    clearTimeout(timer.current);
    timer.current = setTimeout(() => submit(form, { replace: typing, preventScrollReset: true }), typing ? 250 : 0);
  };

  // Filters are uncontrolled inputs: remount them when the URL's filters change (back/forward),
  // but not while the user types the query.
  const facetsKey = (() => {
    const p = new URLSearchParams(search);
    p.delete("q");
    p.delete("page");
    return p.toString();
  })();

  // On a phone the filters fold under one "Filters (n)" line so the results come first; without
  // JavaScript, and on wider screens, they stay open.
  const filtersRef = useRef<HTMLDetailsElement>(null);
  // Once the user opens or closes them, they stay so while filters are picked one after another.
  const filtersOpenedByUser = useRef<boolean | null>(null);
  useEffect(() => {
    const narrow = window.matchMedia("(max-width: 860px)");
    const fold = () => {
      if (filtersRef.current) filtersRef.current.open = !narrow.matches || filtersOpenedByUser.current === true;
    };
    fold();
    narrow.addEventListener("change", fold);
    return () => narrow.removeEventListener("change", fold);
  }, [facetsKey]);
  const activeFilters =
    (f.fields?.length ?? 0) +
    (f.transferModes?.length ?? 0) +
    (f.regions?.length ?? 0) +
    (f.certifications?.length ?? 0) +
    (f.trlMin !== undefined || f.trlMax !== undefined ? 1 : 0) +
    (f.hasValuation ? 1 : 0) +
    (f.priceMinUsd !== undefined || f.priceMaxUsd !== undefined ? 1 : 0);

  const without = (params: string[]) => {
    const next = new URLSearchParams(search);
    for (const p of [...params, "page"]) next.delete(p);
    return `?${next.toString()}`;
  };
  const fieldOnly = (field: string) => {
    const next = new URLSearchParams();
    if (query.q) next.set("q", query.q);
    next.set("field", field);
    return `?${next.toString()}`;
  };

  const pageLink = (page: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(page));
    return `?${params.toString()}`;
  };

  return (
    <div className="container search-page">
      <div className="section-head">
        <h1>{t("search:title")}</h1>
        {canSave && search ? <SaveSearchForm query={search.replace(/^\?/, "")} defaultName={query.q} key={search} /> : null}
      </div>
      <Form method="get" ref={formRef} onChange={onChange} className="search-layout" role="search">
        <div className="search-bar">
          <label htmlFor="search-q" className="visually-hidden">
            {t("search:queryLabel")}
          </label>
          <input id="search-q" type="search" name="q" defaultValue={query.q} placeholder={t("search:placeholder")} maxLength={MAX_QUERY_LENGTH} />
          <label htmlFor="search-sort" className="visually-hidden">
            {t("search:sortLabel")}
          </label>
          <select id="search-sort" name="sort" defaultValue={query.sort} key={query.sort}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`search:sort.${s}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-primary">
            {t("search:submit")}
          </button>
        </div>
        {problems.length ? (
          <div className="alert alert-info" role="status">
            {problems.map((p) => t(p.messageKey)).join(" ")}
          </div>
        ) : null}

        <aside className="facets" aria-label={t("search:filters")} key={facetsKey}>
          <details open ref={filtersRef} className="facets-fold">
          <summary className="facets-summary" onClick={() => (filtersOpenedByUser.current = !filtersRef.current?.open)}>
            {t("search:filters")}
            {activeFilters ? ` (${formatNumber(activeFilters, locale)})` : ""}
          </summary>
          <fieldset>
            <legend>{t("search:facets.field")}</legend>
            <FacetList name="field" values={TECH_FIELDS} selected={f.fields ?? []} counts={result.facets.field} label={(v) => t(`taxonomy:fields.${v}`)} />
          </fieldset>
          <fieldset>
            <legend>{t("search:facets.trl")}</legend>
            <div className="range-row">
              <label>
                <span className="small">{t("search:facets.from")}</span>
                <select name="trlMin" defaultValue={f.trlMin ?? ""}>
                  <option value="">—</option>
                  {TRL_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span className="small">{t("search:facets.to")}</span>
                <select name="trlMax" defaultValue={f.trlMax ?? ""}>
                  <option value="">—</option>
                  {TRL_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend>{t("search:facets.mode")}</legend>
            <FacetList name="mode" values={TRANSFER_MODES} selected={f.transferModes ?? []} counts={result.facets.transferModes} label={(v) => t(`taxonomy:transferModes.${v}`)} />
          </fieldset>
          <fieldset>
            <legend>{t("search:facets.region")}</legend>
            <FacetList name="region" values={REGIONS} selected={f.regions ?? []} counts={result.facets.targetRegions} label={(v) => t(`taxonomy:regions.${v}`)} />
          </fieldset>
          <fieldset>
            <legend>{t("search:facets.certification")}</legend>
            <FacetList name="cert" values={CERTIFICATIONS} selected={f.certifications ?? []} counts={result.facets.certifications} label={(v) => t(`taxonomy:certifications.${v}`)} />
          </fieldset>
          <fieldset>
            <legend>{t("search:facets.valuation")}</legend>
            <label className="facet-single">
              <input type="checkbox" name="valuation" value="1" defaultChecked={f.hasValuation === true} />
              <span>{t("search:facets.hasValuation")}</span>
              <span className="facet-count">{result.facets.hasValuation.true ?? 0}</span>
            </label>
          </fieldset>
          <fieldset>
            <legend>{t("search:facets.price")}</legend>
            <div className="range-row">
              <label>
                <span className="small">{t("search:facets.min")}</span>
                <input type="number" name="priceMin" min={0} inputMode="numeric" defaultValue={f.priceMinUsd ?? ""} />
              </label>
              <label>
                <span className="small">{t("search:facets.max")}</span>
                <input type="number" name="priceMax" min={0} inputMode="numeric" defaultValue={f.priceMaxUsd ?? ""} />
              </label>
            </div>
          </fieldset>
          <noscript>
            <button type="submit" className="button">
              {t("search:apply")}
            </button>
          </noscript>
          </details>
        </aside>

        <section className={`results${searching ? " results-loading" : ""}`} aria-live="polite" aria-busy={searching}>
          <p className="results-count" data-testid="results-count" data-total={result.total}>
            {t("search:resultsCount", { count: result.total, formatted: formatNumber(result.total, locale) })}
          </p>
          {result.cards.length === 0 ? (
            <div className="card no-results" data-testid="no-results">
              <h2>{t("search:noResults.title")}</h2>
              <p>{t("search:noResults.body")}</p>
              {suggestions?.relaxations.length ? (
                <ul className="suggestions">
                  {suggestions.relaxations.map((r) => (
                    <li key={r.group}>
                      <Link to={without(r.params)}>{t("search:noResults.relax", { filter: t(`search:facets.${r.group}`), count: r.total })}</Link>
                    </li>
                  ))}
                </ul>
              ) : null}
              {suggestions?.relatedFields.length ? (
                <>
                  <p>{t("search:noResults.relatedFields")}</p>
                  <ul className="field-chips">
                    {suggestions.relatedFields.map((f) => (
                      <li key={f.field}>
                        <Link to={fieldOnly(f.field)} className="chip">
                          {t(`taxonomy:fields.${f.field}`)} ({f.total})
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <>
                  <p>{t("search:noResults.browseFields")}</p>
                  <ul className="field-chips">
                    {TECH_FIELDS.map((f) => (
                      <li key={f}>
                        <Link to={`?field=${f}`} className="chip">
                          {t(`taxonomy:fields.${f}`)}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <Link to="/technologies" className="button">
                {t("search:noResults.clear")}
              </Link>
            </div>
          ) : (
            <div className="card-list">
              {result.cards.map((card) => (
                <ListingCard key={card.slug} listing={card} />
              ))}
            </div>
          )}
          {totalPages > 1 ? (
            <nav className="pagination" aria-label={t("search:pagination")}>
              {query.page > 1 ? <Link to={pageLink(query.page - 1)}>{t("search:previous")}</Link> : <span />}
              <span>{t("search:pageOf", { page: query.page, total: totalPages })}</span>
              {query.page < totalPages ? <Link to={pageLink(query.page + 1)}>{t("search:next")}</Link> : <span />}
            </nav>
          ) : null}
        </section>
      </Form>
    </div>
  );
}
