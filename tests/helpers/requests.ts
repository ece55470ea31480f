/** Requests carrying a real session cookie, for calling route loaders and actions directly. */
import { createUserSession } from "~/auth/session.server";

export async function sessionCookieFor(userId: string): Promise<string> {
  const response = await createUserSession(new Request("http://localhost/login"), userId, "/");
  const setCookie = response.headers.get("Set-Cookie") ?? "";
  return setCookie.split(";")[0]!;
}

export async function signedInRequest(userId: string | null, url: string, init: RequestInit = {}): Promise<Request> {
  const headers = new Headers(init.headers);
  if (userId) headers.set("Cookie", await sessionCookieFor(userId));
  return new Request(new URL(url, "http://localhost"), { ...init, headers });
}

export function formBody(values: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body;
}
