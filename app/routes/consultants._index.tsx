import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { joinList } from "~/lib/format";
import { ConsultantAvatar, ServiceFacts, TagList } from "~/components/consultant-parts";
import { listConsultants } from "~/consulting/profiles.server";
import { parseDirectoryFilters, SERVICE_KINDS } from "~/consulting/schemas";
import { consultantView } from "~/consulting/view.server";
import { LOCALES, TECH_FIELDS } from "~/domain/taxonomy";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import consultingStyles from "~/styles/consulting.css";

export const handle = { i18n: ["consulting", "taxonomy"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: consultingStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const filters = parseDirectoryFilters(new URL(request.url).searchParams);
  const consultants = (await listConsultants(filters)).map((c) => consultantView(c, locale));
  const t = await getFixedT(locale, "consulting");
  // Booking from an inquiry (facilitated meeting) or for a listing (e.g. its valuation): the link
  // travels with the visitor to the picker; the booking module checks it when the slot is held.
  const params = new URL(request.url).searchParams;
  const id = (name: string) => {
    const v = params.get(name) ?? "";
    return /^[A-Za-z0-9_-]{1,40}$/.test(v) ? v : "";
  };
  return { filters, consultants, inquiry: id("inquiry"), listing: id("listing"), pageTitle: t("consulting:directory.title") };
}

export const meta = titleMeta;

export default function ConsultantDirectory() {
  const { t, i18n } = useTranslation();
  const { filters, consultants, inquiry, listing } = useLoaderData<typeof loader>();
  const linked = new URLSearchParams([...(inquiry ? [["inquiry", inquiry]] : []), ...(listing ? [["listing", listing]] : [])]).toString();
  const carry = linked ? `&${linked}` : "";
  const filtered = Boolean(filters.kind || filters.field || filters.language);
  return (
    <div className="container consultants-page">
      <h1>{t("consulting:directory.title")}</h1>
      <p className="muted">{t("consulting:directory.intro")}</p>
      <Form method="get" className="consultant-filters card" role="search" aria-label={t("consulting:directory.filters")}>
        {inquiry ? <input type="hidden" name="inquiry" value={inquiry} /> : null}
        {listing ? <input type="hidden" name="listing" value={listing} /> : null}
        <div className="field">
          <label htmlFor="filter-kind">{t("consulting:directory.kind")}</label>
          <select id="filter-kind" name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">{t("consulting:directory.any")}</option>
            {SERVICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`consulting:kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-field">{t("consulting:directory.field")}</label>
          <select id="filter-field" name="field" defaultValue={filters.field ?? ""}>
            <option value="">{t("consulting:directory.any")}</option>
            {TECH_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`taxonomy:fields.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-language">{t("consulting:directory.language")}</label>
          <select id="filter-language" name="language" defaultValue={filters.language ?? ""}>
            <option value="">{t("consulting:directory.any")}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`common:languages.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="consultant-filter-actions">
          <button type="submit" className="button button-primary">
            {t("consulting:directory.apply")}
          </button>
          {filtered ? <Link to={linked ? `/consultants?${linked}` : "/consultants"}>{t("consulting:directory.clear")}</Link> : null}
        </div>
      </Form>

      <p className="results-count" data-testid="consultant-count" data-total={consultants.length}>
        {t("consulting:directory.count", { count: consultants.length })}
      </p>
      {consultants.length === 0 ? (
        <div className="card empty-state">
          <p>{t("consulting:directory.empty")}</p>
        </div>
      ) : (
        <div className="consultant-list">
          {consultants.map((c) => (
            <article key={c.slug} className="card consultant-card" data-testid="consultant-card">
              <header className="consultant-card-head">
                <ConsultantAvatar initials={c.initials} photoUrl={c.photoUrl} name={c.name} />
                <div>
                  <h2>
                    <Link to={`/consultants/${c.slug}${linked ? `?${linked}` : ""}`} dir="auto">{c.name}</Link>
                  </h2>
                  {c.organisation ? <p className="muted small" dir="auto">{c.organisation}</p> : null}
                </div>
              </header>
              {c.headline ? (
                <p className="consultant-headline" lang={c.headlineLocale ?? undefined} dir="auto">
                  {c.headline}
                </p>
              ) : null}
              {c.headlineIsFallback && c.headlineLocale ? <p className="fallback-note small">{t("consulting:fallbackNote", { language: t(`common:languages.${c.headlineLocale}`) })}</p> : null}
              <dl className="consultant-facts">
                <dt>{t("consulting:profile.expertise")}</dt>
                <dd>{c.expertise.map((f) => t(`taxonomy:fields.${f}`)).join(" · ") || "—"}</dd>
                <dt>{t("consulting:profile.languages")}</dt>
                <dd>{joinList(c.languages.map((l) => t(`common:languages.${l}`)), i18n.language) || "—"}</dd>
                <dt>{t("consulting:profile.timeZone")}</dt>
                <dd>{c.timeZone}</dd>
              </dl>
              <TagList items={c.certifications} label={t("consulting:profile.certifications")} />
              <ul className="consultant-card-services">
                {c.services.map((s) => (
                  <li key={s.id} data-kind={s.kind}>
                    <Link to={`/consultants/${c.slug}?service=${s.id}${carry}#slots`} lang={s.titleLocale ?? undefined}>
                      {s.title || t(`consulting:kinds.${s.kind}`)}
                    </Link>{" "}
                    <span className="badge">{t(`consulting:kinds.${s.kind}`)}</span>
                    <ServiceFacts service={s} />
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </div>
      )}
    </div>
  );
}
