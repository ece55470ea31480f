/**
 * A consultant's availability: weekly rules in their own time zone (the whole week is saved at
 * once, replacing the previous rules in one transaction) and one-off exceptions on a date
 * (block the day, block some hours, extra hours). Slots are computed from these by ./slots.ts;
 * existing bookings are never touched by an availability change.
 */
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";
import { ownProfileId } from "./profiles.server";
import type { ExceptionFormInput, RuleRange } from "./schemas";
import { localDateOf } from "./slots";

export async function replaceWeeklyRules(user: SessionUser, rules: readonly RuleRange[], opts: { ip?: string | null } = {}) {
  // The form schema refuses overlaps; a caller bypassing it is refused here too.
  for (const a of rules) {
    if (a.weekday < 1 || a.weekday > 7 || a.startMinute < 0 || a.endMinute > 1440 || a.endMinute <= a.startMinute) throw new UserError(400, "consulting:validation.endAfterStart");
    if (rules.some((b) => b !== a && b.weekday === a.weekday && a.startMinute < b.endMinute && b.startMinute < a.endMinute)) throw new UserError(400, "consulting:validation.overlap");
  }
  return prisma.$transaction(async (tx) => {
    const consultantId = await ownProfileId(tx, user);
    // Serialises concurrent saves of the same week (the later one wins whole, never a mix).
    await tx.$queryRaw`SELECT id FROM "ConsultantProfile" WHERE id = ${consultantId} FOR UPDATE`;
    await tx.availabilityRule.deleteMany({ where: { consultantId } });
    if (rules.length) await tx.availabilityRule.createMany({ data: rules.map((r) => ({ consultantId, weekday: r.weekday, startMinute: r.startMinute, endMinute: r.endMinute })) });
    await audit(tx, user.id, "consulting.availability_replace", "ConsultantProfile", consultantId, { rules: rules.map((r) => [r.weekday, r.startMinute, r.endMinute]) }, opts.ip);
    return tx.availabilityRule.findMany({ where: { consultantId }, orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] });
  });
}

export async function addException(user: SessionUser, input: ExceptionFormInput, opts: { ip?: string | null; now?: Date } = {}) {
  return prisma.$transaction(async (tx) => {
    const consultantId = await ownProfileId(tx, user);
    const profile = await tx.consultantProfile.findUniqueOrThrow({ where: { id: consultantId }, select: { timeZone: true } });
    const today = localDateOf(opts.now ?? new Date(), profile.timeZone);
    if (input.date < today) throw new UserError(422, "consulting:validation.dateInPast");
    const exception = await tx.availabilityException.create({
      data: { consultantId, date: new Date(`${input.date}T00:00:00Z`), kind: input.kind, startMinute: input.startMinute, endMinute: input.endMinute, reason: input.reason },
    });
    await audit(tx, user.id, "consulting.exception_add", "AvailabilityException", exception.id, { date: input.date, kind: input.kind, startMinute: input.startMinute, endMinute: input.endMinute }, opts.ip);
    return exception;
  });
}

export async function deleteException(user: SessionUser, exceptionId: string, opts: { ip?: string | null } = {}) {
  await prisma.$transaction(async (tx) => {
    const consultantId = await ownProfileId(tx, user);
    const exception = await tx.availabilityException.findUnique({ where: { id: exceptionId } });
    if (!exception || exception.consultantId !== consultantId) throw new UserError(404, "consulting:errors.exceptionNotFound");
    await tx.availabilityException.delete({ where: { id: exceptionId } });
    await audit(tx, user.id, "consulting.exception_delete", "AvailabilityException", exceptionId, { date: exception.date.toISOString().slice(0, 10), kind: exception.kind }, opts.ip);
  });
}
