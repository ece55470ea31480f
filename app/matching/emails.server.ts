/** Matching e-mails (templates "matching.<name>"), rendered in the recipient's language. */
import type { EmailRenderer } from "~/email/layout.server";

export const matchingEmails: EmailRenderer = (_t, _name, _params) => undefined;
