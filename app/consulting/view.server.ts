/**
 * What the directory and profile pages show of a consultant and their services, in the viewer's
 * language (marked when a text falls back to another language). Buffer times are the
 * consultant's business and are never part of the public view.
 */
import type { Locale } from "~/domain/taxonomy";
import { formatMoney } from "~/lib/money";
import { initials, localized, type PublicConsultant } from "./profiles.server";

export type ServiceView = {
  id: string;
  kind: string;
  title: string;
  titleLocale: string | null;
  description: string;
  descriptionLocale: string | null;
  isFallback: boolean;
  durationMinutes: number;
  price: string;
  currency: string;
  mode: "online" | "in_person";
  location: string | null;
  interpretationLanguages: string[];
};

export type ConsultantView = {
  slug: string;
  name: string;
  initials: string;
  photoUrl: string | null;
  organisation: string | null;
  headline: string;
  headlineLocale: string | null;
  bio: string;
  bioLocale: string | null;
  headlineIsFallback: boolean;
  bioIsFallback: boolean;
  expertise: string[];
  languages: string[];
  certifications: string[];
  timeZone: string;
  published: boolean;
  services: ServiceView[];
};

/** A session price: KRW without decimals; USD whole dollars without cents, otherwise with both cent digits ($249.50). */
export function serviceView(service: PublicConsultant["services"][number], locale: Locale): ServiceView {
  const title = localized(service.title, locale);
  const description = localized(service.description, locale);
  return {
    id: service.id,
    kind: service.kind,
    title: title.text,
    titleLocale: title.locale,
    description: description.text,
    descriptionLocale: description.locale,
    isFallback: title.isFallback,
    durationMinutes: service.durationMinutes,
    price: formatMoney(service.priceMinor, service.currency, locale),
    currency: service.currency,
    mode: service.mode,
    location: service.mode === "in_person" ? service.location : null,
    interpretationLanguages: service.kind === "buyer_seller_meeting" ? service.interpretationLanguages : [],
  };
}

export function consultantView(profile: PublicConsultant, locale: Locale): ConsultantView {
  const headline = localized(profile.headline, locale);
  const bio = localized(profile.bio, locale);
  const organisation = profile.organisation ? (locale === "ko" ? profile.organisation.name : profile.organisation.nameEn ?? profile.organisation.name) : null;
  return {
    slug: profile.slug,
    name: profile.user.name,
    initials: initials(profile.user.name),
    photoUrl: profile.photoKey ? `/consultants/${profile.slug}/photo?v=${profile.photoKey.slice(0, 8)}` : null,
    organisation,
    headline: headline.text,
    headlineLocale: headline.locale,
    bio: bio.text,
    bioLocale: bio.locale,
    headlineIsFallback: headline.isFallback,
    bioIsFallback: bio.isFallback,
    expertise: profile.expertise,
    languages: profile.languages,
    certifications: profile.certifications,
    timeZone: profile.timeZone,
    published: profile.published,
    services: profile.services.map((s) => serviceView(s, locale)),
  };
}
