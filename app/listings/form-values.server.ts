/** A stored listing as the editor's form values (the inverse of listingFormSchema). */
import { toMajor } from "~/lib/money";
import type { ListingWithDetails } from "./listings.server";
import { TEXT_FIELDS } from "./schemas";

export function listingToFormValues(listing: ListingWithDetails): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    field: listing.field,
    trl: String(listing.trl),
    ipcCodes: listing.ipcCodes.join(", "),
    keywords: listing.keywords.join(", "),
    transferModes: listing.transferModes,
    targetRegions: listing.targetRegions,
    consultingNeeds: listing.consultingNeeds,
    workingLanguages: listing.workingLanguages,
    askingCurrency: listing.askingCurrency ?? "KRW",
  };
  if (listing.willTravel) values.willTravel = "on";
  if (listing.askingMinMinor !== null && listing.askingCurrency) values.askingMin = String(toMajor(listing.askingMinMinor, listing.askingCurrency));
  if (listing.askingMaxMinor !== null && listing.askingCurrency) values.askingMax = String(toMajor(listing.askingMaxMinor, listing.askingCurrency));
  for (const t of listing.translations) {
    for (const f of TEXT_FIELDS) values[`texts.${t.locale}.${f}`] = t[f];
  }
  return values;
}

export const LISTING_ARRAY_FIELDS = ["transferModes", "targetRegions", "consultingNeeds", "workingLanguages"] as const;
