/**
 * National core technology screening: which listings need an operator's screening
 * decision before publication, from the operator-editable rule table.
 */
import rules from "./core-technology-rules.json";

export function needsScreening(listing: { field: string; ipcCodes: string[] }): boolean {
  if (rules.fields.includes(listing.field)) return true;
  return listing.ipcCodes.some((code) => rules.ipcPrefixes.some((prefix) => code.toUpperCase().startsWith(prefix)));
}

export const screeningRules = rules;
