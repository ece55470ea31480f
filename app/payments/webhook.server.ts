/**
 * Stripe webhook: the raw body is verified with `Stripe.webhooks.constructEvent` (400 on a bad
 * or missing signature), then the event is applied in ONE transaction together with a
 * ProcessedWebhookEvent row keyed by the event id — a replay (or a concurrent duplicate delivery)
 * finds the row and changes nothing. Payment and booking change in that same transaction and the
 * e-mails are queued through the outbox in it, so they go out only after commit.
 *
 * Handlers are order-tolerant: a completed payment is never un-paid by a later "expired" or
 * "failed" event; a completion that arrives after the hold lapsed revives the booking if its time
 * is still free, otherwise the payment is refunded. Unknown event types are acknowledged (2xx).
 * The test provider (no keys) posts events signed the same way through `handleStripeWebhook`.
 */
import Stripe from "stripe";
import { audit } from "~/audit/audit.server";
import { markBookingPaid, releaseHold, lockBooking } from "~/consulting/booking-lifecycle.server";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { restoreVoucherShare } from "~/consulting/vouchers.server";
import { refundCardPayments, type AfterCommit } from "./refunds.server";
import { webhookSecret } from "./stripe.server";

type Tx = Prisma.TransactionClient;

export interface WebhookResult {
  status: number;
  body: string;
}

/** Verifies and applies one delivery. Never throws for a bad request; lets real failures surface (500 → Stripe retries). */
export async function handleStripeWebhook(rawBody: string, signature: string | null, now = new Date()): Promise<WebhookResult> {
  let event: Stripe.Event;
  try {
    if (!signature) throw new Error("missing Stripe-Signature header");
    event = Stripe.webhooks.constructEvent(rawBody, signature, webhookSecret());
  } catch {
    return { status: 400, body: "invalid signature" };
  }
  // Signed, yet not shaped like the events we handle: refuse it rather than fail half-way (500).
  if (!wellFormedEvent(event)) return { status: 400, body: "malformed event" };
  const outcome = await applyEvent(event, now);
  return { status: 200, body: outcome };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** Text PostgreSQL can store: no U+0000, no lone surrogate (JSON may escape one as \ud800). */
const storable = (v: string) => !v.includes("\u0000") && !/[\uD800-\uDFFF]/.test(v.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""));
const optionalString = (v: unknown) => v === undefined || v === null || (typeof v === "string" && storable(v));
const optionalMinor = (v: unknown) => v === undefined || v === null || (Number.isSafeInteger(v) && (v as number) >= 0);
const optionalRef = (v: unknown) => optionalString(v) || (isRecord(v) && typeof v.id === "string" && storable(v.id));
const optionalMetadata = (v: unknown) => v === undefined || v === null || (isRecord(v) && optionalString(v.paymentId));

/** The fields the handlers below read have the types Stripe documents. */
function wellFormedEvent(event: Stripe.Event): boolean {
  const raw = event as unknown as Record<string, unknown>;
  if (typeof raw.id !== "string" || !raw.id || !storable(raw.id) || typeof raw.type !== "string") return false;
  if (!HANDLERS[raw.type]) return true; // acknowledged, never read
  const object = isRecord(raw.data) ? raw.data.object : undefined;
  if (!isRecord(object) || !optionalString(object.id) || !optionalMetadata(object.metadata) || !optionalRef(object.payment_intent)) return false;
  if (raw.type.startsWith("checkout.session.")) return optionalString(object.payment_status) && optionalMinor(object.amount_total) && optionalString(object.currency);
  if (raw.type === "charge.refunded") return Number.isSafeInteger(object.amount_refunded) && (object.amount_refunded as number) >= 0;
  if (raw.type === "payment_intent.payment_failed") {
    const error = object.last_payment_error;
    return typeof object.id === "string" && (error === undefined || error === null || (isRecord(error) && optionalString(error.code) && optionalString(error.message)));
  }
  return true;
}

type Handler = (tx: Tx, object: never, now: Date, after: AfterCommit[]) => Promise<void>;

const HANDLERS: Partial<Record<string, Handler>> = {
  "checkout.session.completed": onSessionCompleted as Handler,
  "checkout.session.async_payment_succeeded": onSessionCompleted as Handler,
  "checkout.session.expired": onSessionEnded("expired") as Handler,
  "checkout.session.async_payment_failed": onSessionEnded("failed") as Handler,
  "payment_intent.payment_failed": onPaymentIntentFailed as Handler,
  "charge.refunded": onChargeRefunded as Handler,
};

/** Applies a verified event once. Returns "processed", "replayed" or "ignored". */
export async function applyEvent(event: Stripe.Event, now = new Date()): Promise<string> {
  const handler = HANDLERS[event.type];
  const after: AfterCommit[] = [];
  const outcome = await prisma.$transaction(
    async (tx) => {
      const inserted = await tx.$executeRawUnsafe(
        `INSERT INTO "ProcessedWebhookEvent" (id, provider, type) VALUES ($1, 'stripe', $2) ON CONFLICT (id) DO NOTHING`,
        event.id,
        event.type,
      );
      if (inserted === 0) return "replayed";
      if (!handler) return "ignored";
      await handler(tx, event.data.object as never, now, after);
      return "processed";
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  for (const run of after) await run();
  return outcome;
}

async function findPayment(tx: Tx, ref: { sessionId?: string | null; paymentIntentId?: string | null; paymentId?: string | null }) {
  if (ref.sessionId) {
    const found = await tx.payment.findUnique({ where: { providerSessionId: ref.sessionId } });
    if (found) return found;
  }
  if (ref.paymentIntentId) {
    const found = await tx.payment.findFirst({ where: { providerPaymentId: ref.paymentIntentId } });
    if (found) return found;
  }
  if (ref.paymentId) return tx.payment.findUnique({ where: { id: ref.paymentId } });
  return null;
}

function intentId(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

const SETTLED = new Set(["paid", "refunded", "partially_refunded"]);

async function onSessionCompleted(tx: Tx, session: Stripe.Checkout.Session, now: Date, after: AfterCommit[]) {
  // Delayed payment methods complete the session unpaid; async_payment_succeeded follows.
  if (session.payment_status === "unpaid") return;
  const found = await findPayment(tx, { sessionId: session.id, paymentId: session.metadata?.paymentId });
  if (!found) return;
  await lockBooking(tx, found.bookingId);
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: found.id } });
  if (SETTLED.has(payment.status)) return;
  const received = BigInt(session.amount_total ?? -1);
  const paymentIntentId = intentId(session.payment_intent as string | { id: string } | null);
  if (received !== payment.amountMinor || (session.currency ?? "").toUpperCase() !== payment.currency) {
    // Amounts are always computed server-side; anything else is refunded, never accepted.
    await tx.payment.update({ where: { id: payment.id }, data: { status: "failed", providerPaymentId: paymentIntentId, failureReason: "amount_mismatch" } });
    await audit(tx, null, "payment.amount_mismatch", "Booking", payment.bookingId, { paymentId: payment.id, expected: payment.amountMinor.toString(), received: received.toString() });
    return;
  }
  const alreadyPaid = await tx.payment.count({ where: { bookingId: payment.bookingId, id: { not: payment.id }, status: { in: ["paid", "partially_refunded"] } } });
  await tx.payment.update({ where: { id: payment.id }, data: { status: "paid", providerPaymentId: paymentIntentId, failureReason: null } });
  await audit(tx, null, "payment.paid", "Booking", payment.bookingId, { paymentId: payment.id, amountMinor: payment.amountMinor.toString(), currency: payment.currency });
  if (alreadyPaid > 0) {
    // A second, superseded checkout was paid as well: this one goes straight back.
    after.push(...(await refundCardPayments(tx, payment.bookingId, "duplicate_payment", payment.id)));
    return;
  }
  const outcome = await markBookingPaid(tx, payment.bookingId, now);
  if (outcome === "lost") {
    // Paid for a time that is no longer available: give everything back.
    await restoreVoucherShare(tx, payment.bookingId);
    await tx.booking.updateMany({ where: { id: payment.bookingId, status: "expired" }, data: { cancelReason: "slot_lost_after_payment" } });
    after.push(...(await refundCardPayments(tx, payment.bookingId, "slot_lost")));
  }
}

function onSessionEnded(status: "expired" | "failed") {
  return async (tx: Tx, session: Stripe.Checkout.Session) => {
    const found = await findPayment(tx, { sessionId: session.id, paymentId: session.metadata?.paymentId });
    if (!found) return;
    await lockBooking(tx, found.bookingId);
    const payment = await tx.payment.findUniqueOrThrow({ where: { id: found.id } });
    if (SETTLED.has(payment.status)) return; // out of order: a paid payment stays paid
    await tx.payment.update({ where: { id: payment.id }, data: { status, failureReason: status === "expired" ? "checkout_expired" : "async_payment_failed" } });
    await releaseHold(tx, payment.bookingId, "expired", null, status === "expired" ? "checkout_expired" : "payment_failed");
  };
}

async function onPaymentIntentFailed(tx: Tx, intent: Stripe.PaymentIntent) {
  const found = await findPayment(tx, { paymentIntentId: intent.id, paymentId: intent.metadata?.paymentId });
  if (!found) return;
  await lockBooking(tx, found.bookingId);
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: found.id } });
  if (payment.status !== "pending") return;
  // The buyer may retry within the same checkout (and hold); a later completion still wins.
  const reason = (intent.last_payment_error?.code ?? intent.last_payment_error?.message ?? "payment_failed").slice(0, 200);
  await tx.payment.update({ where: { id: payment.id }, data: { status: "failed", providerPaymentId: intent.id, failureReason: reason } });
  await audit(tx, null, "payment.failed", "Booking", payment.bookingId, { paymentId: payment.id, reason });
}

async function onChargeRefunded(tx: Tx, charge: Stripe.Charge) {
  const found = await findPayment(tx, { paymentIntentId: intentId(charge.payment_intent as string | { id: string } | null), paymentId: charge.metadata?.paymentId });
  if (!found) return;
  await lockBooking(tx, found.bookingId);
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: found.id } });
  const refunded = BigInt(charge.amount_refunded);
  // Out of order: a smaller cumulative refund never lowers what is already recorded.
  const total = refunded > payment.refundedMinor ? (refunded > payment.amountMinor ? payment.amountMinor : refunded) : payment.refundedMinor;
  if (total === payment.refundedMinor && payment.status !== "paid") return;
  await tx.payment.update({ where: { id: payment.id }, data: { refundedMinor: total, status: total >= payment.amountMinor ? "refunded" : total > 0n ? "partially_refunded" : payment.status } });
  await audit(tx, null, "payment.refunded", "Booking", payment.bookingId, { paymentId: payment.id, refundedMinor: total.toString() });
}
