/**
 * The translations a page needs, handed to the browser inline: only the namespaces its routes
 * declare (`handle.i18n`) and those its components actually used while the server rendered it,
 * not every namespace of the app (56 of the landing page's 74 KB before). Rendered last in
 * <body>, when the page above it has made every translation call; the server supplies the
 * script through context. In the browser React keeps the server's script as it is (it never
 * rewrites a script's inner HTML while hydrating), the same way Remix hands over its own context.
 */
import { useMatches } from "@remix-run/react";
import { createContext, useContext, useMemo } from "react";
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
