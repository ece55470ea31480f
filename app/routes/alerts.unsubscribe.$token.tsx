/**
 * Unsubscribe from match e-mails without signing in: the link's token is signed
 * (unsubscribe.server.ts). GET shows what the link turns off and a button; POST (also the
 * one-click List-Unsubscribe-Post of mail clients) turns it off. A forged or altered token
 * is refused with 400 and changes nothing.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { applyUnsubscribe, verifyUnsubscribeToken } from "~/matching/unsubscribe.server";
import { getFixedT } from "~/i18n/i18n.server";
import { titleMeta } from "~/lib/meta";

export const handle = { i18n: ["matching"] };

function claimOf(token: string | undefined) {
  const claim = token ? verifyUnsubscribeToken(token) : null;
  if (!claim) throw new Response("matching:unsubscribe.invalid", { status: 400 });
  return claim;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return { scope: claimOf(params.token).scope, pageTitle: (await getFixedT(request, "matching"))("matching:unsubscribe.title") };
}

export const meta = titleMeta;

export async function action({ params }: ActionFunctionArgs) {
  const claim = claimOf(params.token);
  if (!(await applyUnsubscribe(claim))) throw new Response("matching:unsubscribe.gone", { status: 404 });
  return { done: true, scope: claim.scope };
}

export default function Unsubscribe() {
  const { t } = useTranslation();
  const { scope } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>()?.done;
  return (
    <div className="container narrow">
      <h1>{t("matching:unsubscribe.title")}</h1>
      {done ? (
        <div className="alert alert-success" role="status">
          {t(`matching:unsubscribe.done.${scope}`)}
        </div>
      ) : (
        <Form method="post">
          <p>{t(`matching:unsubscribe.confirm.${scope}`)}</p>
          <button type="submit" className="button button-primary">
            {t("matching:unsubscribe.action")}
          </button>
        </Form>
      )}
      <p className="small muted">
        <Link to="/workspace/saved-searches">{t("matching:unsubscribe.manage")}</Link>
      </p>
    </div>
  );
}
