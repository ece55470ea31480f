/** JSON API responses: errors carry a stable code and a message in the caller's language. */
import { getFixedT } from "~/i18n/i18n.server";

export function json(data: unknown, init: ResponseInit = {}) {
  return new Response(JSON.stringify(data), {
    ...init,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...init.headers },
  });
}

export async function apiError(request: Request, status: number, messageKey: string, details: unknown[] = []) {
  const t = await getFixedT(request, "common", "search");
  return json({ error: { status, code: messageKey, message: t(messageKey), details } }, { status });
}

export function intParam(value: string | null, fallback: number, min: number, max: number): number | null {
  if (value === null || value === "") return fallback;
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n < min || n > max ? null : n;
}
