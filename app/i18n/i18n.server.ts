/**
 * Per-request i18next on the server. The locale is found in this order: an explicit
 * choice (?lng=), the "lng" cookie, the signed-in user's profile, Accept-Language, English.
 */
import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from "~/domain/taxonomy";
import { i18nConfig, type Namespace } from "./config";
import { loadResources } from "./resources.server";

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

type ProfileLocaleLookup = (request: Request) => Promise<string | null>;
let profileLocale: ProfileLocaleLookup = async () => null;
/** The session module registers how to read the signed-in user's preferred locale. */
export function setProfileLocaleLookup(lookup: ProfileLocaleLookup) {
  profileLocale = lookup;
}

const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    searchParamKey: "lng",
    cookie: localeCookie,
    order: ["searchParams", "cookie", "custom", "header"],
    findLocale: async (request) => profileLocale(request),
  },
});

const cache = new WeakMap<Request, Promise<Locale>>();

export function getLocale(request: Request): Promise<Locale> {
  let found = cache.get(request);
  if (!found) {
    found = detector.getLocale(request).then((lng) => (isLocale(lng) ? lng : DEFAULT_LOCALE));
    cache.set(request, found);
  }
  return found;
}

export async function createI18n(locale: Locale, namespaces: readonly string[]): Promise<I18n> {
  const { resources } = loadResources();
  const instance = createInstance();
  await instance.init({
    ...i18nConfig,
    lng: locale,
    ns: ["common", ...namespaces],
    resources,
    initImmediate: false,
  });
  return instance;
}

/** A translator fixed to one locale, for loaders, actions, e-mails and jobs. */
export async function getFixedT(localeOrRequest: Locale | Request, ...namespaces: Namespace[]): Promise<TFunction> {
  const locale = typeof localeOrRequest === "string" ? localeOrRequest : await getLocale(localeOrRequest);
  const instance = await createI18n(locale, namespaces);
  return instance.getFixedT(locale);
}
