/**
 * Development mailbox: the e-mails the app stored because no SMTP server is configured. They
 * include password-reset links, so in production only operators may read them.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getSessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { env } from "~/env.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDateTime } from "~/lib/format";
import { notFound } from "~/lib/http.server";
import { titleMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const { SMTP_URL, NODE_ENV } = env();
  if (SMTP_URL) notFound();
  if (NODE_ENV === "production" && (await getSessionUser(request))?.role !== "admin") notFound();
  const url = new URL(request.url);
  const to = url.searchParams.get("to")?.trim().toLowerCase() || undefined;
  const messages = await prisma.emailMessage.findMany({
    where: to ? { to } : {},
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, to: true, subject: true, text: true, locale: true, createdAt: true },
  });
  const locale = await getLocale(request);
  return { messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })), to: to ?? "", locale, pageTitle: (await getFixedT(locale, "common"))("common:mailbox.title") };
}

export const meta = titleMeta;

export default function Mailbox() {
  const { t } = useTranslation();
  const { messages, to, locale } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>{t("common:mailbox.title")}</h1>
      <div className="alert alert-info">{t("common:mailbox.explain")}</div>
      <form method="get" className="inline-form">
        <label htmlFor="mailbox-to">{t("common:mailbox.filter")}</label>
        <input id="mailbox-to" name="to" type="email" defaultValue={to} />
        <button type="submit" className="button">
          {t("common:mailbox.apply")}
        </button>
      </form>
      {messages.length === 0 ? <p className="muted">{t("common:mailbox.empty")}</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="card mail" data-testid="mail">
          <p className="small muted">
            {m.to} · {formatDateTime(m.createdAt, locale)} · {m.locale}
          </p>
          <h2 className="h3" lang={m.locale}>
            {m.subject}
          </h2>
          <pre className="mail-body" lang={m.locale}>
            {m.text}
          </pre>
        </article>
      ))}
    </div>
  );
}
