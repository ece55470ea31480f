/** Dates and numbers for display, always through Intl in the viewer's locale and time zone. */
import { dateTimeFormat, numberFormat } from "./intl";

export function formatDate(value: Date | string | number, locale: string, timeZone = "UTC", style: "medium" | "long" | "short" = "medium") {
  return dateTimeFormat(locale, { dateStyle: style, timeZone }).format(new Date(value));
}

export function formatDateTime(value: Date | string | number, locale: string, timeZone = "UTC") {
  // dateStyle/timeStyle may not be combined with timeZoneName (browsers throw), hence the parts.
  return dateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: hourCycleFor(locale), timeZone, timeZoneName: "short" }).format(new Date(value));
}

export function formatNumber(value: number, locale: string) {
  return numberFormat(locale).format(value);
}

/**
 * 24-hour clock where business use expects it. (Node's ICU also renders Korean 12-hour
 * times as "AM 9:00" rather than "오전 9:00", which the 24-hour clock avoids.)
 */
export function hourCycleFor(locale: string): "h23" | undefined {
  return /^(ko|ja|zh|vi|es)\b/.test(locale) ? "h23" : undefined;
}

/** Items of a list of tags (modes, regions, languages) as the locale writes them: "، " in Arabic, "、" in Japanese and Chinese. */
export function joinList(items: readonly string[], locale: string): string {
  const separator = /^ar\b/.test(locale) ? "، " : /^(ja|zh)\b/.test(locale) ? "、" : ", ";
  return items.join(separator);
}
