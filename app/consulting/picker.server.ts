/**
 * Data for the slot picker on a consultant's profile: the next PICKER_DAYS days of bookable slots
 * of one service (from the booking engineer's listSlots), grouped by the viewer's day, and what a
 * booker may link to the booking (their organisation's listings).
 */
import type { SessionUser } from "~/auth/session.server";
import type { Locale } from "~/domain/taxonomy";
import { listOrganisationListings, pickTranslation } from "~/listings/listings.server";
import { PICKER_DAYS, slotPickerDays, type PickerDay } from "./slot-picker";
import { listSlots } from "./slots.server";

export async function slotPicker(
  service: { id: string },
  opts: { locale: string; viewerTimeZone: string; consultantTimeZone: string; now?: Date },
): Promise<PickerDay[]> {
  const now = opts.now ?? new Date();
  const slots = await listSlots(service.id, { from: now, to: new Date(now.getTime() + PICKER_DAYS * 86_400_000), now });
  return slotPickerDays(slots, opts);
}

/** An SME may attach one of its own listings (e.g. the technology to be valued). */
export async function linkableListings(viewer: SessionUser | null, locale: Locale): Promise<Array<{ id: string; title: string; locale: string }>> {
  if (!viewer || viewer.role !== "sme" || !viewer.organisationId) return [];
  const listings = await listOrganisationListings(viewer.organisationId);
  return listings
    .filter((l) => l.status !== "archived")
    .map((l) => {
      const { translation } = pickTranslation(l.translations, locale);
      return { id: l.id, title: translation?.title ?? l.slug, locale: translation?.locale ?? "ko" };
    });
}
