/** Every outbox topic and the handler that performs it. */
import { deliverQueuedEmail, type QueuedEmail } from "~/email/email.server";
import { syncListing } from "~/search/search.server";
import type { OutboxHandler, OutboxTopic } from "./outbox.server";
import { recomputeMatches } from "~/matching/matching.server";
import { performRefund } from "~/payments/refunds.server";

export const outboxHandlers: Record<OutboxTopic, OutboxHandler> = {
  "search.sync_listing": syncListing,
  "search.remove_listing": syncListing,
  "matching.recompute": recomputeMatches,
  "payments.refund": performRefund as OutboxHandler,
  "email.send": ((payload: QueuedEmail, row) => deliverQueuedEmail(payload, row)) as OutboxHandler,
};
