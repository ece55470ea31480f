/**
 * Response helpers shared by routes: typed errors a user can cause, answered with the
 * right status and a translation key, never a 500.
 */
export class UserError extends Error {
  constructor(
    public readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    /** i18n key, e.g. "common:errors.notFound" */
    public readonly messageKey: string,
    public readonly params: Record<string, unknown> = {},
  ) {
    super(messageKey);
  }
}

export function notFound(messageKey = "common:errors.notFound"): never {
  throw new Response(messageKey, { status: 404, statusText: "Not Found" });
}

export function forbidden(messageKey = "common:errors.forbidden"): never {
  throw new Response(messageKey, { status: 403, statusText: "Forbidden" });
}

export function badRequest(messageKey = "common:errors.badRequest"): never {
  throw new Response(messageKey, { status: 400, statusText: "Bad Request" });
}

/** A URL parameter naming a row. PostgreSQL text cannot hold U+0000 (%00), so such a value names nothing: 404, not a failed query. */
export function paramOrNotFound(value: string | undefined): string {
  if (value === undefined || value.includes("\u0000")) notFound();
  return value;
}

/** Only same-site, path-only redirect targets; anything else falls back. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\") || /[\r\n\t]/.test(to)) return fallback;
  // A Location header carries bytes: anything outside printable ASCII goes percent-encoded (UTF-8).
  return to.replace(LONE_SURROGATE, "\uFFFD").replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function clientIp(request: Request): string | null {
  return request.headers.get("x-techbridge-client-ip");
}
