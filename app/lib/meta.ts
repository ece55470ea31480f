/**
 * The browser tab title of a page: the loader returns `pageTitle` (already translated), the
 * route exports `meta = titleMeta`. Without it, a tab reads just "TechBridge".
 */
import type { MetaFunction } from "@remix-run/node";

export const titleMeta: MetaFunction = ({ data }) => {
  const title = (data as { pageTitle?: string } | undefined)?.pageTitle;
  return [{ title: title ? `${title} · TechBridge` : "TechBridge" }];
};
