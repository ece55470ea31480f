/**
 * Stripe through the official SDK. The client exists only when STRIPE_SECRET_KEY is set
 * (STRIPE_API_BASE points it at a fake in tests). Without keys the app uses the test provider
 * (app/payments/test-provider.server.ts), which signs its events with the same scheme.
 *
 * Webhook secret: STRIPE_WEBHOOK_SECRET when set; otherwise a per-install test secret derived
 * from the first session secret (HMAC "techbridge-test-webhook"), so test-payment events can be
 * verified by the very same `constructEvent` call while nobody outside the install can forge one.
 *
 * Amounts: our minor units are Stripe's units for both supported currencies (KRW is zero-decimal
 * in Stripe: 50000 = ₩50,000; USD in cents), so no conversion is needed — see `stripeAmount`.
 */
import { createHmac } from "node:crypto";
import Stripe from "stripe";
import { env } from "~/env.server";

let client: Stripe | undefined;
let clientKey: string | undefined;

export function stripeEnabled(): boolean {
  return Boolean(env().STRIPE_SECRET_KEY);
}

export function stripeClient(): Stripe {
  const e = env();
  if (!e.STRIPE_SECRET_KEY) throw new Error("STRIPE_SECRET_KEY is not set");
  if (!client || clientKey !== `${e.STRIPE_SECRET_KEY}|${e.STRIPE_API_BASE ?? ""}`) {
    const base = e.STRIPE_API_BASE ? new URL(e.STRIPE_API_BASE) : undefined;
    client = new Stripe(e.STRIPE_SECRET_KEY, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      ...(base ? { host: base.hostname, port: base.port || (base.protocol === "https:" ? 443 : 80), protocol: base.protocol.replace(":", "") as "http" | "https" } : {}),
    });
    clientKey = `${e.STRIPE_SECRET_KEY}|${e.STRIPE_API_BASE ?? ""}`;
  }
  return client;
}

export function webhookSecret(): string {
  const e = env();
  if (e.STRIPE_WEBHOOK_SECRET) return e.STRIPE_WEBHOOK_SECRET;
  return `whsec_test_${createHmac("sha256", e.sessionSecrets[0]!).update("techbridge-test-webhook").digest("base64url")}`;
}

/**
 * Our minor units → Stripe's unit_amount. Both use the currency's smallest unit: KRW is
 * zero-decimal in both (₩50,000 → 50000), USD is in cents in both ($120.00 → 12000).
 */
export function stripeAmount(minor: bigint, currency: string): number {
  if (!["KRW", "USD"].includes(currency.toUpperCase())) throw new RangeError(`unsupported currency ${currency}`);
  const amount = Number(minor);
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError("amount out of range");
  return amount;
}

export interface CheckoutRequest {
  bookingId: string;
  paymentId: string;
  amountMinor: bigint;
  currency: string;
  productName: string;
  customerEmail: string;
  locale: string;
  expiresAt: Date;
}

/**
 * Creates a Checkout Session (mode payment, one line item). Stripe requires expires_at to be at
 * least 30 minutes ahead; a shorter hold is extended to that minimum and the hold's own expiry
 * still applies on our side (a late completion for a lapsed hold is refunded automatically).
 */
export async function createCheckoutSession(req: CheckoutRequest): Promise<{ id: string; url: string }> {
  const appUrl = env().appUrl.replace(/\/$/, "");
  const minExpiry = Math.ceil(Date.now() / 1000) + 31 * 60;
  const session = await stripeClient().checkout.sessions.create(
    {
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: req.currency.toLowerCase(), unit_amount: stripeAmount(req.amountMinor, req.currency), product_data: { name: req.productName } } }],
      customer_email: req.customerEmail,
      client_reference_id: req.bookingId,
      metadata: { bookingId: req.bookingId, paymentId: req.paymentId },
      payment_intent_data: { metadata: { bookingId: req.bookingId, paymentId: req.paymentId } },
      success_url: `${appUrl}/bookings/${req.bookingId}?paid=1`,
      cancel_url: `${appUrl}/bookings/${req.bookingId}/checkout?cancelled=1`,
      expires_at: Math.max(minExpiry, Math.floor(req.expiresAt.getTime() / 1000)),
      locale: stripeLocale(req.locale),
    },
    { idempotencyKey: `checkout-${req.paymentId}` },
  );
  if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
  return { id: session.id, url: session.url };
}

export async function checkoutSessionUrl(sessionId: string): Promise<string | null> {
  const session = await stripeClient().checkout.sessions.retrieve(sessionId);
  return session.status === "open" ? session.url : null;
}

/** Refunds `amountMinor` of a payment intent; idempotent per (payment, amount). */
export async function refundPaymentIntent(paymentIntentId: string, amountMinor: bigint, currency: string, paymentId: string) {
  return stripeClient().refunds.create(
    { payment_intent: paymentIntentId, amount: stripeAmount(amountMinor, currency), metadata: { paymentId } },
    { idempotencyKey: `refund-${paymentId}-${amountMinor}` },
  );
}

type CheckoutLocale = NonNullable<Stripe.Checkout.SessionCreateParams["locale"]>;
function stripeLocale(locale: string): CheckoutLocale {
  const supported: Record<string, CheckoutLocale> = { ko: "ko", en: "en", ja: "ja", zh: "zh", vi: "vi", es: "es" };
  return supported[locale] ?? "auto";
}
