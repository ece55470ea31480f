/** Routes of this capability answer a UserError with its status and translation key (never a 500). */
import { UserError } from "~/lib/http.server";

export async function orRespond<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}
