/**
 * Resource route for <ShortlistButton>: GET ?listingId= tells whether the signed-in user
 * has the listing on their shortlist; POST intent=add (with an optional note) or
 * intent=remove changes it. Without JavaScript the form posts here and returns to `redirectTo`.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/auth/session.server";
import { parseForm } from "~/lib/forms";
import { safeRedirect, UserError } from "~/lib/http.server";
import { shortlistSchema } from "~/matching/schemas";
import { addToShortlist, removeFromShortlist, shortlistEntryFor } from "~/matching/shortlist.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const listingId = new URL(request.url).searchParams.get("listingId") ?? "";
  const entry = listingId ? await shortlistEntryFor(user, listingId) : null;
  return { signedIn: Boolean(user) && user?.role !== "admin", shortlisted: Boolean(entry), note: entry?.note ?? "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const redirectTo = formData.get("redirectTo");
  const user = await getSessionUser(request);
  if (!user) return data({ ok: false as const, shortlisted: false, formError: "matching:errors.signInToShortlist", errors: {} as Record<string, string> }, { status: 401 });
  const parsed = parseForm(shortlistSchema, formData);
  if (!parsed.ok) return data({ ok: false as const, shortlisted: false, formError: null, errors: parsed.errors }, { status: 400 });
  try {
    const intent = formData.get("intent");
    if (intent === "remove") await removeFromShortlist(user, parsed.data.listingId);
    else await addToShortlist(user, parsed.data.listingId, parsed.data.note);
    if (redirectTo) return redirect(safeRedirect(redirectTo, "/workspace/shortlist"));
    return { ok: true as const, shortlisted: intent !== "remove", formError: null, errors: {} as Record<string, string> };
  } catch (error) {
    if (error instanceof UserError) return data({ ok: false as const, shortlisted: false, formError: error.messageKey, errors: {} as Record<string, string> }, { status: error.status });
    throw error;
  }
}
