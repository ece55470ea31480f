/**
 * The services a consultant offers (valuation session, transfer consulting, export-regulation
 * consulting, facilitated buyer–seller meeting). A consultant edits only their own services; a
 * service with bookings is never deleted, only deactivated (bookings keep their price and terms).
 */
import { audit } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { UserError } from "~/lib/http.server";
import { toMinor } from "~/lib/money";
import { ownProfileId } from "./profiles.server";
import { compactTexts, type ServiceFormInput } from "./schemas";

function serviceData(input: ServiceFormInput) {
  return {
    kind: input.kind,
    title: compactTexts(input.title),
    description: compactTexts(input.description),
    durationMinutes: input.durationMinutes,
    priceMinor: BigInt(toMinor(input.price, input.currency)),
    currency: input.currency,
    mode: input.mode,
    location: input.mode === "in_person" ? input.location : input.location || null,
    bufferMinutes: input.bufferMinutes,
    // Interpretation is part of facilitated buyer–seller meetings only.
    interpretationLanguages: input.kind === "buyer_seller_meeting" ? input.interpretationLanguages : [],
    active: input.active,
  } satisfies Omit<Prisma.ConsultingServiceUncheckedCreateInput, "consultantId">;
}

/** The service, if it belongs to the signed-in consultant; 404 otherwise (someone else's ids reveal nothing). */
async function ownService(tx: Prisma.TransactionClient, user: SessionUser, serviceId: string) {
  const consultantId = await ownProfileId(tx, user);
  const service = await tx.consultingService.findUnique({ where: { id: serviceId } });
  if (!service || service.consultantId !== consultantId) throw new UserError(404, "consulting:errors.serviceNotFound");
  return service;
}

export async function createService(user: SessionUser, input: ServiceFormInput, opts: { ip?: string | null } = {}) {
  return prisma.$transaction(async (tx) => {
    const consultantId = await ownProfileId(tx, user);
    const service = await tx.consultingService.create({ data: { ...serviceData(input), consultantId } });
    await audit(tx, user.id, "consulting.service_create", "ConsultingService", service.id, { kind: service.kind, priceMinor: String(service.priceMinor), currency: service.currency }, opts.ip);
    return service;
  });
}

export async function updateService(user: SessionUser, serviceId: string, input: ServiceFormInput, opts: { ip?: string | null } = {}) {
  return prisma.$transaction(async (tx) => {
    await ownService(tx, user, serviceId);
    const service = await tx.consultingService.update({ where: { id: serviceId }, data: serviceData(input) });
    await audit(tx, user.id, "consulting.service_update", "ConsultingService", service.id, { kind: service.kind, priceMinor: String(service.priceMinor), currency: service.currency, active: service.active }, opts.ip);
    return service;
  });
}

export async function setServiceActive(user: SessionUser, serviceId: string, active: boolean, opts: { ip?: string | null } = {}) {
  return prisma.$transaction(async (tx) => {
    await ownService(tx, user, serviceId);
    const service = await tx.consultingService.update({ where: { id: serviceId }, data: { active } });
    await audit(tx, user.id, active ? "consulting.service_activate" : "consulting.service_deactivate", "ConsultingService", service.id, {}, opts.ip);
    return service;
  });
}
