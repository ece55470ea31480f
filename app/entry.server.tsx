/**
 * Server rendering: the locale's i18next instance, seen through a per-request view that notes
 * the namespaces the page uses; those and the routes' declared ones are handed to the browser
 * inline (with the CSP nonce, see app/i18n/bootstrap.tsx) so hydration needs no extra request.
 */
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { I18nBootstrapContext, namespacesOfHandles } from "~/i18n/bootstrap";
import { getLocale, i18nBootstrapScript, localeCookieFromSearchParams, recordingI18n } from "~/i18n/i18n.server";
import { NonceProvider } from "~/lib/nonce";

export { boot } from "~/boot.server";

const ABORT_DELAY = 5_000;

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
  const rememberLocale = await localeCookieFromSearchParams(request);
  if (rememberLocale) responseHeaders.append("Set-Cookie", rememberLocale);
  const { i18n, namespaces } = recordingI18n(locale);
  const declared = namespacesOfHandles(remixContext.staticHandlerContext.matches.map((m) => remixContext.routeModules[m.route.id]?.handle));
  const bootstrapScript = () => i18nBootstrapScript(locale, [...declared, ...namespaces]);
  const nonce = loadContext.nonce;
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <I18nBootstrapContext.Provider value={bootstrapScript}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </I18nBootstrapContext.Provider>
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
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
export { badRequestMessage, crossSiteMessage, rateLimitMessage } from "~/platform/rate-limit.server";
export { isCrossSiteWrite } from "~/platform/same-origin";
export { isUnusableUrl } from "~/platform/unusable-url";
export { seedDemoData } from "../prisma/seed.server";
