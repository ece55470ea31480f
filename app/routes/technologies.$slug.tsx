import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { getSessionUser } from "~/auth/session.server";
import { LOCALES } from "~/domain/taxonomy";
import { env } from "~/env.server";
import { getLocale } from "~/i18n/i18n.server";
import { formatDate, joinList } from "~/lib/format";
import { formatMoney } from "~/lib/money";
import { notFound } from "~/lib/http.server";
import { listingInquiryPanel } from "~/inquiries/inquiries.server";
import { getListingPageData, recordListingView } from "~/listings/view.server";
import { ShortlistButton } from "~/components/shortlist-button";
import { shortlistEntryFor } from "~/matching/shortlist.server";
import matchingStyles from "~/styles/matching.css";

export const handle = { i18n: ["listing", "taxonomy", "inquiry", "matching"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: matchingStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [locale, viewer] = await Promise.all([getLocale(request), getSessionUser(request)]);
  const listing = await getListingPageData(params.slug ?? "", viewer, locale);
  if (!listing) notFound("listing:notFound");
  if (!listing.isOwner && listing.status === "published") await recordListingView(listing.id, viewer);
  const [inquiryPanel, entry] = await Promise.all([listingInquiryPanel(viewer, listing.id), viewer?.role === "buyer" ? shortlistEntryFor(viewer, listing.id) : null]);
  const shortlist = viewer?.role === "buyer" ? { signedIn: true, shortlisted: Boolean(entry), note: entry?.note ?? "" } : null;
  return { listing, locale, viewerRole: viewer?.role ?? null, appUrl: env().appUrl, inquiryPanel, shortlist };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "TechBridge" }];
  const { listing, appUrl } = data;
  const url = `${appUrl}/technologies/${listing.slug}`;
  return [
    { title: `${listing.title} · TechBridge` },
    { name: "description", content: listing.summary },
    { property: "og:type", content: "product" },
    { property: "og:title", content: listing.title },
    { property: "og:description", content: listing.summary },
    { property: "og:url", content: url },
    { tagName: "link", rel: "canonical", href: url },
    ...LOCALES.map((l) => ({ tagName: "link", rel: "alternate", hrefLang: l, href: `${url}?lng=${l}` })),
    { tagName: "link", rel: "alternate", hrefLang: "x-default", href: url },
    {
      "script:ld+json": {
        "@context": "https://schema.org",
        "@type": "Product",
        name: listing.title,
        description: listing.summary,
        url,
        category: listing.field,
        brand: { "@type": "Organization", name: listing.organisation.name },
        ...(listing.patents.length ? { identifier: listing.patents.map((p) => p.number) } : {}),
      },
    },
    ...(listing.status !== "published" ? [{ name: "robots", content: "noindex" }] : []),
  ];
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="detail-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export default function ListingPage() {
  const { t, i18n } = useTranslation();
  const { listing, locale, viewerRole, inquiryPanel, shortlist } = useLoaderData<typeof loader>();
  const lang = listing.textLocale;
  return (
    <div className="container detail">
      <nav className="breadcrumbs" aria-label={t("listing:breadcrumbs")}>
        <Link to="/technologies">{t("common:nav.technologies")}</Link>
        <span aria-hidden="true"> / </span>
        <Link to={`/technologies?field=${listing.field}`}>{t(`taxonomy:fields.${listing.field}`)}</Link>
      </nav>
      {listing.status !== "published" ? (
        <div className="alert alert-info" role="status">
          {t("listing:previewNotice", { status: t(`listing:status.${listing.status}`) })}
        </div>
      ) : null}
      <header className="detail-header">
        <div className="listing-card-meta">
          <span className="badge badge-field">{t(`taxonomy:fields.${listing.field}`)}</span>
          <span className="badge">{t("listing:trlShort", { level: listing.trl })}</span>
          {listing.valuation && !listing.valuation.expired ? (
            <span className={`badge ${listing.valuation.verified ? "badge-verified" : "badge-valuation"}`}>
              {listing.valuation.verified ? t("listing:valuation.verified") : t("listing:valuation.declared")}
            </span>
          ) : null}
        </div>
        <h1 lang={lang} dir="auto">{listing.title}</h1>
        <p className="detail-summary" lang={lang} dir="auto">
          {listing.summary}
        </p>
        {listing.isFallback ? (
          <p className="fallback-note">{t("listing:fallbackNote", { language: t(`common:languages.${lang}`) })}</p>
        ) : null}
        {listing.machineTranslated ? <p className="fallback-note">{t("listing:machineTranslated")}</p> : null}
      </header>

      <div className="detail-layout">
        <div className="detail-main">
          {listing.registered ? (
            <>
              <Section title={t("listing:sections.problem")}>
                <p lang={lang} dir="auto" className="prose">{listing.registered.problem}</p>
              </Section>
              <Section title={t("listing:sections.solution")}>
                <p lang={lang} dir="auto" className="prose">{listing.registered.solution}</p>
              </Section>
              <Section title={t("listing:sections.advantages")}>
                <p lang={lang} dir="auto" className="prose">{listing.registered.advantages}</p>
              </Section>
              <Section title={t("listing:sections.applications")}>
                <p lang={lang} dir="auto" className="prose">{listing.registered.applications}</p>
              </Section>
            </>
          ) : (
            <div className="locked card" data-testid="registered-locked">
              <h2>{t("listing:tiers.registeredTitle")}</h2>
              <p>{t(viewerRole ? "listing:tiers.registeredVerifiedOnly" : "listing:tiers.registeredSignIn")}</p>
              {!viewerRole ? (
                <Link to={`/login?redirectTo=/technologies/${listing.slug}`} className="button button-primary">
                  {t("common:nav.login")}
                </Link>
              ) : null}
            </div>
          )}
          {listing.confidential ? (
            <Section title={t("listing:sections.confidential")}>
              <p lang={lang} dir="auto" className="prose confidential" data-testid="confidential-text">
                {listing.confidential.text || t("listing:tiers.noConfidential")}
              </p>
            </Section>
          ) : (
            <div className="locked card" data-testid="confidential-locked">
              <h2>{t("listing:tiers.confidentialTitle")}</h2>
              <p>{t("listing:tiers.confidentialNda")}</p>
            </div>
          )}

          {listing.attachments.length || listing.lockedAttachments ? (
            <Section title={t("listing:attachments.title")}>
              <ul className="attachment-list">
                {listing.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/attachments/${a.id}`}>{a.fileName}</a> <span className="small muted">({Math.ceil(a.sizeBytes / 1024)} KB)</span>
                  </li>
                ))}
              </ul>
              {listing.lockedAttachments ? <p className="small muted">{t("listing:attachments.lockedCount", { count: listing.lockedAttachments })}</p> : null}
            </Section>
          ) : null}

          <Section title={t("listing:sections.ip")}>
            {listing.patents.length === 0 ? (
              <p>{t("listing:patents.knowHowOnly")}</p>
            ) : (
              <div className="table-scroll">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("listing:patents.number")}</th>
                      <th scope="col">{t("listing:patents.jurisdiction")}</th>
                      <th scope="col">{t("listing:patents.status")}</th>
                      <th scope="col">{t("listing:patents.filed")}</th>
                      <th scope="col">{t("listing:patents.expires")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {listing.patents.map((p) => (
                      <tr key={p.jurisdiction + p.number}>
                        <td>
                          <span className="mono">{p.number}</span>
                          <div className="small muted">{p.title}</div>
                        </td>
                        <td>{p.jurisdiction}</td>
                        <td>{t(`listing:patents.statuses.${p.status}`)}</td>
                        <td>{p.filedOn ? formatDate(p.filedOn, locale) : "—"}</td>
                        <td>{p.expiresOn ? formatDate(p.expiresOn, locale) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
        </div>

        <aside className="detail-aside">
          {listing.status === "published" && !listing.isOwner ? (
            <div className="card inquiry-cta" data-testid="inquiry-cta">
              {inquiryPanel?.openInquiryId ? (
                <Link to={`/inquiries/${inquiryPanel.openInquiryId}`} className="button button-primary button-block">
                  {t("inquiry:form.openExisting")}
                </Link>
              ) : viewerRole === null || viewerRole === "buyer" ? (
                <Link to={`/technologies/${listing.slug}/inquire`} className="button button-primary button-block">
                  {t("inquiry:form.askButton")}
                </Link>
              ) : (
                <p className="small muted">{t("inquiry:form.buyersOnly")}</p>
              )}
              {shortlist ? <ShortlistButton listingId={listing.id} initial={shortlist} /> : null}
              {inquiryPanel?.response ? (
                <p className="small muted" data-testid="response-time">
                  {inquiryPanel.response.hours < 48
                    ? t("inquiry:listing.responseTime", { hours: Math.max(1, Math.round(inquiryPanel.response.hours)) })
                    : t("inquiry:listing.responseTimeDays", { days: Math.round(inquiryPanel.response.hours / 24) })}{" "}
                  ({t("inquiry:listing.responseSample", { count: inquiryPanel.response.sample })})
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="card">
            <h2 className="h3">{t("listing:sections.terms")}</h2>
            <dl className="facts">
              <dt>{t("listing:facts.trl")}</dt>
              <dd>
                {t("listing:trlShort", { level: listing.trl })} — {t(`taxonomy:trl.${listing.trl}`)}
              </dd>
              <dt>{t("listing:facts.transferModes")}</dt>
              <dd>{joinList(listing.transferModes.map((m) => t(`taxonomy:transferModes.${m}`)), i18n.language) || "—"}</dd>
              <dt>{t("listing:facts.asking")}</dt>
              <dd>
                {listing.asking ? (
                  <>
                    {formatMoney(listing.asking.min, listing.asking.currency, locale)}
                    {listing.asking.max !== null ? ` – ${formatMoney(listing.asking.max, listing.asking.currency, locale)}` : ""}
                    <div className="small muted">
                      {t("listing:facts.estimate", {
                        amount:
                          formatMoney(listing.asking.estimate.min.minor, listing.asking.estimate.min.currency, locale, { compact: true }) +
                          (listing.asking.estimate.max ? ` – ${formatMoney(listing.asking.estimate.max.minor, listing.asking.estimate.max.currency, locale, { compact: true })}` : ""),
                      })}
                    </div>
                  </>
                ) : (
                  t("listing:facts.negotiable")
                )}
              </dd>
              <dt>{t("listing:facts.targetRegions")}</dt>
              <dd>{joinList(listing.targetRegions.map((r) => t(`taxonomy:regions.${r}`)), i18n.language) || "—"}</dd>
              <dt>{t("listing:facts.willTravel")}</dt>
              <dd>{listing.willTravel ? t("common:yes") : t("common:no")}</dd>
              {listing.ipcCodes.length ? (
                <>
                  <dt>{t("listing:facts.ipc")}</dt>
                  <dd className="mono">
                {listing.ipcCodes.map((code, i) => (
                  <Fragment key={code}>
                    {i > 0 ? ", " : null}
                    <span className="ipc-code">{code}</span>
                  </Fragment>
                ))}
              </dd>
                </>
              ) : null}
            </dl>
          </div>

          <div className="card" data-testid="valuation">
            <h2 className="h3">{t("listing:valuation.title")}</h2>
            {listing.valuation ? (
              <>
                <p className="valuation-range">
                  {formatMoney(listing.valuation.low, listing.valuation.currency, locale, { compact: true })} –{" "}
                  {formatMoney(listing.valuation.high, listing.valuation.currency, locale, { compact: true })}
                </p>
                <p>
                  {listing.valuation.expired ? (
                    <span className="badge badge-expired">{t("listing:valuation.expired")}</span>
                  ) : listing.valuation.verified ? (
                    <span className="badge badge-verified">{t("listing:valuation.verified")}</span>
                  ) : (
                    <span className="badge">{t("listing:valuation.declared")}</span>
                  )}
                </p>
                <dl className="facts">
                  <dt>{t("listing:valuation.method")}</dt>
                  <dd>{t(`taxonomy:valuationMethods.${listing.valuation.method}`)}</dd>
                  <dt>{t("listing:valuation.issuer")}</dt>
                  <dd>{listing.valuation.issuer}</dd>
                  <dt>{t("listing:valuation.date")}</dt>
                  <dd>{formatDate(listing.valuation.valuedOn, locale)}</dd>
                  <dt>{t("listing:valuation.validUntil")}</dt>
                  <dd>{formatDate(listing.valuation.validUntil, locale)}</dd>
                  {listing.valuation.certificateRef ? (
                    <>
                      <dt>{t("listing:valuation.certificate")}</dt>
                      <dd className="mono">{listing.valuation.certificateRef}</dd>
                    </>
                  ) : null}
                </dl>
              </>
            ) : (
              <p className="muted">{t("listing:valuation.none")}</p>
            )}
          </div>

          <div className="card">
            <h2 className="h3">{t("listing:org.title")}</h2>
            <p>
              <strong dir="auto">{listing.organisation.name}</strong>
            </p>
            <dl className="facts">
              <dt>{t("listing:org.region")}</dt>
              <dd>{[listing.organisation.region, listing.organisation.country].filter(Boolean).join(", ")}</dd>
              {listing.organisation.foundedYear ? (
                <>
                  <dt>{t("listing:org.founded")}</dt>
                  <dd>{listing.organisation.foundedYear}</dd>
                </>
              ) : null}
              {listing.organisation.employeesBand ? (
                <>
                  <dt>{t("listing:org.employees")}</dt>
                  <dd>{listing.organisation.employeesBand}</dd>
                </>
              ) : null}
            </dl>
            {listing.organisation.certifications.length ? (
              <ul className="tag-list">
                {listing.organisation.certifications.map((c) => (
                  <li key={c} className="badge">
                    {t(`taxonomy:certifications.${c}`)}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>

          {listing.consultingNeeds.length ? (
            <div className="card">
              <h2 className="h3">{t("listing:consulting.title")}</h2>
              <ul className="tag-list">
                {listing.consultingNeeds.map((c) => (
                  <li key={c} className="badge">
                    {t(`taxonomy:consultingKinds.${c}`)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
