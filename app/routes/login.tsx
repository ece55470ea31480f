import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { authenticate } from "~/accounts/accounts.server";
import { loginSchema } from "~/accounts/schemas";
import { createUserSession, requireAnonymous } from "~/auth/session.server";
import { Field, FormError, value } from "~/components/form";
import { getFixedT } from "~/i18n/i18n.server";
import { parseForm } from "~/lib/forms";
import { safeRedirect } from "~/lib/http.server";

export const handle = { i18n: ["auth", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const t = await getFixedT(request, "auth");
  return { pageTitle: t("auth:login.title") };
}

export const meta = titleMeta;

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const parsed = parseForm(loginSchema, await request.formData());
  if (!parsed.ok) return { errors: parsed.errors, values: { email: parsed.values.email }, formError: null };
  const user = await authenticate(parsed.data.email, parsed.data.password);
  if (!user) return { errors: {} as Record<string, string>, values: { email: parsed.data.email }, formError: "auth:login.invalid" };
  // Buyers land on the search page (their needs are one click away), everyone else on their workspace.
  const fallback = user.role === "sme" ? "/workspace" : user.role === "admin" ? "/admin" : user.role === "consultant" ? "/workspace/consulting" : "/technologies";
  return createUserSession(request, user.id, safeRedirect(parsed.data.redirectTo, fallback));
}

export default function LoginPage() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container narrow">
      <div className="card form-card">
        <h1>{t("auth:login.title")}</h1>
        <FormError error={data?.formError} />
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <Field name="email" type="email" label={t("auth:fields.email")} autoComplete="email" required error={data?.errors.email} defaultValue={value(data?.values, "email")} />
          <Field name="password" type="password" label={t("auth:fields.password")} autoComplete="current-password" required error={data?.errors.password} />
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {t("auth:login.submit")}
          </button>
        </Form>
        <p className="form-links">
          <Link to="/forgot-password">{t("auth:login.forgot")}</Link>
          <span aria-hidden="true"> · </span>
          <Link to="/signup">{t("auth:login.noAccount")}</Link>
        </p>
      </div>
    </div>
  );
}
