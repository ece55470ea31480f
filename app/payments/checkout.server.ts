/**
 * Checkout of a held booking. Amounts are computed here from the booking (which took its price
 * from the service at hold time) — never from the request. Optional voucher: its share is
 * debited now (see vouchers.server.ts); when it covers everything there is no card step and the
 * booking is confirmed at once (Payment provider "voucher"). Otherwise a Payment (stripe | test)
 * for the card part is created and the user is sent to Stripe Checkout or to the test page.
 */
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { lockBooking, markBookingPaid } from "~/consulting/booking-lifecycle.server";
import { getBookingForViewer } from "~/consulting/bookings.server";
import { localizedText } from "~/consulting/booking-notifications.server";
import { debitVoucher, restoreVoucherShare, splitPrice } from "~/consulting/vouchers.server";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";
import { checkoutSessionUrl, createCheckoutSession, stripeEnabled } from "./stripe.server";
import { newTestSessionId } from "./test-provider.server";

export interface CheckoutResult {
  /** where to send the browser next */
  redirectTo: string;
  paymentId: string;
  kind: "voucher_only" | "stripe" | "test";
}

export type CheckoutBooking = Awaited<ReturnType<typeof getBookingForViewer>>["booking"];

/** The booker's own held booking, or a translated refusal (expired hold, already paid …). */
export async function checkoutBooking(user: SessionUser, bookingId: string, now = new Date()) {
  const { booking, role } = await getBookingForViewer(user, bookingId);
  if (role !== "booker") throw new UserError(404, "booking:errors.notFound");
  return { booking, holdLapsed: booking.status === "held" && (!booking.holdExpiresAt || booking.holdExpiresAt <= now) };
}

export async function beginCheckout(user: SessionUser, bookingId: string, input: { voucherId?: string | null }, opts: { now?: Date; ip?: string | null } = {}): Promise<CheckoutResult> {
  const now = opts.now ?? new Date();
  const { booking } = await checkoutBooking(user, bookingId, now);
  const provider = stripeEnabled() ? "stripe" : "test";

  // A checkout already under way (double submit, back button): continue it.
  const pending = booking.payments.find((p) => p.status === "pending" && p.provider === provider);
  if (pending && booking.status === "held" && booking.holdExpiresAt && booking.holdExpiresAt > now) {
    if (provider === "test") return { redirectTo: `/payments/test/${pending.id}`, paymentId: pending.id, kind: "test" };
    // If Stripe cannot tell us (closed session, outage), a fresh checkout replaces this one below.
    const url = pending.providerSessionId ? await checkoutSessionUrl(pending.providerSessionId).catch(() => null) : null;
    if (url) return { redirectTo: url, paymentId: pending.id, kind: "stripe" };
  }

  const created = await prisma.$transaction(
    async (tx) => {
      const locked = await lockBooking(tx, bookingId);
      if (!locked) throw new UserError(404, "booking:errors.notFound");
      if (locked.status !== "held") throw new UserError(409, locked.status === "expired" ? "booking:errors.holdExpired" : "booking:errors.notPayable");
      if (!locked.holdExpiresAt || locked.holdExpiresAt <= now) throw new UserError(409, "booking:errors.holdExpired");
      if (locked.payments.some((p) => p.status === "paid")) throw new UserError(409, "booking:errors.notPayable");

      // Earlier unfinished attempts end here (their voucher share comes back via the net ledger).
      await tx.payment.updateMany({ where: { bookingId, status: { in: ["pending", "failed"] } }, data: { status: "expired", failureReason: "superseded" } });
      await restoreVoucherShare(tx, bookingId);

      let voucher = null;
      if (input.voucherId) {
        voucher = await tx.exportVoucher.findUnique({ where: { id: input.voucherId } });
        if (!voucher || voucher.organisationId !== user.organisationId) throw new UserError(404, "booking:errors.voucherNotFound");
      }
      const { voucherMinor, cardMinor } = splitPrice(locked.priceMinor, locked.currency, voucher, now);
      if (voucher && voucherMinor > 0n) await debitVoucher(tx, { voucherId: voucher.id, organisationId: voucher.organisationId, bookingId, amountMinor: voucherMinor, now });
      await tx.booking.update({ where: { id: bookingId }, data: { voucherId: voucherMinor > 0n ? voucher!.id : null, voucherCoveredMinor: voucherMinor, cardMinor } });
      await audit(tx, user.id, "booking.checkout", "Booking", bookingId, { provider: cardMinor === 0n ? "voucher" : provider, voucherMinor: voucherMinor.toString(), cardMinor: cardMinor.toString() }, opts.ip);

      if (cardMinor === 0n) {
        const payment = await tx.payment.create({ data: { bookingId, provider: "voucher", status: "paid", amountMinor: voucherMinor, currency: locked.currency, providerSessionId: null } });
        await markBookingPaid(tx, bookingId, now, user.id);
        return { payment, cardMinor, holdExpiresAt: locked.holdExpiresAt };
      }
      const payment = await tx.payment.create({
        data: { bookingId, provider, status: "pending", amountMinor: cardMinor, currency: locked.currency, providerSessionId: provider === "test" ? newTestSessionId() : null },
      });
      return { payment, cardMinor, holdExpiresAt: locked.holdExpiresAt };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );

  if (created.cardMinor === 0n) return { redirectTo: `/bookings/${bookingId}?paid=1`, paymentId: created.payment.id, kind: "voucher_only" };
  if (provider === "test") return { redirectTo: `/payments/test/${created.payment.id}`, paymentId: created.payment.id, kind: "test" };

  try {
    const session = await createCheckoutSession({
      bookingId,
      paymentId: created.payment.id,
      amountMinor: created.cardMinor,
      currency: booking.currency,
      productName: localizedText(booking.service.title, user.locale) || "Consulting session",
      customerEmail: user.email,
      locale: user.locale,
      expiresAt: created.holdExpiresAt,
    });
    await prisma.payment.update({ where: { id: created.payment.id }, data: { providerSessionId: session.id } });
    return { redirectTo: session.url, paymentId: created.payment.id, kind: "stripe" };
  } catch (error) {
    // Stripe unreachable: give the voucher share back and let the user try again.
    await prisma.$transaction(async (tx) => {
      await lockBooking(tx, bookingId);
      await tx.payment.update({ where: { id: created.payment.id }, data: { status: "failed", failureReason: "checkout_unavailable" } });
      await restoreVoucherShare(tx, bookingId);
      await tx.booking.update({ where: { id: bookingId }, data: { voucherId: null, voucherCoveredMinor: 0n, cardMinor: booking.priceMinor } });
    });
    console.error("stripe checkout:", (error as Error).message);
    throw new UserError(409, "booking:errors.paymentUnavailable");
  }
}
