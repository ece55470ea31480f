/**
 * Faults, in process: the e-mail transport down (nothing listening, then a server that drops
 * every connection) while mail is queued, then back; and a Stripe completion that arrives after
 * the hold lapsed AND twice at once. After recovery nothing is lost and nothing is duplicated.
 * (Search engine down: search-sync.test.ts; replays and out-of-order events: payments.test.ts;
 * processes killed mid-import / mid-booking: faults-kill.test.ts; graceful shutdown:
 * tests/e2e/shutdown.e2e.test.ts.)
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireHolds } from "~/consulting/booking-lifecycle.server";
import { holdBooking } from "~/consulting/bookings.server";
import { prisma } from "~/db.server";
import { queueEmail } from "~/email/email.server";
import { setEnvForTests } from "~/env.server";
import { createInquiry } from "~/inquiries/inquiries.server";
import { outboxHandlers } from "~/jobs/handlers.server";
import { drainAll, drainOnce } from "~/jobs/outbox.server";
import { beginCheckout } from "~/payments/checkout.server";
import { deliverSignedEvent } from "~/payments/test-provider.server";
import { createConsultantWithService, createListing, createUser } from "../../prisma/factories.server";
import { setupTestDatabase } from "@tests/helpers/database";
import { sessionUser } from "@tests/helpers/session-user";
import { freePort } from "../../scripts/lib/net";

setupTestDatabase();

const BASE_ENV = { NODE_ENV: "test", JOBS_DISABLED: "true", SESSION_SECRET: "test-session-secret-0123456789", DATABASE_URL: "" } as const;


function listen(srv: Server, port: number) {
  return new Promise<void>((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(port, "127.0.0.1", () => resolve());
  });
}

async function close(srv: Server, sockets: Set<Socket>) {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => srv.close(resolve));
}

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** A minimal SMTP server (RFC 5321 subset: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) that keeps what it receives. */
function smtpSink() {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let current: Received = { from: "", to: [], data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink.test ESMTP");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: "", to: [], data: "" };
          reply("250 2.0.0 queued");
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250 sink.test");
        else if (verb === "MAIL") {
          current.from = line.slice(10).trim();
          reply("250 2.1.0 OK");
        } else if (verb === "RCPT") {
          current.to.push(line.slice(8).trim());
          reply("250 2.1.5 OK");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end with <CRLF>.<CRLF>");
        } else if (verb === "RSET") {
          current = { from: "", to: [], data: "" };
          reply("250 OK");
        } else if (verb === "NOOP") reply("250 OK");
        else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
          return;
        } else reply("502 5.5.2 not implemented");
      }
    });
    socket.on("error", () => {});
  });
  return { server, sockets, received };
}

/** Accepts each connection and drops it at once, as a crashed or overloaded mail relay does. */
function droppingServer() {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    socket.on("error", () => {});
    socket.destroy();
  });
  return { server, sockets, connections: () => connections };
}

/** Makes every pending message due now (the backoff has been observed by then). */
async function makeDue() {
  await prisma.outboxMessage.updateMany({ where: { status: "pending" }, data: { availableAt: new Date(Date.now() - 1) } });
}

const emailRows = () => prisma.outboxMessage.findMany({ where: { topic: "email.send" }, orderBy: { createdAt: "asc" } });

describe("e-mail transport down, then back", () => {
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    setEnvForTests({ ...BASE_ENV, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "TechBridge <no-reply@techbridge.test>" });
  });
  afterAll(() => setEnvForTests(BASE_ENV));

  it("keeps every queued message pending with attempts and backoff, then delivers each exactly once", async () => {
    // What gets queued: an inquiry (the seller's notice, from the capability itself) and three direct messages.
    const seller = await createUser(prisma, { role: "sme", locale: "ko" });
    const buyer = await sessionUser((await createUser(prisma, { role: "buyer", locale: "en", organisation: { country: "DE", verification: "verified" } })).id);
    const listing = await createListing(prisma, { organisationId: seller.organisationId!, status: "published" });
    await prisma.outboxMessage.deleteMany();
    await createInquiry(buyer, listing.id, { purpose: "license", preferredMode: null, questions: "What yield do you reach at pilot scale?", companyIntro: "" });
    await prisma.$transaction(async (tx) => {
      await queueEmail(tx, { to: "a@example.test", locale: "en", template: "welcome", params: { name: "A", url: "https://techbridge.test/" } });
      await queueEmail(tx, { to: "b@example.test", locale: "ko", template: "welcome", params: { name: "B", url: "https://techbridge.test/" } });
      await queueEmail(tx, { to: "c@example.test", locale: "ar", template: "passwordReset", params: { name: "C", url: "https://techbridge.test/reset/x" } });
    });
    const queued = await emailRows();
    expect(queued.length).toBeGreaterThanOrEqual(4);
    const ids = queued.map((r) => r.id).sort();
    const recipients = queued.map((r) => (r.payload as { to: string }).to).sort();

    // 1. Nothing listens on the SMTP port: every attempt is refused.
    const started = Date.now();
    expect(await drainOnce(outboxHandlers)).toBe(queued.length);
    let rows = await emailRows();
    for (const r of rows) {
      expect(r).toMatchObject({ status: "pending", attempts: 1 });
      expect(r.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(r.availableAt.getTime()).toBeGreaterThanOrEqual(started + 1000 - 50);
    }
    // Not due yet: a second drain picks up nothing (no hot retry loop against a dead relay).
    expect(await drainOnce(outboxHandlers)).toBe(0);
    // The rendered message was recorded once, unsent.
    expect(await prisma.emailMessage.count({ where: { id: { in: ids } } })).toBe(ids.length);
    expect(await prisma.emailMessage.count({ where: { id: { in: ids }, sentAt: { not: null } } })).toBe(0);

    // 2. A relay that accepts and drops every connection: still pending, backoff doubles.
    const dropper = droppingServer();
    await listen(dropper.server, port);
    try {
      await makeDue();
      const second = Date.now();
      expect(await drainOnce(outboxHandlers)).toBe(queued.length);
      expect(dropper.connections()).toBeGreaterThanOrEqual(queued.length);
      rows = await emailRows();
      for (const r of rows) {
        expect(r).toMatchObject({ status: "pending", attempts: 2 });
        expect(r.lastError).toBeTruthy();
        expect(r.availableAt.getTime()).toBeGreaterThanOrEqual(second + 2000 - 50);
      }
    } finally {
      await close(dropper.server, dropper.sockets);
    }
    expect(await prisma.emailMessage.count({ where: { id: { in: ids } } })).toBe(ids.length);

    // 3. The relay is back: each message goes out exactly once.
    const sink = smtpSink();
    await listen(sink.server, port);
    try {
      await makeDue();
      await drainAll(outboxHandlers);
      rows = await emailRows();
      expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual(rows.map(() => ["done", 3, null]));
      expect(sink.received.map((m) => m.to[0]!.replace(/[<>]/g, "")).sort()).toEqual(recipients);
      for (const m of sink.received) expect(m.from).toContain("no-reply@techbridge.test");
      const sent = await prisma.emailMessage.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
      expect(sent.map((m) => m.id)).toEqual(ids);
      expect(sent.every((m) => m.sentAt && m.transport === "smtp")).toBe(true);

      // Draining again (and again, with everything forced due) sends nothing twice.
      await prisma.outboxMessage.updateMany({ data: { availableAt: new Date(Date.now() - 1) } });
      expect(await drainAll(outboxHandlers)).toBe(0);
      expect(sink.received).toHaveLength(ids.length);
      const again = await prisma.emailMessage.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
      expect(again.map((m) => m.sentAt?.getTime())).toEqual(sent.map((m) => m.sentAt?.getTime()));

      // A worker killed after sending but before marking the row done leaves it "processing";
      // its stale lock is handed out again, and the next worker finds the message already sent.
      const redo = rows[0]!;
      await prisma.outboxMessage.update({ where: { id: redo.id }, data: { status: "processing", lockedAt: new Date(Date.now() - 6 * 60_000), availableAt: new Date(Date.now() - 1) } });
      expect(await drainOnce(outboxHandlers)).toBe(1);
      expect(sink.received).toHaveLength(ids.length);
      expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: redo.id } })).status).toBe("done");
    } finally {
      await close(sink.server, sink.sockets);
    }
  });
});

describe("Stripe completion delayed past the hold and delivered twice at once", () => {
  const NOW = new Date("2027-03-01T03:00:00Z");
  const LATE = new Date(NOW.getTime() + 40 * 60_000);
  const MON_10_KST = new Date("2027-03-08T01:00:00Z");

  async function lapsedCheckout() {
    const c = await createConsultantWithService(prisma);
    const booker = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    const { id } = await holdBooking(booker, { serviceId: c.service.id, startsAt: MON_10_KST }, { now: NOW });
    const { paymentId } = await beginCheckout(booker, id, {}, { now: NOW });
    const payment = await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const completed = (eventId: string, type = "checkout.session.completed") => ({
      id: eventId,
      type,
      data: {
        object: {
          id: payment.providerSessionId,
          object: "checkout.session",
          status: "complete",
          payment_status: "paid",
          amount_total: Number(payment.amountMinor),
          currency: payment.currency.toLowerCase(),
          payment_intent: `pi_${eventId}`,
          metadata: { bookingId: id, paymentId },
        },
      },
    });
    return { c, booker, id, paymentId, completed };
  }

  /** E-mails about one booking (its link carries the id). */
  const bookingMails = async (bookingId: string) =>
    (await prisma.outboxMessage.findMany({ where: { topic: "email.send" } })).filter((m) => JSON.stringify(m.payload).includes(bookingId)).length;
  const auditCount = (bookingId: string, action: string) => prisma.auditLog.count({ where: { entityId: bookingId, action } });

  it("the same event twice at once after the hold was swept: one revival, one payment transition, one set of e-mails", async () => {
    const { id, paymentId, completed } = await lapsedCheckout();
    expect(await expireHolds(LATE)).toContain(id);
    expect(await prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "expired" });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("expired");
    const mailsBefore = await prisma.outboxMessage.count({ where: { topic: "email.send" } });

    const event = completed("evt_late_dup");
    const results = await Promise.all([deliverSignedEvent(event, LATE), deliverSignedEvent(event, LATE)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.body).sort()).toEqual(["processed", "replayed"]);

    expect(await prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "confirmed", holdExpiresAt: null });
    expect(await prisma.payment.findMany({ where: { bookingId: id } })).toMatchObject([{ id: paymentId, status: "paid", providerPaymentId: "pi_evt_late_dup" }]);
    expect(await auditCount(id, "payment.paid")).toBe(1);
    expect(await auditCount(id, "booking.confirm")).toBe(1);
    expect(await prisma.processedWebhookEvent.count({ where: { id: "evt_late_dup" } })).toBe(1);
    // One confirmation per party (booker and consultant), queued once.
    const mails = (await prisma.outboxMessage.count({ where: { topic: "email.send" } })) - mailsBefore;
    expect(mails).toBe(2);
    expect(await bookingMails(id)).toBe(2);
  });

  it("two different events for the same completed session at once, hold lapsed but not yet swept: one transition", async () => {
    const { id, paymentId, completed } = await lapsedCheckout();
    const mailsBefore = await prisma.outboxMessage.count({ where: { topic: "email.send" } });
    // Stripe may send checkout.session.completed and async_payment_succeeded, each possibly twice.
    const a = completed("evt_late_a");
    const b = completed("evt_late_b", "checkout.session.async_payment_succeeded");
    const results = await Promise.all([deliverSignedEvent(a, LATE), deliverSignedEvent(b, LATE), deliverSignedEvent(a, LATE), deliverSignedEvent(b, LATE)]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body === "replayed")).toHaveLength(2);
    expect(await prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "confirmed" });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("paid");
    expect(await auditCount(id, "payment.paid")).toBe(1);
    expect((await prisma.outboxMessage.count({ where: { topic: "email.send" } })) - mailsBefore).toBe(2);
    // The scheduler running afterwards does not undo a paid booking.
    await expireHolds(new Date(LATE.getTime() + 60 * 60_000));
    expect((await prisma.booking.findUniqueOrThrow({ where: { id } })).status).toBe("confirmed");
  });

  it("the same event twice at once after someone else took the slot: exactly one refund, no confirmation", async () => {
    const { c, id, paymentId, completed } = await lapsedCheckout();
    await expireHolds(LATE);
    const other = await sessionUser((await createUser(prisma, { role: "sme" })).id);
    await holdBooking(other, { serviceId: c.service.id, startsAt: MON_10_KST }, { now: LATE });
    const mailsBefore = await bookingMails(id);

    const event = completed("evt_late_lost");
    const results = await Promise.all([deliverSignedEvent(event, LATE), deliverSignedEvent(event, LATE)]);
    expect(results.map((r) => r.body).sort()).toEqual(["processed", "replayed"]);
    expect(await prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "expired", cancelReason: "slot_lost_after_payment" });
    // The test provider's refund came back as charge.refunded: refunded once, for the full amount.
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "refunded", refundedMinor: 500_000n });
    expect(await auditCount(id, "payment.paid")).toBe(1);
    expect(await auditCount(id, "booking.confirm")).toBe(0);
    expect(await bookingMails(id)).toBe(mailsBefore);
  });
});
