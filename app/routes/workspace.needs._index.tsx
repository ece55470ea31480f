/** A buyer's technology needs, each with its best matches and the reasons for them. */
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { joinList } from "~/lib/format";
import { requireRole } from "~/auth/session.server";
import { MatchList } from "~/components/match-list";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { orRespond } from "~/matching/http.server";
import { matchesOfNeeds } from "~/matching/views.server";
import { listOwnNeeds } from "~/needs/needs.server";
import matchingStyles from "~/styles/matching.css";

export const handle = { i18n: ["matching", "taxonomy"] };
export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: matchingStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["buyer"]);
  const locale = await getLocale(request);
  const needs = await orRespond(listOwnNeeds(user));
  const matches = await matchesOfNeeds(needs.filter((n) => n.status === "open").map((n) => n.id), locale, 3);
  return {
    pageTitle: (await getFixedT(locale, "matching"))("matching:needs.title"),
    needs: needs.map((n) => ({ id: n.id, title: n.title, locale: n.locale, status: n.status, fields: n.fields, trlMin: n.trlMin, trlMax: n.trlMax, matches: matches[n.id] ?? [] })),
  };
}

export default function Needs() {
  const { t, i18n } = useTranslation();
  const { needs } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <div className="section-head">
        <div>
          <h1>{t("matching:needs.title")}</h1>
          <p className="muted">{t("matching:needs.intro")}</p>
        </div>
        <Link to="/workspace/needs/new" className="button button-primary">
          {t("matching:needs.new")}
        </Link>
      </div>
      <p className="small">
        <Link to="/workspace/saved-searches">{t("matching:savedSearches.title")}</Link> · <Link to="/workspace/shortlist">{t("matching:shortlist.title")}</Link>
      </p>
      {needs.length === 0 ? (
        <div className="card empty-state">
          <p>{t("matching:needs.empty")}</p>
        </div>
      ) : (
        <div className="need-list">
          {needs.map((n) => (
            <section key={n.id} className="card" data-testid="need">
              <div className="section-head">
                <h2>
                  <Link to={`/workspace/needs/${n.id}`} lang={n.locale} dir="auto">
                    {n.title}
                  </Link>
                </h2>
                <span className={`status status-${n.status === "open" ? "published" : "expired"}`}>{t(`matching:needs.status.${n.status}`)}</span>
              </div>
              <p className="small muted">
                {joinList(n.fields.map((f) => t(`taxonomy:fields.${f}`)), i18n.language)} · {t("matching:trlRange", { min: n.trlMin, max: n.trlMax })}
              </p>
              {n.status === "open" ? <MatchList matches={n.matches} empty={t("matching:needs.noMatches")} /> : null}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
