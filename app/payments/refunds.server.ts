/**
 * Refunds of a booking's card payments. With Stripe the refund is requested through the API
 * INSIDE the caller's transaction (idempotency key per payment and amount): if Stripe refuses,
 * the transaction — e.g. the cancellation — rolls back and nothing is lost; the payment shows
 * "refunded" when Stripe's charge.refunded event arrives. The test provider has no API: it posts
 * a signed charge.refunded event through the webhook handler after the commit (returned as an
 * AfterCommit callback), i.e. the same code path.
 */
import { audit } from "~/audit/audit.server";
import type { Prisma } from "~/generated/prisma/client";
import { refundPaymentIntent } from "./stripe.server";

type Tx = Prisma.TransactionClient;
export type AfterCommit = () => Promise<void>;

/** Requests a full refund of every paid card payment of the booking; returns post-commit work. */
export async function refundCardPayments(tx: Tx, bookingId: string, reason: string, onlyPaymentId?: string): Promise<AfterCommit[]> {
  const payments = await tx.payment.findMany({
    where: { bookingId, status: { in: ["paid", "partially_refunded"] }, provider: { in: ["stripe", "test"] }, ...(onlyPaymentId ? { id: onlyPaymentId } : {}) },
  });
  const after: AfterCommit[] = [];
  for (const p of payments) {
    const amount = p.amountMinor - p.refundedMinor;
    if (amount <= 0n) continue;
    await audit(tx, null, "payment.refund_requested", "Booking", bookingId, { paymentId: p.id, amountMinor: amount.toString(), reason });
    if (p.provider === "stripe") {
      if (!p.providerPaymentId) throw new Error(`payment ${p.id} has no payment intent to refund`);
      await refundPaymentIntent(p.providerPaymentId, amount, p.currency, p.id);
    } else {
      const paymentId = p.id;
      after.push(async () => {
        const { simulateTestRefund } = await import("./test-provider.server");
        await simulateTestRefund(paymentId);
      });
    }
  }
  return after;
}
