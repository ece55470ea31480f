/** Builds listing cards (viewer-language text with fallback) for lists and search results. */
import type { StoredListing } from "@search/types";
import { LOCALES, type Locale } from "~/domain/taxonomy";
import type { ListingCardData } from "~/components/listing-card";
import { pickTranslation } from "./listings.server";

type CardSource = {
  slug: string;
  field: string;
  trl: number;
  translations: { locale: string; title: string; summary: string }[];
  organisation: { name: string; nameEn: string | null };
  valuations?: unknown[];
};

export function toListingCard(listing: CardSource, locale: Locale): ListingCardData {
  const { translation, isFallback } = pickTranslation(listing.translations, locale);
  return {
    slug: listing.slug,
    field: listing.field,
    trl: listing.trl,
    title: translation?.title ?? "",
    summary: translation?.summary ?? "",
    textLocale: translation?.locale ?? "ko",
    isFallback,
    organisationName: locale === "ko" ? listing.organisation.name : listing.organisation.nameEn ?? listing.organisation.name,
    hasValuation: (listing.valuations?.length ?? 0) > 0,
  };
}

/** The same card from the search engine's copy of a listing (embedded engine hits). */
export function storedListingCard(listing: StoredListing, locale: Locale): ListingCardData {
  const translations: { locale: string; title: string; summary: string }[] = [];
  for (const l of LOCALES) {
    if (listing.title[l] !== undefined || listing.summary[l] !== undefined) translations.push({ locale: l, title: listing.title[l] ?? "", summary: listing.summary[l] ?? "" });
  }
  return toListingCard(
    {
      slug: listing.slug,
      field: listing.field,
      trl: listing.trl,
      translations,
      organisation: { name: listing.display.organisationName, nameEn: listing.display.organisationNameEn },
      valuations: listing.display.hasAnyValuation ? [true] : [],
    },
    locale,
  );
}
