import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { requireRole } from "~/auth/session.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDate, formatNumber } from "~/lib/format";
import { Sparkline } from "~/components/sparkline";
import { viewSeries } from "~/listings/analytics.server";
import { listOrganisationListings, pickTranslation } from "~/listings/listings.server";

export const handle = { i18n: ["workspace", "listing", "taxonomy", "inquiry"] };
export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["sme"]);
  const locale = await getLocale(request);
  const t = await getFixedT(locale, "workspace");
  const listings = user.organisationId ? await listOrganisationListings(user.organisationId) : [];
  const series = await viewSeries(listings.map((l) => l.id));
  return {
    pageTitle: t("workspace:title"),
    locale,
    organisationName: user.organisation?.name ?? "",
    listings: listings.map((l) => {
      const { translation } = pickTranslation(l.translations, locale);
      return {
        id: l.id,
        slug: l.slug,
        status: l.status,
        title: translation?.title ?? "",
        titleLocale: translation?.locale ?? "ko",
        field: l.field,
        views: l.viewCount,
        views30: series[l.id] ?? [],
        inquiries: l._count.inquiries,
        updatedAt: l.updatedAt.toISOString(),
        reviewNote: l.reviewNote,
      };
    }),
  };
}

export default function Workspace() {
  const { t } = useTranslation();
  const { listings, locale, organisationName } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <div className="section-head">
        <div>
          <h1>{t("workspace:title")}</h1>
          <p className="muted" dir="auto">{organisationName}</p>
        </div>
        <div className="form-actions">
          <Link to="/inquiries" className="button">
            {t("inquiry:inbox.title")}
          </Link>
          <Link to="/workspace/analytics" className="button">
            {t("inquiry:analytics.link")}
          </Link>
          <Link to="/workspace/listings/new" className="button button-primary">
            {t("workspace:newListing")}
          </Link>
        </div>
      </div>
      {listings.length === 0 ? (
        <div className="card empty-state">
          <p>{t("workspace:empty")}</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="my-listings">
            <thead>
              <tr>
                <th scope="col">{t("workspace:columns.title")}</th>
                <th scope="col">{t("workspace:columns.status")}</th>
                <th scope="col">{t("workspace:columns.views")}</th>
                <th scope="col">{t("workspace:columns.inquiries")}</th>
                <th scope="col">{t("workspace:columns.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {listings.map((l) => (
                <tr key={l.id}>
                  <td>
                    <Link to={`/workspace/listings/${l.id}`} lang={l.titleLocale}>
                      {l.title || t("workspace:untitled")}
                    </Link>
                    <div className="small muted">{t(`taxonomy:fields.${l.field}`)}</div>
                    {l.reviewNote && l.status === "draft" ? <div className="small warning-text">{t("workspace:changesRequested")}</div> : null}
                  </td>
                  <td>
                    <span className={`status status-${l.status}`}>{t(`listing:status.${l.status}`)}</span>
                  </td>
                  <td>
                    {formatNumber(l.views, locale)}
                    <div>
                      <Sparkline values={l.views30} label={t("workspace:viewsChart", { count: l.views30.reduce((a, b) => a + b, 0) })} />
                    </div>
                  </td>
                  <td>
                    <Link to="/workspace/analytics">{formatNumber(l.inquiries, locale)}</Link>
                  </td>
                  <td>{formatDate(l.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
