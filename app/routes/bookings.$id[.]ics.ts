/** The booking as an iCalendar file (same UID and SEQUENCE as the e-mailed invitations). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { bookingIcs, loadBookingWithParties } from "~/consulting/booking-notifications.server";
import { getBookingForViewer } from "~/consulting/bookings.server";
import { prisma } from "~/db.server";
import { UserError } from "~/lib/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const { booking } = await getBookingForViewer(user, params.id ?? "");
    const full = await loadBookingWithParties(prisma, booking.id);
    const method = booking.status === "cancelled" || booking.status === "expired" ? "CANCEL" : "REQUEST";
    return new Response(bookingIcs(full, method, user.locale, booking.updatedAt), {
      headers: {
        "Content-Type": `text/calendar; charset=utf-8; method=${method}`,
        "Content-Disposition": `attachment; filename="booking-${booking.id}.ics"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}
