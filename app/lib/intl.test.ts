import { describe, expect, it } from "vitest";
import { localDateOf } from "~/consulting/slots";
import { dateTimeFormat, numberFormat, regionNames } from "./intl";

describe("shared Intl formatters", () => {
  it("returns one instance per locale and options, and a different one when either differs", () => {
    const a = dateTimeFormat("ko", { timeZone: "Asia/Seoul", hour: "2-digit" });
    expect(dateTimeFormat("ko", { timeZone: "Asia/Seoul", hour: "2-digit" })).toBe(a);
    expect(dateTimeFormat("ko", { timeZone: "Europe/Berlin", hour: "2-digit" })).not.toBe(a);
    expect(dateTimeFormat("en", { timeZone: "Asia/Seoul", hour: "2-digit" })).not.toBe(a);
    expect(numberFormat("en", { style: "currency", currency: "USD" }).format(5)).toBe("$5.00");
    expect(numberFormat("en", { style: "currency", currency: "KRW" }).format(5)).toBe("₩5");
    expect(regionNames("ko").of("DE")).toBe("독일");
  });

  it("gives the calendar date of an instant in a zone, on both sides of midnight and DST", () => {
    const instant = new Date("2026-03-29T00:30:00Z"); // 01:30 CET → DST starts at 02:00 in Berlin
    expect(localDateOf(instant, "Europe/Berlin")).toBe("2026-03-29");
    expect(localDateOf(instant, "America/Los_Angeles")).toBe("2026-03-28");
    expect(localDateOf(new Date("2026-12-31T15:00:00Z"), "Asia/Seoul")).toBe("2027-01-01");
  });
});
