/** The inquiry inbox: received (SME) or sent (buyer), filtered by state. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { requireRole } from "~/auth/session.server";
import { isLocale } from "~/domain/taxonomy";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { listInbox } from "~/inquiries/inquiries.server";
import { INBOX_FILTERS, type InboxFilter } from "~/inquiries/schemas";
import { formatDate, formatDateTime } from "~/lib/format";
import { pickTranslation } from "~/listings/listings.server";

export const handle = { i18n: ["inquiry"] };
export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, ["sme", "buyer"]);
  const locale = await getLocale(request);
  const t = await getFixedT(locale, "inquiry");
  const param = new URL(request.url).searchParams.get("filter");
  const filter: InboxFilter = (INBOX_FILTERS as readonly string[]).includes(param ?? "") ? (param as InboxFilter) : "open";
  const rows = await listInbox(viewer, filter);
  const now = Date.now();
  return {
    pageTitle: t(viewer.role === "buyer" ? "inquiry:inbox.sent" : "inquiry:inbox.received"),
    filter,
    side: viewer.role === "buyer" ? ("sent" as const) : ("received" as const),
    inquiries: rows.map((r) => {
      const { translation } = pickTranslation(r.listing.translations, isLocale(locale) ? locale : "en");
      const counterpart = viewer.role === "buyer" ? r.sellerOrg : r.buyerOrg;
      return {
        id: r.id,
        title: translation?.title ?? "",
        titleLocale: translation?.locale ?? "en",
        counterpart: locale === "ko" ? counterpart.name : (counterpart.nameEn ?? counterpart.name),
        country: "country" in counterpart ? (counterpart.country as string) : null,
        status: r.status,
        // Formatted on the server so the page hydrates with the same text (Intl data differs between runtimes).
        responseDue: r.status === "submitted" ? formatDate(r.responseDueAt, locale, viewer.timeZone) : null,
        overdue: r.status === "submitted" && r.responseDueAt.getTime() < now,
        messages: r._count.messages,
        updatedAt: r.updatedAt.toISOString(),
        updated: formatDateTime(r.updatedAt, locale, viewer.timeZone),
      };
    }),
  };
}

export default function Inbox() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>{t(data.side === "sent" ? "inquiry:inbox.sent" : "inquiry:inbox.received")}</h1>
      <nav className="tabs" aria-label={t("inquiry:inbox.title")}>
        {INBOX_FILTERS.map((f) => (
          <Link key={f} to={`?filter=${f}`} className={`tab${f === data.filter ? " tab-active" : ""}`} aria-current={f === data.filter ? "page" : undefined}>
            {t(`inquiry:inbox.filter.${f}`)}
          </Link>
        ))}
      </nav>
      {data.inquiries.length === 0 ? (
        <div className="card empty-state">
          <p>{t(data.side === "sent" && data.filter === "open" ? "inquiry:inbox.emptyBuyer" : "inquiry:inbox.empty")}</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="inbox">
            <thead>
              <tr>
                <th scope="col">{t("inquiry:inbox.columns.listing")}</th>
                <th scope="col">{t("inquiry:inbox.columns.counterpart")}</th>
                <th scope="col">{t("inquiry:inbox.columns.status")}</th>
                <th scope="col">{t("inquiry:inbox.columns.due")}</th>
                <th scope="col">{t("inquiry:inbox.columns.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {data.inquiries.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/inquiries/${i.id}`} lang={i.titleLocale} dir="auto">
                      {i.title}
                    </Link>
                    <div className="small muted">{t("inquiry:inbox.messages", { count: i.messages })}</div>
                  </td>
                  <td>
                    <bdi>{i.counterpart}</bdi>
                    {i.country ? <span className="small muted"> · {i.country}</span> : null}
                  </td>
                  <td>
                    <span className={`badge status-${i.status}`}>{t(`inquiry:status.${i.status}`)}</span>
                  </td>
                  <td>
                    {i.responseDue ? (
                      <span className={i.overdue ? "warning-text" : undefined}>
                        {i.responseDue}
                        {i.overdue ? ` · ${t("inquiry:inbox.overdue")}` : ""}
                      </span>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="small">
                    <time dateTime={i.updatedAt}>{i.updated}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
