/** Forms of saved searches and shortlist entries, shared by browser and server. */
import { z } from "zod";

export const SAVED_SEARCH_NAME_MAX = 80;
export const SHORTLIST_NOTE_MAX = 1000;

const name = z.string({ required_error: "validation:required" }).trim().min(1, "validation:required").max(SAVED_SEARCH_NAME_MAX, "validation:tooLong");

export const saveSearchSchema = z.object({
  name,
  /** the search page's query string ("q=battery&field=battery"), with or without "?" */
  query: z.string().max(2000, "validation:tooLong").default(""),
});

export const renameSearchSchema = z.object({ name });

export const shortlistSchema = z.object({
  listingId: z.string({ required_error: "validation:required" }).trim().min(1, "validation:required").max(64, "validation:invalid"),
  note: z.string().trim().max(SHORTLIST_NOTE_MAX, "validation:tooLong").optional().default(""),
});
