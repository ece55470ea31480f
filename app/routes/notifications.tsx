/** The signed-in user's notifications, newest first; opening one marks it read. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { requireUser } from "~/auth/session.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDateTime } from "~/lib/format";
import { safeRedirect } from "~/lib/http.server";
import { listNotifications, markRead } from "~/notifications/notifications.server";

export const handle = { i18n: ["inquiry", "matching", "booking", "consulting", "listing"] };
export const meta = titleMeta;

/**
 * Names and titles inserted into a sentence keep their own direction: "Seon Materials Co., Ltd."
 * inside an Arabic sentence would otherwise show its final period at the wrong end. Each value
 * is wrapped in Unicode isolates (FSI … PDI), the plain-text form of <bdi>.
 */
function isolated(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? `\u2068${v}\u2069` : v]));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const t = await getFixedT(locale, "inquiry");
  const notifications = (await listNotifications(user.id)).map((n) => ({
    ...n,
    // Coded values read in today's language (an inquiry's status).
    params: isolated(n.params.status && n.messageKey.startsWith("inquiry:") ? { ...n.params, status: t(`inquiry:status.${n.params.status}`) } : n.params),
    when: formatDateTime(n.createdAt, locale, user.timeZone),
  }));
  return { notifications, pageTitle: t("common:notifications.title") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const id = String(form.get("id") ?? "");
  await markRead(user.id, id ? [id] : "all");
  return redirect(safeRedirect(form.get("next"), "/notifications"));
}

export default function Notifications() {
  const { t } = useTranslation();
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.some((n) => !n.read);
  return (
    <div className="container narrow-wide">
      <div className="section-head">
        <h1>{t("common:notifications.title")}</h1>
        {unread ? (
          <Form method="post">
            <button type="submit" className="button button-small">
              {t("common:notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <div className="card empty-state">{t("common:notifications.empty")}</div>
      ) : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.read ? "notification" : "notification notification-unread"}>
              <Form method="post" className="notification-form">
                <input type="hidden" name="id" value={n.id} />
                <input type="hidden" name="next" value={n.href ?? "/notifications"} />
                <button type="submit" className="link-button notification-open" dir="auto">
                  {t(n.messageKey, n.params)}
                </button>
              </Form>
              <span className="small muted">
                <time dateTime={n.createdAt}>{n.when}</time>
                {n.read ? null : <> · {t("common:notifications.unread")}</>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
