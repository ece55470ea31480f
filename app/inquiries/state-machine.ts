/**
 * The inquiry lifecycle as data:
 *
 *   submitted → answered → nda_requested → nda_accepted → in_negotiation → meeting_scheduled → closed_won | closed_lost
 *
 * plus the side exits `declined` (the seller turns the inquiry down) and `withdrawn`
 * (the buyer gives up). Each event lists the states it may fire from, who may fire it
 * and where it leads; everything else is derived from TRANSITIONS. Pure: no database,
 * no clock. Status and reason codes mirror the Prisma enums InquiryStatus and CloseReason.
 */

export const INQUIRY_STATUSES = [
  "submitted",
  "answered",
  "nda_requested",
  "nda_accepted",
  "in_negotiation",
  "meeting_scheduled",
  "closed_won",
  "closed_lost",
  "declined",
  "withdrawn",
] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<InquiryStatus> = new Set([
  "closed_won",
  "closed_lost",
  "declined",
  "withdrawn",
]);
export function isTerminal(status: InquiryStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export const ACTORS = ["buyer", "seller", "system"] as const;
export type Actor = (typeof ACTORS)[number];

export const INQUIRY_EVENTS = [
  "answer",
  "request_nda",
  "accept_nda",
  "start_negotiation",
  "schedule_meeting",
  "close_won",
  "close_lost",
  "decline",
  "withdraw",
] as const;
export type InquiryEvent = (typeof INQUIRY_EVENTS)[number];

export interface Transition {
  from: readonly InquiryStatus[];
  by: readonly Actor[];
  to: InquiryStatus;
  /** The event must carry a valid CloseReason (see validateCloseReason). */
  requiresReason: boolean;
}

const OPEN_AFTER_ANSWER = [
  "answered",
  "nda_requested",
  "nda_accepted",
  "in_negotiation",
  "meeting_scheduled",
] as const;
const ALL_OPEN = ["submitted", ...OPEN_AFTER_ANSWER] as const;

export const TRANSITIONS: Readonly<Record<InquiryEvent, Transition>> = {
  // The seller (listing owner) replies to the inquiry.
  answer: {
    from: ["submitted"],
    by: ["seller"],
    to: "answered",
    requiresReason: false,
  },
  // Either side may ask for an NDA before details are shared.
  request_nda: {
    from: ["answered"],
    by: ["buyer", "seller"],
    to: "nda_requested",
    requiresReason: false,
  },
  // Fired by the system once BOTH parties have accepted the NDA (NdaAcceptance rows).
  accept_nda: {
    from: ["nda_requested"],
    by: ["system"],
    to: "nda_accepted",
    requiresReason: false,
  },
  start_negotiation: {
    from: ["nda_accepted"],
    by: ["buyer", "seller"],
    to: "in_negotiation",
    requiresReason: false,
  },
  schedule_meeting: {
    from: ["in_negotiation"],
    by: ["buyer", "seller"],
    to: "meeting_scheduled",
    requiresReason: false,
  },
  // The seller records the deal; the system may close it when a contract is signed on-platform.
  close_won: {
    from: ["in_negotiation", "meeting_scheduled"],
    by: ["seller", "system"],
    to: "closed_won",
    requiresReason: false,
  },
  // Either side ends a conversation that was under way; the system does so on timeouts (no_response).
  close_lost: {
    from: OPEN_AFTER_ANSWER,
    by: ["buyer", "seller", "system"],
    to: "closed_lost",
    requiresReason: true,
  },
  // The seller turns the inquiry down before an NDA is in place; the system does so when the answer deadline passes.
  decline: {
    from: ["submitted", "answered", "nda_requested"],
    by: ["seller", "system"],
    to: "declined",
    requiresReason: true,
  },
  // The buyer may walk away from any open inquiry.
  withdraw: {
    from: ALL_OPEN,
    by: ["buyer"],
    to: "withdrawn",
    requiresReason: false,
  },
};

export type TransitionResult =
  | { ok: true; to: InquiryStatus }
  | { ok: false; reason: "illegal_transition" | "wrong_party" };

/**
 * Where `event` fired by `actor` takes an inquiry in `current`. An event that cannot
 * fire from `current` at all is an illegal_transition (whoever asks); one that can,
 * but not by this actor, is wrong_party. Reason-carrying events still need
 * validateCloseReason on their payload.
 */
export function nextState(
  current: InquiryStatus,
  event: InquiryEvent,
  actor: Actor
): TransitionResult {
  const transition = TRANSITIONS[event];
  if (!transition || !transition.from.includes(current))
    return { ok: false, reason: "illegal_transition" };
  if (!transition.by.includes(actor))
    return { ok: false, reason: "wrong_party" };
  return { ok: true, to: transition.to };
}

/** The events `actor` may fire from `current`, in lifecycle order (for "next step" buttons). */
export function allowedEvents(
  current: InquiryStatus,
  actor: Actor
): InquiryEvent[] {
  return INQUIRY_EVENTS.filter((event) => nextState(current, event, actor).ok);
}

export function eventRequiresReason(event: InquiryEvent): boolean {
  return TRANSITIONS[event].requiresReason;
}

// ---------------------------------------------------------------------------------------
// Close reasons (close_lost, decline)

export const CLOSE_REASONS = [
  "price",
  "trl_too_low",
  "ip_scope",
  "region",
  "no_response",
  "other",
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const CLOSE_REASON_TEXT_MAX = 1000;

export type CloseReasonInput = { reason?: unknown; text?: unknown };
export type ValidCloseReason = { reason: CloseReason; text: string | null };
export type CloseReasonError =
  | "reason_required"
  | "unknown_reason"
  | "text_required"
  | "text_too_long";

export function isCloseReason(value: unknown): value is CloseReason {
  return (
    typeof value === "string" &&
    (CLOSE_REASONS as readonly string[]).includes(value)
  );
}

/**
 * Validates the reason attached to close_lost / decline. "other" needs a non-blank
 * explanation; for the other codes the text is optional. Text is trimmed, blank → null.
 */
export function validateCloseReason(
  input: CloseReasonInput
):
  | { ok: true; value: ValidCloseReason }
  | { ok: false; error: CloseReasonError } {
  const { reason, text } = input;
  if (reason === undefined || reason === null || reason === "")
    return { ok: false, error: "reason_required" };
  if (!isCloseReason(reason)) return { ok: false, error: "unknown_reason" };
  const trimmed = typeof text === "string" ? text.trim() : "";
  if (reason === "other" && trimmed === "")
    return { ok: false, error: "text_required" };
  if (trimmed.length > CLOSE_REASON_TEXT_MAX)
    return { ok: false, error: "text_too_long" };
  return { ok: true, value: { reason, text: trimmed === "" ? null : trimmed } };
}
