/** Pieces of the consultant directory and profile: avatar, service summary, fact lists. */
import { useTranslation } from "react-i18next";
import { joinList } from "~/lib/format";
import type { ServiceView } from "~/consulting/view.server";

export function ConsultantAvatar({ initials, large, photoUrl, name }: { initials: string; large?: boolean; photoUrl?: string | null; name?: string }) {
  if (photoUrl) return <img src={photoUrl} alt={name ?? ""} className={`consultant-avatar consultant-photo${large ? " consultant-avatar-large" : ""}`} width={large ? 88 : 56} height={large ? 88 : 56} loading="lazy" />;
  return (
    <span className={`consultant-avatar${large ? " consultant-avatar-large" : ""}`} aria-hidden="true">
      {initials}
    </span>
  );
}

export function ServiceFacts({ service }: { service: ServiceView }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="service-facts">
      <li>{t("consulting:service.duration", { count: service.durationMinutes })}</li>
      <li className="service-price" data-testid="service-price">
        {service.price}
      </li>
      <li>{service.mode === "online" ? t("consulting:service.online") : t("consulting:service.inPerson")}</li>
      {service.location ? (
        <li dir="auto">
          {t("consulting:service.location")}: {service.location}
        </li>
      ) : null}
      {service.interpretationLanguages.length ? (
        <li>
          {t("consulting:service.interpretation")}: {joinList(service.interpretationLanguages.map((l) => t(`common:languages.${l}`)), i18n.language)}
        </li>
      ) : null}
    </ul>
  );
}

export function TagList({ items, label }: { items: string[]; label: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="tag-list" aria-label={label}>
      {items.map((i) => (
        <li key={i} className="chip" dir="auto">
          {i}
        </li>
      ))}
    </ul>
  );
}
