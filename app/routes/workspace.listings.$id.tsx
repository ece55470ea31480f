import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { ListingForm } from "~/components/listing-form";
import { parseForm } from "~/lib/forms";
import { UserError } from "~/lib/http.server";
import { inputToFormValues, LISTING_ARRAY_FIELDS, listingToFormValues } from "~/listings/form-values.server";
import { getLocale } from "~/i18n/i18n.server";
import { formatDate } from "~/lib/format";
import { renewListing } from "~/listings/expiry.server";
import { archiveListing, getListingForOwner, latestOpenRevision, proposeListingRevision, submitListingForReview, updateListingDraft } from "~/listings/listings.server";
import { completenessScore, listingFormSchema, missingForSubmission, type ListingFormInput, type MissingItem } from "~/listings/schemas";

export const handle = { i18n: ["workspace", "listing", "taxonomy", "validation"] };

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
  return {
    id: listing.id,
    slug: listing.slug,
    status: listing.status,
    expiresAt: listing.expiresAt?.toISOString() ?? null,
    locale: await getLocale(request),
    reviewNote: listing.reviewNote,
    screening: listing.screening,
    values: revision ? inputToFormValues(revision.payload as unknown as ListingFormInput) : listingToFormValues(listing),
    attachments: listing.attachments.map((a) => ({ id: a.id, fileName: a.fileName, sizeBytes: a.sizeBytes, tier: a.tier })),
    revision: revision ? { status: revision.status, reviewNote: revision.reviewNote } : null,
    missing: missingForSubmission(input),
    completeness: completenessScore(input, { patents: listing.patents.length, valuation: listing.valuations.length > 0 }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await load(request, params.id!);
  const formData = await request.formData();
  const intent = formData.get("intent");
  try {
    if (intent === "submit") {
      await submitListingForReview(user, params.id!);
      return redirect(`/workspace/listings/${params.id}?submitted=1`);
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
    if (!parsed.ok) return { errors: parsed.errors, values: parsed.values, formError: "workspace:errors.fixFields", missing: null };
    if (intent === "propose") {
      await proposeListingRevision(user, params.id!, parsed.data);
      return redirect(`/workspace/listings/${params.id}?proposed=1`);
    }
    await updateListingDraft(user, params.id!, parsed.data);
    return redirect(`/workspace/listings/${params.id}?saved=1`);
  } catch (error) {
    if (error instanceof UserError) {
      return { errors: {} as Record<string, string>, values: undefined as Record<string, string | string[]> | undefined, formError: error.messageKey, missing: (error.params.missing as MissingItem[] | undefined) ?? null };
    }
    throw error;
  }
}

export default function EditListing() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const editable = data.status === "draft";
  const missing = result?.missing ?? data.missing;
  return (
    <div className="container">
      <p>
        <Link to="/workspace">← {t("workspace:title")}</Link>
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

const ATTACHMENT_ERROR = /^(workspace|validation|common):[\w.]+$/;

function AttachmentsPanel({ listingId, attachments }: { listingId: string; attachments: { id: string; fileName: string; sizeBytes: number; tier: string }[] }) {
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
                </button>
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
