/** Dates and numbers for display, always through Intl in the viewer's locale and time zone. */
export function formatDate(value: Date | string | number, locale: string, timeZone = "UTC", style: "medium" | "long" | "short" = "medium") {
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone }).format(new Date(value));
}

export function formatDateTime(value: Date | string | number, locale: string, timeZone = "UTC") {
  // dateStyle/timeStyle may not be combined with timeZoneName (browsers throw), hence the parts.
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" }).format(new Date(value));
}

export function formatNumber(value: number, locale: string) {
  return new Intl.NumberFormat(locale).format(value);
}
