/** A stored listing as the editor's form values (the inverse of listingFormSchema). */
import { toMajor } from "~/lib/money";
import type { ListingWithDetails } from "./listings.server";
import { TEXT_FIELDS, type ListingFormInput } from "./schemas";

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

/** A proposed revision (validated form input) back into form values. */
export function inputToFormValues(input: ListingFormInput): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    field: input.field,
    trl: String(input.trl),
    ipcCodes: input.ipcCodes.join(", "),
    keywords: input.keywords.join(", "),
    transferModes: input.transferModes,
    targetRegions: input.targetRegions,
    consultingNeeds: input.consultingNeeds,
    workingLanguages: input.workingLanguages,
    askingCurrency: input.askingCurrency,
  };
  if (input.willTravel) values.willTravel = "on";
  if (input.askingMin !== undefined) values.askingMin = String(input.askingMin);
  if (input.askingMax !== undefined) values.askingMax = String(input.askingMax);
  for (const [locale, text] of Object.entries(input.texts)) {
    if (!text) continue;
    for (const f of TEXT_FIELDS) values[`texts.${locale}.${f}`] = text[f] ?? "";
  }
  return values;
}

export const LISTING_ARRAY_FIELDS = ["transferModes", "targetRegions", "consultingNeeds", "workingLanguages"] as const;
