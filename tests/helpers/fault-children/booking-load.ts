/**
 * Child process for the "killed mid-booking" test (tests/db/faults-kill.test.ts): several
 * concurrent lanes, each holding a slot, starting the checkout (half of them with an export
 * voucher) and then paying, declining, abandoning or cancelling, through the real capability
 * modules, until the test kills the process (SIGKILL). Prints "op <n>" after each finished step.
 * Input: a JSON file { bookerIds, serviceIds, voucherByUser, slots, now }. Database: DATABASE_URL,
 * or the embedded PGlite in DATA_DIR/pglite.
 */
import { readFileSync } from "node:fs";
import { boot } from "~/boot.server";
import { cancelBooking, holdBooking } from "~/consulting/bookings.server";
import { UserError } from "~/lib/http.server";
import { beginCheckout } from "~/payments/checkout.server";
import { simulateTestDecline, simulateTestPayment } from "~/payments/test-provider.server";
import { sessionUser } from "@tests/helpers/session-user";

interface Plan {
  bookerIds: string[];
  serviceIds: string[];
  voucherByUser: Record<string, string>;
  slots: string[];
  now: string;
}

const plan = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Plan;
const now = new Date(plan.now);
const lanes = Number(process.env.LANES ?? 6);

await boot({ worker: false, log: () => {} });
const bookers = await Promise.all(plan.bookerIds.map((id) => sessionUser(id)));

let ops = 0;
const step = () => process.stdout.write(`op ${++ops}\n`);
// A small deterministic generator per lane, so runs are comparable.
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

async function lane(n: number) {
  const rnd = random(n + 1);
  for (;;) {
    const booker = bookers[Math.floor(rnd() * bookers.length)]!;
    const serviceId = plan.serviceIds[Math.floor(rnd() * plan.serviceIds.length)]!;
    const startsAt = new Date(plan.slots[Math.floor(rnd() * plan.slots.length)]!);
    try {
      const { id } = await holdBooking(booker, { serviceId, startsAt }, { now });
      step();
      const voucherId = rnd() < 0.5 ? plan.voucherByUser[booker.id] : undefined;
      const checkout = await beginCheckout(booker, id, voucherId ? { voucherId } : {}, { now });
      step();
      const next = rnd();
      if (checkout.kind === "voucher_only") continue;
      if (next < 0.5) await simulateTestPayment(checkout.paymentId, now);
      else if (next < 0.65) await simulateTestDecline(checkout.paymentId, now);
      else if (next < 0.8) await cancelBooking(booker, id, { reason: "changed plans" }, { now });
      // otherwise: abandoned at the checkout page, the hold stays until it lapses
      step();
      if (next < 0.5 && rnd() < 0.3) {
        await cancelBooking(booker, id, { reason: "changed plans" }, { now });
        step();
      }
    } catch (error) {
      // Taken slots, balance races and the like are the product's answers, not failures.
      if (!(error instanceof UserError)) throw error;
      step();
    }
  }
}

await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
