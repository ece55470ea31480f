/** Upload and removal of a listing's attachments (the edit page's attachments panel posts here). */
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
} from "@remix-run/node";
import { addListingAttachment, MAX_ATTACHMENT_BYTES, removeListingAttachment } from "~/attachments/attachments.server";
import { requireRole } from "~/auth/session.server";
import { setCustomNda } from "~/inquiries/nda.server";
import { UserError } from "~/lib/http.server";

const TIERS = ["public", "registered", "confidential"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["sme"]);
  const back = (query: string) => redirect(`/workspace/listings/${encodeURIComponent(params.id ?? "")}?${query}#attachments`);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_ATTACHMENT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return back("attachmentError=workspace:attachments.errors.tooLarge");
    return back("attachmentError=workspace:attachments.errors.upload");
  }
  // PostgreSQL text cannot hold U+0000: such an id names nothing, refuse it before any query.
  if (String(form.get("attachmentId") ?? "").includes("\u0000") || (params.id ?? "").includes("\u0000")) return back("attachmentError=common:errors.badRequest");
  try {
    if (form.get("intent") === "customNda" || form.get("intent") === "clearCustomNda") {
      await setCustomNda(user, params.id!, form.get("intent") === "customNda" ? String(form.get("attachmentId") ?? "") : null);
      return back("attachmentAdded=1");
    }
    if (form.get("intent") === "remove") {
      await removeListingAttachment(user, String(form.get("attachmentId") ?? ""));
      return back("attachmentRemoved=1");
    }
    const file = form.get("file");
    const tier = String(form.get("tier") ?? "");
    if (!(file instanceof File) || file.size === 0) return back("attachmentError=workspace:attachments.errors.empty");
    if (!(TIERS as readonly string[]).includes(tier)) return back("attachmentError=validation:invalidChoice");
    await addListingAttachment(user, params.id!, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, tier as (typeof TIERS)[number]);
    return back("attachmentAdded=1");
  } catch (error) {
    if (error instanceof UserError) return back(`attachmentError=${encodeURIComponent(error.messageKey)}`);
    throw error;
  }
}

export const loader = ({ params }: ActionFunctionArgs) => redirect(`/workspace/listings/${encodeURIComponent(params.id ?? "")}`);
