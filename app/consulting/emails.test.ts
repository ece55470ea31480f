import { describe, expect, it } from "vitest";
import { LOCALES } from "~/domain/taxonomy";
import { renderEmail } from "~/email/templates.server";
import { getFixedT } from "~/i18n/i18n.server";

const TEMPLATES = ["bookingConfirmed", "bookingAwaitingCounterpart", "bookingCounterpartRequest", "bookingRescheduled", "bookingCancelled", "bookingReminder", "bookingCompleted"];
const params = {
  name: "Kim",
  service: "Valuation <session>",
  consultant: "Dr Lee",
  booker: "Acme GmbH",
  when: "Mon, 8 Mar 2027 10:00–11:00 (GMT+9)",
  consultantWhen: "Mon, 8 Mar 2027 02:00–03:00 (CET)",
  price: "₩500,000",
  url: "https://techbridge.test/bookings/b1",
  role: "booker",
  refund: "full",
  reason: "ill",
  hours: "24",
  outcome: "Income approach",
};

describe("booking e-mails", () => {
  for (const locale of LOCALES) {
    it(`render in ${locale} with every placeholder filled and HTML escaped`, async () => {
      const t = await getFixedT(locale, "email", "booking");
      for (const template of TEMPLATES) {
        const mail = renderEmail(t, `consulting.${template}`, params);
        expect(mail.subject.length, template).toBeGreaterThan(3);
        expect(`${mail.subject}${mail.text}${mail.html}`, template).not.toMatch(/\{\{|booking:|email\./);
        expect(mail.text).toContain(params.url);
        expect(mail.html).not.toContain("<session>");
        if (template !== "bookingCompleted") expect(mail.text).toContain(params.when);
      }
      const hour = renderEmail(t, "consulting.bookingReminder", { ...params, hours: "1" });
      expect(hour.subject).not.toBe(renderEmail(t, "consulting.bookingReminder", params).subject);
    });
  }

  it("refuses unknown templates", async () => {
    const t = await getFixedT("en", "email", "booking");
    expect(() => renderEmail(t, "consulting.nope", params)).toThrow(/Unknown e-mail template/);
  });
});
