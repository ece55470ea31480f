-- AlterTable
ALTER TABLE "Listing" ADD COLUMN     "expiryReminder30At" TIMESTAMPTZ(3),
ADD COLUMN     "expiryReminder7At" TIMESTAMPTZ(3);

