/**
 * The slot picker's view model: bookable slots grouped by the VIEWER's calendar day, each with
 * the viewer's time and, when it reads differently, the consultant's own wall-clock time (and
 * date, when the day differs). Pure, so server and browser render the same thing.
 */
import { isTimeZone } from "./schemas";
import { formatSlot, groupSlotsByDay, type IsoDate } from "./slots";
import { hourCycleFor } from "~/lib/format";
import { dateTimeFormat } from "~/lib/intl";

export const DEFAULT_VIEWER_TIME_ZONE = "Asia/Seoul";
export const PICKER_DAYS = 14;

export type PickerSlot = {
  /** ISO instant, posted back to hold the slot */
  startsAt: string;
  /** the viewer's start time, e.g. "9:00 AM" */
  viewerStart: string;
  /** the viewer's start–end, for the accessible name */
  viewerTime: string;
  viewerZone: string;
  /** the consultant's start time, null when it reads the same as the viewer's */
  consultantStart: string | null;
  /** the consultant's time, null when it reads the same as the viewer's */
  consultantTime: string | null;
  consultantZone: string | null;
  /** the consultant's date, only when it is not the viewer's date */
  consultantDate: string | null;
};
export type PickerDay = { date: IsoDate; label: string; slots: PickerSlot[] };

/** An explicit choice (query parameter) first, then the signed-in user's zone, then Seoul. */
export function resolveViewerTimeZone(param: string | null | undefined, userTimeZone: string | null | undefined): { timeZone: string; explicit: boolean } {
  if (param && isTimeZone(param)) return { timeZone: param, explicit: true };
  if (userTimeZone && isTimeZone(userTimeZone)) return { timeZone: userTimeZone, explicit: true };
  return { timeZone: DEFAULT_VIEWER_TIME_ZONE, explicit: false };
}

export function slotPickerDays(
  slots: ReadonlyArray<{ startsAt: Date; endsAt: Date }>,
  opts: { locale: string; viewerTimeZone: string; consultantTimeZone: string },
): PickerDay[] {
  const dayLabel = dateTimeFormat(opts.locale, { timeZone: opts.viewerTimeZone, weekday: "long", month: "long", day: "numeric" });
  const viewerClock = dateTimeFormat(opts.locale, { timeZone: opts.viewerTimeZone, hour: "numeric", minute: "2-digit", hourCycle: hourCycleFor(opts.locale) });
  const consultantClock = dateTimeFormat(opts.locale, { timeZone: opts.consultantTimeZone, hour: "numeric", minute: "2-digit", hourCycle: hourCycleFor(opts.locale) });
  return groupSlotsByDay(slots, opts.viewerTimeZone).map(({ date, slots: daySlots }) => ({
    date,
    label: dayLabel.format(daySlots[0]!.startsAt),
    slots: daySlots.map((slot) => {
      const shown = formatSlot(slot, opts);
      return {
        startsAt: slot.startsAt.toISOString(),
        viewerStart: viewerClock.format(slot.startsAt),
        viewerTime: shown.viewer.time,
        viewerZone: shown.viewer.zoneName,
        consultantStart: shown.consultant ? consultantClock.format(slot.startsAt) : null,
        consultantTime: shown.consultant?.time ?? null,
        consultantZone: shown.consultant?.zoneName ?? null,
        consultantDate: shown.consultant && shown.consultant.isoDate !== shown.viewer.isoDate ? shown.consultant.date : null,
      };
    }),
  }));
}
