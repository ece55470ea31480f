/**
 * The TEST payment page (no Stripe keys configured): stands in for Stripe Checkout. Each button
 * builds the event Stripe would send, signs it like Stripe and runs it through the same webhook
 * handler as /webhooks/stripe. Not reachable when Stripe is configured.
 */
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser, type SessionUser } from "~/auth/session.server";
import { localizedText } from "~/consulting/booking-notifications.server";
import { getBookingForViewer } from "~/consulting/bookings.server";
import { prisma } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { UserError } from "~/lib/http.server";
import { formatMoney } from "~/lib/money";
import { stripeEnabled } from "~/payments/stripe.server";
import { simulateTestDecline, simulateTestExpiry, simulateTestPayment } from "~/payments/test-provider.server";
import bookingStyles from "~/styles/booking.css";
import { titleMeta } from "~/lib/meta";

export const handle = { i18n: ["booking"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: bookingStyles }];

async function ownTestPayment(user: SessionUser, paymentId: string) {
  if (stripeEnabled() || paymentId.includes("\u0000")) throw new Response("booking:errors.notFound", { status: 404 });
  const payment = await prisma.payment.findUnique({ where: { id: paymentId } });
  if (!payment || payment.provider !== "test") throw new Response("booking:errors.notFound", { status: 404 });
  try {
    const { booking, role } = await getBookingForViewer(user, payment.bookingId);
    if (role !== "booker") throw new UserError(404, "booking:errors.notFound");
    return { payment, booking };
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const { payment, booking } = await ownTestPayment(user, params.paymentId ?? "");
  return {
    pageTitle: (await getFixedT(locale, "booking"))("booking:testPayment.title"),
    bookingId: booking.id,
    service: localizedText(booking.service.title, locale),
    amount: formatMoney(payment.amountMinor, payment.currency, locale),
    status: payment.status,
    failureReason: payment.failureReason,
    payable: (payment.status === "pending" || payment.status === "failed") && booking.status === "held",
  };
}

export const meta = titleMeta;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { payment, booking } = await ownTestPayment(user, params.paymentId ?? "");
  const intent = String((await request.formData()).get("intent") ?? "");
  if (intent === "pay") {
    await simulateTestPayment(payment.id);
    return redirect(`/bookings/${booking.id}?paid=1`);
  }
  if (intent === "decline") {
    await simulateTestDecline(payment.id);
    return { declined: true };
  }
  if (intent === "abandon") {
    await simulateTestExpiry(payment.id);
    return redirect(`/bookings/${booking.id}`);
  }
  return { declined: false };
}

export default function TestPaymentPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="container narrow booking-page">
      <p className="test-payment-banner" role="note" data-testid="test-payment-banner">
        {t("booking:testPayment.banner")}
      </p>
      <h1>{t("booking:testPayment.title")}</h1>
      <section className="card">
        <p>{data.service}</p>
        <p>
          {t("booking:testPayment.amount")}: <strong data-testid="test-amount">{data.amount}</strong>
        </p>
        {result?.declined || data.status === "failed" ? (
          <div className="alert alert-error" role="alert">
            {t("booking:testPayment.declined")}
          </div>
        ) : null}
        {data.payable ? (
          <Form method="post" className="test-payment-buttons">
            <button type="submit" name="intent" value="pay" className="button button-primary" disabled={busy}>
              {t("booking:testPayment.pay")}
            </button>
            <button type="submit" name="intent" value="decline" className="button" disabled={busy}>
              {t("booking:testPayment.decline")}
            </button>
            <button type="submit" name="intent" value="abandon" className="button" disabled={busy}>
              {t("booking:testPayment.abandon")}
            </button>
          </Form>
        ) : (
          <p>
            {t("booking:testPayment.notPayable")} <a href={`/bookings/${data.bookingId}`}>{t("booking:checkout.back")}</a>
          </p>
        )}
      </section>
    </div>
  );
}
