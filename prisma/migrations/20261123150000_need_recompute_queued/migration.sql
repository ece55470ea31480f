-- AlterTable
ALTER TABLE "TechnologyNeed" ADD COLUMN     "recomputeQueuedAt" TIMESTAMPTZ(3);
