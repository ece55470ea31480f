import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type CloseReason as PrismaCloseReason,
  type InquiryStatus as PrismaInquiryStatus,
} from "~/generated/prisma/enums";
import {
  ACTORS,
  CLOSE_REASONS,
  CLOSE_REASON_TEXT_MAX,
  INQUIRY_EVENTS,
  INQUIRY_STATUSES,
  TERMINAL_STATUSES,
  TRANSITIONS,
  allowedEvents,
  eventRequiresReason,
  isTerminal,
  nextState,
  validateCloseReason,
  type Actor,
  type CloseReason,
  type InquiryEvent,
  type InquiryStatus,
} from "./state-machine";

/** Every legal (from, event, actor) → to, written out by hand so the table is checked, not echoed. */
const LEGAL: [InquiryStatus, InquiryEvent, Actor, InquiryStatus][] = [
  ["submitted", "answer", "seller", "answered"],
  ["answered", "request_nda", "buyer", "nda_requested"],
  ["answered", "request_nda", "seller", "nda_requested"],
  ["nda_requested", "accept_nda", "system", "nda_accepted"],
  ["nda_accepted", "start_negotiation", "buyer", "in_negotiation"],
  ["nda_accepted", "start_negotiation", "seller", "in_negotiation"],
  ["in_negotiation", "schedule_meeting", "buyer", "meeting_scheduled"],
  ["in_negotiation", "schedule_meeting", "seller", "meeting_scheduled"],
  ["in_negotiation", "close_won", "seller", "closed_won"],
  ["in_negotiation", "close_won", "system", "closed_won"],
  ["meeting_scheduled", "close_won", "seller", "closed_won"],
  ["meeting_scheduled", "close_won", "system", "closed_won"],
  ...(
    [
      "answered",
      "nda_requested",
      "nda_accepted",
      "in_negotiation",
      "meeting_scheduled",
    ] as const
  ).flatMap((from) =>
    ACTORS.map((actor): [InquiryStatus, InquiryEvent, Actor, InquiryStatus] => [
      from,
      "close_lost",
      actor,
      "closed_lost",
    ])
  ),
  ...(["submitted", "answered", "nda_requested"] as const).flatMap((from) =>
    (["seller", "system"] as const).map(
      (actor): [InquiryStatus, InquiryEvent, Actor, InquiryStatus] => [
        from,
        "decline",
        actor,
        "declined",
      ]
    )
  ),
  ...(
    [
      "submitted",
      "answered",
      "nda_requested",
      "nda_accepted",
      "in_negotiation",
      "meeting_scheduled",
    ] as const
  ).map((from): [InquiryStatus, InquiryEvent, Actor, InquiryStatus] => [
    from,
    "withdraw",
    "buyer",
    "withdrawn",
  ]),
];

describe("vocabulary", () => {
  it("mirrors the Prisma enums", () => {
    expectTypeOf<InquiryStatus>().toEqualTypeOf<PrismaInquiryStatus>();
    expectTypeOf<CloseReason>().toEqualTypeOf<PrismaCloseReason>();
    expect(INQUIRY_STATUSES).toHaveLength(10);
    expect(CLOSE_REASONS).toHaveLength(6);
  });

  it("declares a transition for every event, targeting known statuses from non-terminal ones", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...INQUIRY_EVENTS].sort());
    for (const t of Object.values(TRANSITIONS)) {
      expect(INQUIRY_STATUSES).toContain(t.to);
      expect(t.from.length).toBeGreaterThan(0);
      expect(t.by.length).toBeGreaterThan(0);
      for (const from of t.from) expect(isTerminal(from)).toBe(false);
    }
  });
});

describe("nextState", () => {
  it.each(LEGAL)("%s --%s by %s--> %s", (from, event, actor, to) => {
    expect(nextState(from, event, actor)).toEqual({ ok: true, to });
  });

  it("allows nothing beyond the listed transitions", () => {
    const legal = new Set(
      LEGAL.map(([from, event, actor]) => `${from}|${event}|${actor}`)
    );
    for (const from of INQUIRY_STATUSES) {
      for (const event of INQUIRY_EVENTS) {
        for (const actor of ACTORS) {
          expect(
            nextState(from, event, actor).ok,
            `${from} ${event} ${actor}`
          ).toBe(legal.has(`${from}|${event}|${actor}`));
        }
      }
    }
  });

  it.each<[InquiryStatus, InquiryEvent, Actor]>([
    ["submitted", "request_nda", "buyer"], // must be answered first
    ["submitted", "accept_nda", "system"],
    ["answered", "answer", "seller"],
    ["answered", "start_negotiation", "buyer"], // NDA first
    ["nda_requested", "schedule_meeting", "seller"],
    ["nda_accepted", "close_won", "seller"],
    ["submitted", "close_lost", "buyer"], // before an answer it is withdraw / decline
    ["in_negotiation", "decline", "seller"], // after the NDA it is close_lost
    ["meeting_scheduled", "request_nda", "buyer"],
    ["closed_won", "close_lost", "seller"],
    ["declined", "answer", "seller"],
    ["withdrawn", "withdraw", "buyer"],
  ])("rejects %s --%s by %s as illegal_transition", (from, event, actor) => {
    expect(nextState(from, event, actor)).toEqual({
      ok: false,
      reason: "illegal_transition",
    });
  });

  it.each<[InquiryStatus, InquiryEvent, Actor]>([
    ["submitted", "answer", "buyer"],
    ["submitted", "answer", "system"],
    ["nda_requested", "accept_nda", "buyer"],
    ["nda_requested", "accept_nda", "seller"],
    ["answered", "request_nda", "system"],
    ["in_negotiation", "close_won", "buyer"],
    ["submitted", "decline", "buyer"],
    ["submitted", "withdraw", "seller"],
    ["meeting_scheduled", "withdraw", "system"],
  ])("rejects %s --%s by %s as wrong_party", (from, event, actor) => {
    expect(nextState(from, event, actor)).toEqual({
      ok: false,
      reason: "wrong_party",
    });
  });
});

describe("allowedEvents", () => {
  it("offers each party its next steps", () => {
    expect(allowedEvents("submitted", "seller")).toEqual(["answer", "decline"]);
    expect(allowedEvents("submitted", "buyer")).toEqual(["withdraw"]);
    expect(allowedEvents("submitted", "system")).toEqual(["decline"]);
    expect(allowedEvents("answered", "buyer")).toEqual([
      "request_nda",
      "close_lost",
      "withdraw",
    ]);
    expect(allowedEvents("nda_requested", "system")).toEqual([
      "accept_nda",
      "close_lost",
      "decline",
    ]);
    expect(allowedEvents("in_negotiation", "seller")).toEqual([
      "schedule_meeting",
      "close_won",
      "close_lost",
    ]);
    expect(allowedEvents("meeting_scheduled", "buyer")).toEqual([
      "close_lost",
      "withdraw",
    ]);
  });

  it("offers nothing in terminal states", () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual([
      "closed_lost",
      "closed_won",
      "declined",
      "withdrawn",
    ]);
    for (const status of TERMINAL_STATUSES) {
      for (const actor of ACTORS)
        expect(allowedEvents(status, actor), `${status} ${actor}`).toEqual([]);
    }
  });

  it("leaves every non-terminal state a way forward and a way out", () => {
    for (const status of INQUIRY_STATUSES.filter((s) => !isTerminal(s))) {
      const events = ACTORS.flatMap((actor) => allowedEvents(status, actor));
      expect(events.length, status).toBeGreaterThan(0);
      expect(allowedEvents(status, "buyer"), status).toContain("withdraw");
    }
  });
});

describe("close reasons", () => {
  it("are required exactly for close_lost and decline", () => {
    expect(INQUIRY_EVENTS.filter(eventRequiresReason)).toEqual([
      "close_lost",
      "decline",
    ]);
  });

  it.each(CLOSE_REASONS.filter((r) => r !== "other"))(
    "accepts %s with or without text",
    (reason) => {
      expect(validateCloseReason({ reason })).toEqual({
        ok: true,
        value: { reason, text: null },
      });
      expect(
        validateCloseReason({ reason, text: "  too far apart  " })
      ).toEqual({ ok: true, value: { reason, text: "too far apart" } });
    }
  );

  it("requires a non-blank text for other", () => {
    expect(validateCloseReason({ reason: "other" })).toEqual({
      ok: false,
      error: "text_required",
    });
    expect(validateCloseReason({ reason: "other", text: "   " })).toEqual({
      ok: false,
      error: "text_required",
    });
    expect(validateCloseReason({ reason: "other", text: 42 })).toEqual({
      ok: false,
      error: "text_required",
    });
    expect(
      validateCloseReason({
        reason: "other",
        text: "Buyer merged with a competitor",
      })
    ).toEqual({
      ok: true,
      value: { reason: "other", text: "Buyer merged with a competitor" },
    });
  });

  it("rejects missing, unknown and over-long input", () => {
    expect(validateCloseReason({})).toEqual({
      ok: false,
      error: "reason_required",
    });
    expect(validateCloseReason({ reason: "" })).toEqual({
      ok: false,
      error: "reason_required",
    });
    expect(validateCloseReason({ reason: "cheaper_elsewhere" })).toEqual({
      ok: false,
      error: "unknown_reason",
    });
    expect(validateCloseReason({ reason: "PRICE" })).toEqual({
      ok: false,
      error: "unknown_reason",
    });
    expect(
      validateCloseReason({
        reason: "price",
        text: "x".repeat(CLOSE_REASON_TEXT_MAX + 1),
      })
    ).toEqual({ ok: false, error: "text_too_long" });
    expect(
      validateCloseReason({
        reason: "price",
        text: "x".repeat(CLOSE_REASON_TEXT_MAX),
      }).ok
    ).toBe(true);
  });
});
