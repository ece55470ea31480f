/** A consultant's profile photo (public once the profile is published). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/auth/session.server";
import { readConsultantPhoto } from "~/consulting/photos.server";
import { UserError } from "~/lib/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const photo = await readConsultantPhoto(params.slug ?? "", await getSessionUser(request));
    return new Response(photo.bytes, {
      headers: {
        "Content-Type": photo.mime,
        "Content-Length": String(photo.bytes.byteLength),
        "X-Content-Type-Options": "nosniff",
        // The URL carries the key (?v=), so a new photo is a new URL.
        "Cache-Control": "public, max-age=86400",
      },
    });
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}
