/** Inquiry e-mails (templates "inquiry.<name>"), rendered in the recipient's language. */
import type { EmailRenderer } from "~/email/layout.server";

export const inquiryEmails: EmailRenderer = (_t, _name, _params) => undefined;
