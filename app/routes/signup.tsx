import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { EmailTakenError, signUp } from "~/accounts/accounts.server";
import { SIGNUP_ROLES, signupSchema } from "~/accounts/schemas";
import { createUserSession, requireAnonymous } from "~/auth/session.server";
import { Field, FormError, value } from "~/components/form";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { parseForm } from "~/lib/forms";

export const handle = { i18n: ["auth", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const t = await getFixedT(request, "auth");
  return { pageTitle: t("auth:signup.title") };
}

export const meta = titleMeta;

function validTimeZone(tz: string | undefined) {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const parsed = parseForm(signupSchema, await request.formData());
  const { password: _password, ...keep } = parsed.values;
  if (!parsed.ok) return { errors: parsed.errors, values: keep, formError: null };
  const locale = parsed.data.locale ?? (await getLocale(request));
  const timeZone = validTimeZone(parsed.data.timeZone) ?? (parsed.data.country === "KR" ? "Asia/Seoul" : "UTC");
  try {
    const user = await signUp({ ...parsed.data, locale, timeZone });
    return createUserSession(request, user.id, user.role === "sme" ? "/workspace" : user.role === "consultant" ? "/workspace/consulting" : "/technologies");
  } catch (error) {
    if (error instanceof EmailTakenError) return { errors: { email: "auth:signup.emailTaken" }, values: keep, formError: null };
    throw error;
  }
}

export default function SignupPage() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const role = value(data?.values, "role") ?? params.get("role") ?? "";
  return (
    <div className="container narrow">
      <div className="card form-card">
        <h1>{t("auth:signup.title")}</h1>
        <p className="muted">{t("auth:signup.intro")}</p>
        <FormError error={data?.formError} />
        <Form method="post" noValidate>
          <fieldset className={`choice-group${data?.errors.role ? " field-invalid" : ""}`} aria-describedby={data?.errors.role ? "role-error" : undefined}>
            <legend>{t("auth:fields.role")}</legend>
            {SIGNUP_ROLES.map((r) => (
              <label key={r} className="choice-card">
                <input type="radio" name="role" value={r} defaultChecked={role === r} required />
                <span>
                  <strong>{t(`auth:signup.roles.${r}.title`)}</strong>
                  <span className="muted small">{t(`auth:signup.roles.${r}.description`)}</span>
                </span>
              </label>
            ))}
            {data?.errors.role ? (
              <p className="error-text" id="role-error" role="alert">
                {t(data.errors.role)}
              </p>
            ) : null}
          </fieldset>
          <Field name="name" label={t("auth:fields.name")} autoComplete="name" required error={data?.errors.name} defaultValue={value(data?.values, "name")} />
          <Field name="organisationName" label={t("auth:fields.organisationName")} autoComplete="organization" required error={data?.errors.organisationName} defaultValue={value(data?.values, "organisationName")} />
          <Field name="country" label={t("auth:fields.country")} hint={t("auth:fields.countryHint")} autoComplete="country" required maxLength={2} error={data?.errors.country} defaultValue={value(data?.values, "country")} />
          <Field name="email" type="email" label={t("auth:fields.email")} autoComplete="email" required error={data?.errors.email} defaultValue={value(data?.values, "email")} />
          <Field name="password" type="password" label={t("auth:fields.password")} hint={t("auth:fields.passwordHint")} autoComplete="new-password" required error={data?.errors.password} />
          <input type="hidden" name="timeZone" id="signup-timezone" defaultValue={value(data?.values, "timeZone")} />
          <TimeZoneFiller />
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {t("auth:signup.submit")}
          </button>
        </Form>
        <p className="form-links">
          <Link to="/login">{t("auth:signup.haveAccount")}</Link>
        </p>
      </div>
    </div>
  );
}

/** Fills the browser's time zone once JavaScript runs; without it the server picks one from the country. */
function TimeZoneFiller() {
  useEffect(() => {
    const input = document.getElementById("signup-timezone") as HTMLInputElement | null;
    if (input && !input.value) input.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
  }, []);
  return null;
}
