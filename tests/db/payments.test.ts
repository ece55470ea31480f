/**
 * Payments: webhook signature (400), idempotent replays, out-of-order events, tampered
 * amounts, export vouchers (arithmetic, no card step when fully covered, concurrency on a small
 * balance, refunds restore the voucher share) and the Stripe API faked at the HTTP boundary (MSW)
 * with the request bodies asserted.
 */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expireHolds } from "~/consulting/booking-lifecycle.server";
import { cancelBooking, holdBooking } from "~/consulting/bookings.server";
import { splitPrice } from "~/consulting/vouchers.server";
import { prisma } from "~/db.server";
import { setEnvForTests } from "~/env.server";
import { UserError } from "~/lib/http.server";
import { beginCheckout } from "~/payments/checkout.server";
import { runBookingMaintenance } from "~/payments/maintenance.server";
import { webhookSecret } from "~/payments/stripe.server";
import { deliverSignedEvent, simulateTestDecline, simulateTestExpiry, simulateTestPayment } from "~/payments/test-provider.server";
import { handleStripeWebhook } from "~/payments/webhook.server";
import { performDueRefunds, refundCardPayments } from "~/payments/refunds.server";
import { outboxHandlers } from "~/jobs/handlers.server";
import { drainAll } from "~/jobs/outbox.server";
import { createConsultantWithService, createExportVoucher, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { sessionUser } from "@tests/helpers/session-user";

setupTestDatabase();

const NOW = new Date("2027-03-01T03:00:00Z");
const MON_10_KST = new Date("2027-03-08T01:00:00Z");

function errorKey(e: unknown) {
  return e instanceof UserError ? `${e.status} ${e.messageKey}` : String(e);
}

async function heldBooking(opts: { startsAt?: Date; service?: NonNullable<Parameters<typeof createConsultantWithService>[1]>["service"]; booker?: Awaited<ReturnType<typeof sessionUser>> } = {}) {
  const c = await createConsultantWithService(prisma, { service: opts.service });
  const booker = opts.booker ?? (await sessionUser((await createUser(prisma, { role: "sme" })).id));
  const { id } = await holdBooking(booker, { serviceId: c.service.id, startsAt: opts.startsAt ?? MON_10_KST }, { now: NOW });
  return { c, booker, id };
}

const booking = (id: string) => prisma.booking.findUniqueOrThrow({ where: { id } });
const paymentsOf = (bookingId: string) => prisma.payment.findMany({ where: { bookingId }, orderBy: { createdAt: "asc" } });

describe("webhook", () => {
  it("refuses a missing, wrong or stale signature and a tampered body with 400", async () => {
    const payload = JSON.stringify({ id: "evt_sig", object: "event", type: "checkout.session.completed", data: { object: {} } });
    expect((await handleStripeWebhook(payload, null)).status).toBe(400);
    const wrong = Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_not_ours" });
    expect((await handleStripeWebhook(payload, wrong)).status).toBe(400);
    const good = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret() });
    expect((await handleStripeWebhook(payload.replace("evt_sig", "evt_sig2"), good)).status).toBe(400);
    const stale = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret(), timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await handleStripeWebhook(payload, stale)).status).toBe(400);
    expect(await prisma.processedWebhookEvent.count({ where: { id: "evt_sig" } })).toBe(0);
    // A correctly signed unknown event is acknowledged (and recorded once).
    const unknown = JSON.stringify({ id: "evt_unknown", object: "event", type: "customer.created", data: { object: {} } });
    expect(await handleStripeWebhook(unknown, Stripe.webhooks.generateTestHeaderString({ payload: unknown, secret: webhookSecret() }))).toEqual({ status: 200, body: "ignored" });
  });

  it("applies an event once: a replay changes nothing and queues no second e-mail", async () => {
    const { booker, id } = await heldBooking();
    const { paymentId } = await beginCheckout(booker, id, {}, { now: NOW });
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const event = {
      id: "evt_replay_1",
      type: "checkout.session.completed",
      data: { object: { id: payment.providerSessionId, object: "checkout.session", payment_status: "paid", amount_total: 500000, currency: "krw", payment_intent: "pi_replay", metadata: { bookingId: id, paymentId } } },
    };
    expect((await deliverSignedEvent(event, NOW)).body).toBe("processed");
    const mails = await prisma.outboxMessage.count({ where: { topic: "email.send" } });
    const audits = await prisma.auditLog.count({ where: { entityId: id } });
    expect((await deliverSignedEvent(event, NOW)).body).toBe("replayed");
    await Promise.all([deliverSignedEvent(event, NOW), deliverSignedEvent(event, NOW)]);
    expect(await prisma.outboxMessage.count({ where: { topic: "email.send" } })).toBe(mails);
    expect(await prisma.auditLog.count({ where: { entityId: id } })).toBe(audits);
    expect(await booking(id)).toMatchObject({ status: "confirmed", holdExpiresAt: null });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "paid", providerPaymentId: "pi_replay" });
  });

  it("is order-tolerant: 'expired' after 'completed' does not un-pay", async () => {
    const { booker, id } = await heldBooking();
    const { paymentId } = await beginCheckout(booker, id, {}, { now: NOW });
    await simulateTestPayment(paymentId, NOW);
    await simulateTestExpiry(paymentId, NOW);
    await simulateTestDecline(paymentId, NOW);
    expect(await booking(id)).toMatchObject({ status: "confirmed" });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("paid");
  });

  it("a declined card keeps the hold for a retry; a later completion wins", async () => {
    const { booker, id } = await heldBooking();
    const { paymentId } = await beginCheckout(booker, id, {}, { now: NOW });
    await simulateTestDecline(paymentId, NOW);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "failed", failureReason: "card_declined" });
    expect((await booking(id)).status).toBe("held");
    await simulateTestPayment(paymentId, NOW);
    expect((await booking(id)).status).toBe("confirmed");
  });

  it("payment after the hold lapsed: revived if the time is still free, refunded if someone took it", async () => {
    const late = new Date(NOW.getTime() + 20 * 60_000);
    const free = await heldBooking();
    const a = await beginCheckout(free.booker, free.id, {}, { now: NOW });
    await expireHolds(late);
    expect((await booking(free.id)).status).toBe("expired");
    await simulateTestPayment(a.paymentId, late);
    expect((await booking(free.id)).status).toBe("confirmed");

    const taken = await heldBooking();
    const b = await beginCheckout(taken.booker, taken.id, {}, { now: NOW });
    await expireHolds(late);
    const other = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    await holdBooking(other, { serviceId: taken.c.service.id, startsAt: MON_10_KST }, { now: late });
    await simulateTestPayment(b.paymentId, late);
    expect((await booking(taken.id)).status).toBe("expired");
    // The test provider's refund came back through the webhook as charge.refunded.
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: b.paymentId } })).toMatchObject({ status: "refunded", refundedMinor: 500000n });
  });

  it("a superseded checkout that gets paid as well is refunded: money is never taken twice", async () => {
    const { booker, id } = await heldBooking();
    const first = await beginCheckout(booker, id, {}, { now: NOW });
    await prisma.payment.update({ where: { id: first.paymentId }, data: { status: "failed" } });
    // A new attempt supersedes the first (e.g. after a decline, with another voucher choice).
    const second = await beginCheckout(booker, id, {}, { now: NOW });
    expect(second.paymentId).not.toBe(first.paymentId);
    await simulateTestPayment(second.paymentId, NOW);
    await simulateTestPayment(first.paymentId, NOW);
    expect((await booking(id)).status).toBe("confirmed");
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: second.paymentId } })).toMatchObject({ status: "paid" });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: first.paymentId } })).toMatchObject({ status: "refunded", refundedMinor: 500000n });
  });

  it("a completed session with another amount than computed is never accepted", async () => {
    const { booker, id } = await heldBooking();
    const { paymentId } = await beginCheckout(booker, id, {}, { now: NOW });
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    await deliverSignedEvent(
      { id: "evt_tampered", type: "checkout.session.completed", data: { object: { id: payment.providerSessionId, object: "checkout.session", payment_status: "paid", amount_total: 1000, currency: "krw", payment_intent: "pi_x", metadata: { bookingId: id, paymentId } } } },
      NOW,
    );
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "failed", failureReason: "amount_mismatch" });
    expect((await booking(id)).status).toBe("held");
  });
});

describe("export vouchers", () => {
  const voucher = (over: Partial<Parameters<typeof splitPrice>[2] & object> = {}) => ({
    id: "v",
    organisationId: "o",
    coveragePercent: 70,
    balanceMinor: 1_000_000n,
    currency: "KRW",
    expiresOn: new Date("2027-12-31T00:00:00Z"),
    ...over,
  });

  it("covers min(coverage% of the price, balance) in the same currency before expiry", () => {
    expect(splitPrice(500_000n, "KRW", voucher(), NOW)).toEqual({ voucherMinor: 350_000n, cardMinor: 150_000n });
    expect(splitPrice(500_000n, "KRW", voucher({ balanceMinor: 100_000n }), NOW)).toEqual({ voucherMinor: 100_000n, cardMinor: 400_000n });
    expect(splitPrice(500_000n, "KRW", voucher({ coveragePercent: 100 }), NOW)).toEqual({ voucherMinor: 500_000n, cardMinor: 0n });
    expect(splitPrice(12_345n, "USD", voucher({ currency: "USD", coveragePercent: 33 }), NOW)).toEqual({ voucherMinor: 4_073n, cardMinor: 8_272n });
    expect(splitPrice(500_000n, "KRW", null, NOW)).toEqual({ voucherMinor: 0n, cardMinor: 500_000n });
    expect(errorKey((() => { try { return splitPrice(500_000n, "USD", voucher(), NOW); } catch (e) { return e; } })())).toBe("409 booking:errors.voucherCurrency");
    // Valid through its last day in Seoul: 2027-02-28 23:30 KST still counts, 2027-03-01 00:30 KST does not.
    expect(splitPrice(10n, "KRW", voucher({ expiresOn: new Date("2027-02-28T00:00:00Z") }), new Date("2027-02-28T14:30:00Z")).voucherMinor).toBe(7n);
    expect(errorKey((() => { try { return splitPrice(10n, "KRW", voucher({ expiresOn: new Date("2027-02-28T00:00:00Z") }), new Date("2027-02-28T15:30:00Z")); } catch (e) { return e; } })())).toBe("409 booking:errors.voucherExpired");
  });

  it("split payment: voucher share debited at checkout, card pays the rest; a refund restores the voucher share", async () => {
    const booker = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const v = await createExportVoucher(prisma, { organisationId: booker.organisationId!, coveragePercent: 70, balanceMinor: 1_000_000n });
    const { id } = await heldBooking({ booker });
    const checkout = await beginCheckout(booker, id, { voucherId: v.id }, { now: NOW });
    expect(checkout.kind).toBe("test");
    expect(await booking(id)).toMatchObject({ voucherId: v.id, voucherCoveredMinor: 350_000n, cardMinor: 150_000n });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).toMatchObject({ amountMinor: 150_000n, status: "pending", provider: "test" });
    // Pressing "pay" twice re-uses the pending checkout rather than debiting again.
    expect((await beginCheckout(booker, id, { voucherId: v.id }, { now: NOW })).paymentId).toBe(checkout.paymentId);
    expect((await prisma.exportVoucher.findUniqueOrThrow({ where: { id: v.id } })).balanceMinor).toBe(650_000n);
    await simulateTestPayment(checkout.paymentId, NOW);
    expect((await booking(id)).status).toBe("confirmed");

    await cancelBooking(booker, id, {}, { now: NOW });
    expect((await prisma.exportVoucher.findUniqueOrThrow({ where: { id: v.id } })).balanceMinor).toBe(1_000_000n);
    const entries = await prisma.voucherEntry.findMany({ where: { bookingId: id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => [e.kind, e.amountMinor])).toEqual([
      ["debit", -350_000n],
      ["refund", 350_000n],
    ]);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).toMatchObject({ status: "refunded", refundedMinor: 150_000n });
  });

  it("fully covered: no card step, confirmed at once with a voucher payment", async () => {
    const booker = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const v = await createExportVoucher(prisma, { organisationId: booker.organisationId!, coveragePercent: 100, balanceMinor: 2_000_000n });
    const { id } = await heldBooking({ booker });
    const result = await beginCheckout(booker, id, { voucherId: v.id }, { now: NOW });
    expect(result).toMatchObject({ kind: "voucher_only", redirectTo: `/bookings/${id}?paid=1` });
    expect(await booking(id)).toMatchObject({ status: "confirmed", voucherCoveredMinor: 500_000n, cardMinor: 0n });
    expect((await paymentsOf(id)).map((p) => [p.provider, p.status, p.amountMinor])).toEqual([["voucher", "paid", 500_000n]]);
  });

  it("refuses someone else's, an expired and a wrong-currency voucher", async () => {
    const booker = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const stranger = await createUser(prisma, { role: "sme" });
    const foreign = await createExportVoucher(prisma, { organisationId: stranger.organisationId! });
    const expired = await createExportVoucher(prisma, { organisationId: booker.organisationId!, expiresOn: new Date("2027-02-01T00:00:00Z") });
    const usd = await createExportVoucher(prisma, { organisationId: booker.organisationId!, currency: "USD", balanceMinor: 100_000n });
    const { id } = await heldBooking({ booker });
    expect(await beginCheckout(booker, id, { voucherId: foreign.id }, { now: NOW }).catch(errorKey)).toBe("404 booking:errors.voucherNotFound");
    expect(await beginCheckout(booker, id, { voucherId: expired.id }, { now: NOW }).catch(errorKey)).toBe("409 booking:errors.voucherExpired");
    expect(await beginCheckout(booker, id, { voucherId: usd.id }, { now: NOW }).catch(errorKey)).toBe("409 booking:errors.voucherCurrency");
    expect(await prisma.voucherEntry.count({ where: { bookingId: id } })).toBe(0);
  });

  it("many concurrent checkouts on a small balance never overdraw it", async () => {
    const booker = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const v = await createExportVoucher(prisma, { organisationId: booker.organisationId!, coveragePercent: 100, balanceMinor: 1_000_000n });
    const holds = [];
    for (let i = 0; i < 12; i++) holds.push(await heldBooking({ booker }));
    const results = await Promise.allSettled(holds.map((h) => beginCheckout(booker, h.id, { voucherId: v.id }, { now: NOW })));
    // Losers either lost the conditional UPDATE or already saw an empty balance.
    for (const r of results) if (r.status === "rejected") expect(["409 booking:errors.voucherBalanceChanged", "409 booking:errors.voucherExpired"]).toContain(errorKey(r.reason));
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(2);
    const after = await prisma.exportVoucher.findUniqueOrThrow({ where: { id: v.id } });
    const entries = await prisma.voucherEntry.findMany({ where: { voucherId: v.id } });
    const debited = entries.reduce((sum, e) => sum - e.amountMinor, 0n);
    expect(after.balanceMinor).toBeGreaterThanOrEqual(0n);
    expect(after.balanceMinor + debited).toBe(1_000_000n);
    // Two bookings of ₩500,000 fit; any later checkout found a smaller balance (partial cover) or lost the race.
    const bookings = await prisma.booking.findMany({ where: { id: { in: holds.map((h) => h.id) } } });
    expect(bookings.reduce((s, b) => s + b.voucherCoveredMinor, 0n)).toBe(debited);
    expect(bookings.filter((b) => b.status === "confirmed").length).toBeLessThanOrEqual(2);
  });
});

describe("Stripe (faked at the HTTP boundary)", () => {
  const API = "http://stripe.fake";
  let sessions = 0;
  const requests: Array<{ path: string; body: URLSearchParams; idempotencyKey: string | null }> = [];
  const server = setupServer(
    http.post(`${API}/v1/checkout/sessions`, async ({ request }) => {
      const body = new URLSearchParams(await request.text());
      requests.push({ path: "/v1/checkout/sessions", body, idempotencyKey: request.headers.get("idempotency-key") });
      const id = `cs_fake_${++sessions}`;
      return HttpResponse.json({ id, object: "checkout.session", url: `https://checkout.stripe.test/${id}`, status: "open", metadata: {} });
    }),
    http.post(`${API}/v1/checkout/sessions/:id/expire`, ({ params }) => {
      requests.push({ path: `/v1/checkout/sessions/${String(params.id)}/expire`, body: new URLSearchParams(), idempotencyKey: null });
      return HttpResponse.json({ id: params.id, object: "checkout.session", status: "expired" });
    }),
    http.post(`${API}/v1/refunds`, async ({ request }) => {
      const body = new URLSearchParams(await request.text());
      requests.push({ path: "/v1/refunds", body, idempotencyKey: request.headers.get("idempotency-key") });
      return HttpResponse.json({ id: "re_fake", object: "refund", status: "pending", amount: Number(body.get("amount")) });
    }),
  );

  beforeAll(() => {
    server.listen({ onUnhandledRequest: "error" });
    setEnvForTests({ NODE_ENV: "test", JOBS_DISABLED: "true", SESSION_SECRET: "test-session-secret-0123456789", DATABASE_URL: "", STRIPE_SECRET_KEY: "sk_test_fake", STRIPE_WEBHOOK_SECRET: "whsec_fake_secret", STRIPE_API_BASE: API, APP_URL: "https://techbridge.test" });
  });
  afterEach(() => void (requests.length = 0));
  afterAll(() => {
    server.close();
    setEnvForTests({ NODE_ENV: "test", JOBS_DISABLED: "true", SESSION_SECRET: "test-session-secret-0123456789", DATABASE_URL: "" });
  });

  it("creates a Checkout Session with the server-computed amount (KRW zero-decimal), metadata and expiry; webhook confirms; cancellation refunds through the API", async () => {
    const { booker, id } = await heldBooking();
    const result = await beginCheckout(booker, id, {}, { now: NOW });
    expect(result).toMatchObject({ kind: "stripe", redirectTo: "https://checkout.stripe.test/cs_fake_1" });
    const sent = requests[0]!;
    expect(sent.body.get("mode")).toBe("payment");
    expect(sent.body.get("line_items[0][price_data][currency]")).toBe("krw");
    expect(sent.body.get("line_items[0][price_data][unit_amount]")).toBe("500000");
    expect(sent.body.get("line_items[0][quantity]")).toBe("1");
    expect(sent.body.get("metadata[bookingId]")).toBe(id);
    expect(sent.body.get("metadata[paymentId]")).toBe(result.paymentId);
    expect(sent.body.get("payment_intent_data[metadata][paymentId]")).toBe(result.paymentId);
    expect(sent.body.get("success_url")).toBe(`https://techbridge.test/bookings/${id}?paid=1`);
    expect(sent.body.get("cancel_url")).toBe(`https://techbridge.test/bookings/${id}/checkout?cancelled=1`);
    expect(Number(sent.body.get("expires_at"))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 30 * 60);
    expect(sent.idempotencyKey).toBe(`checkout-${result.paymentId}`);
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: result.paymentId } })).providerSessionId).toBe("cs_fake_1");

    // Stripe's event, signed with the configured secret, through the same handler as the route.
    const event = JSON.stringify({
      id: "evt_live_1",
      object: "event",
      type: "checkout.session.completed",
      data: { object: { id: "cs_fake_1", object: "checkout.session", payment_status: "paid", amount_total: 500000, currency: "krw", payment_intent: "pi_live_1", metadata: { bookingId: id, paymentId: result.paymentId } } },
    });
    expect((await handleStripeWebhook(event, Stripe.webhooks.generateTestHeaderString({ payload: event, secret: "whsec_fake_secret" }), NOW)).status).toBe(200);
    expect((await booking(id)).status).toBe("confirmed");

    await cancelBooking(booker, id, { reason: "x" }, { now: NOW });
    const refund = requests.find((r) => r.path === "/v1/refunds")!;
    expect(refund.body.get("payment_intent")).toBe("pi_live_1");
    expect(refund.body.get("amount")).toBe("500000");
    expect(refund.idempotencyKey).toBe(`refund-${result.paymentId}-500000`);
    // Shown as refunded only once Stripe confirms it.
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: result.paymentId } })).status).toBe("paid");
    const refunded = JSON.stringify({ id: "evt_live_2", object: "event", type: "charge.refunded", data: { object: { id: "ch_1", object: "charge", amount: 500000, amount_refunded: 500000, payment_intent: "pi_live_1", metadata: {} } } });
    await handleStripeWebhook(refunded, Stripe.webhooks.generateTestHeaderString({ payload: refunded, secret: "whsec_fake_secret" }), NOW);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: result.paymentId } })).toMatchObject({ status: "refunded", refundedMinor: 500000n });
  });

  it("a refund Stripe cannot take now does not undo the cancellation: the outbox keeps it and retries with the same key", async () => {
    const { booker, id } = await heldBooking();
    const { paymentId } = await beginCheckout(booker, id, {}, { now: NOW });
    const sessionId = (await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).providerSessionId!;
    const event = JSON.stringify({
      id: `evt_retry_${id}`,
      object: "event",
      type: "checkout.session.completed",
      data: { object: { id: sessionId, object: "checkout.session", payment_status: "paid", amount_total: 500000, currency: "krw", payment_intent: "pi_retry_1", metadata: { bookingId: id, paymentId } } },
    });
    await handleStripeWebhook(event, Stripe.webhooks.generateTestHeaderString({ payload: event, secret: "whsec_fake_secret" }), NOW);
    let down = true;
    server.use(
      http.post(`${API}/v1/refunds`, async ({ request }) => {
        if (!down) return undefined; // falls through to the regular fake
        requests.push({ path: "/v1/refunds (down)", body: new URLSearchParams(await request.text()), idempotencyKey: request.headers.get("idempotency-key") });
        return HttpResponse.json({ error: { type: "api_error", message: "Stripe is down" } }, { status: 500 });
      }),
    );

    await cancelBooking(booker, id, { reason: "x" }, { now: NOW });
    expect((await booking(id)).status).toBe("cancelled");
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: "payments.refund", payload: { path: ["paymentId"], equals: paymentId } } });
    expect(row).toMatchObject({ status: "pending" });
    expect(row.lastError).toMatch(/down/i);
    expect(requests.some((r) => r.path === "/v1/refunds (down)")).toBe(true);

    // Stripe is back; the worker's next attempt goes through, with the key the failed attempt used.
    down = false;
    await prisma.outboxMessage.update({ where: { id: row.id }, data: { availableAt: new Date() } });
    await performDueRefunds();
    const sent = requests.filter((r) => r.path === "/v1/refunds");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.idempotencyKey).toBe(`refund-${paymentId}-500000`);
    expect(requests.filter((r) => r.path === "/v1/refunds (down)").every((r) => r.idempotencyKey === `refund-${paymentId}-500000`)).toBe(true);
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("done");
  });

  it("a refund recorded by a transaction that rolls back is never requested; one whose process died after the commit is performed by the worker", async () => {
    const { booker, id } = await heldBooking();
    const { paymentId } = await beginCheckout(booker, id, {}, { now: NOW });
    await prisma.payment.update({ where: { id: paymentId }, data: { status: "paid", providerPaymentId: "pi_crash_1" } });
    await expect(
      prisma.$transaction(async (tx) => {
        await refundCardPayments(tx, id, "test");
        throw new Error("the cancellation failed after the refund was recorded");
      }),
    ).rejects.toThrow("cancellation failed");
    expect(await prisma.outboxMessage.count({ where: { topic: "payments.refund", payload: { path: ["paymentId"], equals: paymentId } } })).toBe(0);

    // Committed, then the process "dies" before its after-commit work runs.
    await prisma.$transaction(async (tx) => void (await refundCardPayments(tx, id, "test")));
    expect(requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(0);
    await drainAll({ "payments.refund": outboxHandlers["payments.refund"] });
    const sent = requests.filter((r) => r.path === "/v1/refunds");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.get("payment_intent")).toBe("pi_crash_1");
  });

  it("the scheduler expires a lapsed hold and closes its open Checkout Session", async () => {
    const { booker, id } = await heldBooking();
    const { paymentId } = await beginCheckout(booker, id, {}, { now: NOW });
    const sessionId = (await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).providerSessionId!;
    const result = await runBookingMaintenance(new Date(NOW.getTime() + 16 * 60_000));
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect(requests.map((r) => r.path)).toContain(`/v1/checkout/sessions/${sessionId}/expire`);
    expect((await booking(id)).status).toBe("expired");
  });

  it("USD is sent in cents", async () => {
    const { booker, id } = await heldBooking({ service: { currency: "USD", priceMinor: 12_050n } });
    await beginCheckout(booker, id, {}, { now: NOW });
    expect(requests[0]!.body.get("line_items[0][price_data][currency]")).toBe("usd");
    expect(requests[0]!.body.get("line_items[0][price_data][unit_amount]")).toBe("12050");
  });

  it("when Stripe is unreachable, nothing is charged, the voucher share comes back and the user is told to retry", async () => {
    server.use(http.post(`${API}/v1/checkout/sessions`, () => HttpResponse.json({ error: { type: "api_error", message: "down" } }, { status: 500 })));
    const { expectConsoleError } = await import("@tests/helpers/setup-env");
    expectConsoleError();
    const booker = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const v = await createExportVoucher(prisma, { organisationId: booker.organisationId!, coveragePercent: 50, balanceMinor: 1_000_000n });
    const { id } = await heldBooking({ booker });
    expect(await beginCheckout(booker, id, { voucherId: v.id }, { now: NOW }).catch(errorKey)).toBe("409 booking:errors.paymentUnavailable");
    expect((await prisma.exportVoucher.findUniqueOrThrow({ where: { id: v.id } })).balanceMinor).toBe(1_000_000n);
    expect(await booking(id)).toMatchObject({ status: "held", voucherCoveredMinor: 0n, cardMinor: 500_000n });
  });
});
