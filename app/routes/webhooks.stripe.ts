/** Stripe webhook endpoint: the RAW body goes to the signature check (never re-serialised JSON). */
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook } from "~/payments/webhook.server";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("method not allowed", { status: 405, headers: { Allow: "POST" } });
  const raw = await request.text();
  const result = await handleStripeWebhook(raw, request.headers.get("stripe-signature"));
  return new Response(result.body, { status: result.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export function loader() {
  return new Response("method not allowed", { status: 405, headers: { Allow: "POST" } });
}
