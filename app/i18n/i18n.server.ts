/**
 * Per-request i18next on the server. The locale is found in this order: an explicit
 * choice (?lng=), the "lng" cookie, the signed-in user's profile, Accept-Language, English.
 */
import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from "~/domain/taxonomy";
import { i18nConfig, NAMESPACES, type Namespace } from "./config";
import { loadResources } from "./resources.server";

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/**
 * A page opened with ?lng= (a shared link, an hreflang alternate) keeps that language on the
 * next pages too: the choice is remembered like the language switcher's. Returns the cookie to
 * set, or null when there is nothing new to remember.
 */
export async function localeCookieFromSearchParams(request: Request): Promise<string | null> {
  const lng = new URL(request.url).searchParams.get("lng");
  if (!lng || !isLocale(lng)) return null;
  if ((await localeCookie.parse(request.headers.get("Cookie"))) === lng) return null;
  return localeCookie.serialize(lng);
}

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

const instances = new Map<Locale, I18n>();

/**
 * The i18next instance of a locale, shared by every request for the life of the process: all
 * namespaces are in memory and the server never changes an instance's language, so building
 * one per request (about a millisecond of CPU each time) bought nothing.
 */
export function i18nFor(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    const { resources } = loadResources();
    instance = createInstance();
    // With the resources inline and initImmediate off, init completes synchronously.
    void instance.init({ ...i18nConfig, lng: locale, ns: [...NAMESPACES], resources, initImmediate: false });
    instances.set(locale, instance);
  }
  return instance;
}

/**
 * The locale's shared instance seen through a per-request view that notes every namespace a
 * translation call uses (keys are written "ns:key"; otherwise the call's `ns` option), so the
 * page can hand exactly those to the browser.
 */
export function recordingI18n(locale: Locale): { i18n: I18n; namespaces: Set<string> } {
  const shared = i18nFor(locale);
  const namespaces = new Set<string>(["common"]);
  const known = new Set<string>(NAMESPACES);
  const note = (key: unknown, options: unknown) => {
    for (const k of Array.isArray(key) ? key : [key]) {
      const colon = typeof k === "string" ? k.indexOf(":") : -1;
      if (colon > 0 && known.has((k as string).slice(0, colon))) namespaces.add((k as string).slice(0, colon));
      else {
        const ns = (options as { ns?: unknown } | undefined)?.ns;
        for (const n of Array.isArray(ns) ? ns : [ns]) if (typeof n === "string" && known.has(n)) namespaces.add(n);
      }
    }
  };
  const i18n = Object.create(shared) as I18n;
  // getFixedT (used by react-i18next) calls this.t, so every translation passes through here.
  const translate = shared.t.bind(shared) as unknown as (...args: unknown[]) => unknown;
  const recording = (key: unknown, options: unknown, ...rest: unknown[]) => {
    note(key, options);
    return translate(key, options, ...rest);
  };
  i18n.t = recording as unknown as I18n["t"];
  return { i18n, namespaces };
}

const bootstrapScripts = new Map<string, string>();

/** `window.__i18n=…` for a locale and set of namespaces (serialised once per combination). */
export function i18nBootstrapScript(locale: Locale, namespaces: Iterable<string>): string {
  const list = [...new Set(namespaces)].sort();
  const cacheKey = `${locale}|${list.join(",")}`;
  let script = bootstrapScripts.get(cacheKey);
  if (!script) {
    const { resources, version } = loadResources();
    const bootstrap = { lng: locale, version, resources: { [locale]: Object.fromEntries(list.map((ns) => [ns, resources[locale][ns] ?? {}])) } };
    script = `window.__i18n=${JSON.stringify(bootstrap).replace(/</g, "\\u003c")}`;
    bootstrapScripts.set(cacheKey, script);
  }
  return script;
}

/**
 * A translator fixed to one locale, for loaders, actions, e-mails and jobs. Every namespace is
 * loaded; the ones named document what the caller uses.
 */
export async function getFixedT(localeOrRequest: Locale | Request, ..._namespaces: Namespace[]): Promise<TFunction> {
  const locale = typeof localeOrRequest === "string" ? localeOrRequest : await getLocale(localeOrRequest);
  return i18nFor(locale).getFixedT(locale);
}
