/** Dates and numbers for display, always through Intl in the viewer's locale and time zone. */
export function formatDate(value: Date | string | number, locale: string, timeZone = "UTC", style: "medium" | "long" | "short" = "medium") {
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone }).format(new Date(value));
}

export function formatDateTime(value: Date | string | number, locale: string, timeZone = "UTC") {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone, timeZoneName: "short" }).format(new Date(value));
}

export function formatNumber(value: number, locale: string) {
  return new Intl.NumberFormat(locale).format(value);
}
