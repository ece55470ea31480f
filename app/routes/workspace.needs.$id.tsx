/** One of the buyer's needs: edit, close or reopen it, and its matches with the reasons. */
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { MatchList } from "~/components/match-list";
import { NeedForm } from "~/components/need-form";
import { getLocale } from "~/i18n/i18n.server";
import { parseForm } from "~/lib/forms";
import { clientIp, UserError } from "~/lib/http.server";
import { orRespond } from "~/matching/http.server";
import { matchesOfNeeds } from "~/matching/views.server";
import { getOwnNeed, needToFormValues, setNeedStatus, updateNeed } from "~/needs/needs.server";
import { NEED_ARRAY_FIELDS, needFormSchema } from "~/needs/schemas";
import matchingStyles from "~/styles/matching.css";
import { titleMeta } from "~/lib/meta";

export const handle = { i18n: ["matching", "taxonomy", "validation"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: matchingStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["buyer"]);
  const need = await orRespond(getOwnNeed(user, params.id!));
  const locale = await getLocale(request);
  const matches = need.status === "open" ? (await matchesOfNeeds([need.id], locale, 20))[need.id] ?? [] : [];
  return { pageTitle: need.title, need: { id: need.id, title: need.title, locale: need.locale, status: need.status }, values: needToFormValues(need), matches };
}

export const meta = titleMeta;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["buyer"]);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const ip = clientIp(request);
  try {
    if (intent === "close" || intent === "reopen") {
      await setNeedStatus(user, params.id!, intent === "close" ? "closed" : "open", ip);
      return redirect(`/workspace/needs/${params.id}?${intent === "close" ? "closed" : "reopened"}=1`);
    }
    const parsed = parseForm(needFormSchema, formData, NEED_ARRAY_FIELDS);
    if (!parsed.ok) return { errors: parsed.errors, values: parsed.values, formError: "matching:errors.fixFields" };
    try {
      await updateNeed(user, params.id!, parsed.data, ip);
    } catch (error) {
      if (error instanceof UserError && error.status === 409) return { errors: {}, values: parsed.values, formError: error.messageKey };
      throw error;
    }
    return redirect(`/workspace/needs/${params.id}?saved=1`);
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}

export default function NeedDetail() {
  const { t } = useTranslation();
  const { need, values, matches } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [search] = useSearchParams();
  const notice = search.get("saved") ? "matching:needs.saved" : search.get("closed") ? "matching:needs.closedNotice" : search.get("reopened") ? "matching:needs.reopenedNotice" : null;
  return (
    <div className="container">
      <p>
        <Link to="/workspace/needs"><span className="back-arrow" aria-hidden="true">←</span> {t("matching:needs.title")}</Link>
      </p>
      <div className="section-head">
        <h1 lang={need.locale} dir="auto">
          {need.title}
        </h1>
        <Form method="post">
          <button type="submit" name="intent" value={need.status === "open" ? "close" : "reopen"} className="button" disabled={busy}>
            {t(need.status === "open" ? "matching:needs.close" : "matching:needs.reopen")}
          </button>
        </Form>
      </div>
      {notice ? (
        <div className="alert alert-success" role="status">
          {t(notice)}
        </div>
      ) : null}
      {need.status === "open" ? (
        <section className="card" aria-labelledby="matches-title">
          <h2 id="matches-title">{t("matching:needs.matchesTitle")}</h2>
          <p className="small muted">{t("matching:needs.matchesIntro")}</p>
          <MatchList matches={matches} empty={t("matching:needs.noMatches")} />
        </section>
      ) : (
        <div className="alert alert-info">{t("matching:needs.closedInfo")}</div>
      )}
      {need.status === "open" ? (
        <>
          <h2>{t("matching:needs.edit")}</h2>
          <NeedForm values={data?.values ?? values} errors={data?.errors} formError={data?.formError} submitLabel={t("matching:needs.saveChanges")} busy={busy} />
        </>
      ) : null}
    </div>
  );
}
