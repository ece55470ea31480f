/** Attachment download, at the viewer's disclosure tier. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readAttachmentForViewer } from "~/attachments/attachments.server";
import { getSessionUser } from "~/auth/session.server";
import { UserError } from "~/lib/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getSessionUser(request);
  try {
    const { attachment, bytes } = await readAttachmentForViewer(viewer, params.id ?? "");
    return new Response(bytes, {
      headers: {
        "Content-Type": attachment.mimeType,
        "Content-Length": String(bytes.byteLength),
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}
