/**
 * An SME's matches: buyer needs that fit its published technologies, with the reasons.
 * The buyer appears as organisation name and country only.
 */
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { joinList } from "~/lib/format";
import { requireRole } from "~/auth/session.server";
import { MatchScore, ReasonList } from "~/components/match-list";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatMoney } from "~/lib/money";
import { orRespond } from "~/matching/http.server";
import { sellerMatches } from "~/matching/views.server";
import matchingStyles from "~/styles/matching.css";
import { regionNames } from "~/lib/intl";

export const handle = { i18n: ["matching", "taxonomy"] };
export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: matchingStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["sme"]);
  const locale = await getLocale(request);
  return { pageTitle: (await getFixedT(locale, "matching"))("matching:seller.title"), locale, matches: await orRespond(sellerMatches(user, locale)) };
}

export default function SellerMatches() {
  const { t, i18n } = useTranslation();
  const { matches, locale } = useLoaderData<typeof loader>();
  const regionName = (code: string) => regionNames(locale).of(code) ?? code;
  return (
    <div className="container">
      <p>
        <Link to="/workspace"><span className="back-arrow" aria-hidden="true">←</span> {t("matching:back.workspace")}</Link>
      </p>
      <h1>{t("matching:seller.title")}</h1>
      <p className="muted">{t("matching:seller.intro")}</p>
      {matches.length === 0 ? (
        <div className="card empty-state">
          <p>{t("matching:seller.empty")}</p>
        </div>
      ) : (
        <ol className="match-list">
          {matches.map((m) => {
            const n = m.need;
            const budget =
              n.currency && (n.budgetMinMinor !== null || n.budgetMaxMinor !== null)
                ? [n.budgetMinMinor, n.budgetMaxMinor].filter((v): v is number => v !== null).map((v) => formatMoney(v, n.currency!, locale, { compact: true })).join("–")
                : null;
            return (
              <li key={m.id} className="match-item" data-testid="seller-match">
                <div className="match-head">
                  <h2 className="h3" lang={n.locale} dir="auto">
                    {n.title}
                  </h2>
                  <MatchScore score={m.score} />
                </div>
                <p className="small">
                  {t("matching:seller.forListing")} <span lang={m.listing.titleLocale}>{m.listing.title}</span>
                </p>
                <ul className="need-facts small">
                  <li>{t("matching:seller.buyer", { name: n.buyer.name, country: regionName(n.buyer.country) })}</li>
                  <li>{joinList(n.fields.map((f) => t(`taxonomy:fields.${f}`)), i18n.language)}</li>
                  <li>{t("matching:trlRange", { min: n.trlMin, max: n.trlMax })}</li>
                  {budget ? <li>{t("matching:seller.budget", { budget })}</li> : null}
                  {n.timeline ? <li>{t("matching:seller.timeline", { timeline: n.timeline })}</li> : null}
                  {n.targetRegion ? <li>{t(`taxonomy:regions.${n.targetRegion}`)}</li> : null}
                  {n.transferModes.length ? <li>{joinList(n.transferModes.map((x) => t(`taxonomy:transferModes.${x}`)), i18n.language)}</li> : null}
                </ul>
                <details>
                  <summary>{t("matching:seller.description")}</summary>
                  <p className="need-description" lang={n.locale} dir="auto">
                    {n.description}
                  </p>
                </details>
                <ReasonList reasons={m.reasons} />
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
