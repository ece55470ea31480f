/** Posting a technology need (buyers only). */
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { requireRole } from "~/auth/session.server";
import { NeedForm } from "~/components/need-form";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { parseForm } from "~/lib/forms";
import { clientIp, UserError } from "~/lib/http.server";
import { orRespond } from "~/matching/http.server";
import { createNeed, requireBuyer } from "~/needs/needs.server";
import { NEED_ARRAY_FIELDS, needFormSchema } from "~/needs/schemas";
import matchingStyles from "~/styles/matching.css";

export const handle = { i18n: ["matching", "taxonomy", "validation"] };
export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: "stylesheet", href: matchingStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["buyer"]);
  await orRespond(Promise.resolve().then(() => requireBuyer(user)));
  const locale = await getLocale(request);
  return { locale, pageTitle: (await getFixedT(locale, "matching"))("matching:needs.new") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["buyer"]);
  const parsed = parseForm(needFormSchema, await request.formData(), NEED_ARRAY_FIELDS);
  if (!parsed.ok) return { errors: parsed.errors, values: parsed.values, formError: "matching:errors.fixFields" };
  try {
    const need = await createNeed(user, parsed.data, clientIp(request));
    return redirect(`/workspace/needs/${need.id}?saved=1`);
  } catch (error) {
    if (error instanceof UserError) return { errors: {}, values: parsed.values, formError: error.messageKey };
    throw error;
  }
}

export default function NewNeed() {
  const { t } = useTranslation();
  const { locale } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container">
      <p>
        <Link to="/workspace/needs"><span className="back-arrow" aria-hidden="true">←</span> {t("matching:needs.title")}</Link>
      </p>
      <h1>{t("matching:needs.new")}</h1>
      <p className="muted">{t("matching:needs.newIntro")}</p>
      <NeedForm values={data?.values ?? { locale }} errors={data?.errors} formError={data?.formError} submitLabel={t("matching:needs.post")} busy={busy} />
    </div>
  );
}
