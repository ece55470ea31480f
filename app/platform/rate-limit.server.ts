/** Translated bodies for answers Express gives before Remix runs (429, cross-site 403, unusable URL 400). */
import { getFixedT } from "~/i18n/i18n.server";

type ExpressLike = { url: string; headers: Record<string, string | string[] | undefined> };

export function rateLimitMessage(req: ExpressLike) {
  return platformMessage(req, "common:errors.rateLimited");
}

export function crossSiteMessage(req: ExpressLike) {
  return platformMessage(req, "common:errors.crossSite");
}

export function badRequestMessage(req: ExpressLike) {
  return platformMessage(req, "common:errors.badRequest");
}

async function platformMessage(req: ExpressLike, key: "common:errors.rateLimited" | "common:errors.crossSite" | "common:errors.badRequest") {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(key, value);
  }
  const t = await getFixedT(new Request(`http://localhost${req.url}`, { headers }), "common");
  return t(key);
}
