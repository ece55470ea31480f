/**
 * i18next settings shared by the server and the browser. Keys are always written with their
 * namespace (for example listing:title) so tests/i18n/keys.test.ts can find every key the code uses.
 */
import { DEFAULT_LOCALE, LOCALES } from "~/domain/taxonomy";

export const NAMESPACES = [
  "common",
  "auth",
  "home",
  "listing",
  "search",
  "workspace",
  "admin",
  "taxonomy",
  "validation",
  "email",
  "inquiry",
  "matching",
  "consulting",
  "booking",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const i18nConfig = {
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: ["common"],
  nsSeparator: ":",
  keySeparator: ".",
  // React escapes what it renders; e-mails escape through their own templates.
  interpolation: { escapeValue: false },
  returnNull: false,
} as const;

/** Language names shown in the switcher, each in its own language. */
export const LANGUAGE_NAMES: Record<(typeof LOCALES)[number], string> = {
  ko: "한국어",
  en: "English",
  ja: "日本語",
  zh: "中文",
  vi: "Tiếng Việt",
  es: "Español",
  ar: "العربية",
};
