import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./same-origin";

const facts = (over: Partial<Parameters<typeof isCrossSiteWrite>[0]>) => ({ method: "POST", host: "techbridge.example", origin: undefined, secFetchSite: undefined, ...over });

describe("cross-site write detection", () => {
  it("lets reads through whatever their origin", () => {
    expect(isCrossSiteWrite(facts({ method: "GET", secFetchSite: "cross-site", origin: "https://evil.example" }))).toBe(false);
  });

  it("trusts the browser's Sec-Fetch-Site first", () => {
    expect(isCrossSiteWrite(facts({ secFetchSite: "same-origin" }))).toBe(false);
    expect(isCrossSiteWrite(facts({ secFetchSite: "none" }))).toBe(false);
    expect(isCrossSiteWrite(facts({ secFetchSite: "cross-site" }))).toBe(true);
    // A sibling subdomain is not us either.
    expect(isCrossSiteWrite(facts({ secFetchSite: "same-site", origin: "https://blog.techbridge.example" }))).toBe(true);
  });

  it("falls back to Origin against Host, and to trusted origins behind a proxy", () => {
    expect(isCrossSiteWrite(facts({ origin: "https://techbridge.example" }))).toBe(false);
    expect(isCrossSiteWrite(facts({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteWrite(facts({ origin: "null" }))).toBe(true);
    expect(isCrossSiteWrite(facts({ origin: "not a url" }))).toBe(true);
    expect(isCrossSiteWrite(facts({ host: "127.0.0.1:3000", origin: "https://techbridge.example" }), ["https://techbridge.example"])).toBe(false);
  });

  it("passes non-browser clients (no Origin, no Sec-Fetch-Site), such as Stripe's webhook", () => {
    expect(isCrossSiteWrite(facts({}))).toBe(false);
  });
});
