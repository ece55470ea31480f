/** The user's shortlist: listings set aside, each with a private note (edit, remove). */
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { requireUser } from "~/auth/session.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { parseForm } from "~/lib/forms";
import { UserError } from "~/lib/http.server";
import { orRespond } from "~/matching/http.server";
import { shortlistSchema, SHORTLIST_NOTE_MAX } from "~/matching/schemas";
import { addToShortlist, listShortlist, removeFromShortlist } from "~/matching/shortlist.server";
import matchingStyles from "~/styles/matching.css";

export const handle = { i18n: ["matching", "taxonomy"] };
export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: matchingStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  return { pageTitle: (await getFixedT(locale, "matching"))("matching:shortlist.title"), entries: await orRespond(listShortlist(user, locale)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseForm(shortlistSchema, formData);
  if (!parsed.ok) return { listingId: String(formData.get("listingId") ?? ""), errors: parsed.errors, values: parsed.values };
  try {
    if (formData.get("intent") === "remove") await removeFromShortlist(user, parsed.data.listingId);
    else await addToShortlist(user, parsed.data.listingId, parsed.data.note);
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
  return redirect("/workspace/shortlist");
}

export default function Shortlist() {
  const { t } = useTranslation();
  const { entries } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container">
      <h1>{t("matching:shortlist.title")}</h1>
      <p className="muted">{t("matching:shortlist.intro")}</p>
      {entries.length === 0 ? (
        <div className="card empty-state">
          <p>{t("matching:shortlist.empty")}</p>
          <Link to="/technologies">{t("matching:savedSearches.goSearch")}</Link>
        </div>
      ) : (
        <ul className="card-list" data-testid="shortlist-entries">
          {entries.map((e) => {
            const error = data?.listingId === e.listing.id ? data.errors?.note : undefined;
            const typed = data?.listingId === e.listing.id ? data.values?.note : undefined;
            return (
              <li key={e.id} className="card">
                <div className="saved-search-row">
                  <div>
                    {e.listing.available ? (
                      <Link to={`/technologies/${e.listing.slug}`} lang={e.listing.titleLocale}>
                        {e.listing.title}
                      </Link>
                    ) : (
                      <span lang={e.listing.titleLocale}>{e.listing.title}</span>
                    )}
                    <div className="small muted">
                      {t(`taxonomy:fields.${e.listing.field}`)} · {t("matching:trl", { trl: e.listing.trl })} · {e.listing.organisation}
                      {e.listing.available ? null : <> · {t("matching:shortlist.unavailable")}</>}
                    </div>
                  </div>
                  <Form method="post">
                    <input type="hidden" name="listingId" value={e.listing.id} />
                    <button type="submit" name="intent" value="remove" className="button button-small button-danger" disabled={busy}>
                      {t("matching:shortlist.remove")}
                    </button>
                  </Form>
                </div>
                {e.listing.available ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="listingId" value={e.listing.id} />
                    <div className={`field${error ? " field-invalid" : ""}`}>
                      <label htmlFor={`note-${e.id}`}>{t("matching:shortlist.note")}</label>
                      <textarea
                        id={`note-${e.id}`}
                        name="note"
                        rows={2}
                        maxLength={SHORTLIST_NOTE_MAX}
                        defaultValue={typeof typed === "string" ? typed : e.note}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `note-${e.id}-error` : undefined}
                        dir="auto"
                      />
                      {error ? (
                        <p className="error-text" id={`note-${e.id}-error`} role="alert">
                          {t(error)}
                        </p>
                      ) : null}
                    </div>
                    <button type="submit" name="intent" value="add" className="button button-small" disabled={busy}>
                      {t("matching:shortlist.saveNote")}
                    </button>
                  </Form>
                ) : (
                  e.note && <p dir="auto">{e.note}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
