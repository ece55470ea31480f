/**
 * What the server itself enforces before Remix runs: cross-site writes refused (CSRF),
 * rate limits on inquiries answered 429 in the visitor's language, security headers.
 * Plain HTTP from Node, as an attacker's page or script would send it.
 */
import { describe, expect, it } from "vitest";
import { baseUrl } from "./browser";

const post = (path: string, headers: Record<string, string>, body = "email=a%40b.example&password=x") =>
  fetch(`${baseUrl()}${path}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body });

describe("server-side defences", () => {
  it("refuses a write started by another site, in the visitor's language, and lets our own through", async () => {
    const evil = await post("/login", { Origin: "https://evil.example", "Accept-Language": "ko-KR" });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toContain("다른 웹사이트");
    const crossFetch = await post("/login", { "Sec-Fetch-Site": "cross-site", "Accept-Language": "en" });
    expect(crossFetch.status).toBe(403);
    const own = await post("/login", { Origin: baseUrl(), "Sec-Fetch-Site": "same-origin" });
    expect(own.status).not.toBe(403);
    expect(own.status).toBeLessThan(500);
  });

  it("limits new inquiries per client and answers 429 in the visitor's language", async () => {
    // A client address of its own (the app trusts the loopback proxy), so other tests keep theirs.
    const headers = { "X-Forwarded-For": "203.0.113.77", "Accept-Language": "ja" };
    const statuses: number[] = [];
    let body = "";
    for (let i = 0; i < 12; i += 1) {
      const response = await post("/technologies/no-such-listing/inquire", headers, "purpose=license&questions=Hello%20there%20again");
      statuses.push(response.status);
      if (response.status === 429) body = await response.text();
    }
    expect(statuses.slice(0, 10).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(body).toMatch(/[ぁ-んァ-ン]/);
  });

  it("answers 400 in the visitor's language to a URL carrying U+0000 or bytes that are not UTF-8", async () => {
    for (const path of ["/technologies/%00", "/inquiries/abc%00def", "/api/v1/search?q=battery%00", "/technologies/%ED%A0%80", "/bookings/x?week=%E7%94"]) {
      const response = await fetch(`${baseUrl()}${path}`, { headers: { "Accept-Language": "ko" } });
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toContain("요청");
    }
    // A bare "%" is left to the page (browsers send it raw from the address bar).
    expect((await fetch(`${baseUrl()}/technologies?q=50%`)).status).toBe(200);
  });

  it("sends the security headers", async () => {
    const response = await fetch(`${baseUrl()}/`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
