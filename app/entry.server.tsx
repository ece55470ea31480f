/**
 * Server rendering: a per-request i18next instance with the route namespaces preloaded,
 * handed to the browser inline (with the CSP nonce) so hydration needs no extra request.
 */
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import { getLocale, createI18n } from "~/i18n/i18n.server";
import { loadResources } from "~/i18n/resources.server";
import { NonceProvider } from "~/lib/nonce";

export { boot } from "~/boot.server";

const ABORT_DELAY = 5_000;
const namespaceFinder = new RemixI18Next({ detection: { supportedLanguages: ["en"], fallbackLanguage: "en" } });

declare module "@remix-run/node" {
  interface AppLoadContext {
    nonce: string;
  }
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: { nonce: string },
) {
  const locale = await getLocale(request);
  const namespaces = ["common", ...namespaceFinder.getRouteNamespaces(remixContext)];
  const i18n = await createI18n(locale, namespaces);
  const { resources, version } = loadResources();
  const bootstrap = {
    lng: locale,
    version,
    resources: { [locale]: Object.fromEntries(namespaces.map((ns) => [ns, resources[locale][ns] ?? {}])) },
  };
  const nonce = loadContext.nonce;
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        bootstrapScriptContent: `window.__i18n=${JSON.stringify(bootstrap).replace(/</g, "\\u003c")}`,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

export { healthReport } from "~/platform/health.server";
export { crossSiteMessage, rateLimitMessage } from "~/platform/rate-limit.server";
export { isCrossSiteWrite } from "~/platform/same-origin";
export { seedDemoData } from "../prisma/seed.server";
