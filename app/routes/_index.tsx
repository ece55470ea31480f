import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListingCard } from "~/components/listing-card";
import { prisma } from "~/db.server";
import { TECH_FIELDS } from "~/domain/taxonomy";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { toListingCard } from "~/listings/cards.server";
import { listFeaturedListings } from "~/listings/listings.server";
import { formatNumber } from "~/lib/format";

export const handle = { i18n: ["home", "listing", "taxonomy"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const t = await getFixedT(locale, "home");
  const [featured, published, countries] = await Promise.all([
    listFeaturedListings(6),
    prisma.listing.count({ where: { status: "published" } }),
    prisma.organisation.groupBy({ by: ["country"], where: { kind: "buyer" } }),
  ]);
  return {
    locale,
    meta: { title: t("home:meta.title"), description: t("home:meta.description") },
    featured: featured.map((l) => toListingCard(l, locale)),
    stats: { published, buyerCountries: countries.length },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.meta.title ?? "TechBridge" },
  { name: "description", content: data?.meta.description ?? "" },
  { property: "og:title", content: data?.meta.title ?? "TechBridge" },
  { property: "og:description", content: data?.meta.description ?? "" },
];

export default function Home() {
  const { t } = useTranslation();
  const { featured, stats, locale } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero">
        <div className="container">
          <p className="eyebrow">{t("home:hero.eyebrow")}</p>
          <h1>{t("home:hero.title")}</h1>
          <p className="hero-lead">{t("home:hero.lead")}</p>
          <Form method="get" action="/technologies" className="hero-search" role="search">
            <label htmlFor="hero-q" className="visually-hidden">
              {t("home:hero.searchLabel")}
            </label>
            <input id="hero-q" type="search" name="q" placeholder={t("home:hero.searchPlaceholder")} maxLength={200} />
            <button type="submit" className="button button-primary">
              {t("home:hero.searchButton")}
            </button>
          </Form>
          <ul className="hero-stats">
            <li>
              <strong>{formatNumber(stats.published, locale)}</strong> {t("home:stats.published")}
            </li>
            <li>
              <strong>{formatNumber(stats.buyerCountries, locale)}</strong> {t("home:stats.buyerCountries")}
            </li>
            <li>
              <strong>7</strong> {t("home:stats.languages")}
            </li>
          </ul>
        </div>
      </section>

      <section className="container section">
        <h2>{t("home:fields.title")}</h2>
        <ul className="field-chips">
          {TECH_FIELDS.map((field) => (
            <li key={field}>
              <Link to={`/technologies?field=${field}`} className="chip">
                {t(`taxonomy:fields.${field}`)}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="container section">
        <div className="section-head">
          <h2>{t("home:featured.title")}</h2>
          <Link to="/technologies">{t("home:featured.all")}</Link>
        </div>
        {featured.length === 0 ? (
          <p className="muted">{t("home:featured.empty")}</p>
        ) : (
          <div className="card-grid" data-testid="featured-listings">
            {featured.map((listing) => (
              <ListingCard key={listing.slug} listing={listing} />
            ))}
          </div>
        )}
      </section>

      <section className="container section">
        <h2>{t("home:how.title")}</h2>
        <div className="steps">
          {(["sme", "buyer", "consultant"] as const).map((role) => (
            <div key={role} className="step card">
              <h3>{t(`home:how.${role}.title`)}</h3>
              <p>{t(`home:how.${role}.body`)}</p>
              <Link to={`/signup?role=${role}`}>{t(`home:how.${role}.cta`)}</Link>
            </div>
          ))}
        </div>
      </section>
    </>
  );
}
