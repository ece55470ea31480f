/** Checkout of a held booking: the hold's countdown, the price, an optional export voucher, then pay. */
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { localizedText } from "~/consulting/booking-notifications.server";
import { formatSlot } from "~/consulting/slots";
import { splitPrice, usableVouchers } from "~/consulting/vouchers.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { clientIp, paramOrNotFound, UserError } from "~/lib/http.server";
import { formatMoney } from "~/lib/money";
import { beginCheckout, checkoutBooking } from "~/payments/checkout.server";
import { stripeEnabled } from "~/payments/stripe.server";
import bookingStyles from "~/styles/booking.css";
import { titleMeta } from "~/lib/meta";

export const handle = { i18n: ["booking", "validation"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: bookingStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const now = new Date();
  try {
    const { booking, holdLapsed } = await checkoutBooking(user, paramOrNotFound(params.id), now);
    if (booking.status !== "held") throw redirect(`/bookings/${booking.id}`);
    const vouchers = user.organisationId ? await usableVouchers(user.organisationId, booking.currency, now) : [];
    const money = (minor: bigint) => formatMoney(minor, booking.currency, locale);
    return {
      id: booking.id,
      pageTitle: (await getFixedT(locale, "booking"))("booking:checkout.title"),
      service: localizedText(booking.service.title, locale),
      consultant: booking.consultant.user.name,
      shown: formatSlot(booking, { locale, viewerTimeZone: booking.bookerTimeZone, consultantTimeZone: booking.consultant.timeZone }),
      holdExpiresAt: booking.holdExpiresAt?.toISOString() ?? null,
      holdLapsed,
      price: money(booking.priceMinor),
      provider: stripeEnabled() ? "stripe" : "test",
      vouchers: vouchers.map((v) => {
        const split = splitPrice(booking.priceMinor, booking.currency, v, now);
        return {
          id: v.id,
          programme: v.programme,
          coveragePercent: v.coveragePercent,
          balance: money(v.balanceMinor),
          expiresOn: v.expiresOn.toISOString().slice(0, 10),
          voucherPart: money(split.voucherMinor),
          cardPart: money(split.cardMinor),
          fullyCovered: split.cardMinor === 0n,
        };
      }),
    };
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}

export const meta = titleMeta;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const voucherId = String(form.get("voucherId") ?? "");
  try {
    // Only the voucher choice is read from the form: every amount is computed on the server.
    const result = await beginCheckout(user, paramOrNotFound(params.id), { voucherId: voucherId || null }, { ip: clientIp(request) });
    return redirect(result.redirectTo);
  } catch (error) {
    if (error instanceof UserError) {
      if (error.status === 404) throw new Response(error.messageKey, { status: 404 });
      return { error: error.messageKey, voucherId };
    }
    throw error;
  }
}

function Countdown({ until }: { until: string }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setLeft(Math.max(0, new Date(until).getTime() - Date.now()));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [until]);
  if (left === null) return <span>{t("booking:checkout.holdUntil", { time: new Date(until).toISOString().slice(11, 16) + " UTC" })}</span>;
  if (left === 0) return <strong role="alert">{t("booking:errors.holdExpired")}</strong>;
  const minutes = Math.floor(left / 60000);
  const seconds = Math.floor((left % 60000) / 1000);
  return (
    <span aria-live="off" data-testid="hold-countdown">
      {t("booking:checkout.holdLeft", { time: `${minutes}:${String(seconds).padStart(2, "0")}` })}
    </span>
  );
}

export default function CheckoutPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [search] = useSearchParams();
  const [choice, setChoice] = useState(result?.voucherId ?? "");
  const chosen = data.vouchers.find((v) => v.id === choice);

  return (
    <div className="container narrow booking-page">
      <h1>{t("booking:checkout.title")}</h1>
      <section className="card booking-summary">
        <h2>{data.service}</h2>
        <p>{t("booking:detail.with", { consultant: data.consultant })}</p>
        <p>
          <strong>{data.shown.viewer.date}</strong> {data.shown.viewer.time} ({data.shown.viewer.zoneName})
        </p>
        {data.shown.consultant ? (
          <p className="small muted">{t("booking:detail.consultantTime", { time: `${data.shown.consultant.date} ${data.shown.consultant.time} (${data.shown.consultant.zoneName})` })}</p>
        ) : null}
        <p className="booking-hold">{data.holdLapsed || !data.holdExpiresAt ? <strong role="alert">{t("booking:errors.holdExpired")}</strong> : <Countdown until={data.holdExpiresAt} />}</p>
      </section>

      {search.get("cancelled") ? (
        <div className="alert alert-info" role="status">
          {t("booking:checkout.cancelledAtProvider")}
        </div>
      ) : null}
      {result?.error ? (
        <div className="alert alert-error" role="alert">
          {t(result.error)}
        </div>
      ) : null}

      <Form method="post" className="card form-card">
        <fieldset className="choice-group">
          <legend>{t("booking:checkout.voucher")}</legend>
          <label className="choice-card">
            <input type="radio" name="voucherId" value="" checked={choice === ""} onChange={() => setChoice("")} /> {t("booking:checkout.noVoucher")}
          </label>
          {data.vouchers.map((v) => (
            <label key={v.id} className="choice-card">
              <input type="radio" name="voucherId" value={v.id} checked={choice === v.id} onChange={() => setChoice(v.id)} />{" "}
              {t("booking:checkout.voucherOption", { programme: v.programme, percent: v.coveragePercent, balance: v.balance, date: v.expiresOn })}
            </label>
          ))}
          {data.vouchers.length === 0 ? <p className="small muted">{t("booking:checkout.noVouchers")}</p> : null}
        </fieldset>
        <dl className="facts booking-split">
          <dt>{t("booking:checkout.price")}</dt>
          <dd data-testid="price">{data.price}</dd>
          <dt>{t("booking:checkout.voucherPart")}</dt>
          <dd data-testid="voucher-part">{chosen ? chosen.voucherPart : "—"}</dd>
          <dt>{t("booking:checkout.cardPart")}</dt>
          <dd data-testid="card-part">{chosen ? chosen.cardPart : data.price}</dd>
        </dl>
        <p className="small muted">{chosen?.fullyCovered ? t("booking:checkout.fullyCovered") : data.provider === "test" ? t("booking:checkout.testProviderNote") : t("booking:checkout.stripeNote")}</p>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy || data.holdLapsed}>
            {chosen?.fullyCovered ? t("booking:checkout.confirmWithVoucher") : t("booking:checkout.pay")}
          </button>
          <Link to={`/bookings/${data.id}`}>{t("booking:checkout.back")}</Link>
        </div>
      </Form>
    </div>
  );
}
