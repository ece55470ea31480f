/** A buyer's matches for one need: listing, score and the reasons, in the viewer's language. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type MatchItem = {
  id: string;
  score: number;
  reasons: string[];
  listing: { slug: string; title: string; titleLocale: string; field: string; trl: number; organisation: string };
};

export function MatchScore({ score }: { score: number }) {
  const { t } = useTranslation();
  const pct = Math.round(score * 100);
  return (
    <span className={`match-score${score >= 0.7 ? " match-score-strong" : ""}`} title={t("matching:scoreHint")}>
      {t("matching:score", { score: pct })}
    </span>
  );
}

export function ReasonList({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <ul className="match-reasons" aria-label={t("matching:reasonsLabel")}>
      {reasons.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}

export function MatchList({ matches, empty }: { matches: MatchItem[]; empty: string }) {
  const { t } = useTranslation();
  if (matches.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="match-list">
      {matches.map((m) => (
        <li key={m.id} className="match-item" data-testid="match">
          <div className="match-head">
            <Link to={`/technologies/${m.listing.slug}`} lang={m.listing.titleLocale}>
              {m.listing.title}
            </Link>
            <MatchScore score={m.score} />
          </div>
          <div className="small muted">
            {t(`taxonomy:fields.${m.listing.field}`)} · {t("matching:trl", { trl: m.listing.trl })} · {m.listing.organisation}
          </div>
          <ReasonList reasons={m.reasons} />
        </li>
      ))}
    </ol>
  );
}
