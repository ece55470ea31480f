import { describe, expect, it } from "vitest";
import { timeZoneLabel, timeZoneOptions } from "./time-zones";

describe("time-zone pickers", () => {
  it("name a zone by its city and its generic name in the reader's language", () => {
    expect(timeZoneLabel("Europe/Berlin", "ko")).toMatch(/^Berlin · .*유럽/);
    expect(timeZoneLabel("Asia/Seoul", "en")).toBe("Seoul · Korean Standard Time");
    expect(timeZoneLabel("America/Los_Angeles", "en")).toBe("Los Angeles · Pacific Time");
  });

  it("list every zone the runtime knows, once, sorted by label, and cache the list per locale", () => {
    const options = timeZoneOptions("ja");
    expect(options).toHaveLength(Intl.supportedValuesOf("timeZone").length);
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
    const labels = options.map((o) => o.label);
    expect([...labels].sort(new Intl.Collator("ja").compare)).toEqual(labels);
    expect(timeZoneOptions("ja")).toBe(options);
  });
});
