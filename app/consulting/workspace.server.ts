/**
 * Everything the consultant workspace page shows: the profile, services and availability as form
 * values (so the editors start from what is saved), upcoming sessions, sessions awaiting an
 * outcome, and a week calendar. Bookings come from the booking module's listBookingsForConsultant.
 */
import type { SessionUser } from "~/auth/session.server";
import { LOCALES, type Locale } from "~/domain/taxonomy";
import type { FormValues } from "~/lib/forms";
import { toMajor } from "~/lib/money";
import { listBookingsForConsultant } from "./bookings.server";
import { weekCalendar, weekStartOf } from "./calendar";
import { getOwnProfile, initials, localized, type WorkspaceProfile } from "./profiles.server";
import { formatTimeOfDay, WEEKDAYS } from "./schemas";
import { addDaysIso, formatSlot, localDateOf, zonedMinuteToUtc } from "./slots";
import { formatMoney } from "~/lib/money";
import { dateTimeFormat } from "~/lib/intl";

export type SessionRow = {
  id: string;
  status: string;
  startsAt: string;
  date: string;
  time: string;
  serviceKind: string;
  serviceTitle: string;
  bookedBy: string;
  listing: { slug: string; title: string } | null;
  hasListing: boolean;
  outcome: string;
  interpretationLanguage: string | null;
  holdExpiresAt: string | null;
};

/** Empty rows offered per weekday for new ranges. */
export const BLANK_ROWS_PER_DAY = 1;

function texts(prefix: string, value: unknown, out: FormValues) {
  const v = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  for (const l of LOCALES) if (typeof v[l] === "string") out[`${prefix}.${l}`] = v[l] as string;
}

export function profileValues(profile: WorkspaceProfile | null, user: SessionUser): FormValues {
  if (!profile) return { timeZone: user.timeZone, languages: [user.locale], published: "on" };
  const out: FormValues = {
    expertise: profile.expertise,
    languages: profile.languages,
    certifications: profile.certifications.join("\n"),
    timeZone: profile.timeZone,
    ...(profile.published ? { published: "on" } : {}),
  };
  texts("headline", profile.headline, out);
  texts("bio", profile.bio, out);
  return out;
}

export function serviceValues(service: WorkspaceProfile["services"][number]): FormValues {
  const out: FormValues = {
    kind: service.kind,
    durationMinutes: String(service.durationMinutes),
    price: String(toMajor(service.priceMinor, service.currency)),
    currency: service.currency,
    mode: service.mode,
    location: service.location ?? "",
    bufferMinutes: String(service.bufferMinutes),
    interpretationLanguages: service.interpretationLanguages,
    ...(service.active ? { active: "on" } : {}),
  };
  texts("title", service.title, out);
  texts("description", service.description, out);
  return out;
}

/** Saved rules per weekday, then BLANK_ROWS_PER_DAY empty rows, numbered as the form posts them. */
export function ruleRows(rules: ReadonlyArray<{ weekday: number; startMinute: number; endMinute: number }>): Array<{ row: number; weekday: number; start: string; end: string }> {
  const rows: Array<{ row: number; weekday: number; start: string; end: string }> = [];
  for (const weekday of WEEKDAYS) {
    for (const r of rules.filter((r) => r.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute)) {
      rows.push({ row: rows.length, weekday, start: formatTimeOfDay(r.startMinute), end: formatTimeOfDay(r.endMinute) });
    }
    for (let i = 0; i < BLANK_ROWS_PER_DAY; i++) rows.push({ row: rows.length, weekday, start: "", end: "" });
  }
  return rows;
}

export async function consultantWorkspace(user: SessionUser, opts: { locale: Locale; week?: string | null; now?: Date }) {
  const now = opts.now ?? new Date();
  const profile = await getOwnProfile(user);
  const base = {
    profile: profile ? { slug: profile.slug, published: profile.published, timeZone: profile.timeZone, photoUrl: profile.photoKey ? `/consultants/${profile.slug}/photo?v=${profile.photoKey.slice(0, 8)}` : null, initials: initials(user.name) } : null,
    profileValues: profileValues(profile, user),
    services: (profile?.services ?? []).map((s) => ({
      id: s.id,
      kind: s.kind,
      title: localized(s.title, opts.locale).text,
      active: s.active,
      price: formatMoney(s.priceMinor, s.currency, opts.locale),
      durationMinutes: s.durationMinutes,
      bufferMinutes: s.bufferMinutes,
      values: serviceValues(s),
    })),
    ruleRows: ruleRows(profile?.rules ?? []),
    // 2024-01-01 was a Monday: ISO weekday d is 2024-01-0d.
    weekdayNames: Object.fromEntries(WEEKDAYS.map((d) => [d, dateTimeFormat(opts.locale, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, d)))])) as Record<number, string>,
    exceptions: (profile?.exceptions ?? [])
      .filter((e) => e.date.toISOString().slice(0, 10) >= localDateOf(now, profile!.timeZone))
      .map((e) => ({ id: e.id, date: e.date.toISOString().slice(0, 10), label: dateTimeFormat(opts.locale, { weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(e.date), kind: e.kind, start: e.startMinute != null ? formatTimeOfDay(e.startMinute) : null, end: e.endMinute != null ? formatTimeOfDay(e.endMinute) : null, reason: e.reason })),
  };
  if (!profile) return { ...base, upcoming: [] as SessionRow[], awaitingOutcome: [] as SessionRow[], recent: [] as SessionRow[], calendar: null };

  const tz = profile.timeZone;
  const bookings = await listBookingsForConsultant(user, { from: new Date(now.getTime() - 60 * 86_400_000), to: new Date(now.getTime() + 120 * 86_400_000) });
  const show = (b: (typeof bookings)[number]): SessionRow => {
    const when = formatSlot(b, { locale: opts.locale, viewerTimeZone: tz, consultantTimeZone: user.timeZone });
    const listing = b.listing ? localizedListingTitle(b.listing.translations, opts.locale) : null;
    return {
      id: b.id,
      status: b.status,
      startsAt: b.startsAt.toISOString(),
      date: when.viewer.date,
      time: `${when.viewer.time} ${when.viewer.zoneName}`,
      serviceKind: b.service.kind,
      serviceTitle: localized(b.service.title, opts.locale).text,
      bookedBy: b.bookedBy.name,
      listing: listing && b.listing ? { slug: b.listing.slug, title: listing } : null,
      hasListing: Boolean(b.listingId),
      outcome: b.outcome ?? "",
      interpretationLanguage: b.interpretationLanguage,
      holdExpiresAt: b.holdExpiresAt?.toISOString() ?? null,
    };
  };
  const live = ["held", "awaiting_counterpart", "confirmed"];
  const upcoming = bookings.filter((b) => b.endsAt > now && live.includes(b.status) && (b.status !== "held" || !b.holdExpiresAt || b.holdExpiresAt > now)).map(show);
  const awaitingOutcome = bookings.filter((b) => b.status === "confirmed" && b.startsAt <= now).map(show).reverse();
  const recent = bookings.filter((b) => (b.status === "completed" || b.status === "no_show") && b.startsAt <= now).map(show).reverse().slice(0, 20);

  const weekStart = weekStartOf(opts.week && /^\d{4}-\d{2}-\d{2}$/.test(opts.week) ? opts.week : localDateOf(now, tz));
  const weekBookings = await listBookingsForConsultant(user, {
    from: zonedMinuteToUtc(weekStart, 0, tz),
    to: zonedMinuteToUtc(addDaysIso(weekStart, 7), 0, tz),
    statuses: { in: ["held", "awaiting_counterpart", "confirmed", "completed", "no_show"] },
  });
  const calendar = weekCalendar(
    weekBookings.filter((b) => b.status !== "held" || !b.holdExpiresAt || b.holdExpiresAt > now).map((b) => ({ id: b.id, startsAt: b.startsAt, endsAt: b.endsAt, status: b.status, title: localized(b.service.title, opts.locale).text })),
    { weekStart, timeZone: tz, locale: opts.locale, rules: profile.rules },
  );
  return { ...base, upcoming, awaitingOutcome, recent, calendar: { ...calendar, previous: addDaysIso(weekStart, -7), next: addDaysIso(weekStart, 7) } };
}

function localizedListingTitle(translations: Array<{ locale: string; title: string }>, locale: Locale): string {
  return (translations.find((t) => t.locale === locale) ?? translations.find((t) => t.locale === "en") ?? translations[0])?.title ?? "";
}
