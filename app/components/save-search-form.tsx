/**
 * "Save this search": names the search page's current query and saves it (resource route
 * /matching/saved-searches). Self-contained: drop it on the search page with the current
 * query string; the page's route must load the "matching" namespace.
 */
import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SAVED_SEARCH_NAME_MAX } from "~/matching/schemas";
import { FormError } from "./form";

type Result = { ok: boolean; id?: string; formError: string | null; errors: Record<string, string>; values: Record<string, string | string[]> };

export function SaveSearchForm({ query, defaultName = "" }: { query: string; defaultName?: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<Result>();
  const result = fetcher.data;
  const busy = fetcher.state !== "idle";
  const nameError = result?.errors?.name;
  if (result?.ok && fetcher.state === "idle") {
    return (
      <p className="alert alert-success" role="status" data-testid="search-saved">
        {t("matching:savedSearches.saved")} <Link to="/workspace/saved-searches">{t("matching:savedSearches.manage")}</Link>
      </p>
    );
  }
  const typed = result?.values?.name;
  return (
    <fetcher.Form method="post" action="/matching/saved-searches" className="save-search-form" aria-label={t("matching:savedSearches.save")}>
      <FormError error={result?.formError} />
      <input type="hidden" name="query" value={query} />
      <div className={`field${nameError ? " field-invalid" : ""}`}>
        <label htmlFor="save-search-name">{t("matching:savedSearches.name")}</label>
        <input
          id="save-search-name"
          name="name"
          required
          maxLength={SAVED_SEARCH_NAME_MAX}
          defaultValue={typeof typed === "string" ? typed : defaultName}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? "save-search-name-error" : undefined}
          dir="auto"
        />
        {nameError ? (
          <p className="error-text" id="save-search-name-error" role="alert">
            {t(nameError)}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-small" disabled={busy}>
        {t("matching:savedSearches.save")}
      </button>
    </fetcher.Form>
  );
}
