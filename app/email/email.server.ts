/**
 * Outgoing e-mail. Capabilities queue a message in their own transaction (the outbox);
 * the worker renders it in the recipient's language, records it in EmailMessage (the dev
 * mailbox reads that table) and, when SMTP_URL is set, hands it to nodemailer. The outbox
 * row id doubles as the message id, so a retry after a crash never sends twice once sent.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { prisma } from "~/db.server";
import { isLocale } from "~/domain/taxonomy";
import { env } from "~/env.server";
import { getFixedT } from "~/i18n/i18n.server";
import { enqueue, type OutboxRow } from "~/jobs/outbox.server";
import type { Prisma } from "~/generated/prisma/client";
import { renderEmail, type EmailTemplate } from "./templates.server";

export interface EmailAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface QueuedEmail {
  to: string;
  locale: string;
  template: EmailTemplate;
  params: Record<string, string>;
  attachments?: EmailAttachment[];
}

export async function queueEmail(tx: Pick<Prisma.TransactionClient, "outboxMessage">, email: QueuedEmail) {
  await enqueue(tx, "email.send", email as unknown as Prisma.InputJsonValue);
}

let transport: Transporter | undefined;
function smtp() {
  const url = env().SMTP_URL;
  if (!url) return undefined;
  transport ??= nodemailer.createTransport(url);
  return transport;
}

export async function deliverQueuedEmail(email: QueuedEmail, row: OutboxRow) {
  const existing = await prisma.emailMessage.findUnique({ where: { id: row.id } });
  if (existing?.sentAt) return;
  const locale = isLocale(email.locale) ? email.locale : "en";
  const t = await getFixedT(locale, "email", "inquiry", "matching", "consulting", "booking", "taxonomy");
  const rendered = renderEmail(t, email.template, email.params);
  const mailer = smtp();
  const message =
    existing ??
    (await prisma.emailMessage.create({
      data: {
        id: row.id,
        to: email.to,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        locale,
        attachments: (email.attachments ?? []) as unknown as Prisma.InputJsonValue,
        transport: mailer ? "smtp" : "store",
      },
    }));
  if (mailer) {
    await mailer.sendMail({
      from: env().MAIL_FROM,
      to: email.to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      attachments: (email.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, "base64") })),
      // One-click unsubscribe (RFC 8058) for alert e-mails; the page accepts the POST.
      ...(email.params.unsubscribeUrl
        ? { headers: { "List-Unsubscribe": `<${email.params.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } }
        : {}),
    });
  }
  await prisma.emailMessage.update({ where: { id: message.id }, data: { sentAt: new Date() } });
}
