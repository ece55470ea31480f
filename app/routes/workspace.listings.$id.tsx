import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, value } from "~/components/form";
import { CURRENCIES, PATENT_JURISDICTIONS, PATENT_STATUSES, VALUATION_METHODS } from "~/domain/taxonomy";
import { formatMoney } from "~/lib/money";
import { requireRole } from "~/auth/session.server";
import { ListingForm } from "~/components/listing-form";
import { parseForm } from "~/lib/forms";
import { UserError } from "~/lib/http.server";
import { inputToFormValues, LISTING_ARRAY_FIELDS, listingToFormValues } from "~/listings/form-values.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDate } from "~/lib/format";
import { renewListing } from "~/listings/expiry.server";
import { addPatent, declareValuation, patentSchema, removePatent, valuationSchema } from "~/listings/ip.server";
import { archiveListing, getListingForOwner, latestOpenRevision, proposeListingRevision, submitListingForReview, updateListingDraft } from "~/listings/listings.server";
import { completenessScore, listingFormSchema, missingForSubmission, type ListingFormInput, type MissingItem } from "~/listings/schemas";
import { titleMeta } from "~/lib/meta";

export const handle = { i18n: ["workspace", "listing", "taxonomy", "validation", "inquiry"] };

async function load(request: Request, id: string) {
  const user = await requireRole(request, ["sme"]);
  try {
    return { user, listing: await getListingForOwner(user, id) };
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { listing } = await load(request, params.id!);
  const revision = listing.status === "published" ? await latestOpenRevision(listing.id) : null;
  const texts = Object.fromEntries(listing.translations.map((t) => [t.locale, t])) as ListingFormInput["texts"];
  const input = { texts, transferModes: listing.transferModes, ipcCodes: listing.ipcCodes, keywords: listing.keywords, targetRegions: listing.targetRegions };
  const locale = await getLocale(request);
  return {
    id: listing.id,
    pageTitle: (await getFixedT(locale, "workspace"))("workspace:editListing"),
    slug: listing.slug,
    status: listing.status,
    expiresAt: listing.expiresAt?.toISOString() ?? null,
    locale,
    reviewNote: listing.reviewNote,
    screening: listing.screening,
    values: revision ? inputToFormValues(revision.payload as unknown as ListingFormInput) : listingToFormValues(listing),
    patents: listing.patents.map((p) => ({ id: p.id, number: p.number, jurisdiction: p.jurisdiction, status: p.status, title: p.title })),
    valuations: listing.valuations.map((v) => ({ id: v.id, method: v.method, currency: v.currency, low: Number(v.lowMinor), high: Number(v.highMinor), validUntil: v.validUntil.toISOString(), source: v.source })),
    attachments: listing.attachments.map((a) => ({ id: a.id, fileName: a.fileName, sizeBytes: a.sizeBytes, tier: a.tier, pdf: a.mimeType === "application/pdf", customNda: a.id === listing.customNdaAttachmentId })),
    revision: revision ? { status: revision.status, reviewNote: revision.reviewNote } : null,
    missing: missingForSubmission(input),
    completeness: completenessScore(input, { patents: listing.patents.length, valuation: listing.valuations.length > 0 }),
  };
}

export const meta = titleMeta;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await load(request, params.id!);
  const formData = await request.formData();
  const intent = formData.get("intent");
  try {
    if (intent === "submit") {
      await submitListingForReview(user, params.id!);
      return redirect(`/workspace/listings/${params.id}?submitted=1`);
    }
    if (intent === "addPatent" || intent === "declareValuation") {
      const isPatent = intent === "addPatent";
      const parsed = parseForm(z.object({ [isPatent ? "patent" : "valuation"]: isPatent ? patentSchema : valuationSchema }), formData);
      if (!parsed.ok) return { errors: parsed.errors, values: undefined, subValues: parsed.values, formError: null, missing: null };
      if (isPatent) await addPatent(user, params.id!, (parsed.data as { patent: z.infer<typeof patentSchema> }).patent);
      else await declareValuation(user, params.id!, (parsed.data as { valuation: z.infer<typeof valuationSchema> }).valuation);
      return redirect(`/workspace/listings/${params.id}?${isPatent ? "patentAdded" : "valuationAdded"}=1#${isPatent ? "patents" : "valuation"}`);
    }
    if (intent === "removePatent") {
      await removePatent(user, params.id!, String(formData.get("patentId") ?? ""));
      return redirect(`/workspace/listings/${params.id}#patents`);
    }
    if (intent === "renew") {
      await renewListing(user, params.id!);
      return redirect(`/workspace/listings/${params.id}?renewed=1`);
    }
    if (intent === "archive") {
      await archiveListing(user, params.id!);
      return redirect("/workspace");
    }
    const parsed = parseForm(listingFormSchema, formData, LISTING_ARRAY_FIELDS);
    if (!parsed.ok) return { errors: parsed.errors, values: parsed.values, subValues: undefined, formError: "workspace:errors.fixFields", missing: null };
    if (intent === "propose") {
      await proposeListingRevision(user, params.id!, parsed.data);
      return redirect(`/workspace/listings/${params.id}?proposed=1`);
    }
    await updateListingDraft(user, params.id!, parsed.data);
    return redirect(`/workspace/listings/${params.id}?saved=1`);
  } catch (error) {
    if (error instanceof UserError) {
      return { errors: {} as Record<string, string>, values: undefined as Record<string, string | string[]> | undefined, subValues: undefined, formError: error.messageKey, missing: (error.params.missing as MissingItem[] | undefined) ?? null };
    }
    throw error;
  }
}

type ActionResult = {
  errors: Record<string, string>;
  values?: Record<string, string | string[]>;
  subValues?: Record<string, string | string[]>;
  formError: string | null;
  missing: MissingItem[] | null;
};

export default function EditListing() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const editable = data.status === "draft";
  const missing = result?.missing ?? data.missing;
  return (
    <div className="container">
      <p>
        <Link to="/workspace"><span className="back-arrow" aria-hidden="true">←</span> {t("workspace:title")}</Link>
      </p>
      <div className="section-head">
        <h1>{t("workspace:editListing")}</h1>
        <span className={`status status-${data.status}`} data-testid="listing-status" data-status={data.status}>
          {t(`listing:status.${data.status}`)}
        </span>
      </div>
      {params.get("saved") ? (
        <div className="alert alert-success" role="status">
          {t("workspace:saved")}
        </div>
      ) : null}
      {params.get("proposed") ? (
        <div className="alert alert-success" role="status">
          {t("workspace:revisionProposed")}
        </div>
      ) : null}
      {data.revision?.status === "pending" ? (
        <div className="alert alert-info" role="status" data-testid="revision-pending">
          {t("workspace:revisionPending")}
        </div>
      ) : null}
      {data.revision?.status === "changes_requested" ? (
        <div className="alert alert-warning" role="status">
          <strong>{t("workspace:changesRequested")}</strong> {data.revision.reviewNote}
        </div>
      ) : null}
      {params.get("renewed") ? (
        <div className="alert alert-success" role="status">
          {t("workspace:renewed")}
        </div>
      ) : null}
      {params.get("submitted") ? (
        <div className="alert alert-success" role="status">
          {t("workspace:submitted")}
        </div>
      ) : null}
      {data.reviewNote && data.status === "draft" ? (
        <div className="alert alert-warning" role="status">
          <strong>{t("workspace:changesRequested")}</strong> {data.reviewNote}
        </div>
      ) : null}

      <div className="card completeness">
        <p>
          {t("workspace:completeness", { score: data.completeness })}
          <progress max={100} value={data.completeness} aria-label={t("workspace:completenessLabel")} />
        </p>
        {missing.length ? (
          <details open={Boolean(result?.missing)}>
            <summary>{t("workspace:missingTitle", { count: missing.length })}</summary>
            <ul className="missing-list">
              {missing.map((m) => (
                <li key={`${m.locale ?? ""}.${m.field}`}>
                  {m.locale ? `${t(`common:languages.${m.locale}`)} — ` : ""}
                  {t(m.field === "transferModes" ? "workspace:form.transferModes" : `workspace:form.text.${m.field}`)}
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <p className="small">{t("workspace:readyToSubmit")}</p>
        )}
        <div className="form-actions">
          {data.status !== "draft" ? (
            <>
              <Link to={`/technologies/${data.slug}`} className="button">
                {t("workspace:viewPublic")}
              </Link>
              {data.status === "published" || data.status === "expired" ? (
                <Form method="post">
                  {data.expiresAt ? <span className="small muted">{t("workspace:expiresOn", { date: formatDate(data.expiresAt, data.locale) })} </span> : null}
                  <button type="submit" name="intent" value="renew" className="button" disabled={busy}>
                    {t("workspace:renew")}
                  </button>
                </Form>
              ) : null}
            </>
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="submit" className="button button-primary" disabled={busy}>
                {t("workspace:submitForReview")}
              </button>
            </Form>
          )}
        </div>
      </div>

      {data.status !== "in_review" && data.status !== "archived" ? (
        <IpPanels listingId={data.id} patents={data.patents} valuations={data.valuations} locale={data.locale} errors={result?.errors} values={result?.subValues} />
      ) : null}
      <AttachmentsPanel listingId={data.id} attachments={data.attachments} />

      {editable ? (
        <ListingForm values={result?.values ?? data.values} errors={result?.errors} formError={result?.formError} submitLabel={t("workspace:saveDraft")} busy={busy} />
      ) : data.status === "published" ? (
        <>
          <p className="muted">{t("workspace:revisionExplain")}</p>
          <ListingForm values={result?.values ?? data.values} errors={result?.errors} formError={result?.formError} submitLabel={t("workspace:proposeChanges")} intent="propose" busy={busy} />
        </>
      ) : (
        <>
          {result?.formError ? (
            <div className="alert alert-error" role="alert">
              {t(result.formError)}
            </div>
          ) : null}
          <p className="muted">{t("workspace:lockedWhileReview")}</p>
        </>
      )}
    </div>
  );
}

const ATTACHMENT_ERROR = /^(workspace|validation|common|inquiry):[\w.]+$/;

function AttachmentsPanel({ listingId, attachments }: { listingId: string; attachments: { id: string; fileName: string; sizeBytes: number; tier: string; pdf: boolean; customNda: boolean }[] }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const error = params.get("attachmentError");
  return (
    <section className="card" id="attachments">
      <h2>{t("workspace:attachments.title")}</h2>
      <p className="muted small">{t("workspace:attachments.explain")}</p>
      {error && ATTACHMENT_ERROR.test(error) ? (
        <div className="alert alert-error" role="alert">
          {t(error)}
        </div>
      ) : null}
      {params.get("attachmentAdded") ? (
        <div className="alert alert-success" role="status">
          {t("workspace:attachments.added")}
        </div>
      ) : null}
      {attachments.length ? (
        <ul className="attachment-list">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/attachments/${a.id}`}>{a.fileName}</a> <span className="small muted">({Math.ceil(a.sizeBytes / 1024)} KB)</span>{" "}
              <span className="badge">{t(`workspace:attachments.tiers.${a.tier}`)}</span>
              <Form method="post" action={`/workspace/listings/${listingId}/attachments`} encType="multipart/form-data" className="inline">
                <input type="hidden" name="attachmentId" value={a.id} />
                <button type="submit" name="intent" value="remove" className="link-button">
                  {t("workspace:attachments.remove")}
                </button>{" "}
                {a.customNda ? (
                  <>
                    <span className="badge badge-verified">{t("inquiry:nda.customActive")}</span>{" "}
                    <button type="submit" name="intent" value="clearCustomNda" className="link-button">
                      {t("inquiry:nda.stopCustom")}
                    </button>
                  </>
                ) : a.pdf && a.tier !== "confidential" ? (
                  <button type="submit" name="intent" value="customNda" className="link-button">
                    {t("inquiry:nda.useAsCustom")}
                  </button>
                ) : null}
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      <Form method="post" action={`/workspace/listings/${listingId}/attachments`} encType="multipart/form-data" className="inline-form" reloadDocument>
        <label htmlFor="attachment-file">{t("workspace:attachments.file")}</label>
        <input id="attachment-file" type="file" name="file" accept="application/pdf,image/png,image/jpeg,image/webp" required />
        <label htmlFor="attachment-tier">{t("workspace:attachments.tier")}</label>
        <select id="attachment-tier" name="tier" defaultValue="public">
          {(["public", "registered", "confidential"] as const).map((tier) => (
            <option key={tier} value={tier}>
              {t(`workspace:attachments.tiers.${tier}`)}
            </option>
          ))}
        </select>
        <button type="submit" name="intent" value="add" className="button">
          {t("workspace:attachments.upload")}
        </button>
      </Form>
    </section>
  );
}

type Sub = Record<string, string | string[]> | undefined;

function Select({ name, label, options, labelFor, values, error }: { name: string; label: string; options: readonly string[]; labelFor: (v: string) => string; values: Sub; error?: string }) {
  const { t } = useTranslation();
  const id = `f-${name.replace(/\./g, "-")}`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value(values, name) ?? ""} aria-invalid={error ? true : undefined}>
        {options.map((o) => (
          <option key={o} value={o}>
            {labelFor(o)}
          </option>
        ))}
      </select>
      {error ? <p className="error-text">{t(error)}</p> : null}
    </div>
  );
}

function IpPanels({ listingId, patents, valuations, locale, errors, values }: { listingId: string; patents: { id: string; number: string; jurisdiction: string; status: string; title: string }[]; valuations: { id: string; method: string; currency: string; low: number; high: number; validUntil: string; source: string }[]; locale: string; errors?: Record<string, string>; values: Sub }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <>
      <section className="card" id="patents">
        <h2>{t("workspace:patents.title")}</h2>
        <p className="muted small">{t("workspace:patents.explain")}</p>
        {params.get("patentAdded") ? (
          <div className="alert alert-success" role="status">
            {t("workspace:patents.added")}
          </div>
        ) : null}
        {patents.length ? (
          <ul className="attachment-list">
            {patents.map((p) => (
              <li key={p.id}>
                <span className="mono">{p.jurisdiction} {p.number}</span> — {p.title} <span className="badge">{t(`listing:patents.statuses.${p.status}`)}</span>
                <Form method="post" className="inline">
                  <input type="hidden" name="patentId" value={p.id} />
                  <button type="submit" name="intent" value="removePatent" className="link-button">
                    {t("workspace:patents.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : null}
        <Form method="post" noValidate>
          <div className="grid-3">
            <Field name="patent.number" label={t("workspace:patents.number")} defaultValue={value(values, "patent.number")} error={errors?.["patent.number"]} />
            <Select name="patent.jurisdiction" label={t("workspace:patents.jurisdiction")} options={PATENT_JURISDICTIONS} labelFor={(v) => v} values={values} error={errors?.["patent.jurisdiction"]} />
            <Select name="patent.status" label={t("workspace:patents.status")} options={PATENT_STATUSES} labelFor={(v) => t(`listing:patents.statuses.${v}`)} values={values} error={errors?.["patent.status"]} />
          </div>
          <Field name="patent.title" label={t("workspace:patents.titleField")} defaultValue={value(values, "patent.title")} error={errors?.["patent.title"]} />
          <div className="grid-2">
            <Field name="patent.filedOn" type="date" label={t("workspace:patents.filedOn")} defaultValue={value(values, "patent.filedOn")} error={errors?.["patent.filedOn"]} />
            <Field name="patent.expiresOn" type="date" label={t("workspace:patents.expiresOn")} defaultValue={value(values, "patent.expiresOn")} error={errors?.["patent.expiresOn"]} />
          </div>
          <button type="submit" name="intent" value="addPatent" className="button">
            {t("workspace:patents.add")}
          </button>
        </Form>
      </section>

      <section className="card" id="valuation">
        <h2>{t("workspace:valuation.title")}</h2>
        <p className="muted small">{t("workspace:valuation.explain")}</p>
        <p>
          <Link to={`/consultants?kind=valuation&listing=${listingId}`} data-testid="book-valuation">
            {t("workspace:valuation.bookSession")}
          </Link>
        </p>
        {params.get("valuationAdded") ? (
          <div className="alert alert-success" role="status">
            {t("workspace:valuation.added")}
          </div>
        ) : null}
        {valuations.length ? (
          <ul className="attachment-list">
            {valuations.map((v) => (
              <li key={v.id}>
                {t(`taxonomy:valuationMethods.${v.method}`)}: {formatMoney(v.low, v.currency, locale, { compact: true })} – {formatMoney(v.high, v.currency, locale, { compact: true })}{" "}
                <span className={`badge ${v.source === "declared" ? "" : "badge-verified"}`}>{t(v.source === "declared" ? "listing:valuation.declared" : "listing:valuation.verified")}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <Form method="post" noValidate>
          <div className="grid-3">
            <Select name="valuation.method" label={t("workspace:valuation.method")} options={VALUATION_METHODS} labelFor={(v) => t(`taxonomy:valuationMethods.${v}`)} values={values} error={errors?.["valuation.method"]} />
            <Select name="valuation.currency" label={t("workspace:valuation.currency")} options={CURRENCIES} labelFor={(v) => v} values={values} error={errors?.["valuation.currency"]} />
            <Field name="valuation.issuerName" label={t("workspace:valuation.issuer")} defaultValue={value(values, "valuation.issuerName")} error={errors?.["valuation.issuerName"]} />
            <Field name="valuation.low" inputMode="decimal" label={t("workspace:valuation.low")} defaultValue={value(values, "valuation.low")} error={errors?.["valuation.low"]} />
            <Field name="valuation.high" inputMode="decimal" label={t("workspace:valuation.high")} defaultValue={value(values, "valuation.high")} error={errors?.["valuation.high"]} />
            <Field name="valuation.certificateRef" label={t("workspace:valuation.certificate")} defaultValue={value(values, "valuation.certificateRef")} error={errors?.["valuation.certificateRef"]} />
            <Field name="valuation.valuedOn" type="date" label={t("workspace:valuation.valuedOn")} defaultValue={value(values, "valuation.valuedOn")} error={errors?.["valuation.valuedOn"]} />
            <Field name="valuation.validUntil" type="date" label={t("workspace:valuation.validUntil")} defaultValue={value(values, "valuation.validUntil")} error={errors?.["valuation.validUntil"]} />
          </div>
          <button type="submit" name="intent" value="declareValuation" className="button">
            {t("workspace:valuation.add")}
          </button>
        </Form>
      </section>
    </>
  );
}
