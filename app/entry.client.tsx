/**
 * Hydration: i18next starts with the namespaces the server rendered (window.__i18n) and
 * fetches any other namespace from its versioned URL when a route needs it.
 */
import { matchRoutes, RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import HttpBackend from "i18next-http-backend";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { getInitialNamespaces } from "remix-i18next/client";
import { namespacesOfHandles } from "~/i18n/bootstrap";
import { i18nConfig } from "~/i18n/config";

declare global {
  interface Window {
    __i18n: { lng: string; version: string; resources: Record<string, Record<string, Record<string, unknown>>> };
  }
}

/** Remix's module script is async and can run before the streamed document (and its inline i18n bootstrap) is complete. */
function documentParsed(): Promise<void> {
  if (window.__i18n || document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }));
}

/**
 * With single fetch, RemixBrowser's first render suspends until it has decoded the streamed
 * loader data. React 18 cannot suspend a root it is forced to hydrate synchronously, which it
 * does when a key or click reaches the page mid-hydration: the page then died with "Root did not
 * complete" (React error #345) when a keyboard user pressed Tab at once (tests/e2e/keyboard).
 * Calling the component once before hydrating starts that decoding (it throws the promise before
 * touching any hook); hydration begins only when the data is ready, so nothing suspends in it.
 */
async function remixStateDecoded(): Promise<void> {
  if (!window.__remixContext?.future?.v3_singleFetch) return;
  try {
    RemixBrowser({});
  } catch (thrown) {
    if (thrown instanceof Promise) await thrown;
  }
}

type RemixWindow = {
  /** Set once the preload below listens to navigations (browser tests wait for it before clicking). */
  __i18nPreloadReady?: boolean;
  __remixRouter?: { routes: Parameters<typeof matchRoutes>[0]; subscribe(fn: (state: { navigation: { state: string; location?: Parameters<typeof matchRoutes>[1] } }) => void): () => void };
  __remixManifest?: { routes: Record<string, { module: string } | undefined> };
};

/**
 * A navigation to a page whose translations are not loaded yet would show the old page until
 * they arrive, after the URL has already changed (useRouteNamespaces suspends the render).
 * Fetching them as soon as the navigation starts, beside its data, closes that gap: the route
 * modules are the ones Remix imports for the navigation (same URLs, one module instance), and
 * their `handle.i18n` names the namespaces.
 */
function preloadNamespacesOnNavigation(attempt = 0) {
  const { __remixRouter: router, __remixManifest: manifest } = window as unknown as RemixWindow;
  // The router exists once hydration has rendered RemixBrowser.
  if (!router || !manifest) {
    if (attempt < 100) setTimeout(() => preloadNamespacesOnNavigation(attempt + 1), 50);
    return;
  }
  // With lazy route discovery a navigation is "loading" before the target route is known;
  // the router reports the same navigation again once the route is discovered, so each route
  // of a navigation is preloaded the first time it matches (not only at its first report).
  let location: unknown;
  let preloaded = new Set<string>();
  router.subscribe(({ navigation }) => {
    if (navigation.state !== "loading" || !navigation.location) return;
    if (navigation.location !== location) {
      location = navigation.location;
      preloaded = new Set();
    }
    for (const match of matchRoutes(router.routes, navigation.location) ?? []) {
      const id = match.route.id;
      if (!id || preloaded.has(id)) continue;
      const url = manifest.routes[id]?.module;
      if (!url) continue;
      preloaded.add(id);
      import(/* webpackIgnore: true */ url)
        .then((mod: { handle?: unknown }) => i18next.loadNamespaces(namespacesOfHandles([mod.handle])))
        .catch(() => {}); // Remix reports a module that fails to load; the render still waits for its namespaces.
    }
  });
  (window as unknown as RemixWindow).__i18nPreloadReady = true;
}

async function hydrate() {
  await documentParsed();
  await remixStateDecoded();
  const boot = window.__i18n;
  await i18next
    .use(initReactI18next)
    .use(HttpBackend)
    .init({
      ...i18nConfig,
      lng: boot.lng,
      // Every locale has every key (tests/i18n/keys.test.ts), so the browser never needs the
      // English fallback; without this, a Korean page fetched four English files before hydrating.
      fallbackLng: false,
      ns: getInitialNamespaces(),
      resources: boot.resources,
      partialBundledLanguages: true,
      backend: { loadPath: `/locales/{{lng}}/{{ns}}.json?v=${boot.version}` },
    });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
  preloadNamespacesOnNavigation();
}

void hydrate();
