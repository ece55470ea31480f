/**
 * Shared Intl formatters. Building one costs tens of microseconds (more with a time zone) and
 * using one costs a few; pages that format hundreds of values (a consultant's slot picker shows
 * up to 14 days of slots, each in two zones) spent most of their time building formatters. Each
 * function returns one instance per locale and options, kept for the life of the process: the
 * keys are bounded, since locales are the seven supported ones and time zones are validated
 * IANA names.
 */
import { memoize, strategies } from "@formatjs/fast-memoize";

type DateTimeFormatFor = (locale: string, options?: Intl.DateTimeFormatOptions) => Intl.DateTimeFormat;
type NumberFormatFor = (locale: string, options?: Intl.NumberFormatOptions) => Intl.NumberFormat;

export const dateTimeFormat: DateTimeFormatFor = memoize((locale: string, options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options), {
  strategy: strategies.variadic,
});

export const numberFormat: NumberFormatFor = memoize((locale: string, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options), {
  strategy: strategies.variadic,
});

export const regionNames: (locale: string) => Intl.DisplayNames = memoize((locale: string) => new Intl.DisplayNames([locale], { type: "region" }), {
  strategy: strategies.monadic,
});
