/**
 * The booking and payment routes, called as Remix calls them (real session cookies): the
 * webhook endpoint on the raw body, access to someone else's booking (404), the .ics download,
 * the checkout ignoring any amount in the form, the test-payment page driving the webhook.
 */
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { holdBooking } from "~/consulting/bookings.server";
import { prisma } from "~/db.server";
import { isKoreanHoliday, seoulDateOf } from "~/domain/korean-calendar";
import { webhookSecret } from "~/payments/stripe.server";
import { loader as icsLoader } from "~/routes/bookings.$id[.]ics";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/bookings.$id_.checkout";
import { action as bookingAction, loader as bookingLoader } from "~/routes/bookings.$id";
import { action as testPaymentAction, loader as testPaymentLoader } from "~/routes/payments.test.$paymentId";
import { action as webhookAction, loader as webhookLoader } from "~/routes/webhooks.stripe";
import { createConsultantWithService, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { formBody, signedInRequest } from "@tests/helpers/requests";
import { sessionUser } from "@tests/helpers/session-user";

setupTestDatabase();

const context = { nonce: "" };

/** A slot a few days ahead in real time (the routes use the clock), on a weekday at 10:00 Seoul. */
function upcomingSlot(): Date {
  const d = new Date(Date.now() + 3 * 86_400_000);
  for (;;) {
    const seoul = new Date(d.getTime() + 9 * 3_600_000);
    const weekday = seoul.getUTCDay();
    const start = new Date(Date.UTC(seoul.getUTCFullYear(), seoul.getUTCMonth(), seoul.getUTCDate(), 1, 0));
    if (weekday >= 1 && weekday <= 5 && !isKoreanHoliday(seoulDateOf(start))) return start;
    d.setTime(d.getTime() + 86_400_000);
  }
}

async function setup() {
  const c = await createConsultantWithService(prisma, { rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1080 })) });
  const booker = await createUser(prisma, { role: "sme" });
  const { id } = await holdBooking(await sessionUser(booker.id), { serviceId: c.service.id, startsAt: upcomingSlot() });
  return { c, booker, id };
}

async function status(promise: Promise<unknown>) {
  try {
    const value = await promise;
    return value instanceof Response ? value.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("booking routes", () => {
  it("webhook: raw body with a valid signature 200, wrong signature 400, GET 405", async () => {
    const body = JSON.stringify({ id: "evt_route", object: "event", type: "customer.created", data: { object: {} } });
    const post = (signature: string) => new Request("http://localhost/webhooks/stripe", { method: "POST", body, headers: { "Stripe-Signature": signature, "Content-Type": "application/json" } });
    const good = await webhookAction({ request: post(Stripe.webhooks.generateTestHeaderString({ payload: body, secret: webhookSecret() })), params: {}, context });
    expect(good.status).toBe(200);
    const bad = await webhookAction({ request: post(Stripe.webhooks.generateTestHeaderString({ payload: body, secret: "whsec_wrong" })), params: {}, context });
    expect(bad.status).toBe(400);
    expect(webhookLoader().status).toBe(405);
  });

  it("someone else's booking id is 404 on every booking page; the parties see it", async () => {
    const { c, booker, id } = await setup();
    const stranger = await createUser(prisma, { role: "sme" });
    const args = async (userId: string, path: string) => ({ request: await signedInRequest(userId, path), params: { id }, context });
    expect(await status(bookingLoader(await args(stranger.id, `/bookings/${id}`)))).toBe(404);
    expect(await status(icsLoader(await args(stranger.id, `/bookings/${id}.ics`)))).toBe(404);
    expect(await status(checkoutLoader(await args(stranger.id, `/bookings/${id}/checkout`)))).toBe(404);
    expect(await status(bookingLoader(await args(booker.id, `/bookings/${id}`)))).toBe(200);
    const consultantView = await bookingLoader(await args(c.user.id, `/bookings/${id}`));
    expect(consultantView).toMatchObject({ role: "consultant", status: "held" });
    const anonymous = await status(bookingLoader({ request: new Request(`http://localhost/bookings/${id}`), params: { id }, context }));
    expect(anonymous).toBe(302);

    // Within 24 h of the start the booker is no longer offered a reschedule; the consultant still is.
    const soon = new Date(Date.now() + 5 * 3_600_000);
    await prisma.booking.update({ where: { id }, data: { status: "confirmed", holdExpiresAt: null, startsAt: soon, endsAt: new Date(soon.getTime() + 3_600_000), blockedUntil: new Date(soon.getTime() + 3_600_000) } });
    expect(await bookingLoader(await args(booker.id, `/bookings/${id}`))).toMatchObject({ canReschedule: false, policy: { allowed: true, refund: "none" } });
    expect(await bookingLoader(await args(c.user.id, `/bookings/${id}`))).toMatchObject({ canReschedule: true, policy: { allowed: true, refund: "full" } });
  });

  it("serves the .ics with UTC times and the stable UID", async () => {
    const { booker, id } = await setup();
    const booking = await prisma.booking.findUniqueOrThrow({ where: { id } });
    const res = await icsLoader({ request: await signedInRequest(booker.id, `/bookings/${id}.ics`), params: { id }, context });
    expect(res.headers.get("Content-Type")).toContain("text/calendar");
    const text = await res.text();
    expect(text).toContain(`UID:booking-${id}@techbridge\r\n`);
    expect(text).toContain(`DTSTART:${booking.startsAt.toISOString().replace(/[-:]/g, "").replace(".000", "")}\r\n`);
  });

  it("checkout computes the amount itself (a tampered amount field changes nothing), then the test page pays through the webhook", async () => {
    const { booker, id } = await setup();
    const page = await checkoutLoader({ request: await signedInRequest(booker.id, `/bookings/${id}/checkout`), params: { id }, context });
    expect(page).toMatchObject({ provider: "test", vouchers: [] });
    const res = (await checkoutAction({
      request: await signedInRequest(booker.id, `/bookings/${id}/checkout`, { method: "POST", body: formBody({ voucherId: "", amount: "1", amountMinor: "1", priceMinor: "1" }) }),
      params: { id },
      context,
    })) as Response;
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(/^\/payments\/test\//);
    const paymentId = location.split("/").pop()!;
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).amountMinor).toBe(500000n);

    const stranger = await createUser(prisma, { role: "sme" });
    expect(await status(testPaymentLoader({ request: await signedInRequest(stranger.id, location), params: { paymentId }, context }))).toBe(404);
    expect(await testPaymentLoader({ request: await signedInRequest(booker.id, location), params: { paymentId }, context })).toMatchObject({ payable: true, status: "pending" });
    const paid = (await testPaymentAction({ request: await signedInRequest(booker.id, location, { method: "POST", body: formBody({ intent: "pay" }) }), params: { paymentId }, context })) as Response;
    expect(paid.headers.get("Location")).toBe(`/bookings/${id}?paid=1`);
    expect((await prisma.booking.findUniqueOrThrow({ where: { id } })).status).toBe("confirmed");
    expect(await prisma.processedWebhookEvent.count()).toBeGreaterThan(0);

    // The booker cancels from the booking page (more than 24 h ahead: full refund).
    const cancelled = (await bookingAction({ request: await signedInRequest(booker.id, `/bookings/${id}`, { method: "POST", body: formBody({ intent: "cancel", reason: "changed plans" }) }), params: { id }, context })) as Response;
    expect(cancelled.headers.get("Location")).toBe(`/bookings/${id}?done=cancelledRefund`);
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("refunded");
    // Cancelling again is refused with a message, and what was typed comes back.
    const again = await bookingAction({ request: await signedInRequest(booker.id, `/bookings/${id}`, { method: "POST", body: formBody({ intent: "cancel", reason: "twice" }) }), params: { id }, context });
    expect(again).toMatchObject({ intent: "cancel", error: "booking:errors.notCancellable", values: { reason: "twice" } });
  });
});
