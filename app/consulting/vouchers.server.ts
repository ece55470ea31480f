/**
 * Export vouchers (e.g. a government export-support programme) held by an SME organisation.
 * At checkout a voucher covers min(coverage% of the price, remaining balance) — same currency
 * only, never after its expiry date — and the card pays the rest. The share is DEBITED when the
 * checkout starts (a conditional UPDATE that never lets the balance go below zero, backed by the
 * CHECK constraint ExportVoucher_balance_nonnegative) and RESTORED when the payment lapses, fails
 * with the hold, or the booking is cancelled with a full refund. Every movement is a VoucherEntry
 * (debits negative, refunds positive); restoring is idempotent because it restores exactly the
 * booking's net debit.
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";

type Tx = Prisma.TransactionClient;

export interface VoucherLike {
  id: string;
  organisationId: string;
  coveragePercent: number;
  balanceMinor: bigint;
  currency: string;
  expiresOn: Date;
}

/** The voucher's last valid day is expiresOn (a calendar date); it is usable through that whole day in Seoul. */
export function voucherUsable(voucher: Pick<VoucherLike, "expiresOn" | "balanceMinor">, now: Date): boolean {
  const seoulToday = new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
  return voucher.expiresOn.toISOString().slice(0, 10) >= seoulToday && voucher.balanceMinor > 0n;
}

/**
 * The split of a price between voucher and card. `voucher: null` → all card.
 * Coverage is rounded down to whole minor units (the card pays the remainder).
 */
export function splitPrice(priceMinor: bigint, currency: string, voucher: VoucherLike | null, now: Date): { voucherMinor: bigint; cardMinor: bigint } {
  if (!voucher) return { voucherMinor: 0n, cardMinor: priceMinor };
  if (voucher.currency !== currency) throw new UserError(409, "booking:errors.voucherCurrency");
  if (!voucherUsable(voucher, now)) throw new UserError(409, "booking:errors.voucherExpired");
  const share = (priceMinor * BigInt(voucher.coveragePercent)) / 100n;
  const voucherMinor = share < voucher.balanceMinor ? share : voucher.balanceMinor;
  return { voucherMinor, cardMinor: priceMinor - voucherMinor };
}

/** Vouchers an organisation can use now for a price in `currency`. */
export async function usableVouchers(organisationId: string, currency: string, now = new Date()) {
  const vouchers = await prisma.exportVoucher.findMany({ where: { organisationId, currency }, orderBy: { expiresOn: "asc" } });
  return vouchers.filter((v) => voucherUsable(v, now));
}

export async function vouchersOf(organisationId: string) {
  return prisma.exportVoucher.findMany({ where: { organisationId }, orderBy: { expiresOn: "asc" }, include: { entries: { orderBy: { createdAt: "desc" }, take: 20 } } });
}

/**
 * Debits `amountMinor` from the voucher for a booking, only if the balance still covers it.
 * Concurrent checkouts on a small balance: each UPDATE re-reads the row under its lock, so at most
 * as many succeed as the balance allows; the others get 409 "voucher balance changed".
 */
export async function debitVoucher(tx: Tx, input: { voucherId: string; organisationId: string; bookingId: string; amountMinor: bigint; now: Date }) {
  if (input.amountMinor <= 0n) return;
  const seoulToday = new Date(input.now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
  const updated = await tx.$executeRawUnsafe(
    `UPDATE "ExportVoucher" SET "balanceMinor" = "balanceMinor" - $1::bigint
     WHERE id = $2 AND "organisationId" = $3 AND "balanceMinor" >= $1::bigint AND "expiresOn" >= $4::date`,
    input.amountMinor.toString(),
    input.voucherId,
    input.organisationId,
    seoulToday,
  );
  if (updated !== 1) throw new UserError(409, "booking:errors.voucherBalanceChanged");
  await tx.voucherEntry.create({ data: { voucherId: input.voucherId, bookingId: input.bookingId, kind: "debit", amountMinor: -input.amountMinor } });
}

/**
 * Gives back the booking's net voucher debit (if any). Idempotent: a second call finds a net of
 * zero and does nothing. Returns the amount restored.
 */
export async function restoreVoucherShare(tx: Tx, bookingId: string): Promise<bigint> {
  const entries = await tx.voucherEntry.findMany({ where: { bookingId }, select: { voucherId: true, amountMinor: true } });
  if (entries.length === 0) return 0n;
  const net = new Map<string, bigint>();
  for (const e of entries) net.set(e.voucherId, (net.get(e.voucherId) ?? 0n) + e.amountMinor);
  let restored = 0n;
  for (const [voucherId, sum] of net) {
    if (sum >= 0n) continue;
    const amount = -sum;
    await tx.$executeRawUnsafe(`UPDATE "ExportVoucher" SET "balanceMinor" = "balanceMinor" + $1::bigint WHERE id = $2`, amount.toString(), voucherId);
    await tx.voucherEntry.create({ data: { voucherId, bookingId, kind: "refund", amountMinor: amount } });
    restored += amount;
  }
  return restored;
}
