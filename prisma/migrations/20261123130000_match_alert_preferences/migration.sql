-- AlterTable
ALTER TABLE "User" ADD COLUMN     "matchAlertsOffAt" TIMESTAMPTZ(3),
ADD COLUMN     "matchDigestOffAt" TIMESTAMPTZ(3);

