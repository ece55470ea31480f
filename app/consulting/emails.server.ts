/**
 * Consulting e-mails (templates "consulting.<name>", texts in the "booking" namespace), rendered
 * in the recipient's language. Params are prepared per recipient by booking-notifications.server.ts
 * (times already in the recipient's zone, with the consultant's alongside).
 */
import type { TFunction } from "i18next";
import { layout, link, paragraphs, type EmailParams, type EmailRenderer } from "~/email/layout.server";

function when(t: TFunction, p: EmailParams): string[] {
  const lines = [t("booking:email.when", { when: p.when })];
  if (p.consultantWhen) lines.push(t("booking:email.consultantWhen", { when: p.consultantWhen }));
  return lines;
}

function render(t: TFunction, subject: string, lines: string[], url: string | undefined, action: string) {
  const body = lines.filter(Boolean);
  return {
    subject,
    text: [...body, url ?? ""].filter(Boolean).join("\n\n"),
    html: layout(t, paragraphs(...body) + (url ? link(url, action) : "")),
  };
}

export const consultingEmails: EmailRenderer = (t, name, p) => {
  const action = t("booking:email.open");
  switch (name) {
    case "bookingConfirmed":
      return render(t, t("booking:email.confirmed.subject", { service: p.service }), [t("booking:email.confirmed.intro", { service: p.service, consultant: p.consultant }), ...when(t, p), t("booking:email.icsNote")], p.url, action);
    case "bookingAwaitingCounterpart":
      return render(t, t("booking:email.awaitingCounterpart.subject", { service: p.service }), [t("booking:email.awaitingCounterpart.intro", { service: p.service }), ...when(t, p)], p.url, action);
    case "bookingCounterpartRequest":
      return render(t, t("booking:email.counterpartRequest.subject", { booker: p.booker }), [t("booking:email.counterpartRequest.intro", { booker: p.booker, service: p.service, consultant: p.consultant }), ...when(t, p)], p.url, t("booking:email.counterpartRequest.action"));
    case "bookingRescheduled":
      return render(t, t("booking:email.rescheduled.subject", { service: p.service }), [t("booking:email.rescheduled.intro", { service: p.service }), ...when(t, p), t("booking:email.icsNote")], p.url, action);
    case "bookingCancelled":
      return render(
        t,
        t("booking:email.cancelled.subject", { service: p.service }),
        [t("booking:email.cancelled.intro", { service: p.service }), ...when(t, p), p.role === "consultant" ? "" : p.refund === "full" ? t("booking:email.cancelled.refundFull") : t("booking:email.cancelled.refundNone"), p.reason ? t("booking:email.cancelled.reason", { reason: p.reason }) : ""],
        p.url,
        action,
      );
    case "bookingReminder":
      return render(t, t("booking:email.reminder.subject", { service: p.service, count: Number(p.hours) }), [t("booking:email.reminder.intro", { service: p.service, consultant: p.consultant, count: Number(p.hours) }), ...when(t, p)], p.url, action);
    case "bookingCompleted":
      return render(t, t("booking:email.completed.subject", { service: p.service }), [t("booking:email.completed.intro", { service: p.service, consultant: p.consultant }), p.outcome ? t("booking:email.completed.outcome", { outcome: p.outcome }) : ""], p.url, action);
    default:
      return undefined;
  }
};
