/** A listing in a list: title and summary in the viewer's language (or a marked fallback). */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { HighlightSegment } from "@search/types";

export type ListingCardData = {
  slug: string;
  field: string;
  trl: number;
  title: string;
  summary: string;
  textLocale: string;
  isFallback: boolean;
  organisationName: string;
  hasValuation?: boolean;
  highlights?: { title?: HighlightSegment[]; summary?: HighlightSegment[] };
};

function Highlighted({ segments, fallback }: { segments?: HighlightSegment[]; fallback: string }) {
  if (!segments || segments.length === 0) return <>{fallback}</>;
  return (
    <>
      {segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

export function ListingCard({ listing }: { listing: ListingCardData }) {
  const { t } = useTranslation();
  return (
    <article className="listing-card">
      <div className="listing-card-meta">
        <span className="badge badge-field">{t(`taxonomy:fields.${listing.field}`)}</span>
        <span className="badge" title={t(`taxonomy:trl.${listing.trl}`)}>
          {t("listing:trlShort", { level: listing.trl })}
        </span>
        {listing.hasValuation ? <span className="badge badge-valuation">{t("listing:valuation.badge")}</span> : null}
      </div>
      <h3 lang={listing.textLocale} dir="auto">
        <Link to={`/technologies/${listing.slug}`}>
          <Highlighted segments={listing.highlights?.title} fallback={listing.title} />
        </Link>
      </h3>
      <p className="listing-card-summary" lang={listing.textLocale} dir="auto">
        <Highlighted segments={listing.highlights?.summary} fallback={listing.summary} />
      </p>
      <p className="listing-card-org muted small" dir="auto">{listing.organisationName}</p>
      {listing.isFallback ? (
        <p className="fallback-note small">{t("listing:fallbackNote", { language: t(`common:languages.${listing.textLocale}`) })}</p>
      ) : null}
    </article>
  );
}
