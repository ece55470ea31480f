/**
 * Refunds of a booking's card payments, through the persisted outbox.
 *
 * The change that owes a refund (a cancellation, a lost slot, a duplicate payment) writes a
 * "payments.refund" outbox row in its own transaction; the refund itself is requested after the
 * commit. So a refund can never be asked of Stripe for a change that then rolls back, and a
 * process killed between the commit and the request loses nothing: the row is still there and
 * a worker performs it. Stripe requests carry an idempotency key per (payment, amount), so a
 * retry after a timeout cannot refund twice; Stripe's charge.refunded event marks the payment
 * refunded. The test provider has no API: its handler posts a signed charge.refunded event
 * through the same webhook code. Failures are retried with backoff; after the last attempt the
 * row is "dead" and counted on /healthz for an operator.
 *
 * Callers run the returned AfterCommit after their transaction to perform the refund at once
 * (claimed like any outbox row, so the background worker never does it twice).
 */
import { audit } from "~/audit/audit.server";
import type { Prisma } from "~/generated/prisma/client";
import { drainOnce, enqueue, type OutboxHandler } from "~/jobs/outbox.server";
import { prisma } from "~/db.server";
import { refundPaymentIntent } from "./stripe.server";

type Tx = Prisma.TransactionClient;
export type AfterCommit = () => Promise<void>;
export type RefundRequest = { paymentId: string; amountMinor: string; reason: string };

/** Records a full refund of every paid card payment of the booking; returns post-commit work. */
export async function refundCardPayments(tx: Tx, bookingId: string, reason: string, onlyPaymentId?: string): Promise<AfterCommit[]> {
  const payments = await tx.payment.findMany({
    where: { bookingId, status: { in: ["paid", "partially_refunded"] }, provider: { in: ["stripe", "test"] }, ...(onlyPaymentId ? { id: onlyPaymentId } : {}) },
  });
  let owed = 0;
  for (const p of payments) {
    const amount = p.amountMinor - p.refundedMinor;
    if (amount <= 0n) continue;
    if (p.provider === "stripe" && !p.providerPaymentId) throw new Error(`payment ${p.id} has no payment intent to refund`);
    await audit(tx, null, "payment.refund_requested", "Booking", bookingId, { paymentId: p.id, amountMinor: amount.toString(), reason });
    await enqueue(tx, "payments.refund", { paymentId: p.id, amountMinor: amount.toString(), reason } satisfies RefundRequest);
    owed += 1;
  }
  return owed ? [performDueRefunds] : [];
}

export async function performDueRefunds() {
  while ((await drainOnce({ "payments.refund": performRefund as OutboxHandler })) > 0);
}

/** The outbox handler: asks the provider for the refund. Safe to run again for the same row. */
export async function performRefund(request: RefundRequest) {
  const payment = await prisma.payment.findUniqueOrThrow({ where: { id: request.paymentId } });
  const amount = BigInt(request.amountMinor);
  if (payment.provider === "stripe") {
    await refundPaymentIntent(payment.providerPaymentId!, amount, payment.currency, payment.id);
  } else if (payment.provider === "test") {
    const { simulateTestRefund } = await import("./test-provider.server");
    await simulateTestRefund(payment.id);
  } else {
    throw new Error(`payment ${payment.id} (${payment.provider}) cannot be refunded by card`);
  }
}
