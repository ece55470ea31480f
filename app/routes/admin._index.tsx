import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireRole } from "~/auth/session.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { formatDate } from "~/lib/format";
import { parseForm } from "~/lib/forms";
import { UserError } from "~/lib/http.server";
import {
  approveListing,
  approveListingRevision,
  listReviewQueue,
  listRevisionQueue,
  pickTranslation,
  rejectListingRevision,
  requestListingChanges,
} from "~/listings/listings.server";
import type { ListingFormInput } from "~/listings/schemas";
import { confirmValuationCertificate, listUnconfirmedValuations } from "~/listings/ip.server";
import { formatMoney } from "~/lib/money";
import { decideBuyerVerification, listBuyersAwaitingVerification } from "~/organisations/verification.server";
import { titleMeta } from "~/lib/meta";

export const handle = { i18n: ["admin", "listing", "taxonomy", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const locale = await getLocale(request);
  const [queue, revisions, valuations, buyers] = await Promise.all([listReviewQueue(), listRevisionQueue(), listUnconfirmedValuations(), listBuyersAwaitingVerification()]);
  return {
    locale,
    pageTitle: (await getFixedT(locale, "admin"))("admin:title"),
    buyers: buyers.map((b) => ({ id: b.id, name: b.nameEn ?? b.name, country: b.country, industry: b.industry, website: b.website, members: b._count.members, createdAt: b.createdAt.toISOString() })),
    valuations: valuations.map((v) => ({
      id: v.id,
      slug: v.listing.slug,
      title: pickTranslation(v.listing.translations, locale).translation?.title ?? "",
      organisation: v.listing.organisation.name,
      issuer: v.issuerName,
      certificateRef: v.certificateRef,
      low: Number(v.lowMinor),
      high: Number(v.highMinor),
      currency: v.currency,
    })),
    revisions: revisions.map((r) => {
      const proposed = (r.payload as unknown as ListingFormInput).texts;
      const { translation } = pickTranslation(r.listing.translations, locale);
      const proposedTitle = proposed[locale]?.title || proposed.en?.title || proposed.ko?.title || "";
      return {
        id: r.id,
        slug: r.listing.slug,
        title: translation?.title ?? "",
        titleLocale: translation?.locale ?? "ko",
        proposedTitle,
        organisation: r.listing.organisation.name,
        submittedAt: r.submittedAt.toISOString(),
      };
    }),
    queue: queue.map((l) => {
      const { translation } = pickTranslation(l.translations, locale);
      return {
        id: l.id,
        slug: l.slug,
        title: translation?.title ?? "",
        titleLocale: translation?.locale ?? "ko",
        field: l.field,
        screening: l.screening,
        organisation: l.organisation.name,
        submittedAt: l.submittedAt?.toISOString() ?? null,
      };
    }),
  };
}

export const meta = titleMeta;

const decisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verifyBuyer"), organisationId: z.string().min(1), decision: z.enum(["verified", "rejected"]) }),
  z.object({ intent: z.literal("confirmValuation"), valuationId: z.string().min(1) }),
  z.object({ intent: z.literal("approveRevision"), revisionId: z.string().min(1) }),
  z.object({
    intent: z.literal("rejectRevision"),
    revisionId: z.string().min(1),
    reason: z.string({ required_error: "validation:required" }).trim().min(5, "admin:errors.reasonTooShort").max(2000, "validation:tooLong"),
  }),
  z.object({ intent: z.literal("approve"), listingId: z.string().min(1), screening: z.enum(["cleared", "restricted"]).optional() }),
  z.object({
    intent: z.literal("requestChanges"),
    listingId: z.string().min(1),
    reason: z.string({ required_error: "validation:required" }).trim().min(5, "admin:errors.reasonTooShort").max(2000, "validation:tooLong"),
  }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const parsed = parseForm(decisionSchema, await request.formData());
  if (!parsed.ok) return { listingId: String(parsed.values.listingId ?? parsed.values.revisionId ?? ""), errors: parsed.errors, values: parsed.values as Record<string, string | string[]>, done: null };
  const d = parsed.data;
  const targetId = "listingId" in d ? d.listingId : "revisionId" in d ? d.revisionId : "valuationId" in d ? d.valuationId : d.organisationId;
  try {
    if (d.intent === "approve") await approveListing(admin, d.listingId, { screening: d.screening });
    else if (d.intent === "requestChanges") await requestListingChanges(admin, d.listingId, d.reason);
    else if (d.intent === "approveRevision") await approveListingRevision(admin, d.revisionId);
    else if (d.intent === "confirmValuation") await confirmValuationCertificate(admin, d.valuationId);
    else if (d.intent === "verifyBuyer") await decideBuyerVerification(admin, d.organisationId, d.decision);
    else await rejectListingRevision(admin, d.revisionId, d.reason);
    return { listingId: targetId, errors: {} as Record<string, string>, values: {} as Record<string, string | string[]>, done: parsed.data.intent };
  } catch (error) {
    if (error instanceof UserError) return { listingId: targetId, errors: { form: error.messageKey }, values: parsed.values, done: null };
    throw error;
  }
}

export default function AdminQueue() {
  const { t } = useTranslation();
  const { queue, revisions, valuations, buyers, locale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="container">
      <div className="section-head">
        <h1>{t("admin:title")}</h1>
        <Link to="/admin/import" className="button">
          {t("admin:import.title")}
        </Link>
      </div>
      {result?.done ? (
        <div className="alert alert-success" role="status">
          {t(
            result.done === "approve"
              ? "admin:approved"
              : result.done === "approveRevision"
                ? "admin:revisionApproved"
                : result.done === "confirmValuation"
                  ? "admin:valuations.confirmed"
                  : result.done === "verifyBuyer"
                    ? "admin:buyers.decided"
                    : "admin:changesRequested",
          )}
        </div>
      ) : null}
      <h2>{t("admin:queue.title", { count: queue.length })}</h2>
      {queue.length === 0 ? <p className="muted">{t("admin:queue.empty")}</p> : null}
      <div className="review-list">
        {queue.map((item) => {
          const mine = result?.listingId === item.id ? result : undefined;
          return (
            <article key={item.id} className="card review-item" data-testid="review-item">
              <h3 lang={item.titleLocale}>
                <Link to={`/technologies/${item.slug}`}>{item.title}</Link>
              </h3>
              <p className="small muted">
                {item.organisation} · {t(`taxonomy:fields.${item.field}`)}
                {item.submittedAt ? ` · ${formatDate(item.submittedAt, locale)}` : ""}
              </p>
              {mine?.errors.form ? (
                <div className="alert alert-error" role="alert">
                  {t(mine.errors.form)}
                </div>
              ) : null}
              <div className="review-actions">
                <Form method="post" className="review-approve">
                  <input type="hidden" name="listingId" value={item.id} />
                  {item.screening === "pending" ? (
                    <fieldset>
                      <legend>{t("admin:screening.legend")}</legend>
                      <p className="small">{t("admin:screening.explain")}</p>
                      <label>
                        <input type="radio" name="screening" value="cleared" /> {t("admin:screening.cleared")}
                      </label>
                      <label>
                        <input type="radio" name="screening" value="restricted" /> {t("admin:screening.restricted")}
                      </label>
                    </fieldset>
                  ) : null}
                  <button type="submit" name="intent" value="approve" className="button button-primary">
                    {t("admin:approve")}
                  </button>
                </Form>
                <ReasonForm idName="listingId" id={item.id} intent="requestChanges" label={t("admin:requestChanges")} mine={mine} />
              </div>
            </article>
          );
        })}
      </div>

      <h2>{t("admin:revisions.title", { count: revisions.length })}</h2>
      {revisions.length === 0 ? <p className="muted">{t("admin:revisions.empty")}</p> : null}
      <div className="review-list">
        {revisions.map((item) => {
          const mine = result?.listingId === item.id ? result : undefined;
          return (
            <article key={item.id} className="card review-item" data-testid="revision-item">
              <h3 lang={item.titleLocale}>
                <Link to={`/technologies/${item.slug}`}>{item.title}</Link>
              </h3>
              <p className="small">
                {t("admin:revisions.proposedTitle")}: <strong>{item.proposedTitle}</strong>
              </p>
              <p className="small muted">
                {item.organisation} · {formatDate(item.submittedAt, locale)}
              </p>
              {mine?.errors.form ? (
                <div className="alert alert-error" role="alert">
                  {t(mine.errors.form)}
                </div>
              ) : null}
              <div className="review-actions">
                <Form method="post">
                  <input type="hidden" name="revisionId" value={item.id} />
                  <button type="submit" name="intent" value="approveRevision" className="button button-primary">
                    {t("admin:revisions.approve")}
                  </button>
                </Form>
                <ReasonForm idName="revisionId" id={item.id} intent="rejectRevision" label={t("admin:revisions.reject")} mine={mine} />
              </div>
            </article>
          );
        })}
      </div>

      <h2>{t("admin:valuations.title")}</h2>
      {valuations.length === 0 ? <p className="muted">{t("admin:valuations.empty")}</p> : null}
      <div className="review-list">
        {valuations.map((v) => (
          <article key={v.id} className="card review-item" data-testid="valuation-item">
            <h3>
              <Link to={`/technologies/${v.slug}`}>{v.title}</Link>
            </h3>
            <p className="small muted">
              {v.organisation} · {v.issuer} · {t("admin:valuations.certificate")} <span className="mono">{v.certificateRef}</span> ·{" "}
              {formatMoney(v.low, v.currency, locale, { compact: true })} – {formatMoney(v.high, v.currency, locale, { compact: true })}
            </p>
            <Form method="post">
              <input type="hidden" name="valuationId" value={v.id} />
              <button type="submit" name="intent" value="confirmValuation" className="button">
                {t("admin:valuations.confirm")}
              </button>
            </Form>
          </article>
        ))}
      </div>

      <h2>{t("admin:buyers.title")}</h2>
      {buyers.length === 0 ? <p className="muted">{t("admin:buyers.empty")}</p> : null}
      <div className="review-list">
        {buyers.map((b) => (
          <article key={b.id} className="card review-item" data-testid="buyer-item">
            <h3>{b.name}</h3>
            <p className="small muted">
              {b.country}
              {b.industry ? ` · ${b.industry}` : ""}
              {b.website ? ` · ${b.website}` : ""} · {formatDate(b.createdAt, locale)}
            </p>
            <Form method="post" className="form-actions">
              <input type="hidden" name="organisationId" value={b.id} />
              <input type="hidden" name="intent" value="verifyBuyer" />
              <button type="submit" name="decision" value="verified" className="button button-primary">
                {t("admin:buyers.verify")}
              </button>
              <button type="submit" name="decision" value="rejected" className="button">
                {t("admin:buyers.reject")}
              </button>
            </Form>
          </article>
        ))}
      </div>
    </div>
  );
}

/** "Request changes" with the reason the SME will see; keeps what was typed when refused. */
function ReasonForm({ idName, id, intent, label, mine }: { idName: string; id: string; intent: string; label: string; mine?: { errors: Record<string, string>; values: Record<string, string | string[]> } }) {
  const { t } = useTranslation();
  const fieldId = `${intent}-reason-${id}`;
  return (
    <Form method="post" className="review-changes">
      <input type="hidden" name={idName} value={id} />
      <label htmlFor={fieldId}>{t("admin:reasonLabel")}</label>
      <textarea id={fieldId} name="reason" rows={2} defaultValue={typeof mine?.values.reason === "string" ? mine.values.reason : ""} aria-invalid={mine?.errors.reason ? true : undefined} />
      {mine?.errors.reason ? <p className="error-text">{t(mine.errors.reason)}</p> : null}
      <button type="submit" name="intent" value={intent} className="button">
        {label}
      </button>
    </Form>
  );
}
