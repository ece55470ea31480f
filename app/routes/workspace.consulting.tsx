import { data as withStatus, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { timeZoneLabel, timeZoneOptions } from "~/lib/time-zones";
import { requireRole } from "~/auth/session.server";
import { ConsultantAvatar } from "~/components/consultant-parts";
import { CheckboxGroup, Field, FormError, value, values as valuesOf } from "~/components/form";
import { addException, deleteException, replaceWeeklyRules } from "~/consulting/availability.server";
import { completeBooking, markNoShow, outcomeSchema, updateOutcome } from "~/consulting/bookings.server";
import { saveProfile } from "~/consulting/profiles.server";
import { EXCEPTION_CHOICES, exceptionFormSchema, MEETING_MODES, profileFormSchema, SERVICE_KINDS, serviceFormSchema, WEEKDAYS, weeklyRulesFormSchema } from "~/consulting/schemas";
import { createService, setServiceActive, updateService } from "~/consulting/services.server";
import { consultantWorkspace, type SessionRow } from "~/consulting/workspace.server";
import { CURRENCIES, LOCALES, TECH_FIELDS, VALUATION_METHODS, type Locale } from "~/domain/taxonomy";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formDataToObject, parseForm, type FieldErrors, type FormValues } from "~/lib/forms";
import { clientIp, UserError } from "~/lib/http.server";
import consultingStyles from "~/styles/consulting.css";

export const handle = { i18n: ["consulting", "booking", "taxonomy", "validation"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: consultingStyles }];

const TABS = ["sessions", "profile", "services", "availability"] as const;
type Tab = (typeof TABS)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["consultant"]);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const workspace = await consultantWorkspace(user, { locale, week: url.searchParams.get("week") });
  const t = await getFixedT(locale, "consulting");
  return { ...workspace, locale, timeZones: timeZoneOptions(locale), zoneLabel: workspace.profile ? timeZoneLabel(workspace.profile.timeZone, locale) : "", pageTitle: t("consulting:workspace.title") };
}

export const meta = titleMeta;

type ActionResult = { intent: string; id?: string; errors: FieldErrors; values: FormValues; formError?: string };

/** Blank valuation fields mean "no valuation recorded"; anything typed is validated. */
function outcomeInput(formData: FormData) {
  const { object } = formDataToObject(formData);
  const valuation = object.valuation as Record<string, string> | undefined;
  if (valuation && !Object.values(valuation).some((v) => v && v !== "KRW" && v !== "USD")) delete object.valuation;
  if (valuation && valuation.certificateRef === "") delete valuation.certificateRef;
  // Amounts may be typed with group separators ("900,000,000").
  if (valuation) for (const k of ["low", "high"]) if (typeof valuation[k] === "string") valuation[k] = valuation[k].replace(/[,\s_]/g, "");
  return object;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["consultant"]);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const id = String(formData.get("id") ?? "") || undefined;
  const ip = clientIp(request);
  const refused = (errors: FieldErrors, values: FormValues, formError = "consulting:errors.fixFields") => withStatus<ActionResult>({ intent, id, errors, values, formError }, { status: 400 });
  const done = (tab: Tab, saved: string) => redirect(`/workspace/consulting?tab=${tab}&saved=${saved}`);
  try {
    switch (intent) {
      case "profile": {
        const parsed = parseForm(profileFormSchema, formData, ["expertise", "languages"]);
        if (!parsed.ok) return refused(parsed.errors, parsed.values);
        await saveProfile(user, parsed.data, { ip });
        return done("profile", "profile");
      }
      case "service-create":
      case "service-update": {
        const parsed = parseForm(serviceFormSchema, formData, ["interpretationLanguages"]);
        if (!parsed.ok) return refused(parsed.errors, parsed.values);
        if (intent === "service-create") await createService(user, parsed.data, { ip });
        else await updateService(user, id ?? "", parsed.data, { ip });
        return done("services", "service");
      }
      case "service-toggle": {
        await setServiceActive(user, id ?? "", formData.get("active") === "true", { ip });
        return done("services", "service");
      }
      case "rules": {
        const parsed = parseForm(weeklyRulesFormSchema, formData);
        if (!parsed.ok) return refused(parsed.errors, parsed.values);
        await replaceWeeklyRules(user, parsed.data, { ip });
        return done("availability", "rules");
      }
      case "exception-add": {
        const parsed = parseForm(exceptionFormSchema, formData);
        if (!parsed.ok) return refused(parsed.errors, parsed.values);
        await addException(user, parsed.data, { ip });
        return done("availability", "exception");
      }
      case "exception-delete": {
        await deleteException(user, id ?? "", { ip });
        return done("availability", "exception");
      }
      case "complete": {
        const { values } = formDataToObject(formData);
        const parsed = outcomeSchema.safeParse(outcomeInput(formData));
        if (!parsed.success) {
          const errors: FieldErrors = {};
          for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message.includes(":") ? issue.message : "validation:invalid";
          return refused(errors, values);
        }
        await completeBooking(user, id ?? "", parsed.data, { ip });
        return done("sessions", "completed");
      }
      case "no-show": {
        await markNoShow(user, id ?? "", { outcome: String(formData.get("outcome") ?? "") }, { ip });
        return done("sessions", "noShow");
      }
      case "outcome": {
        await updateOutcome(user, id ?? "", String(formData.get("outcome") ?? ""), { ip });
        return done("sessions", "outcome");
      }
      default:
        throw new UserError(400, "common:errors.badRequest");
    }
  } catch (error) {
    if (error instanceof UserError) {
      const { values } = formDataToObject(formData);
      return withStatus<ActionResult>({ intent, id, errors: {}, values, formError: error.messageKey }, { status: error.status });
    }
    throw error;
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function useResult(intent: string, id?: string) {
  const result = useActionData<typeof action>() as ActionResult | undefined;
  return result && result.intent === intent && (id === undefined || result.id === id) ? result : undefined;
}

function LocaleTexts({ prefix, label, values, errors, multiline, required }: { prefix: string; label: string; values?: FormValues; errors?: FieldErrors; multiline?: boolean; required?: boolean }) {
  const { t } = useTranslation();
  const field = (l: Locale) => (
    <Field
      key={l}
      name={`${prefix}.${l}`}
      label={`${label} (${t(`common:languages.${l}`)})`}
      lang={l}
      dir={l === "ar" ? "rtl" : "ltr"}
      multiline={multiline}
      rows={multiline ? 5 : undefined}
      required={required && l === "ko"}
      defaultValue={value(values, `${prefix}.${l}`)}
      error={errors?.[`${prefix}.${l}`]}
    />
  );
  const optional = LOCALES.filter((l) => l !== "ko" && l !== "en");
  return (
    <div className="locale-texts">
      <div className="locale-columns">
        {field("ko")}
        {field("en")}
      </div>
      <details className="locale-optional" open={optional.some((l) => value(values, `${prefix}.${l}`))}>
        <summary>{t("consulting:workspace.moreLanguages")}</summary>
        {optional.map(field)}
      </details>
    </div>
  );
}

function Select({ name, label, options, selected, optionLabel, error, id }: { name: string; label: string; options: readonly string[]; selected?: string; optionLabel: (v: string) => string; error?: string; id?: string }) {
  const { t } = useTranslation();
  const fieldId = id ?? `f-${name}`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={fieldId}>{label}</label>
      <select id={fieldId} name={name} defaultValue={selected ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${fieldId}-error` : undefined}>
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
      {error ? (
        <p className="error-text" id={`${fieldId}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

function PhotoEditor({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const error = params.get("photoError");
  if (!data.profile) return null;
  return (
    <section className="card photo-editor" data-testid="photo-editor">
      <h2>{t("consulting:workspace.photoTitle")}</h2>
      <div className="photo-row">
        <ConsultantAvatar initials={data.profile.initials} photoUrl={data.profile.photoUrl} large />
        <Form method="post" action="/workspace/consulting/photo" encType="multipart/form-data" className="photo-form">
          <FormError error={error && error.startsWith("consulting:") ? error : null} />
          <label htmlFor="f-photo">{t("consulting:workspace.photoLabel")}</label>
          <input id="f-photo" type="file" name="photo" accept="image/png,image/jpeg,image/webp" />
          <p className="hint">{t("consulting:workspace.photoHint")}</p>
          <div className="form-actions">
            <button type="submit" name="intent" value="upload" className="button">
              {t("consulting:workspace.photoUpload")}
            </button>
            {data.profile.photoUrl ? (
              <button type="submit" name="intent" value="remove" className="link-button">
                {t("consulting:workspace.photoRemove")}
              </button>
            ) : null}
          </div>
        </Form>
      </div>
    </section>
  );
}

function ProfileEditor({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const result = useResult("profile");
  const v = result?.values ?? data.profileValues;
  const e = result?.errors;
  const busy = useNavigation().state === "submitting";
  const zoneLabels = new Map(data.timeZones.map((z) => [z.value, z.label]));
  return (
    <Form method="post" className="card consulting-form" noValidate data-testid="profile-form">
      <h2>{t("consulting:workspace.profileTitle")}</h2>
      {!data.profile ? <p className="alert alert-info">{t("consulting:workspace.profileFirst")}</p> : null}
      <FormError error={result?.formError} />
      <LocaleTexts prefix="headline" label={t("consulting:workspace.headline")} values={v} errors={e} required />
      <LocaleTexts prefix="bio" label={t("consulting:workspace.bio")} values={v} errors={e} multiline />
      <CheckboxGroup name="expertise" legend={t("consulting:profile.expertise")} options={TECH_FIELDS} selected={valuesOf(v, "expertise")} label={(f) => t(`taxonomy:fields.${f}`)} error={e?.expertise} />
      <CheckboxGroup name="languages" legend={t("consulting:profile.languages")} options={LOCALES} selected={valuesOf(v, "languages")} label={(l) => t(`common:languages.${l}`)} error={e?.languages} />
      <Field name="certifications" label={t("consulting:profile.certifications")} hint={t("consulting:workspace.certificationsHint")} multiline rows={3} defaultValue={value(v, "certifications")} error={e?.certifications ?? e?.["certifications.0"]} />
      <Select name="timeZone" label={t("consulting:profile.timeZone")} options={data.timeZones.some((z) => z.value === value(v, "timeZone")) || !value(v, "timeZone") ? data.timeZones.map((z) => z.value) : [value(v, "timeZone")!, ...data.timeZones.map((z) => z.value)]} selected={value(v, "timeZone")} optionLabel={(z) => zoneLabels.get(z) ?? z} error={e?.timeZone} />
      <label className="inline-check">
        <input type="checkbox" name="published" defaultChecked={value(v, "published") === "on"} /> {t("consulting:workspace.published")}
      </label>
      <div className="form-actions">
        <button type="submit" name="intent" value="profile" className="button button-primary" disabled={busy}>
          {t("consulting:workspace.saveProfile")}
        </button>
      </div>
    </Form>
  );
}

function ServiceForm({ id, initial }: { id?: string; initial?: FormValues }) {
  const { t } = useTranslation();
  const intent = id ? "service-update" : "service-create";
  const result = useResult(intent, id);
  const v = result?.values ?? initial ?? { currency: "KRW", mode: "online", durationMinutes: "60", bufferMinutes: "15", active: "on" };
  const e = result?.errors;
  const prefix = id ? `svc-${id}` : "svc-new";
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="consulting-form service-form" noValidate data-testid={id ? "service-form" : "new-service-form"}>
      <FormError error={result?.formError} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <Select id={`${prefix}-kind`} name="kind" label={t("consulting:workspace.kind")} options={SERVICE_KINDS} selected={value(v, "kind")} optionLabel={(k) => t(`consulting:kinds.${k}`)} error={e?.kind} />
      <LocaleTexts prefix="title" label={t("consulting:workspace.serviceTitle")} values={v} errors={e} required />
      <LocaleTexts prefix="description" label={t("consulting:workspace.serviceDescription")} values={v} errors={e} multiline />
      <div className="grid-3">
        <Field name="durationMinutes" label={t("consulting:workspace.durationMinutes")} type="number" min={15} max={480} inputMode="numeric" defaultValue={value(v, "durationMinutes")} error={e?.durationMinutes} />
        <Field name="price" label={t("consulting:workspace.price")} inputMode="decimal" defaultValue={value(v, "price")} error={e?.price} />
        <Select id={`${prefix}-currency`} name="currency" label={t("consulting:workspace.currency")} options={CURRENCIES} selected={value(v, "currency")} optionLabel={(c) => c} error={e?.currency} />
      </div>
      <div className="grid-3">
        <Select id={`${prefix}-mode`} name="mode" label={t("consulting:workspace.mode")} options={MEETING_MODES} selected={value(v, "mode")} optionLabel={(m) => t(m === "online" ? "consulting:service.online" : "consulting:service.inPerson")} error={e?.mode} />
        <Field name="location" label={t("consulting:workspace.location")} hint={t("consulting:workspace.locationHint")} defaultValue={value(v, "location")} error={e?.location} />
        <Field name="bufferMinutes" label={t("consulting:workspace.bufferMinutes")} hint={t("consulting:workspace.bufferHint")} type="number" min={0} max={120} inputMode="numeric" defaultValue={value(v, "bufferMinutes")} error={e?.bufferMinutes} />
      </div>
      <CheckboxGroup name="interpretationLanguages" legend={t("consulting:workspace.interpretationLanguages")} options={LOCALES} selected={valuesOf(v, "interpretationLanguages")} label={(l) => t(`common:languages.${l}`)} error={e?.interpretationLanguages} />
      <label className="inline-check">
        <input type="checkbox" name="active" defaultChecked={value(v, "active") === "on"} /> {t("consulting:workspace.active")}
      </label>
      <div className="form-actions">
        <button type="submit" name="intent" value={intent} className="button button-primary" disabled={busy}>
          {id ? t("consulting:workspace.saveService") : t("consulting:workspace.addService")}
        </button>
      </div>
    </Form>
  );
}

function ServicesEditor({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const failed = useActionData<typeof action>() as ActionResult | undefined;
  if (!data.profile) return <p className="alert alert-info">{t("consulting:workspace.profileFirst")}</p>;
  return (
    <section className="stack-small">
      <h2>{t("consulting:workspace.servicesTitle")}</h2>
      {data.services.length === 0 ? <p className="muted">{t("consulting:workspace.noServices")}</p> : null}
      <ul className="service-list">
        {data.services.map((s) => (
          <li key={s.id} className={`card service-card${s.active ? "" : " service-inactive"}`} data-testid="own-service">
            <div className="service-card-head">
              <h3>{s.title || t(`consulting:kinds.${s.kind}`)}</h3>
              <span className="badge">{t(`consulting:kinds.${s.kind}`)}</span>
              {!s.active ? <span className="badge">{t("consulting:workspace.inactive")}</span> : null}
            </div>
            <p className="small">
              {t("consulting:service.duration", { count: s.durationMinutes })} · {s.price} · {t("consulting:workspace.bufferShort", { count: s.bufferMinutes })}
            </p>
            <Form method="post" className="inline-form">
              <input type="hidden" name="id" value={s.id} />
              <input type="hidden" name="active" value={s.active ? "false" : "true"} />
              <button type="submit" name="intent" value="service-toggle" className="button button-small">
                {s.active ? t("consulting:workspace.deactivate") : t("consulting:workspace.activate")}
              </button>
            </Form>
            <details open={failed?.intent === "service-update" && failed.id === s.id}>
              <summary>{t("consulting:workspace.editService")}</summary>
              <ServiceForm id={s.id} initial={s.values} />
            </details>
          </li>
        ))}
      </ul>
      <details className="card" open={data.services.length === 0 || failed?.intent === "service-create"}>
        <summary>
          <strong>{t("consulting:workspace.newService")}</strong>
        </summary>
        <ServiceForm />
      </details>
    </section>
  );
}

function AvailabilityEditor({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const rules = useResult("rules");
  const exc = useResult("exception-add");
  const del = useResult("exception-delete");
  const busy = useNavigation().state === "submitting";
  if (!data.profile) return <p className="alert alert-info">{t("consulting:workspace.profileFirst")}</p>;
  const weekdayName = (d: number) => data.weekdayNames[d] ?? String(d);
  const ev = exc?.values ?? { choice: "block_day" };
  return (
    <>
      <Form method="post" className="card consulting-form" noValidate data-testid="rules-form">
        <h2>{t("consulting:workspace.weeklyTitle")}</h2>
        <p className="muted small">{t("consulting:workspace.weeklyIntro", { zone: data.zoneLabel })}</p>
        <FormError error={rules?.formError} />
        <div className="rules-grid">
          {WEEKDAYS.map((weekday) => (
            <fieldset key={weekday} className="rules-day" data-weekday={weekday}>
              <legend>{weekdayName(weekday)}</legend>
              {data.ruleRows
                .filter((r) => r.weekday === weekday)
                .map((r) => {
                  const start = rules ? value(rules.values, `rules.${r.row}.start`) : r.start;
                  const end = rules ? value(rules.values, `rules.${r.row}.end`) : r.end;
                  const error = rules?.errors[`rules.${r.row}.start`] ?? rules?.errors[`rules.${r.row}.end`];
                  return (
                    <div key={r.row} className={`rule-row${error ? " field-invalid" : ""}`} data-testid="rule-row">
                      <input type="hidden" name={`rules.${r.row}.weekday`} value={weekday} />
                      <label>
                        <span className="visually-hidden">{t("consulting:workspace.from")}</span>
                        <input type="time" name={`rules.${r.row}.start`} defaultValue={start} step={900} aria-label={`${weekdayName(weekday)} ${t("consulting:workspace.from")}`} aria-invalid={error ? true : undefined} />
                      </label>
                      <span aria-hidden="true">–</span>
                      <label>
                        <span className="visually-hidden">{t("consulting:workspace.to")}</span>
                        <input type="time" name={`rules.${r.row}.end`} defaultValue={end} step={900} aria-label={`${weekdayName(weekday)} ${t("consulting:workspace.to")}`} aria-invalid={error ? true : undefined} />
                      </label>
                      {error ? (
                        <p className="error-text" role="alert">
                          {t(error)}
                        </p>
                      ) : null}
                    </div>
                  );
                })}
            </fieldset>
          ))}
        </div>
        <p className="hint">{t("consulting:workspace.weeklyHint")}</p>
        <div className="form-actions">
          <button type="submit" name="intent" value="rules" className="button button-primary" disabled={busy}>
            {t("consulting:workspace.saveWeekly")}
          </button>
        </div>
      </Form>

      <section className="card">
        <h2>{t("consulting:workspace.exceptionsTitle")}</h2>
        <FormError error={del?.formError} />
        {data.exceptions.length === 0 ? (
          <p className="muted">{t("consulting:workspace.noExceptions")}</p>
        ) : (
          <ul className="exception-list" data-testid="exceptions">
            {data.exceptions.map((x) => (
              <li key={x.id}>
                <strong>{x.label}</strong>{" "}
                {x.kind === "extra"
                  ? t("consulting:workspace.exceptionExtra", { start: x.start, end: x.end })
                  : x.start
                    ? t("consulting:workspace.exceptionBlockedHours", { start: x.start, end: x.end })
                    : t("consulting:workspace.exceptionBlockedDay")}
                {x.reason ? <span className="muted"> — {x.reason}</span> : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={x.id} />
                  <button type="submit" name="intent" value="exception-delete" className="link-button">
                    {t("consulting:workspace.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="consulting-form" noValidate data-testid="exception-form">
          <h3>{t("consulting:workspace.addException")}</h3>
          <FormError error={exc?.formError} />
          <div className="grid-2">
            <Field name="date" label={t("consulting:workspace.date")} type="date" defaultValue={value(ev, "date")} error={exc?.errors.date} />
            <Select name="choice" label={t("consulting:workspace.exceptionKind")} options={EXCEPTION_CHOICES} selected={value(ev, "choice")} optionLabel={(c) => t(`consulting:exceptionChoices.${c}`)} error={exc?.errors.choice} />
          </div>
          <div className="grid-3">
            <Field name="start" label={t("consulting:workspace.from")} type="time" defaultValue={value(ev, "start")} error={exc?.errors.start} />
            <Field name="end" label={t("consulting:workspace.to")} type="time" defaultValue={value(ev, "end")} error={exc?.errors.end} />
            <Field name="reason" label={t("consulting:workspace.reason")} defaultValue={value(ev, "reason")} error={exc?.errors.reason} maxLength={200} />
          </div>
          <p className="hint">{t("consulting:workspace.hoursHint")}</p>
          <div className="form-actions">
            <button type="submit" name="intent" value="exception-add" className="button" disabled={busy}>
              {t("consulting:workspace.addException")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}


function SessionSummary({ s }: { s: SessionRow }) {
  const { t } = useTranslation();
  return (
    <>
      <div>
        <strong>{s.date}</strong> · {s.time}
      </div>
      <div>
        {s.serviceTitle || t(`consulting:kinds.${s.serviceKind}`)} · {t("consulting:workspace.bookedBy", { name: s.bookedBy })}
      </div>
      {s.listing ? (
        <div className="small">
          {t("consulting:workspace.listing")}: <Link to={`/technologies/${s.listing.slug}`}>{s.listing.title}</Link>
        </div>
      ) : null}
      {s.interpretationLanguage ? (
        <div className="small">
          {t("consulting:service.interpretation")}: {t(`common:languages.${s.interpretationLanguage}`)}
        </div>
      ) : null}
    </>
  );
}

function OutcomeForms({ s }: { s: SessionRow }) {
  const { t } = useTranslation();
  const complete = useResult("complete", s.id);
  const noShow = useResult("no-show", s.id);
  const v = complete?.values;
  const e = complete?.errors;
  const valuation = s.serviceKind === "valuation" && s.hasListing;
  return (
    <div className="outcome-forms">
      <Form method="post" className="consulting-form" noValidate data-testid="complete-form">
        <input type="hidden" name="id" value={s.id} />
        <FormError error={complete?.formError ?? noShow?.formError} />
        <Field name="outcome" label={t("consulting:workspace.outcome")} multiline rows={3} defaultValue={value(v, "outcome")} error={e?.outcome} />
        {valuation ? (
          <fieldset className="valuation-fields">
            <legend>{t("consulting:workspace.valuationTitle")}</legend>
            <p className="hint">{t("consulting:workspace.valuationHint")}</p>
            <div className="grid-2">
              <Select id={`val-${s.id}-method`} name="valuation.method" label={t("consulting:workspace.valuationMethod")} options={["", ...VALUATION_METHODS]} selected={value(v, "valuation.method")} optionLabel={(m) => (m ? t(`taxonomy:valuationMethods.${m}`) : "—")} error={e?.["valuation.method"]} />
              <Select id={`val-${s.id}-currency`} name="valuation.currency" label={t("consulting:workspace.currency")} options={CURRENCIES} selected={value(v, "valuation.currency") ?? "KRW"} optionLabel={(c) => c} error={e?.["valuation.currency"]} />
              <Field name="valuation.low" label={t("consulting:workspace.valuationLow")} inputMode="decimal" defaultValue={value(v, "valuation.low")} error={e?.["valuation.low"]} />
              <Field name="valuation.high" label={t("consulting:workspace.valuationHigh")} inputMode="decimal" defaultValue={value(v, "valuation.high")} error={e?.["valuation.high"]} />
              <Field name="valuation.validUntil" label={t("consulting:workspace.validUntil")} type="date" defaultValue={value(v, "valuation.validUntil")} error={e?.["valuation.validUntil"]} />
              <Field name="valuation.certificateRef" label={t("consulting:workspace.certificateRef")} defaultValue={value(v, "valuation.certificateRef")} error={e?.["valuation.certificateRef"]} />
            </div>
          </fieldset>
        ) : null}
        <div className="form-actions">
          <button type="submit" name="intent" value="complete" className="button button-primary">
            {t("consulting:workspace.markCompleted")}
          </button>
          <button type="submit" name="intent" value="no-show" className="button">
            {t("consulting:workspace.markNoShow")}
          </button>
        </div>
      </Form>
    </div>
  );
}

function Sessions({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const outcome = useActionData<typeof action>() as ActionResult | undefined;
  if (!data.profile) return <p className="alert alert-info">{t("consulting:workspace.profileFirst")}</p>;
  const cal = data.calendar;
  return (
    <>
      <section className="card">
        <h2>{t("consulting:workspace.upcomingTitle")}</h2>
        {data.upcoming.length === 0 ? (
          <p className="muted">{t("consulting:workspace.noUpcoming")}</p>
        ) : (
          <ul className="session-list" data-testid="upcoming-sessions">
            {data.upcoming.map((s) => (
              <li key={s.id} className="session-row" data-status={s.status}>
                <SessionSummary s={s} />
                <span className={`status status-booking-${s.status}`}>{t(`consulting:bookingStatus.${s.status}`)}</span>
                <Link to={`/bookings/${s.id}`} className="small">
                  {t("consulting:workspace.details")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {cal ? (
        <section className="card">
          <div className="section-head">
            <h2>{t("consulting:workspace.calendarTitle")}</h2>
            <nav className="calendar-nav" aria-label={t("consulting:workspace.calendarTitle")}>
              <Link to={`?tab=sessions&week=${cal.previous}`} preventScrollReset>
                {t("consulting:workspace.previousWeek")}
              </Link>
              <Link to="?tab=sessions" preventScrollReset>
                {t("consulting:workspace.thisWeek")}
              </Link>
              <Link to={`?tab=sessions&week=${cal.next}`} preventScrollReset>
                {t("consulting:workspace.nextWeek")}
              </Link>
            </nav>
          </div>
          <p className="small muted">{t("consulting:workspace.calendarZone", { zone: data.zoneLabel })}</p>
          <div className="table-scroll">
            <div className="week-calendar" data-testid="week-calendar" style={{ gridTemplateRows: `auto repeat(${(cal.lastMinute - cal.firstMinute) / 30}, 1.4rem)` }}>
              {cal.days.map((d, i) => (
                <div key={d.date} className="week-day-head" style={{ gridColumn: i + 2, gridRow: 1 }}>
                  {d.label}
                </div>
              ))}
              {cal.hours.map((m, i) => (
                <div key={m} className="week-hour" style={{ gridColumn: 1, gridRow: `${2 + i * 2} / span 2` }}>
                  {`${String(m / 60).padStart(2, "0")}:00`}
                </div>
              ))}
              {cal.hours.map((m, i) => (
                <div key={`line-${m}`} className="week-hour-line" aria-hidden="true" style={{ gridColumn: "2 / -1", gridRow: `${2 + i * 2} / span 2` }} />
              ))}
              {cal.entries.map((entry) => (
                <Link
                  key={entry.id}
                  to={`/bookings/${entry.id}`}
                  className={`week-entry week-entry-${entry.status}`}
                  style={{ gridColumn: entry.day + 2, gridRow: `${entry.rowStart} / ${entry.rowEnd}` }}
                  title={`${entry.time} ${entry.title}`}
                >
                  <span className="week-entry-time">{entry.time}</span> {entry.title}
                </Link>
              ))}
            </div>
          </div>
        </section>
      ) : null}

      <section className="card">
        <h2>{t("consulting:workspace.awaitingTitle")}</h2>
        {outcome?.intent === "outcome" ? <FormError error={outcome.formError} /> : null}
        {data.awaitingOutcome.length === 0 ? (
          <p className="muted">{t("consulting:workspace.noAwaiting")}</p>
        ) : (
          <ul className="session-list" data-testid="awaiting-outcome">
            {data.awaitingOutcome.map((s) => (
              <li key={s.id} className="session-row session-row-wide">
                <SessionSummary s={s} />
                <OutcomeForms s={s} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {data.recent.length ? (
        <section className="card">
          <h2>{t("consulting:workspace.recentTitle")}</h2>
          <ul className="session-list">
            {data.recent.map((s) => (
              <li key={s.id} className="session-row session-row-wide">
                <SessionSummary s={s} />
                <span className={`status status-booking-${s.status}`}>{t(`consulting:bookingStatus.${s.status}`)}</span>
                <Form method="post" className="consulting-form">
                  <input type="hidden" name="id" value={s.id} />
                  <Field name="outcome" label={t("consulting:workspace.outcome")} multiline rows={2} defaultValue={s.outcome} />
                  <button type="submit" name="intent" value="outcome" className="button button-small">
                    {t("consulting:workspace.saveOutcome")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export default function ConsultingWorkspace() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const fromResult: Record<string, Tab> = { profile: "profile", "service-create": "services", "service-update": "services", "service-toggle": "services", rules: "availability", "exception-add": "availability", "exception-delete": "availability" };
  const requested = params.get("tab");
  const tab: Tab = (result && fromResult[result.intent]) ?? ((TABS as readonly string[]).includes(requested ?? "") ? (requested as Tab) : data.profile ? "sessions" : "profile");
  const saved = params.get("saved");
  return (
    <div className="container consulting-workspace">
      <div className="section-head">
        <div>
          <h1>{t("consulting:workspace.title")}</h1>
          {data.profile ? (
            <p className="muted">
              <Link to={`/consultants/${data.profile.slug}`}>{t("consulting:workspace.viewPublic")}</Link>
              {!data.profile.published ? <span className="badge">{t("consulting:workspace.unpublished")}</span> : null}
            </p>
          ) : null}
        </div>
      </div>
      <nav className="tabs" aria-label={t("consulting:workspace.title")}>
        {TABS.map((name) => (
          <Link key={name} to={`?tab=${name}`} className={`tab${tab === name ? " tab-active" : ""}`} aria-current={tab === name ? "page" : undefined}>
            {t(`consulting:workspace.tabs.${name}`)}
          </Link>
        ))}
      </nav>
      {saved && !result ? (
        <div className="alert alert-success" role="status" data-testid="saved">
          {t(`consulting:workspace.saved.${saved === "profile" || saved === "photo" || saved === "service" || saved === "rules" || saved === "exception" || saved === "completed" || saved === "noShow" || saved === "outcome" ? saved : "profile"}`)}
        </div>
      ) : null}
      {result && !["profile", "service-create", "service-update", "rules", "exception-add", "complete", "no-show"].includes(result.intent) && result.formError ? <FormError error={result.formError} /> : null}
      {tab === "sessions" ? <Sessions data={data} /> : null}
      {tab === "profile" ? (
        <>
          <PhotoEditor data={data} />
          <ProfileEditor data={data} />
        </>
      ) : null}
      {tab === "services" ? <ServicesEditor data={data} /> : null}
      {tab === "availability" ? <AvailabilityEditor data={data} /> : null}
    </div>
  );
}
