/** Inquiry e-mails (templates "inquiry.<name>"), rendered in the recipient's language. */
import type { EmailRenderer, RenderedEmail } from "~/email/layout.server";
import { layout, link, paragraphs } from "~/email/layout.server";
import { formatDateTime } from "~/lib/format";

const NAMES = ["received", "message", "statusChanged", "reminder", "overdue", "ndaAcceptedByOther", "ndaComplete"] as const;
type Name = (typeof NAMES)[number];

function formatInstant(iso: string | undefined, locale: string) {
  if (!iso) return "";
  return formatDateTime(iso, locale, "Asia/Seoul");
}

export const inquiryEmails: EmailRenderer = (t, name, params): RenderedEmail | undefined => {
  if (!(NAMES as readonly string[]).includes(name)) return undefined;
  const key = name as Name;
  // i18next's fixed t carries its language.
  const locale = (t as unknown as { lng?: string }).lng ?? "en";
  const values = {
    ...params,
    dueAt: formatInstant(params.dueAt, locale),
    status: params.status ? t(`inquiry:status.${params.status}`) : "",
  };
  const subject = t(`inquiry:email.${key}.subject`, values);
  const intro = t(`inquiry:email.${key}.intro`, values);
  const action = t("inquiry:email.open");
  return {
    subject,
    text: `${intro}\n\n${params.url}`,
    html: layout(t, paragraphs(intro) + link(params.url ?? "", action)),
  };
};
