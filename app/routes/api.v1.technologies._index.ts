import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, intParam, json } from "~/lib/api.server";
import { listPublicListings } from "~/listings/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const page = intParam(url.searchParams.get("page"), 1, 1, 100_000);
  const pageSize = intParam(url.searchParams.get("pageSize"), 20, 1, 100);
  if (page === null || pageSize === null) return apiError(request, 400, "common:errors.badRequest", [{ param: page === null ? "page" : "pageSize" }]);
  return json(await listPublicListings(page, pageSize));
}
