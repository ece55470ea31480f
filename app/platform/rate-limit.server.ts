/** The translated 429 body for the Express rate limiter, which has no Remix request. */
import { getFixedT } from "~/i18n/i18n.server";

export async function rateLimitMessage(req: { url: string; headers: Record<string, string | string[] | undefined> }) {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(key, value);
  }
  const t = await getFixedT(new Request(`http://localhost${req.url}`, { headers }), "common");
  return t("common:errors.rateLimited");
}
