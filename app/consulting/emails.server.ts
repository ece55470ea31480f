/** Consulting e-mails (templates "consulting.<name>"), rendered in the recipient's language. */
import type { EmailRenderer } from "~/email/layout.server";

export const consultingEmails: EmailRenderer = (_t, _name, _params) => undefined;
