/**
 * One booking, for its booker's organisation, the counterpart organisation, the consultant and
 * operators (anyone else: 404). Times in the viewer's zone with the consultant's alongside;
 * cancel / reschedule with the policy spelled out; counterpart confirmation; the consultant's
 * completion (with a valuation for valuation sessions) and no-show; the .ics download.
 */
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { localizedText } from "~/consulting/booking-notifications.server";
import {
  cancelBooking,
  cancellationPolicy,
  completeBooking,
  confirmAsCounterpart,
  FREE_CANCELLATION_HOURS,
  getBookingForViewer,
  markNoShow,
  outcomeSchema,
  rescheduleBooking,
  rescheduleOptions,
} from "~/consulting/bookings.server";
import { formatSlot } from "~/consulting/slots";
import { CURRENCIES, VALUATION_METHODS } from "~/domain/taxonomy";
import { getLocale } from "~/i18n/i18n.server";
import { formatDate } from "~/lib/format";
import { parseForm } from "~/lib/forms";
import { clientIp, paramOrNotFound, UserError } from "~/lib/http.server";
import { formatMoney } from "~/lib/money";
import bookingStyles from "~/styles/booking.css";
import { titleMeta } from "~/lib/meta";

export const handle = { i18n: ["booking", "validation", "taxonomy"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: bookingStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const now = new Date();
  try {
    const { booking, role } = await getBookingForViewer(user, paramOrNotFound(params.id));
    const show = (b: { startsAt: Date; endsAt: Date }) => formatSlot(b, { locale, viewerTimeZone: user.timeZone, consultantTimeZone: booking.consultant.timeZone });
    const policy = cancellationPolicy(booking, role, now);
    const canReschedule =
      (role === "consultant" || role === "admin" || (role === "booker" && booking.startsAt.getTime() - now.getTime() >= FREE_CANCELLATION_HOURS * 3_600_000)) &&
      ["confirmed", "awaiting_counterpart"].includes(booking.status) &&
      booking.startsAt > now;
    const options = canReschedule ? (await rescheduleOptions(booking.id, { now })).map((s) => ({ value: s.startsAt.toISOString(), label: `${show(s).viewer.date} ${show(s).viewer.time}` })) : [];
    const listingTitle = booking.listing ? (booking.listing.translations.find((x) => x.locale === locale) ?? booking.listing.translations[0])?.title ?? null : null;
    const service = localizedText(booking.service.title, locale);
    return {
      id: booking.id,
      pageTitle: service,
      role,
      status: booking.status,
      kind: booking.service.kind,
      service,
      consultant: booking.consultant.user.name,
      bookedBy: booking.bookedBy.name,
      shown: show(booking),
      mode: booking.service.mode,
      location: booking.service.location,
      interpretationLanguage: booking.interpretationLanguage,
      price: formatMoney(booking.priceMinor, booking.currency, locale),
      voucherPart: booking.voucherCoveredMinor > 0n ? formatMoney(booking.voucherCoveredMinor, booking.currency, locale) : null,
      cardPart: formatMoney(booking.cardMinor, booking.currency, locale),
      payments: booking.payments.map((p) => ({ id: p.id, provider: p.provider, status: p.status, amount: formatMoney(p.amountMinor, p.currency, locale), refunded: p.refundedMinor > 0n ? formatMoney(p.refundedMinor, p.currency, locale) : null })),
      holdExpired: booking.status === "held" && (!booking.holdExpiresAt || booking.holdExpiresAt <= now),
      policy,
      freeHours: FREE_CANCELLATION_HOURS,
      canReschedule,
      options,
      canComplete: (role === "consultant" || role === "admin") && booking.status === "confirmed" && booking.startsAt <= now,
      valuationPossible: booking.service.kind === "valuation" && Boolean(booking.listingId),
      listing: booking.listing ? { slug: booking.listing.slug, title: listingTitle } : null,
      outcome: booking.outcome,
      cancelReason: booking.cancelReason,
      cancelledAt: booking.cancelledAt ? formatDate(booking.cancelledAt, locale, user.timeZone) : null,
    };
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}

export const meta = titleMeta;

type ActionResult = { intent: string; error?: string; errors?: Record<string, string>; values?: Record<string, string | string[]> };

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult | Response> {
  const user = await requireUser(request);
  const id = paramOrNotFound(params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") values[k] = v;
  const ip = clientIp(request);
  try {
    if (intent === "cancel") {
      const { refund } = await cancelBooking(user, id, { reason: values.reason }, { ip });
      return redirect(`/bookings/${id}?done=${refund === "full" ? "cancelledRefund" : "cancelledNoRefund"}`);
    }
    if (intent === "reschedule") {
      const startsAt = new Date(values.startsAt ?? "");
      await rescheduleBooking(user, id, { startsAt }, { ip });
      return redirect(`/bookings/${id}?done=rescheduled`);
    }
    if (intent === "confirmCounterpart") {
      await confirmAsCounterpart(user, id, { ip });
      return redirect(`/bookings/${id}?done=confirmed`);
    }
    if (intent === "complete") {
      if (values.recordValuation !== "on") for (const key of [...form.keys()].filter((k) => k.startsWith("valuation."))) form.delete(key);
      const parsed = parseForm(outcomeSchema, form);
      if (!parsed.ok) return { intent, errors: parsed.errors, values: parsed.values };
      await completeBooking(user, id, parsed.data, { ip });
      return redirect(`/bookings/${id}?done=completed`);
    }
    if (intent === "noShow") {
      await markNoShow(user, id, { outcome: values.outcome }, { ip });
      return redirect(`/bookings/${id}?done=noShow`);
    }
    throw new UserError(400, "booking:errors.badRequest");
  } catch (error) {
    if (error instanceof UserError) {
      if (error.status === 404) throw new Response(error.messageKey, { status: 404 });
      return { intent, error: error.messageKey, values };
    }
    throw error;
  }
}

const DONE: Record<string, string> = {
  cancelledRefund: "booking:done.cancelledRefund",
  cancelledNoRefund: "booking:done.cancelledNoRefund",
  rescheduled: "booking:done.rescheduled",
  confirmed: "booking:done.confirmed",
  completed: "booking:done.completed",
  noShow: "booking:done.noShow",
};

export default function BookingPage() {
  const { t } = useTranslation();
  const b = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state !== "idle";
  const [search] = useSearchParams();
  const done = search.get("paid") ? "booking:done.paid" : DONE[search.get("done") ?? ""];
  const errorFor = (intent: string) =>
    result?.intent === intent && result.error ? (
      <div className="alert alert-error" role="alert">
        {t(result.error)}
      </div>
    ) : null;
  const kept = (intent: string, name: string) => (result?.intent === intent ? (result.values?.[name] as string | undefined) : undefined);
  const fieldError = (name: string) => (result?.intent === "complete" ? result.errors?.[name] : undefined);

  return (
    <div className="container narrow booking-page">
      <p className="small muted">{t(`booking:roles.${b.role}`)}</p>
      <h1>{b.service}</h1>
      {done ? (
        <div className="alert alert-success" role="status">
          {t(done)}
        </div>
      ) : null}
      <section className="card booking-summary">
        <p>
          <span className={`booking-status booking-status-${b.status}`} data-testid="booking-status">
            {t(`booking:status.${b.status}`)}
          </span>
        </p>
        <p>{t("booking:detail.with", { consultant: b.consultant })}</p>
        <p>{t("booking:detail.bookedBy", { name: b.bookedBy })}</p>
        <p data-testid="booking-time">
          <strong>{b.shown.viewer.date}</strong> {b.shown.viewer.time} ({b.shown.viewer.zoneName})
        </p>
        {b.shown.consultant ? <p className="small muted">{t("booking:detail.consultantTime", { time: `${b.shown.consultant.date} ${b.shown.consultant.time} (${b.shown.consultant.zoneName})` })}</p> : null}
        <p className="small">{b.mode === "in_person" ? t("booking:detail.inPerson", { location: b.location ?? "" }) : t("booking:detail.online")}</p>
        {b.interpretationLanguage ? <p className="small">{t("booking:detail.interpretation", { language: b.interpretationLanguage })}</p> : null}
        {b.listing ? (
          <p className="small">
            {t("booking:detail.listing")}: <Link to={`/technologies/${b.listing.slug}`}>{b.listing.title}</Link>
          </p>
        ) : null}
        <dl className="facts booking-split">
          <dt>{t("booking:checkout.price")}</dt>
          <dd>{b.price}</dd>
          {b.voucherPart ? (
            <>
              <dt>{t("booking:checkout.voucherPart")}</dt>
              <dd>{b.voucherPart}</dd>
            </>
          ) : null}
          <dt>{t("booking:checkout.cardPart")}</dt>
          <dd>{b.cardPart}</dd>
        </dl>
        {b.payments.length ? (
          <ul className="payment-list small">
            {b.payments.map((p) => (
              <li key={p.id}>
                {t(`booking:provider.${p.provider}`)} · {p.amount} · {t(`booking:paymentStatus.${p.status}`)}
                {p.refunded ? ` · ${t("booking:detail.refunded", { amount: p.refunded })}` : ""}
              </li>
            ))}
          </ul>
        ) : null}
        {b.cancelledAt ? <p className="small">{t("booking:detail.cancelledOn", { date: b.cancelledAt })}{b.cancelReason ? ` — ${b.cancelReason}` : ""}</p> : null}
        {b.outcome ? (
          <p className="prose" dir="auto">
            {t("booking:detail.outcome")}: {b.outcome}
          </p>
        ) : null}
        <p>
          <a href={`/bookings/${b.id}.ics`} download>
            {t("booking:detail.ics")}
          </a>
        </p>
      </section>

      <div className="booking-actions">
        {b.status === "held" && b.role === "booker" ? (
          b.holdExpired ? (
            <div className="alert alert-warning">{t("booking:errors.holdExpired")}</div>
          ) : (
            <Link className="button button-primary" to={`/bookings/${b.id}/checkout`}>
              {t("booking:detail.goToCheckout")}
            </Link>
          )
        ) : null}

        {b.status === "awaiting_counterpart" && b.role === "counterpart" ? (
          <Form method="post" className="card form-card">
            <h2>{t("booking:detail.counterpartTitle")}</h2>
            <p>{t("booking:detail.counterpartHint")}</p>
            {errorFor("confirmCounterpart")}
            <button type="submit" name="intent" value="confirmCounterpart" className="button button-primary" disabled={busy}>
              {t("booking:detail.counterpartConfirm")}
            </button>
          </Form>
        ) : null}

        {b.canReschedule ? (
          <Form method="post" className="card form-card">
            <h2>{t("booking:detail.rescheduleTitle")}</h2>
            <p className="small">{b.role === "booker" ? t("booking:policy.rescheduleBooker", { count: b.freeHours }) : t("booking:policy.rescheduleConsultant")}</p>
            {errorFor("reschedule")}
            {b.options.length ? (
              <div className="field">
                <label htmlFor="f-startsAt">{t("booking:detail.newTime")}</label>
                <select id="f-startsAt" name="startsAt" defaultValue={kept("reschedule", "startsAt")} required>
                  {b.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <p className="muted">{t("booking:detail.noOtherSlots")}</p>
            )}
            <button type="submit" name="intent" value="reschedule" className="button" disabled={busy || b.options.length === 0}>
              {t("booking:detail.reschedule")}
            </button>
          </Form>
        ) : null}

        {b.policy.allowed && (b.role !== "counterpart" || b.status === "awaiting_counterpart") ? (
          <Form method="post" className="card form-card">
            <h2>{b.role === "counterpart" ? t("booking:detail.declineTitle") : t("booking:detail.cancelTitle")}</h2>
            <p className="small" data-testid="cancel-policy">
              {b.role === "consultant" || b.role === "admin"
                ? t("booking:policy.consultant")
                : b.role === "counterpart"
                  ? t("booking:policy.counterpart")
                  : b.status === "held"
                    ? t("booking:policy.hold")
                    : b.policy.refund === "full"
                      ? t("booking:policy.bookerFull", { count: b.freeHours })
                      : t("booking:policy.bookerNone", { count: b.freeHours })}
            </p>
            {errorFor("cancel")}
            <div className="field">
              <label htmlFor="f-reason">{t("booking:detail.reason")}</label>
              <textarea id="f-reason" name="reason" rows={2} maxLength={1000} dir="auto" defaultValue={kept("cancel", "reason")} />
            </div>
            <button type="submit" name="intent" value="cancel" className="button button-danger" disabled={busy}>
              {b.role === "counterpart" ? t("booking:detail.decline") : t("booking:detail.cancel")}
            </button>
          </Form>
        ) : null}

        {b.canComplete ? (
          <>
            <Form method="post" className="card form-card" data-testid="complete-form">
              <h2>{t("booking:detail.completeTitle")}</h2>
              {errorFor("complete")}
              <div className="field">
                <label htmlFor="f-outcome">{t("booking:detail.outcome")}</label>
                <textarea id="f-outcome" name="outcome" rows={4} maxLength={5000} dir="auto" defaultValue={kept("complete", "outcome")} />
              </div>
              {b.valuationPossible ? (
                <fieldset>
                  <legend>{t("booking:valuation.title")}</legend>
                  <label>
                    <input type="checkbox" name="recordValuation" defaultChecked={kept("complete", "recordValuation") === "on"} /> {t("booking:valuation.record")}
                  </label>
                  <div className="field">
                    <label htmlFor="f-valuation-method">{t("booking:valuation.method")}</label>
                    <select id="f-valuation-method" name="valuation.method" defaultValue={kept("complete", "valuation.method") ?? "income"}>
                      {VALUATION_METHODS.map((m) => (
                        <option key={m} value={m}>
                          {t(`taxonomy:valuationMethods.${m}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor="f-valuation-currency">{t("booking:valuation.currency")}</label>
                    <select id="f-valuation-currency" name="valuation.currency" defaultValue={kept("complete", "valuation.currency") ?? "KRW"}>
                      {CURRENCIES.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </div>
                  {(["low", "high"] as const).map((k) => (
                    <div key={k} className={`field${fieldError(`valuation.${k}`) ? " field-invalid" : ""}`}>
                      <label htmlFor={`f-valuation-${k}`}>{t(`booking:valuation.${k}`)}</label>
                      <input id={`f-valuation-${k}`} name={`valuation.${k}`} inputMode="decimal" defaultValue={kept("complete", `valuation.${k}`)} aria-invalid={fieldError(`valuation.${k}`) ? true : undefined} />
                      {fieldError(`valuation.${k}`) ? <p className="error-text">{t(fieldError(`valuation.${k}`)!)}</p> : null}
                    </div>
                  ))}
                  <div className={`field${fieldError("valuation.validUntil") ? " field-invalid" : ""}`}>
                    <label htmlFor="f-valuation-validUntil">{t("booking:valuation.validUntil")}</label>
                    <input id="f-valuation-validUntil" type="date" name="valuation.validUntil" defaultValue={kept("complete", "valuation.validUntil")} />
                    {fieldError("valuation.validUntil") ? <p className="error-text">{t(fieldError("valuation.validUntil")!)}</p> : null}
                  </div>
                </fieldset>
              ) : null}
              <button type="submit" name="intent" value="complete" className="button button-primary" disabled={busy}>
                {t("booking:detail.complete")}
              </button>
            </Form>
            <Form method="post" className="card form-card">
              {errorFor("noShow")}
              <input type="hidden" name="outcome" value="" />
              <button type="submit" name="intent" value="noShow" className="button" disabled={busy}>
                {t("booking:detail.noShow")}
              </button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}
