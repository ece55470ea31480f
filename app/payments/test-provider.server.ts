/**
 * The test payment provider (the default without STRIPE_SECRET_KEY): a clearly labelled page
 * (/payments/test/:paymentId) stands in for Stripe Checkout. Its buttons build the same event
 * JSON Stripe would send, sign it exactly as Stripe does (`Stripe.webhooks.generateTestHeaderString`
 * with the webhook secret, see stripe.server.ts) and pass the raw body and signature through the
 * very same `handleStripeWebhook` as the real /webhooks/stripe route.
 */
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { prisma } from "~/db.server";
import { webhookSecret } from "./stripe.server";
import { handleStripeWebhook, type WebhookResult } from "./webhook.server";

export function newTestSessionId() {
  return `cs_test_${randomBytes(12).toString("hex")}`;
}

export function testPaymentIntentId(paymentId: string) {
  return `pi_test_${paymentId}`;
}

/** Signs a payload like Stripe and delivers it to the webhook handler. */
export async function deliverSignedEvent(event: { id: string; type: string; data: { object: Record<string, unknown> } }, now = new Date()): Promise<WebhookResult> {
  const payload = JSON.stringify({ object: "event", api_version: Stripe.API_VERSION, created: Math.floor(now.getTime() / 1000), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, ...event });
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret() });
  return handleStripeWebhook(payload, header, now);
}

function eventId() {
  return `evt_test_${randomBytes(12).toString("hex")}`;
}

async function testPayment(paymentId: string) {
  const payment = await prisma.payment.findUnique({ where: { id: paymentId } });
  if (!payment || payment.provider !== "test" || !payment.providerSessionId) return null;
  return payment;
}

function sessionObject(payment: { id: string; bookingId: string; providerSessionId: string | null; amountMinor: bigint; currency: string }, status: "complete" | "expired", paid: boolean) {
  return {
    id: payment.providerSessionId,
    object: "checkout.session",
    mode: "payment",
    status,
    payment_status: paid ? "paid" : "unpaid",
    amount_total: Number(payment.amountMinor),
    currency: payment.currency.toLowerCase(),
    client_reference_id: payment.bookingId,
    payment_intent: paid ? testPaymentIntentId(payment.id) : null,
    metadata: { bookingId: payment.bookingId, paymentId: payment.id },
  };
}

/** "Pay (test)": checkout.session.completed. */
export async function simulateTestPayment(paymentId: string, now = new Date()) {
  const payment = await testPayment(paymentId);
  if (!payment) return null;
  return deliverSignedEvent({ id: eventId(), type: "checkout.session.completed", data: { object: sessionObject(payment, "complete", true) } }, now);
}

/** "Decline (test)": payment_intent.payment_failed with a card_declined error (the hold stays; retry possible). */
export async function simulateTestDecline(paymentId: string, now = new Date()) {
  const payment = await testPayment(paymentId);
  if (!payment) return null;
  return deliverSignedEvent(
    {
      id: eventId(),
      type: "payment_intent.payment_failed",
      data: {
        object: {
          id: testPaymentIntentId(payment.id),
          object: "payment_intent",
          amount: Number(payment.amountMinor),
          currency: payment.currency.toLowerCase(),
          status: "requires_payment_method",
          last_payment_error: { code: "card_declined", message: "Your card was declined." },
          metadata: { bookingId: payment.bookingId, paymentId: payment.id },
        },
      },
    },
    now,
  );
}

/** "Abandon (test)": checkout.session.expired. */
export async function simulateTestExpiry(paymentId: string, now = new Date()) {
  const payment = await testPayment(paymentId);
  if (!payment) return null;
  return deliverSignedEvent({ id: eventId(), type: "checkout.session.expired", data: { object: sessionObject(payment, "expired", false) } }, now);
}

/** The test provider's refund: charge.refunded for the full amount. */
export async function simulateTestRefund(paymentId: string, now = new Date()) {
  const payment = await testPayment(paymentId);
  if (!payment) return null;
  return deliverSignedEvent(
    {
      id: eventId(),
      type: "charge.refunded",
      data: {
        object: {
          id: `ch_test_${payment.id}`,
          object: "charge",
          amount: Number(payment.amountMinor),
          amount_refunded: Number(payment.amountMinor),
          currency: payment.currency.toLowerCase(),
          refunded: true,
          payment_intent: testPaymentIntentId(payment.id),
          metadata: { bookingId: payment.bookingId, paymentId: payment.id },
        },
      },
    },
    now,
  );
}
