import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, json } from "~/lib/api.server";
import { getPublicListing } from "~/listings/api.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const listing = await getPublicListing(params.id ?? "");
  if (!listing) return apiError(request, 404, "listing:notFound");
  return json(listing);
}
