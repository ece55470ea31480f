/** Building blocks shared by every capability's e-mail templates. Values are escaped here. */
import type { TFunction } from "i18next";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export type EmailParams = Record<string, string>;

/** A capability's templates: renders `name` (the part after "capability.") or returns undefined. */
export type EmailRenderer = (t: TFunction, name: string, params: EmailParams) => RenderedEmail | undefined;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function layout(t: TFunction, bodyHtml: string): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">
${bodyHtml}
<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">
<p style="color:#666;font-size:12px">${escapeHtml(t("email:footer"))}</p></body></html>`;
}

export function paragraphs(...lines: string[]) {
  return lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n");
}

export function link(href: string, label: string) {
  return `<p><a href="${escapeHtml(href)}" style="background:#0b5cad;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(label)}</a></p>`;
}

