/**
 * What follows a change to a listing's public face, queued in the change's own transaction:
 * the search index is brought in step, and matches against buyers' needs are recomputed
 * (which may alert both sides of a strong new match). Both go through the outbox, so an
 * outage of the search engine or the mailer delays them and loses nothing.
 */
import { enqueue } from "~/jobs/outbox.server";
import type { Prisma } from "~/generated/prisma/client";

type Tx = Pick<Prisma.TransactionClient, "outboxMessage">;

export async function enqueueListingChanged(tx: Tx, listingId: string) {
  await enqueue(tx, "search.sync_listing", { listingId });
  await enqueue(tx, "matching.recompute", { listingId });
}

/** The same for many listings at once (bulk import). */
export async function enqueueListingsChanged(tx: Tx, listingIds: string[]) {
  if (listingIds.length === 0) return;
  await tx.outboxMessage.createMany({
    data: listingIds.flatMap((listingId) => [
      { topic: "search.sync_listing", payload: { listingId } },
      { topic: "matching.recompute", payload: { listingId } },
    ]),
  });
}
