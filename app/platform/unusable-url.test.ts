import { describe, expect, it } from "vitest";
import { isUnusableUrl } from "./unusable-url";

describe("unusable URLs", () => {
  it("lets ordinary URLs through, in any script", () => {
    for (const url of ["/", "/technologies?q=%EB%B0%B0%ED%84%B0%EB%A6%AC&field=battery", "/technologies?q=50%", "/api/v1/search?q=%E7%94%B5%E6%B1%A0", "/consultants/kim-minji?week=2026-11-23", "/technologies?q=a+b%2Bc"]) {
      expect(isUnusableUrl(url), url).toBe(false);
    }
  });

  it("refuses U+0000 in the path or the query, encoded or raw", () => {
    expect(isUnusableUrl("/inquiries/%00")).toBe(true);
    expect(isUnusableUrl("/technologies?q=battery%00")).toBe(true);
    expect(isUnusableUrl("/bookings/abc\u0000")).toBe(true);
  });

  it("refuses percent-encoded bytes that are not UTF-8", () => {
    expect(isUnusableUrl("/technologies/%ED%A0%80")).toBe(true); // a lone surrogate
    expect(isUnusableUrl("/technologies?q=%E7%94")).toBe(true); // a cut-off sequence
    expect(isUnusableUrl("/technologies?q=%FF")).toBe(true);
  });
});
