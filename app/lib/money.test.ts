import { describe, expect, it } from "vitest";
import { estimateOther, formatMoney, toMajor, toMinor, toUsd } from "./money";

describe("money", () => {
  it("treats KRW as zero-decimal and USD in cents", () => {
    expect(toMinor("150,000,000", "KRW")).toBe(150_000_000);
    expect(toMinor("1,234.56", "USD")).toBe(123_456);
    expect(toMajor(123_456, "USD")).toBe(1234.56);
  });

  it("formats for the viewer's locale, whole amounts without decimals", () => {
    expect(formatMoney(40_000_000, "USD", "en")).toBe("$400,000");
    expect(formatMoney(123_456, "USD", "en")).toBe("$1,234.56");
    expect(formatMoney(24_950, "USD", "en")).toBe("$249.50");
    expect(formatMoney(50_000, "KRW", "ko")).toBe("₩50,000");
    // Arabic: the plain symbol (a trailing "US$" is reordered to "$US" in a right-to-left line).
    expect(formatMoney(150_000_000, "USD", "ar")).not.toContain("US");
    expect(formatMoney(150_000_000, "USD", "ar")).toContain("$");
    expect(formatMoney(50_000, "KRW", "en")).toBe("₩50,000");
  });

  it("estimates the other currency and normalises to whole USD", () => {
    expect(estimateOther(138_000_000, "KRW")).toEqual({ minor: 10_000_000, currency: "USD" });
    expect(estimateOther(10_000, "USD")).toEqual({ minor: 138_000, currency: "KRW" });
    expect(toUsd(1_380_000, "KRW")).toBe(1000);
    expect(toUsd(150_000, "USD")).toBe(1500);
  });
});
