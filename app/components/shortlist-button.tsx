/**
 * Add a listing to (or remove it from) the signed-in user's shortlist, with an optional
 * note. Self-contained: it asks /matching/shortlist for its state when the page does not
 * pass it. Drop it on the listing page; the route must load the "matching" namespace.
 */
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { SHORTLIST_NOTE_MAX } from "~/matching/schemas";

type State = { signedIn: boolean; shortlisted: boolean; note: string };
type Result = { ok: boolean; shortlisted: boolean; formError: string | null; errors: Record<string, string> };

export function ShortlistButton({ listingId, initial }: { listingId: string; initial?: State }) {
  const { t } = useTranslation();
  const status = useFetcher<State>();
  const change = useFetcher<Result>();
  const [showNote, setShowNote] = useState(false);
  useEffect(() => {
    if (!initial && status.state === "idle" && !status.data) status.load(`/matching/shortlist?listingId=${encodeURIComponent(listingId)}`);
  }, [initial, listingId, status]);
  const known = initial ?? status.data;
  if (!known) return null;
  if (!known.signedIn) {
    return (
      <p className="small">
        <Link to={`/login?redirectTo=${encodeURIComponent(typeof window === "undefined" ? "/" : window.location.pathname)}`}>{t("matching:shortlist.signIn")}</Link>
      </p>
    );
  }
  const shortlisted = change.data?.ok ? change.data.shortlisted : known.shortlisted;
  const busy = change.state !== "idle";
  const error = change.data?.formError ?? change.data?.errors?.note ?? change.data?.errors?.listingId;
  return (
    <change.Form method="post" action="/matching/shortlist" className="shortlist-form" data-testid="shortlist">
      <input type="hidden" name="listingId" value={listingId} />
      {shortlisted ? (
        <>
          <span className="badge" role="status">
            {t("matching:shortlist.onList")}
          </span>
          <button type="submit" name="intent" value="remove" className="button button-small" disabled={busy}>
            {t("matching:shortlist.remove")}
          </button>
          <Link to="/workspace/shortlist" className="small">
            {t("matching:shortlist.view")}
          </Link>
        </>
      ) : (
        <>
          {showNote ? (
            <label className="small">
              {t("matching:shortlist.note")}{" "}
              <input name="note" maxLength={SHORTLIST_NOTE_MAX} defaultValue={known.note} dir="auto" />
            </label>
          ) : (
            <button type="button" className="link-button small" onClick={() => setShowNote(true)}>
              {t("matching:shortlist.addNote")}
            </button>
          )}
          <button type="submit" name="intent" value="add" className="button button-small" disabled={busy}>
            {t("matching:shortlist.add")}
          </button>
        </>
      )}
      {error ? (
        <p className="error-text" role="alert">
          {t(error)}
        </p>
      ) : null}
    </change.Form>
  );
}
