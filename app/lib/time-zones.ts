/**
 * Time-zone pickers in the reader's language: "Berlin · 중부유럽 시간" rather than the raw IANA
 * id "Europe/Berlin". Intl has no localised city names, so the city stays as the id writes it
 * and the zone's generic name is localised. Building the list takes ~45 ms for ~420 zones, so
 * it is built once per locale (the names are generic, so daylight saving does not change them).
 */
export type TimeZoneOption = { value: string; label: string };

const byLocale = new Map<string, readonly TimeZoneOption[]>();

export function timeZoneLabel(zone: string, locale: string, at = new Date()): string {
  const city = zone.split("/").pop()!.replace(/_/g, " ");
  let generic: string | undefined;
  try {
    generic = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "longGeneric" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  } catch {
    generic = undefined; // a zone this runtime does not know: its id alone
  }
  return generic && generic !== zone ? `${city} · ${generic}` : zone;
}

export function timeZoneOptions(locale: string): readonly TimeZoneOption[] {
  let options = byLocale.get(locale);
  if (!options) {
    const collator = new Intl.Collator(locale);
    options = Intl.supportedValuesOf("timeZone")
      .map((zone) => ({ value: zone, label: timeZoneLabel(zone, locale) }))
      .sort((a, b) => collator.compare(a.label, b.label));
    byLocale.set(locale, options);
  }
  return options;
}
