/**
 * Resource route: saves the search page's current query under a name (POST name, query).
 * Used by <SaveSearchForm> through a fetcher; without JavaScript the form posts here and
 * is sent back to `redirectTo`.
 */
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/auth/session.server";
import { parseForm } from "~/lib/forms";
import { safeRedirect, UserError } from "~/lib/http.server";
import { createSavedSearch } from "~/matching/saved-searches.server";
import { saveSearchSchema } from "~/matching/schemas";

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const redirectTo = formData.get("redirectTo");
  const user = await getSessionUser(request);
  if (!user) return data({ ok: false as const, formError: "matching:errors.signInToSave", errors: {}, values: {} }, { status: 401 });
  const parsed = parseForm(saveSearchSchema, formData);
  if (!parsed.ok) return data({ ok: false as const, formError: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    const saved = await createSavedSearch(user, parsed.data);
    if (redirectTo) return redirect(safeRedirect(redirectTo, "/workspace/saved-searches"));
    return { ok: true as const, id: saved.id, formError: null, errors: {}, values: {} };
  } catch (error) {
    if (error instanceof UserError) return data({ ok: false as const, formError: error.messageKey, errors: {}, values: parsed.values }, { status: error.status });
    throw error;
  }
}

export const loader = () => redirect("/workspace/saved-searches");
