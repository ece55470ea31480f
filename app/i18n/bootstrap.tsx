/**
 * The translations a page needs, handed to the browser inline: only the namespaces its routes
 * declare (`handle.i18n`) and those its components actually used while the server rendered it,
 * not every namespace of the app (56 of the landing page's 74 KB before). Rendered last in
 * <body>, when the page above it has made every translation call; the server supplies the
 * script through context. In the browser React keeps the server's script as it is (it never
 * rewrites a script's inner HTML while hydrating), the same way Remix hands over its own context.
 */
import { matchRoutes, useMatches } from "@remix-run/react";
import { createContext, useContext, useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";

export const I18nBootstrapContext = createContext<(() => string) | null>(null);

export function I18nBootstrap({ nonce }: { nonce?: string }) {
  const script = useContext(I18nBootstrapContext);
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: script ? script() : "" }} />;
}

/** The namespaces the matched routes declare, in route order. */
export function namespacesOfHandles(handles: readonly unknown[]): string[] {
  const out = new Set<string>(["common"]);
  for (const handle of handles) {
    const i18n = (handle as { i18n?: unknown } | undefined)?.i18n;
    for (const ns of typeof i18n === "string" ? [i18n] : Array.isArray(i18n) ? i18n : []) if (typeof ns === "string") out.add(ns);
  }
  return [...out];
}

/**
 * In the browser: a navigation to a page whose namespaces are not loaded yet waits for them
 * (the router renders in a transition, so the previous page stays until they arrive) instead
 * of showing raw keys.
 */
export function useRouteNamespaces() {
  const matches = useMatches();
  const namespaces = useMemo(() => namespacesOfHandles(matches.map((m) => m.handle)), [matches]);
  useTranslation(namespaces);
}

type Location = Parameters<typeof matchRoutes>[1];
type RemixWindow = {
  __remixRouter?: { routes: Parameters<typeof matchRoutes>[0]; subscribe(fn: (state: { navigation: { state: string; location?: Location } }) => void): () => void };
  __remixManifest?: { routes: Record<string, { module: string } | undefined> };
};

/**
 * In the browser: a navigation requests the new page's namespaces as soon as it starts, beside
 * its data. Without this they were requested only once the page rendered (useRouteNamespaces),
 * and the old page stayed under the new address for one more round trip. It listens to the
 * router itself (a render of the "loading" state comes too late: React renders router updates
 * in a transition). The route modules are the ones Remix imports for the navigation (same
 * URLs, one module instance); their `handle.i18n` names the namespaces.
 */
export function usePreloadNamespacesOnNavigation() {
  const { i18n } = useTranslation();
  useEffect(() => {
    const { __remixRouter: router, __remixManifest: manifest } = window as unknown as RemixWindow;
    if (!router || !manifest) return;
    let last: Location | undefined;
    return router.subscribe(({ navigation }) => {
      if (navigation.state !== "loading" || !navigation.location || navigation.location === last) return;
      last = navigation.location;
      for (const match of matchRoutes(router.routes, navigation.location) ?? []) {
        const url = match.route.id ? manifest.routes[match.route.id]?.module : undefined;
        if (!url) continue;
        import(/* webpackIgnore: true */ url)
          .then((mod: { handle?: unknown }) => i18n.loadNamespaces(namespacesOfHandles([mod.handle])))
          .catch(() => {}); // Remix reports a module that fails to load; the render still waits for its namespaces.
      }
    });
  }, [i18n]);
}
