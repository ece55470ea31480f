/** A buyer's structured inquiry about a published listing. */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { getSessionUser, requireUser } from "~/auth/session.server";
import { Field, FormError, value } from "~/components/form";
import { prisma } from "~/db.server";
import { TRANSFER_MODES } from "~/domain/taxonomy";
import { env } from "~/env.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { createInquiry } from "~/inquiries/inquiries.server";
import { INQUIRY_PURPOSES, inquiryFormSchema, MESSAGE_MAX } from "~/inquiries/schemas";
import { parseForm } from "~/lib/forms";
import { clientIp, notFound, paramOrNotFound, UserError } from "~/lib/http.server";
import { pickTranslation } from "~/listings/listings.server";

export const handle = { i18n: ["inquiry", "listing", "taxonomy", "validation"] };
export const meta = titleMeta;

async function loadListing(slug: string) {
  const listing = await prisma.listing.findUnique({
    where: { slug },
    select: { id: true, slug: true, status: true, transferModes: true, translations: true, organisation: { select: { name: true, nameEn: true } } },
  });
  if (!listing || listing.status !== "published") notFound("inquiry:errors.listingUnavailable");
  return listing;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [viewer, locale] = await Promise.all([getSessionUser(request), getLocale(request)]);
  if (!viewer) throw redirect(`/login?redirectTo=${encodeURIComponent(`/technologies/${params.slug}/inquire`)}`);
  const listing = await loadListing(paramOrNotFound(params.slug));
  const open =
    viewer.role === "buyer" && viewer.organisationId
      ? await prisma.inquiry.findFirst({
          where: { listingId: listing.id, buyerOrgId: viewer.organisationId, status: { notIn: ["closed_won", "closed_lost", "declined", "withdrawn"] } },
          select: { id: true },
        })
      : null;
  const { translation } = pickTranslation(listing.translations, locale);
  return {
    pageTitle: `${(await getFixedT(locale, "inquiry"))("inquiry:form.title")}: ${translation?.title ?? ""}`,
    slug: listing.slug,
    title: translation?.title ?? "",
    titleLocale: translation?.locale ?? "en",
    seller: locale === "ko" ? listing.organisation.name : (listing.organisation.nameEn ?? listing.organisation.name),
    transferModes: listing.transferModes.length ? listing.transferModes : [...TRANSFER_MODES],
    canAsk: viewer.role === "buyer",
    company: viewer.organisation?.name ?? "",
    openInquiryId: open?.id ?? null,
    days: env().INQUIRY_RESPONSE_DAYS,
  };
}

type ActionResult = { errors: Record<string, string>; values: Record<string, string | string[]>; formError: string | null; errorParams: Record<string, string | number> };

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult | Response> {
  const viewer = await requireUser(request);
  const listing = await loadListing(paramOrNotFound(params.slug));
  const form = await request.formData();
  const parsed = parseForm(inquiryFormSchema, form);
  if (!parsed.ok) {
    const questions = value(parsed.values, "questions") ?? "";
    if (questions.length > MESSAGE_MAX) parsed.errors.questions = "inquiry:errors.messageTooLong";
    return { errors: parsed.errors, values: parsed.values, formError: null, errorParams: { max: MESSAGE_MAX, length: questions.length } };
  }
  try {
    const inquiry = await createInquiry(viewer, listing.id, parsed.data, clientIp(request));
    return redirect(`/inquiries/${inquiry.id}?sent=1`);
  } catch (error) {
    if (error instanceof UserError) return { errors: {}, values: parsed.values, formError: error.messageKey, errorParams: error.params as ActionResult["errorParams"] };
    throw error;
  }
}

export default function Inquire() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state === "submitting";
  const values = result?.values;
  const errors = result?.errors ?? {};
  const questionsError = errors.questions === "inquiry:errors.messageTooLong" ? undefined : errors.questions;
  return (
    <div className="container narrow-wide">
      <p>
        <Link to={`/technologies/${data.slug}`} lang={data.titleLocale} dir="auto">
          <span className="back-arrow" aria-hidden="true">←</span> {data.title}
        </Link>
      </p>
      <h1>{t("inquiry:form.title")}</h1>
      {!data.canAsk ? (
        <div className="alert alert-info" role="status">
          {t("inquiry:form.buyersOnly")}
        </div>
      ) : data.openInquiryId ? (
        <div className="alert alert-info" role="status">
          <Link to={`/inquiries/${data.openInquiryId}`}>{t("inquiry:form.openExisting")}</Link>
        </div>
      ) : (
        <Form method="post" className="card form-card" noValidate>
          <p>{t("inquiry:form.intro", { seller: data.seller, days: data.days })}</p>
          {result?.formError ? (
            <div className="alert alert-error" role="alert">
              {t(result.formError, result.errorParams)}
              {result.formError === "inquiry:errors.alreadyOpen" && typeof result.errorParams?.inquiryId === "string" ? (
                <>
                  {" "}
                  <Link to={`/inquiries/${result.errorParams.inquiryId}`}>{t("inquiry:form.openExisting")}</Link>
                </>
              ) : null}
            </div>
          ) : Object.keys(errors).length ? (
            <FormError error="inquiry:errors.fixFields" />
          ) : null}
          <p className="small muted">
            {t("inquiry:form.yourCompany")}: <strong>{data.company}</strong>
          </p>
          <div className={`field${errors.purpose ? " field-invalid" : ""}`}>
            <label htmlFor="f-purpose">
              {t("inquiry:purpose.label")}
              <span className="required" aria-hidden="true">
                {" "}
                *
              </span>
            </label>
            <select id="f-purpose" name="purpose" required defaultValue={value(values, "purpose") ?? ""} aria-invalid={errors.purpose ? true : undefined} aria-describedby={errors.purpose ? "f-purpose-error" : undefined}>
              <option value="" disabled>
                —
              </option>
              {INQUIRY_PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {t(`inquiry:purpose.${p}`)}
                </option>
              ))}
            </select>
            {errors.purpose ? (
              <p className="error-text" id="f-purpose-error" role="alert">
                {t(errors.purpose)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="f-preferredMode">{t("inquiry:form.preferredMode")}</label>
            <select id="f-preferredMode" name="preferredMode" defaultValue={value(values, "preferredMode") ?? ""}>
              <option value="">{t("inquiry:form.noPreference")}</option>
              {data.transferModes.map((m) => (
                <option key={m} value={m}>
                  {t(`taxonomy:transferModes.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <Field name="questions" label={t("inquiry:form.questions")} hint={t("inquiry:form.questionsHint")} multiline rows={8} required dir="auto" defaultValue={value(values, "questions")} error={questionsError} />
          {errors.questions === "inquiry:errors.messageTooLong" ? (
            <p className="error-text" role="alert" id="f-questions-error">
              {t("inquiry:errors.messageTooLong", result?.errorParams)}
            </p>
          ) : null}
          <Field name="companyIntro" label={t("inquiry:form.companyIntro")} hint={t("inquiry:form.companyIntroHint")} multiline rows={4} dir="auto" defaultValue={value(values, "companyIntro")} error={errors.companyIntro} />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t("inquiry:form.sending") : t("inquiry:form.send")}
          </button>
        </Form>
      )}
    </div>
  );
}
