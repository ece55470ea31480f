import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findValidResetToken, resetPassword } from "~/accounts/accounts.server";
import { resetPasswordSchema } from "~/accounts/schemas";
import { Field } from "~/components/form";
import { parseForm } from "~/lib/forms";
import { getFixedT } from "~/i18n/i18n.server";
import { titleMeta } from "~/lib/meta";

export const handle = { i18n: ["auth", "validation"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return { valid: Boolean(await findValidResetToken(params.token ?? "")), pageTitle: (await getFixedT(request, "auth"))("auth:reset.title") };
}

export const meta = titleMeta;

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(resetPasswordSchema, await request.formData());
  if (!parsed.ok) return { errors: parsed.errors, expired: false };
  const ok = await resetPassword(params.token ?? "", parsed.data.password);
  if (!ok) return { errors: {} as Record<string, string>, expired: true };
  return redirect("/login?reset=1");
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const expired = !valid || data?.expired;
  return (
    <div className="container narrow">
      <div className="card form-card">
        <h1>{t("auth:reset.title")}</h1>
        {expired ? (
          <>
            <div className="alert alert-error" role="alert">
              {t("auth:reset.expired")}
            </div>
            <Link to="/forgot-password" className="button">
              {t("auth:reset.requestNew")}
            </Link>
          </>
        ) : (
          <Form method="post" noValidate>
            <Field name="password" type="password" label={t("auth:fields.newPassword")} hint={t("auth:fields.passwordHint")} autoComplete="new-password" required error={data?.errors.password} />
            <Field name="confirm" type="password" label={t("auth:fields.confirmPassword")} autoComplete="new-password" required error={data?.errors.confirm} />
            <button type="submit" className="button button-primary button-block">
              {t("auth:reset.submit")}
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
