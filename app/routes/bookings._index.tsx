/** The organisation's consulting sessions: booked by its members or as the other party of a meeting. */
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { requireRole } from "~/auth/session.server";
import { listBookingsForOrganisation } from "~/consulting/bookings.server";
import { localized } from "~/consulting/profiles.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDateTime } from "~/lib/format";
import bookingStyles from "~/styles/booking.css";

export const handle = { i18n: ["booking"] };
export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: bookingStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["sme", "buyer"]);
  const locale = await getLocale(request);
  const t = await getFixedT(locale, "booking");
  const bookings = await listBookingsForOrganisation(user);
  return {
    pageTitle: t("booking:list.title"),
    bookings: bookings
      .filter((b) => b.status !== "expired")
      .map((b) => {
        const title = localized(b.service.title, locale);
        return {
          id: b.id,
          title: title.text,
          titleLocale: title.locale,
          consultant: b.consultant.user.name,
          // Formatted here so the page hydrates with the server's text.
          when: formatDateTime(b.startsAt, locale, user.timeZone),
          startsAt: b.startsAt.toISOString(),
          status: b.status,
          past: b.endsAt.getTime() < Date.now(),
        };
      }),
  };
}

export default function MyBookings() {
  const { t } = useTranslation();
  const { bookings } = useLoaderData<typeof loader>();
  const upcoming = bookings.filter((b) => !b.past);
  const past = bookings.filter((b) => b.past).reverse();
  const table = (rows: typeof bookings) => (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("booking:list.when")}</th>
            <th scope="col">{t("booking:list.session")}</th>
            <th scope="col">{t("booking:list.consultant")}</th>
            <th scope="col">{t("booking:list.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id}>
              <td>
                <Link to={`/bookings/${b.id}`}>
                  <time dateTime={b.startsAt}>{b.when}</time>
                </Link>
              </td>
              <td lang={b.titleLocale ?? undefined} dir="auto">
                {b.title}
              </td>
              <td>{b.consultant}</td>
              <td>{t(`booking:status.${b.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <div className="container">
      <div className="section-head">
        <h1>{t("booking:list.title")}</h1>
        <Link to="/consultants" className="button button-primary">
          {t("booking:list.find")}
        </Link>
      </div>
      {bookings.length === 0 ? <div className="card empty-state">{t("booking:list.empty")}</div> : null}
      {upcoming.length ? (
        <section className="section" data-testid="upcoming-bookings">
          <h2>{t("booking:list.upcoming")}</h2>
          {table(upcoming)}
        </section>
      ) : null}
      {past.length ? (
        <section className="section">
          <h2>{t("booking:list.past")}</h2>
          {table(past)}
        </section>
      ) : null}
    </div>
  );
}
