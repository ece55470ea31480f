/**
 * E-mail templates, rendered in the recipient's language. Every value inserted into HTML
 * is escaped here; subjects and text parts are plain text.
 */
import type { TFunction } from "i18next";

export type EmailTemplate = "passwordReset" | "welcome" | "listingSubmitted" | "listingApproved" | "listingChangesRequested" | "listingExpiring";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function layout(t: TFunction, bodyHtml: string): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">
${bodyHtml}
<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">
<p style="color:#666;font-size:12px">${escapeHtml(t("email:footer"))}</p></body></html>`;
}

function paragraphs(...lines: string[]) {
  return lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n");
}

function link(href: string, label: string) {
  return `<p><a href="${escapeHtml(href)}" style="background:#0b5cad;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(label)}</a></p>`;
}

type Params = Record<string, string>;

export function renderEmail(t: TFunction, template: EmailTemplate, params: Params): RenderedEmail {
  switch (template) {
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
