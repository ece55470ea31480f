/** The user's saved searches (open, rename, delete, alerts on/off) and their match e-mail preferences. */
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDate } from "~/lib/format";
import { parseForm } from "~/lib/forms";
import { UserError } from "~/lib/http.server";
import { deleteSavedSearch, listSavedSearches, renameSavedSearch, setSavedSearchAlerts } from "~/matching/saved-searches.server";
import { renameSearchSchema, SAVED_SEARCH_NAME_MAX } from "~/matching/schemas";
import { optedOut, setOptOut } from "~/matching/unsubscribe.server";
import matchingStyles from "~/styles/matching.css";

export const handle = { i18n: ["matching"] };
export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: matchingStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.role === "admin") throw new Response("common:errors.forbidden", { status: 403 });
  const [searches, offMatches, offDigest] = await Promise.all([listSavedSearches(user), optedOut(prisma, [user.id], "matches"), optedOut(prisma, [user.id], "digest")]);
  const locale = await getLocale(request);
  return {
    pageTitle: (await getFixedT(locale, "matching"))("matching:savedSearches.title"),
    locale,
    searches: searches.map((s) => ({ id: s.id, name: s.name, query: s.query, alertsEnabled: s.alertsEnabled, createdAt: s.createdAt.toISOString() })),
    prefs: { matches: !offMatches.has(user.id), digest: !offDigest.has(user.id) },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const id = String(formData.get("id") ?? "");
  try {
    if (intent === "rename") {
      const parsed = parseForm(renameSearchSchema, formData);
      if (!parsed.ok) return { id, errors: parsed.errors, values: parsed.values };
      await renameSavedSearch(user, id, parsed.data.name);
    } else if (intent === "delete") {
      await deleteSavedSearch(user, id);
    } else if (intent === "alerts") {
      await setSavedSearchAlerts(user, id, formData.get("enabled") === "true");
    } else if (intent === "prefs") {
      const prefs = z.object({ matches: z.string().optional(), digest: z.string().optional() }).parse(Object.fromEntries(formData));
      if (user.role === "admin") throw new UserError(403, "common:errors.forbidden");
      await setOptOut(user.id, "matches", prefs.matches !== "on");
      await setOptOut(user.id, "digest", prefs.digest !== "on");
    } else {
      throw new UserError(400, "common:errors.badRequest");
    }
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
  return redirect(`/workspace/saved-searches?done=${encodeURIComponent(String(intent))}`);
}

export default function SavedSearches() {
  const { t } = useTranslation();
  const { searches, prefs, locale } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container">
      <h1>{t("matching:savedSearches.title")}</h1>
      <p className="muted">{t("matching:savedSearches.intro")}</p>
      {searches.length === 0 ? (
        <div className="card empty-state">
          <p>{t("matching:savedSearches.empty")}</p>
          <Link to="/technologies">{t("matching:savedSearches.goSearch")}</Link>
        </div>
      ) : (
        <ul className="card-list" data-testid="saved-searches">
          {searches.map((s) => {
            const error = data?.id === s.id ? data.errors?.name : undefined;
            const typed = data?.id === s.id ? data.values?.name : undefined;
            return (
              <li key={s.id} className="card">
                <div className="saved-search-row">
                  <div>
                    <Link to={`/technologies?${s.query}`} dir="auto">
                      {s.name}
                    </Link>
                    <div className="small muted">
                      {t("matching:savedSearches.savedOn", { date: formatDate(s.createdAt, locale) })} · {t(s.alertsEnabled ? "matching:savedSearches.alertsOn" : "matching:savedSearches.alertsOff")}
                    </div>
                  </div>
                  <div className="saved-search-actions">
                    <Form method="post">
                      <input type="hidden" name="id" value={s.id} />
                      <input type="hidden" name="enabled" value={s.alertsEnabled ? "false" : "true"} />
                      <button type="submit" name="intent" value="alerts" className="button button-small" disabled={busy}>
                        {t(s.alertsEnabled ? "matching:savedSearches.turnAlertsOff" : "matching:savedSearches.turnAlertsOn")}
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="id" value={s.id} />
                      <button type="submit" name="intent" value="delete" className="button button-small button-danger" disabled={busy}>
                        {t("matching:savedSearches.delete")}
                      </button>
                    </Form>
                  </div>
                </div>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={s.id} />
                  <div className={`field${error ? " field-invalid" : ""}`}>
                    <label htmlFor={`rename-${s.id}`}>{t("matching:savedSearches.rename")}</label>
                    <input
                      id={`rename-${s.id}`}
                      name="name"
                      maxLength={SAVED_SEARCH_NAME_MAX}
                      defaultValue={typeof typed === "string" ? typed : s.name}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `rename-${s.id}-error` : undefined}
                      dir="auto"
                    />
                    {error ? (
                      <p className="error-text" id={`rename-${s.id}-error`} role="alert">
                        {t(error)}
                      </p>
                    ) : null}
                  </div>
                  <button type="submit" name="intent" value="rename" className="button button-small" disabled={busy}>
                    {t("matching:savedSearches.renameAction")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
      <section className="card" aria-labelledby="prefs-title">
        <h2 id="prefs-title">{t("matching:prefs.title")}</h2>
        <Form method="post">
          <label className="inline-check">
            <input type="checkbox" name="matches" defaultChecked={prefs.matches} /> {t("matching:prefs.matches")}
          </label>
          <label className="inline-check">
            <input type="checkbox" name="digest" defaultChecked={prefs.digest} /> {t("matching:prefs.digest")}
          </label>
          <div className="form-actions">
            <button type="submit" name="intent" value="prefs" className="button" disabled={busy}>
              {t("matching:prefs.save")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
