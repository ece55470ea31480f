import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requestPasswordReset } from "~/accounts/accounts.server";
import { forgotPasswordSchema } from "~/accounts/schemas";
import { requireAnonymous } from "~/auth/session.server";
import { Field, value } from "~/components/form";
import { getFixedT } from "~/i18n/i18n.server";
import { parseForm } from "~/lib/forms";
import { titleMeta } from "~/lib/meta";

export const handle = { i18n: ["auth", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { pageTitle: (await getFixedT(request, "auth"))("auth:forgot.title") };
}

export const meta = titleMeta;

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(forgotPasswordSchema, await request.formData());
  if (!parsed.ok) return { sent: false, errors: parsed.errors, values: parsed.values };
  await requestPasswordReset(parsed.data.email);
  return { sent: true, errors: {} as Record<string, string>, values: parsed.values };
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <div className="container narrow">
      <div className="card form-card">
        <h1>{t("auth:forgot.title")}</h1>
        {data?.sent ? (
          <div className="alert alert-success" role="status">
            {t("auth:forgot.sent")}
          </div>
        ) : (
          <>
            <p className="muted">{t("auth:forgot.intro")}</p>
            <Form method="post" noValidate>
              <Field name="email" type="email" label={t("auth:fields.email")} autoComplete="email" required error={data?.errors.email} defaultValue={value(data?.values, "email")} />
              <button type="submit" className="button button-primary button-block">
                {t("auth:forgot.submit")}
              </button>
            </Form>
          </>
        )}
        <p className="form-links">
          <Link to="/login">{t("auth:forgot.backToLogin")}</Link>
        </p>
      </div>
    </div>
  );
}
