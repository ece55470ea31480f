/** The SME's analytics per listing: views, buyer companies, inquiry funnel, countries, reasons, answer time. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { requireRole } from "~/auth/session.server";
import { Sparkline } from "~/components/sparkline";
import { isLocale } from "~/domain/taxonomy";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { listingInquiryStats } from "~/inquiries/analytics.server";
import { formatNumber } from "~/lib/format";
import { viewSeries } from "~/listings/analytics.server";
import { listOrganisationListings, pickTranslation } from "~/listings/listings.server";
import { regionNames } from "~/lib/intl";

export const handle = { i18n: ["inquiry", "workspace", "listing"] };
export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["sme"]);
  const locale = await getLocale(request);
  const t = await getFixedT(locale, "inquiry");
  const listings = (user.organisationId ? await listOrganisationListings(user.organisationId) : []).filter((l) => l.status !== "draft" || l._count.inquiries > 0);
  const ids = listings.map((l) => l.id);
  const [stats, series] = await Promise.all([listingInquiryStats(ids), viewSeries(ids)]);
  const regionNamesInLocale = regionNames(locale);
  return {
    pageTitle: t("inquiry:analytics.title"),
    locale,
    listings: listings.map((l) => {
      const { translation } = pickTranslation(l.translations, isLocale(locale) ? locale : "en");
      const s = stats[l.id]!;
      return {
        id: l.id,
        title: translation?.title ?? "",
        titleLocale: translation?.locale ?? "ko",
        views30: series[l.id] ?? [],
        ...s,
        byCountry: s.byCountry.map((c) => ({ ...c, name: regionNamesInLocale.of(c.country) ?? c.country })),
      };
    }),
  };
}

function Bars({ rows, label }: { rows: { key: string; label: string; count: number }[]; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ul className="bar-list" aria-label={label}>
      {rows.map((r) => (
        <li key={r.key}>
          <span>{r.label}</span>
          <span className="bar" style={{ inlineSize: `${(r.count / max) * 100}%` }} aria-hidden="true" />
          <span>{r.count}</span>
        </li>
      ))}
    </ul>
  );
}

export default function Analytics() {
  const { t } = useTranslation();
  const { listings, locale } = useLoaderData<typeof loader>();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="container">
      <p>
        <Link to="/workspace"><span className="back-arrow" aria-hidden="true">←</span> {t("workspace:title")}</Link>
      </p>
      <h1>{t("inquiry:analytics.title")}</h1>
      {listings.length === 0 ? <div className="card empty-state">{t("inquiry:analytics.none")}</div> : null}
      {listings.map((l) => (
        <section key={l.id} className="card" data-testid="listing-analytics">
          <h2 className="h3" lang={l.titleLocale} dir="auto">
            {l.title}
          </h2>
          <div className="funnel" aria-label={t("inquiry:analytics.funnel")}>
            <div>
              <span className="small muted">{t("inquiry:analytics.views")}</span>
              <strong>{n(l.views)}</strong>
              <Sparkline values={l.views30} label={t("workspace:viewsChart", { count: l.views30.reduce((a, b) => a + b, 0) })} />
            </div>
            <div>
              <span className="small muted">{t("inquiry:analytics.companies")}</span>
              <strong>{n(l.uniqueBuyerCompanies)}</strong>
            </div>
            <div>
              <span className="small muted">{t("inquiry:analytics.inquiries")}</span>
              <strong data-testid="stat-inquiries">{n(l.inquiries)}</strong>
            </div>
            <div>
              <span className="small muted">{t("inquiry:analytics.nda")}</span>
              <strong>{n(l.ndaSigned)}</strong>
            </div>
            <div>
              <span className="small muted">{t("inquiry:analytics.meetings")}</span>
              <strong>{n(l.meetings)}</strong>
            </div>
            <div>
              <span className="small muted">{t("inquiry:analytics.won")}</span>
              <strong>{n(l.won)}</strong>
            </div>
            <div>
              <span className="small muted">{t("inquiry:analytics.medianResponse")}</span>
              <strong>
                {l.medianResponseHours === null
                  ? "—"
                  : l.medianResponseHours < 1
                    ? t("inquiry:analytics.minutes", { minutes: Math.max(1, Math.round(l.medianResponseHours * 60)) })
                    : t("inquiry:analytics.hours", { hours: l.medianResponseHours })}
              </strong>
            </div>
          </div>
          {l.inquiries > 0 ? (
            <div className="grid-2">
              <div>
                <h3 className="h3">{t("inquiry:analytics.funnel")}</h3>
                <Bars
                  label={t("inquiry:analytics.funnel")}
                  rows={[
                    { key: "inquiries", label: t("inquiry:analytics.inquiries"), count: l.inquiries },
                    { key: "nda", label: t("inquiry:analytics.nda"), count: l.ndaSigned },
                    { key: "meetings", label: t("inquiry:analytics.meetings"), count: l.meetings },
                    { key: "won", label: t("inquiry:analytics.won"), count: l.won },
                  ]}
                />
                <h3 className="h3">{t("inquiry:analytics.byCountry")}</h3>
                <Bars label={t("inquiry:analytics.byCountry")} rows={l.byCountry.map((c) => ({ key: c.country, label: c.name, count: c.count }))} />
              </div>
              <div>
                <h3 className="h3">{t("inquiry:analytics.reasons")}</h3>
                {l.reasons.length ? (
                  <Bars label={t("inquiry:analytics.reasons")} rows={l.reasons.map((r) => ({ key: r.reason, label: t(`inquiry:reason.${r.reason}`), count: r.count }))} />
                ) : (
                  <p className="small muted">—</p>
                )}
              </div>
            </div>
          ) : (
            <p className="small muted">{t("inquiry:analytics.none")}</p>
          )}
        </section>
      ))}
    </div>
  );
}
