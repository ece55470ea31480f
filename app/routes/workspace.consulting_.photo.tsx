/** Upload or removal of the consultant's profile photo (the workspace's profile tab posts here). */
import { MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/session.server";
import { MAX_PHOTO_BYTES, removeConsultantPhoto, setConsultantPhoto } from "~/consulting/photos.server";
import { clientIp, UserError } from "~/lib/http.server";

export async function loader() {
  return redirect("/workspace/consulting?tab=profile");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["consultant"]);
  const back = (query: string) => redirect(`/workspace/consulting?tab=profile&${query}`);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PHOTO_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return back("photoError=consulting:errors.photoTooLarge");
    return back("photoError=consulting:errors.photoUpload");
  }
  try {
    if (form.get("intent") === "remove") {
      await removeConsultantPhoto(user, { ip: clientIp(request) });
      return back("saved=photo");
    }
    const file = form.get("photo");
    if (!(file instanceof File) || file.size === 0) return back("photoError=consulting:errors.photoEmpty");
    await setConsultantPhoto(user, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, { ip: clientIp(request) });
    return back("saved=photo");
  } catch (error) {
    if (error instanceof UserError) return back(`photoError=${encodeURIComponent(error.messageKey)}`);
    throw error;
  }
}
