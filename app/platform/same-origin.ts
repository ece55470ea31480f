/**
 * CSRF defence for every state-changing request, on top of SameSite=Lax session cookies:
 * a browser tells us where a request comes from (Sec-Fetch-Site, else Origin), and a write
 * that another site started is refused before it reaches any action. Requests without
 * either header (curl, Stripe's webhook calls) are not browser cross-site requests and pass;
 * they carry no session cookie a third-party page could have planted.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestFacts {
  method: string;
  /** the Host header the browser used */
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

export function isCrossSiteWrite({ method, host, origin, secFetchSite }: RequestFacts, trustedOrigins: readonly string[] = []): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (secFetchSite) return secFetchSite !== "same-origin" && secFetchSite !== "none";
  if (!origin) return false;
  if (origin === "null") return true;
  try {
    const from = new URL(origin);
    if (trustedOrigins.includes(from.origin)) return false;
    return !host || from.host !== host;
  } catch {
    return true;
  }
}
