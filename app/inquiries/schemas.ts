/** Inquiry forms: what a buyer sends from a listing, thread messages, closing with a reason. */
import { z } from "zod";
import { TRANSFER_MODES } from "~/domain/taxonomy";
import {
  CLOSE_REASON_TEXT_MAX,
  CLOSE_REASONS,
  INQUIRY_EVENTS,
} from "./state-machine";

export const INQUIRY_PURPOSES = [
  "license",
  "acquisition",
  "joint_development",
  "manufacturing",
  "distribution",
  "investment",
  "other",
] as const;
export type InquiryPurpose = (typeof INQUIRY_PURPOSES)[number];

/** Longest message body, in characters (a 1 MB paste is refused with this limit in the message). */
export const MESSAGE_MAX = 10_000;
export const QUESTIONS_MIN = 10;
export const MESSAGE_ATTACHMENTS_MAX = 5;

export const INBOX_FILTERS = ["open", "awaiting_me", "closed", "all"] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

const text = (max: number) =>
  z
    .string({ required_error: "validation:required" })
    .transform((v) => v.replace(/\r\n/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, "validation:required")
        .max(max, "inquiry:errors.tooLong")
    );

export const inquiryFormSchema = z.object({
  purpose: z.enum(INQUIRY_PURPOSES, {
    errorMap: () => ({ message: "validation:invalidChoice" }),
  }),
  preferredMode: z
    .union([z.literal(""), z.enum(TRANSFER_MODES)], {
      errorMap: () => ({ message: "validation:invalidChoice" }),
    })
    .optional()
    .transform((v) => v || null),
  questions: text(MESSAGE_MAX).pipe(
    z.string().min(QUESTIONS_MIN, "inquiry:errors.questionsTooShort")
  ),
  companyIntro: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().max(2000, "inquiry:errors.tooLong")),
});
export type InquiryFormInput = z.infer<typeof inquiryFormSchema>;

export const messageSchema = z.object({ body: text(MESSAGE_MAX) });

export const transitionSchema = z.object({
  event: z.enum(INQUIRY_EVENTS, {
    errorMap: () => ({ message: "inquiry:errors.illegalTransition" }),
  }),
  reason: z
    .enum(CLOSE_REASONS)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  reasonText: z
    .string()
    .max(CLOSE_REASON_TEXT_MAX, "inquiry:errors.tooLong")
    .optional(),
});
