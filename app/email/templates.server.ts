/**
 * E-mail templates, rendered in the recipient's language. Every value inserted into HTML
 * is escaped here; subjects and text parts are plain text.
 */
import type { TFunction } from "i18next";
import { consultingEmails } from "~/consulting/emails.server";
import { inquiryEmails } from "~/inquiries/emails.server";
import { matchingEmails } from "~/matching/emails.server";
import { layout, link, paragraphs, type EmailRenderer, type RenderedEmail } from "./layout.server";

export { escapeHtml, type RenderedEmail } from "./layout.server";

type CoreTemplate = "passwordReset" | "passwordChanged" | "welcome" | "listingSubmitted" | "listingApproved" | "listingChangesRequested" | "listingExpiring";

/** Capabilities own their templates, addressed as "capability.name" (e.g. "inquiry.received"). */
const CAPABILITY_RENDERERS = {
  inquiry: inquiryEmails,
  matching: matchingEmails,
  consulting: consultingEmails,
} satisfies Record<string, EmailRenderer>;

export type EmailTemplate = CoreTemplate | `${keyof typeof CAPABILITY_RENDERERS}.${string}`;

type Params = Record<string, string>;

export function renderEmail(t: TFunction, template: EmailTemplate, params: Params): RenderedEmail {
  const dot = template.indexOf(".");
  if (dot > 0) {
    const renderer = CAPABILITY_RENDERERS[template.slice(0, dot) as keyof typeof CAPABILITY_RENDERERS];
    const rendered = renderer?.(t, template.slice(dot + 1), params);
    if (!rendered) throw new Error(`Unknown e-mail template ${template}`);
    return rendered;
  }
  switch (template as CoreTemplate) {
    case "passwordReset": {
      const subject = t("email:passwordReset.subject");
      const intro = t("email:passwordReset.intro", { name: params.name });
      const expiry = t("email:passwordReset.expiry");
      return {
        subject,
        text: `${intro}\n\n${params.url}\n\n${expiry}`,
        html: layout(t, paragraphs(intro) + link(params.url, t("email:passwordReset.action")) + paragraphs(expiry)),
      };
    }
    case "passwordChanged": {
      const subject = t("email:passwordChanged.subject");
      const intro = t("email:passwordChanged.intro", { name: params.name });
      const notYou = t("email:passwordChanged.notYou");
      return {
        subject,
        text: `${intro}\n\n${notYou}\n${params.url}`,
        html: layout(t, paragraphs(intro, notYou) + link(params.url, t("email:passwordChanged.action"))),
      };
    }
    case "welcome": {
      const subject = t("email:welcome.subject");
      const intro = t("email:welcome.intro", { name: params.name });
      return { subject, text: `${intro}\n\n${params.url}`, html: layout(t, paragraphs(intro) + link(params.url, t("email:welcome.action"))) };
    }
    case "listingSubmitted": {
      const subject = t("email:listingSubmitted.subject", { title: params.title });
      const intro = t("email:listingSubmitted.intro", { title: params.title });
      return { subject, text: `${intro}\n\n${params.url}`, html: layout(t, paragraphs(intro) + link(params.url, t("email:listingSubmitted.action"))) };
    }
    case "listingApproved": {
      const subject = t("email:listingApproved.subject", { title: params.title });
      const intro = t("email:listingApproved.intro", { title: params.title });
      return { subject, text: `${intro}\n\n${params.url}`, html: layout(t, paragraphs(intro) + link(params.url, t("email:listingApproved.action"))) };
    }
    case "listingExpiring": {
      const subject = t("email:listingExpiring.subject", { title: params.title, days: params.days });
      const intro = t("email:listingExpiring.intro", { title: params.title, date: params.date });
      return { subject, text: `${intro}\n\n${params.url}`, html: layout(t, paragraphs(intro) + link(params.url, t("email:listingExpiring.action"))) };
    }
    case "listingChangesRequested": {
      const subject = t("email:listingChangesRequested.subject", { title: params.title });
      const intro = t("email:listingChangesRequested.intro", { title: params.title });
      const reason = t("email:listingChangesRequested.reason", { reason: params.reason });
      return {
        subject,
        text: `${intro}\n\n${reason}\n\n${params.url}`,
        html: layout(t, paragraphs(intro, reason) + link(params.url, t("email:listingChangesRequested.action"))),
      };
    }
  }
}
