/** The signed-in user's security page: change the password, see and sign out other devices. */
import { data as withHeaders, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { changePasswordSchema } from "~/accounts/schemas";
import { changePassword, listSessions, revokeOtherDevices, revokeSession } from "~/accounts/security.server";
import { requireUser, rotateSession } from "~/auth/session.server";
import { Field, FormError } from "~/components/form";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { deviceLabel } from "~/accounts/device";
import { formatDateTime } from "~/lib/format";
import { parseForm } from "~/lib/forms";

export const handle = { i18n: ["auth", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const t = await getFixedT(request, "auth");
  const sessions = (await listSessions(user.id, user.sessionId)).map((s) => ({
    handle: s.handle,
    current: s.current,
    device: deviceLabel(s.userAgent),
    ipAddress: s.ipAddress,
    since: formatDateTime(s.createdAt, locale, user.timeZone),
  }));
  return { pageTitle: t("auth:security.title"), email: user.email, sessions };
}

export const meta = titleMeta;

type ActionData =
  | { intent: "password"; errors: Record<string, string>; formError: string | null; signedOut?: number }
  | { intent: "revoke"; signedOut: number };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "revoke" || intent === "revokeOthers") {
    const signedOut =
      intent === "revoke" ? await revokeSession(user.id, user.sessionId, String(form.get("device") ?? "")) : await revokeOtherDevices(user.id, user.sessionId);
    return { intent: "revoke", signedOut } satisfies ActionData;
  }
  const parsed = parseForm(changePasswordSchema, form);
  if (!parsed.ok) return { intent: "password", errors: parsed.errors, formError: null } satisfies ActionData;
  const result = await changePassword(user.id, user.sessionId, parsed.data.current, parsed.data.password);
  if (!result.ok) return { intent: "password", errors: { current: "auth:security.currentWrong" }, formError: null } satisfies ActionData;
  // The old cookie's session is gone with the others: this browser gets a fresh id.
  const cookie = await rotateSession(request, user.id, user.sessionId);
  return withHeaders({ intent: "password", errors: {}, formError: null, signedOut: result.signedOut } satisfies ActionData, { headers: { "Set-Cookie": cookie } });
}

export default function AccountSecurity() {
  const { t } = useTranslation();
  const { email, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const changed = result?.intent === "password" && result.signedOut !== undefined;
  const others = sessions.filter((s) => !s.current);
  return (
    <div className="container narrow-wide">
      <h1>{t("auth:security.title")}</h1>
      <p className="muted">{t("auth:security.intro", { email })}</p>

      <section className="card form-card" aria-labelledby="password-heading">
        <h2 id="password-heading">{t("auth:security.passwordHeading")}</h2>
        {changed ? (
          <div className="alert alert-success" role="status">
            {t("auth:security.changed", { count: result.signedOut })}
          </div>
        ) : null}
        <FormError error={result?.intent === "password" ? result.formError : null} />
        {/* Passwords are never sent back by the server; with JavaScript on, the fields keep what was typed. */}
        <Form method="post" noValidate key={changed ? "changed" : "form"}>
          <input type="hidden" name="intent" value="password" />
          <Field name="current" type="password" label={t("auth:fields.currentPassword")} autoComplete="current-password" required error={result?.intent === "password" ? result.errors.current : undefined} />
          <Field name="password" type="password" label={t("auth:fields.newPassword")} hint={t("auth:fields.passwordHint")} autoComplete="new-password" required error={result?.intent === "password" ? result.errors.password : undefined} />
          <Field name="confirm" type="password" label={t("auth:fields.confirmPassword")} autoComplete="new-password" required error={result?.intent === "password" ? result.errors.confirm : undefined} />
          <p className="small muted">{t("auth:security.othersSignedOut")}</p>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("auth:security.submit")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="devices-heading">
        <div className="section-head">
          <h2 id="devices-heading">{t("auth:security.devicesHeading")}</h2>
          {others.length ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revokeOthers" />
              <button type="submit" className="button button-small">
                {t("auth:security.revokeOthers")}
              </button>
            </Form>
          ) : null}
        </div>
        {result?.intent === "revoke" ? (
          <div className="alert alert-success" role="status">
            {t("auth:security.revoked", { count: result.signedOut })}
          </div>
        ) : null}
        <ul className="device-list" data-testid="devices">
          {sessions.map((s) => (
            <li key={s.handle} className="device">
              <div>
                <strong dir="auto">{s.device}</strong>
                {s.current ? <span className="badge">{t("auth:security.thisDevice")}</span> : null}
                <div className="small muted">
                  {t("auth:security.signedInSince", { date: s.since })}
                  {s.ipAddress ? ` · ${s.ipAddress}` : ""}
                </div>
              </div>
              {s.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="device" value={s.handle} />
                  <button type="submit" className="button button-small" aria-label={t("auth:security.revokeOne", { device: s.device })}>
                    {t("auth:security.revoke")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
