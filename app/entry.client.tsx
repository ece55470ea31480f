/**
 * Hydration: i18next starts with the namespaces the server rendered (window.__i18n) and
 * fetches any other namespace from its versioned URL when a route needs it.
 */
import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import HttpBackend from "i18next-http-backend";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { getInitialNamespaces } from "remix-i18next/client";
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

async function hydrate() {
  await documentParsed();
  const boot = window.__i18n;
  await i18next
    .use(initReactI18next)
    .use(HttpBackend)
    .init({
      ...i18nConfig,
      lng: boot.lng,
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
}

void hydrate();
