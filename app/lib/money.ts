/**
 * Money is an integer in minor units plus an ISO currency. KRW has no minor unit
 * (₩50,000 is 50000); USD is in cents. Conversions between them are estimates at a
 * configured reference rate and are always labelled as such.
 */
import { numberFormat } from "./intl";

export const MINOR_DIGITS: Record<string, number> = { KRW: 0, USD: 2 };
/** Reference rate for estimates only (README: configuration). */
export const KRW_PER_USD = 1380;

export function toMinor(major: string | number, currency: string): number {
  const digits = MINOR_DIGITS[currency] ?? 2;
  const value = typeof major === "number" ? major : Number(String(major).replace(/[,\s_]/g, ""));
  return Math.round(value * 10 ** digits);
}

export function toMajor(minor: number | bigint, currency: string): number {
  return Number(minor) / 10 ** (MINOR_DIGITS[currency] ?? 2);
}

export function formatMoney(minor: number | bigint, currency: string, locale: string, opts: { compact?: boolean } = {}) {
  const format = numberFormat(locale, {
    style: "currency",
    currency,
    notation: opts.compact ? "compact" : "standard",
    // Whole amounts (the usual case for asking prices) are shown without ".00".
    minimumFractionDigits: 0,
    // …but a fractional amount shows every minor digit ($249.50, not $249.5).
    ...(opts.compact || Number(minor) % 10 ** (MINOR_DIGITS[currency] ?? 2) === 0
      ? { maximumFractionDigits: opts.compact ? 1 : 0 }
      : { minimumFractionDigits: MINOR_DIGITS[currency] ?? 2, maximumFractionDigits: MINOR_DIGITS[currency] ?? 2 }),
  });
  const major = toMajor(minor, currency);
  if (!locale.startsWith("ar")) return format.format(major);
  // Arabic writes "US$" after the amount, and a right-to-left line shows it as "$US" (the "$"
  // is a neutral that takes the line's direction); the plain symbol is unambiguous here.
  return format
    .formatToParts(major)
    .map((part) => (part.type === "currency" ? (NARROW_SYMBOL[currency] ?? part.value) : part.value))
    .join("");
}

const NARROW_SYMBOL: Record<string, string> = { USD: "$", KRW: "₩" };

/** Whole USD for search and comparison. */
export function toUsd(minor: number | bigint, currency: string): number {
  const major = toMajor(minor, currency);
  return Math.round(currency === "KRW" ? major / KRW_PER_USD : major);
}

/** The amount in the other supported currency (KRW ↔ USD), in that currency's minor units. */
export function estimateOther(minor: number | bigint, currency: string): { minor: number; currency: string } {
  if (currency === "KRW") return { minor: Math.round((Number(minor) / KRW_PER_USD) * 100), currency: "USD" };
  return { minor: Math.round((Number(minor) / 100) * KRW_PER_USD), currency: "KRW" };
}
