-- AlterTable
ALTER TABLE "Listing" ADD COLUMN     "customNdaAttachmentId" TEXT;

-- AlterTable
ALTER TABLE "Inquiry" ADD COLUMN     "overdueAlertedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reminderSentAt" TIMESTAMPTZ(3);

