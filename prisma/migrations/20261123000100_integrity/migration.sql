-- Rules the database enforces itself, which Prisma's schema language cannot express.

CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- No double-booking, ever: a consultant's live bookings (held, awaiting the other party,
-- confirmed) may not overlap, buffer included. Concurrent attempts lose with 23P01.
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_no_overlap"
  EXCLUDE USING gist ("consultantId" WITH =, tstzrange("startsAt", "blockedUntil", '[)') WITH &&)
  WHERE ("status" IN ('held', 'awaiting_counterpart', 'confirmed'));
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_range_valid" CHECK ("startsAt" < "endsAt" AND "endsAt" <= "blockedUntil");
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_amounts_valid"
  CHECK ("priceMinor" >= 0 AND "voucherCoveredMinor" >= 0 AND "cardMinor" >= 0 AND "voucherCoveredMinor" + "cardMinor" = "priceMinor");

-- Voucher balances never go negative, whatever the concurrency.
ALTER TABLE "ExportVoucher" ADD CONSTRAINT "ExportVoucher_balance_nonnegative" CHECK ("balanceMinor" >= 0);
ALTER TABLE "ExportVoucher" ADD CONSTRAINT "ExportVoucher_coverage_range" CHECK ("coveragePercent" BETWEEN 1 AND 100);

ALTER TABLE "Listing" ADD CONSTRAINT "Listing_trl_range" CHECK ("trl" BETWEEN 1 AND 9);
ALTER TABLE "Listing" ADD CONSTRAINT "Listing_asking_valid"
  CHECK ("askingMinMinor" IS NULL OR ("askingMinMinor" >= 0 AND ("askingMaxMinor" IS NULL OR "askingMaxMinor" >= "askingMinMinor")));
ALTER TABLE "TechnologyNeed" ADD CONSTRAINT "TechnologyNeed_trl_range" CHECK ("trlMin" BETWEEN 1 AND 9 AND "trlMax" BETWEEN "trlMin" AND 9);
ALTER TABLE "Valuation" ADD CONSTRAINT "Valuation_range_valid" CHECK ("lowMinor" >= 0 AND "highMinor" >= "lowMinor" AND "validUntil" >= "valuedOn");
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_amounts_valid" CHECK ("amountMinor" >= 0 AND "refundedMinor" >= 0 AND "refundedMinor" <= "amountMinor");

-- Job queue: workers claim due rows with FOR UPDATE SKIP LOCKED.
CREATE INDEX "OutboxMessage_due_idx" ON "OutboxMessage" ("availableAt") WHERE "status" = 'pending';
