import { describe, expect, it } from "vitest";
import { buildIcs, escapeIcsText, foldLine } from "./ics";

const event = {
  bookingId: "ck123",
  sequence: 2,
  method: "REQUEST" as const,
  startsAt: new Date("2026-04-06T07:00:00Z"),
  endsAt: new Date("2026-04-06T08:30:00Z"),
  stamp: new Date("2026-04-01T10:11:12.345Z"),
  summary: "Valuation session; Kim, Lee",
  description: "Line one\nLine two \\ end",
  organizer: { name: "Dr \"Kim\"", email: "kim@example.test" },
  attendees: [{ name: "Buyer", email: "b@example.test" }],
};

describe("buildIcs", () => {
  it("writes one VEVENT with UTC times, stable UID and sequence, CRLF line ends", () => {
    const ics = buildIcs(event);
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const lines = ics.split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("METHOD:REQUEST");
    expect(lines).toContain("UID:booking-ck123@techbridge");
    expect(lines).toContain("SEQUENCE:2");
    expect(lines).toContain("DTSTART:20260406T070000Z");
    expect(lines).toContain("DTEND:20260406T083000Z");
    expect(lines).toContain("DTSTAMP:20260401T101112Z");
    expect(lines).toContain("SUMMARY:Valuation session\\; Kim\\, Lee");
    expect(lines).toContain("DESCRIPTION:Line one\\nLine two \\\\ end");
    expect(lines).toContain('ORGANIZER;CN="Dr Kim":mailto:kim@example.test');
    expect(lines).toContain("STATUS:CONFIRMED");
  });

  it("cancellation keeps the UID and says CANCEL", () => {
    const ics = buildIcs({ ...event, method: "CANCEL", sequence: 3 });
    expect(ics).toContain("METHOD:CANCEL\r\n");
    expect(ics).toContain("STATUS:CANCELLED\r\n");
    expect(ics).toContain("UID:booking-ck123@techbridge\r\n");
    expect(ics).toContain("SEQUENCE:3\r\n");
  });

  it("folds long lines at 75 octets without splitting multi-byte characters", () => {
    const long = `SUMMARY:${"기술가치평가 ".repeat(20)}`;
    const folded = foldLine(long);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(" ")).toBe(true);
    // Unfolding restores the line exactly.
    expect(folded.replace(/\r\n /g, "")).toBe(long);
    expect(foldLine("short")).toBe("short");
  });

  it("escapes TEXT values", () => {
    expect(escapeIcsText("a,b;c\\d\r\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });
});
