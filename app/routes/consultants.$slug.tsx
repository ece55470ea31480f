import { data as withStatus, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { timeZoneLabel, timeZoneOptions } from "~/lib/time-zones";
import { joinList } from "~/lib/format";
import { getSessionUser, requireUser } from "~/auth/session.server";
import { ConsultantAvatar, ServiceFacts, TagList } from "~/components/consultant-parts";
import { holdBooking, holdSchema } from "~/consulting/bookings.server";
import { linkableListings, slotPicker } from "~/consulting/picker.server";
import { getConsultantBySlug } from "~/consulting/profiles.server";
import { PICKER_DAYS, resolveViewerTimeZone } from "~/consulting/slot-picker";
import { consultantView } from "~/consulting/view.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { parseForm } from "~/lib/forms";
import { clientIp, UserError } from "~/lib/http.server";
import consultingStyles from "~/styles/consulting.css";

export const handle = { i18n: ["consulting", "booking", "taxonomy", "validation"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: consultingStyles }];

async function loadProfile(slug: string, viewer: Awaited<ReturnType<typeof getSessionUser>>) {
  try {
    return await getConsultantBySlug(slug, viewer);
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [locale, viewer] = await Promise.all([getLocale(request), getSessionUser(request)]);
  const profile = await loadProfile(params.slug ?? "", viewer);
  const url = new URL(request.url);
  const consultant = consultantView(profile, locale);
  const selected = consultant.services.find((s) => s.id === url.searchParams.get("service")) ?? consultant.services[0] ?? null;
  const zone = resolveViewerTimeZone(url.searchParams.get("tz"), viewer?.timeZone);
  const days = selected ? await slotPicker(selected, { locale, viewerTimeZone: zone.timeZone, consultantTimeZone: profile.timeZone }) : [];
  const t = await getFixedT(locale, "consulting");
  return {
    consultant,
    selectedId: selected?.id ?? null,
    days,
    viewerTimeZone: zone.timeZone,
    /** Labelled on the server (Intl's zone names differ between runtimes: no hydration mismatch). */
    consultantZoneLabel: timeZoneLabel(profile.timeZone, locale),
    timeZoneExplicit: zone.explicit,
    timeZones: timeZoneOptions(locale),
    viewer: viewer ? { role: viewer.role } : null,
    isOwner: viewer?.id === profile.userId,
    listings: await linkableListings(viewer, locale),
    inquiryId: url.searchParams.get("inquiry") ?? "",
    listingId: url.searchParams.get("listing") ?? "",
    title: t("consulting:profile.metaTitle", { name: consultant.name }),
    description: consultant.headline,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? ""} · TechBridge` }, { name: "description", content: data?.description ?? "" }];

export async function action({ request }: ActionFunctionArgs) {
  // Anonymous visitors go to the login page and come back to this picker.
  const user = await requireUser(request);
  const parsed = parseForm(holdSchema, await request.formData());
  if (!parsed.ok) return { error: Object.values(parsed.errors)[0] ?? "booking:errors.invalidSlot", values: parsed.values };
  try {
    const hold = await holdBooking(user, parsed.data, { ip: clientIp(request) });
    return redirect(`/bookings/${hold.id}/checkout`);
  } catch (error) {
    if (error instanceof UserError) return withStatus({ error: error.messageKey, values: parsed.values }, { status: error.status });
    throw error;
  }
}

/** Without a chosen or profile zone, the browser's own zone replaces the Seoul default. */
function useBrowserTimeZone(current: string, explicit: boolean) {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    if (explicit) return;
    const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!detected || detected === current) return;
    const params = new URLSearchParams(location.search);
    params.set("tz", detected);
    navigate(`${location.pathname}?${params.toString()}${location.hash}`, { replace: true, preventScrollReset: true });
  }, [current, explicit, location, navigate]);
}

export default function ConsultantProfile() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { consultant: c, days, selectedId, viewerTimeZone, consultantZoneLabel } = data;
  const selected = c.services.find((s) => s.id === selectedId) ?? null;
  const busy = navigation.state === "submitting";
  useBrowserTimeZone(viewerTimeZone, data.timeZoneExplicit);
  const serviceLink = (id: string) => {
    const p = new URLSearchParams();
    p.set("service", id);
    if (data.timeZoneExplicit) p.set("tz", viewerTimeZone);
    if (data.inquiryId) p.set("inquiry", data.inquiryId);
    if (data.listingId) p.set("listing", data.listingId);
    return `?${p.toString()}#slots`;
  };
  const canBook = !data.viewer || data.viewer.role === "sme" || data.viewer.role === "buyer";

  return (
    <div className="container consultant-profile">
      <p className="breadcrumbs">
        <Link to="/consultants"><span className="back-arrow" aria-hidden="true">←</span> {t("consulting:directory.title")}</Link>
      </p>
      {!c.published ? <div className="alert alert-warning">{t("consulting:profile.unpublishedNote")}</div> : null}
      <header className="consultant-profile-head">
        <ConsultantAvatar initials={c.initials} photoUrl={c.photoUrl} name={c.name} large />
        <div>
          <h1 dir="auto">{c.name}</h1>
          {c.organisation ? <p className="muted" dir="auto">{c.organisation}</p> : null}
          {c.headline ? (
            <p className="consultant-headline" lang={c.headlineLocale ?? undefined} dir="auto">
              {c.headline}
            </p>
          ) : null}
        </div>
      </header>
      {c.headlineIsFallback && c.headlineLocale ? <p className="fallback-note">{t("consulting:fallbackNote", { language: t(`common:languages.${c.headlineLocale}`) })}</p> : null}

      <div className="consultant-profile-layout">
        <section className="card">
          {c.bioIsFallback && c.bioLocale && !(c.headlineIsFallback && c.headlineLocale === c.bioLocale) ? (
            <p className="fallback-note">{t("consulting:fallbackNote", { language: t(`common:languages.${c.bioLocale}`) })}</p>
          ) : null}
          {c.bio ? (
            <div className="prose" lang={c.bioLocale ?? undefined} dir="auto">
              {c.bio.split(/\n{2,}/).map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </div>
          ) : null}
          <dl className="consultant-facts">
            <dt>{t("consulting:profile.expertise")}</dt>
            <dd>{c.expertise.map((f) => t(`taxonomy:fields.${f}`)).join(" · ") || "—"}</dd>
            <dt>{t("consulting:profile.languages")}</dt>
            <dd>{joinList(c.languages.map((l) => t(`common:languages.${l}`)), i18n.language) || "—"}</dd>
            <dt>{t("consulting:profile.timeZone")}</dt>
            <dd>{consultantZoneLabel}</dd>
          </dl>
          {c.certifications.length ? (
            <>
              <h2 className="h-small">{t("consulting:profile.certifications")}</h2>
              <TagList items={c.certifications} label={t("consulting:profile.certifications")} />
            </>
          ) : null}
        </section>

        <section aria-labelledby="services-title">
          <h2 id="services-title">{t("consulting:profile.services")}</h2>
          {c.services.length === 0 ? <p className="muted">{t("consulting:profile.noServices")}</p> : null}
          <ul className="service-list">
            {c.services.map((s) => (
              <li key={s.id} className={`card service-card${s.id === selectedId ? " service-card-selected" : ""}`} data-testid="service-card">
                <div className="service-card-head">
                  <h3 lang={s.titleLocale ?? undefined} dir="auto">
                    {s.title || t(`consulting:kinds.${s.kind}`)}
                  </h3>
                  <span className="badge">{t(`consulting:kinds.${s.kind}`)}</span>
                </div>
                {s.description ? (
                  <p lang={s.descriptionLocale ?? undefined} dir="auto">
                    {s.description}
                  </p>
                ) : null}
                <ServiceFacts service={s} />
                {s.id === selectedId ? null : (
                  <Link to={serviceLink(s.id)} preventScrollReset className="button button-small">
                    {t("consulting:picker.seeTimes")}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>

      {selected ? (
        <section id="slots" className="card slot-picker" aria-labelledby="slots-title" data-testid="slot-picker">
          <h2 id="slots-title">{t("consulting:picker.title", { service: selected.title || t(`consulting:kinds.${selected.kind}`) })}</h2>
          <p className="muted small">{t("consulting:picker.intro", { count: PICKER_DAYS })}</p>
          <Form method="get" className="picker-zone" preventScrollReset>
            <input type="hidden" name="service" value={selected.id} />
            {data.inquiryId ? <input type="hidden" name="inquiry" value={data.inquiryId} /> : null}
            {data.listingId ? <input type="hidden" name="listing" value={data.listingId} /> : null}
            <label htmlFor="picker-tz">{t("consulting:picker.viewerZone")}</label>
            <select id="picker-tz" name="tz" defaultValue={viewerTimeZone} key={viewerTimeZone} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
              {data.timeZones.some((z) => z.value === viewerTimeZone) ? null : <option value={viewerTimeZone}>{viewerTimeZone}</option>}
              {data.timeZones.map((z) => (
                <option key={z.value} value={z.value}>
                  {z.label}
                </option>
              ))}
            </select>
            <noscript>
              <button type="submit" className="button button-small">
                {t("consulting:picker.applyZone")}
              </button>
            </noscript>
          </Form>
          <p className="small muted">{t("consulting:picker.consultantZone", { zone: consultantZoneLabel })}</p>

          {actionData && "error" in actionData && actionData.error ? (
            <div className="alert alert-error" role="alert" data-testid="picker-error">
              {t(actionData.error)}
            </div>
          ) : null}
          {!canBook ? <div className="alert alert-info">{t("consulting:picker.onlyCompanies")}</div> : null}
          {selected.kind === "buyer_seller_meeting" && !data.inquiryId ? (
            <div className="alert alert-info" data-testid="meeting-needs-inquiry">
              {t("consulting:picker.meetingNeedsInquiry")}
            </div>
          ) : null}
          {data.isOwner ? <div className="alert alert-info">{t("consulting:picker.ownProfile")}</div> : null}

          {days.length === 0 ? (
            <p className="empty-state" data-testid="no-slots">
              {t("consulting:picker.noSlots", { count: PICKER_DAYS })}
            </p>
          ) : (
            <Form method="post" className="picker-form">
              <input type="hidden" name="serviceId" value={selected.id} />
              <input type="hidden" name="timeZone" value={viewerTimeZone} />
              {data.inquiryId ? <input type="hidden" name="inquiryId" value={data.inquiryId} /> : null}
              {data.listings.length && !data.inquiryId ? (
                <div className="field">
                  <label htmlFor="picker-listing">{t("consulting:picker.linkListing")}</label>
                  <select id="picker-listing" name="listingId" defaultValue={data.listingId}>
                    <option value="">{t("consulting:picker.noListing")}</option>
                    {data.listings.map((l) => (
                      <option key={l.id} value={l.id} lang={l.locale}>
                        {l.title}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              {selected.interpretationLanguages.length ? (
                <div className="field">
                  <label htmlFor="picker-interpretation">{t("consulting:picker.interpretation")}</label>
                  <select id="picker-interpretation" name="interpretationLanguage" defaultValue="">
                    <option value="">{t("consulting:picker.noInterpretation")}</option>
                    {selected.interpretationLanguages.map((l) => (
                      <option key={l} value={l}>
                        {t(`common:languages.${l}`)}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              {data.inquiryId ? <p className="small muted">{t("consulting:picker.linkedInquiry")}</p> : null}
              <p className="small muted">{t("consulting:picker.duration", { count: selected.durationMinutes })}</p>
              <div className="picker-days">
                {days.map((day) => (
                  <fieldset key={day.date} className="picker-day" data-date={day.date}>
                    <legend>{day.label}</legend>
                    <ul className="picker-slots">
                      {day.slots.map((slot) => (
                        <li key={slot.startsAt}>
                          <button
                            type="submit"
                            name="startsAt"
                            value={slot.startsAt}
                            className="slot-button"
                            disabled={busy || !canBook || data.isOwner}
                            data-testid="slot"
                            aria-label={t("consulting:picker.slotLabel", { day: day.label, time: slot.viewerTime, zone: slot.viewerZone })}
                          >
                            <span className="slot-time">{slot.viewerStart}</span>
                            {slot.consultantStart ? (
                              <span className="slot-consultant-time" title={t("consulting:picker.consultantTime", { time: slot.consultantDate ? `${slot.consultantDate} ${slot.consultantTime}` : slot.consultantTime, zone: slot.consultantZone })}>
                                {t("consulting:picker.consultantShort", { time: slot.consultantDate ? `${slot.consultantDate} ${slot.consultantStart}` : slot.consultantStart })}
                              </span>
                            ) : null}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </fieldset>
                ))}
              </div>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}
