import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { getSessionUser } from "~/auth/session.server";
import { LOCALES, RTL_LOCALES, type Locale } from "~/domain/taxonomy";
import { env } from "~/env.server";
import { I18nBootstrap, useRouteNamespaces } from "~/i18n/bootstrap";
import { LANGUAGE_NAMES } from "~/i18n/config";
import { unreadCount } from "~/notifications/notifications.server";
import { getLocale } from "~/i18n/i18n.server";
import { useNonce } from "~/lib/nonce";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const handle = { i18n: ["common"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([getLocale(request), getSessionUser(request)]);
  return {
    locale,
    dir: RTL_LOCALES.has(locale) ? ("rtl" as const) : ("ltr" as const),
    user: user ? { name: user.name, role: user.role, organisationName: user.organisation?.name ?? null, unread: await unreadCount(user.id) } : null,
    devMailbox: !env().SMTP_URL,
    testPayments: !env().STRIPE_SECRET_KEY,
  };
}

export const meta: MetaFunction = () => [{ title: "TechBridge" }];

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  const locale = (data?.locale ?? i18n.language ?? "en") as Locale;
  const dir = RTL_LOCALES.has(locale) ? "rtl" : "ltr";
  const nonce = useNonce();
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <I18nBootstrap nonce={nonce} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function LanguageSwitcher({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="language-switcher" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label>
        <span className="visually-hidden">{t("common:nav.language")}</span>
        <select name="lng" defaultValue={locale} aria-label={t("common:nav.language")} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      {/* With JavaScript the choice applies on change; without it this button submits. */}
      <noscript>
        <button type="submit" className="button button-small">
          {t("common:nav.changeLanguage")}
        </button>
      </noscript>
    </Form>
  );
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t } = useTranslation();
  const user = data?.user;
  // The account menu is a <details>: close it when the page changes and on Escape.
  const menu = useRef<HTMLDetailsElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [key]);
  const closeOnEscape = (event: React.KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key !== "Escape" || !menu.current?.open) return;
    menu.current.open = false;
    menu.current.querySelector("summary")?.focus();
  };
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand" aria-label="TechBridge">
          <span className="brand-mark" aria-hidden="true">TB</span>
          <span className="brand-name">TechBridge</span>
        </Link>
        <nav className="main-nav" aria-label={t("common:nav.main")}>
          <NavLink to="/technologies">{t("common:nav.technologies")}</NavLink>
          <NavLink to="/consultants">{t("common:nav.consultants")}</NavLink>
          {user?.role === "sme" ? <NavLink to="/workspace">{t("common:nav.workspace")}</NavLink> : null}
          {user?.role === "buyer" ? <NavLink to="/workspace/needs">{t("common:nav.needs")}</NavLink> : null}
          {user?.role === "consultant" ? <NavLink to="/workspace/consulting">{t("common:nav.consulting")}</NavLink> : null}
          {user?.role === "sme" || user?.role === "buyer" ? <NavLink to="/inquiries">{t("common:nav.inquiries")}</NavLink> : null}
          {user?.role === "admin" ? <NavLink to="/admin">{t("common:nav.admin")}</NavLink> : null}
        </nav>
        <div className="header-tools">
          <LanguageSwitcher locale={(data?.locale ?? "en") as Locale} />
          {user ? (
            <details className="account-menu" ref={menu} onKeyDown={closeOnEscape}>
              <summary>
                <span className="avatar" aria-hidden="true">
                  {user.name.slice(0, 1)}
                </span>
                {user.unread ? (
                  <span className="badge badge-count" data-testid="unread-count">
                    <span className="visually-hidden">{t("common:nav.unread", { count: user.unread })}</span>
                    <span aria-hidden="true">{user.unread}</span>
                  </span>
                ) : null}
                <bdi className="account-name">{user.name}</bdi>
              </summary>
              <div className="account-menu-panel">
                <p className="muted small">
                  {t(`common:roles.${user.role}`)}
                  {user.organisationName ? (
                    <>
                      {" · "}
                      <bdi>{user.organisationName}</bdi>
                    </>
                  ) : null}
                </p>
                {user.role === "sme" ? <Link to="/workspace">{t("common:nav.workspace")}</Link> : null}
                {user.role === "admin" ? <Link to="/admin">{t("common:nav.admin")}</Link> : null}
                {user.role === "sme" ? <Link to="/workspace/matches">{t("common:nav.matches")}</Link> : null}
                {user.role === "consultant" ? <Link to="/workspace/consulting">{t("common:nav.consulting")}</Link> : null}
                {user.role === "sme" || user.role === "buyer" ? (
                  <>
                    <Link to="/workspace/saved-searches">{t("common:nav.savedSearches")}</Link>
                    <Link to="/workspace/shortlist">{t("common:nav.shortlist")}</Link>
                    <Link to="/bookings">{t("common:nav.bookings")}</Link>
                  </>
                ) : null}
                <Link to="/notifications">
                  {t("common:nav.notifications")}
                  {user.unread ? <span className="badge badge-count">{user.unread}</span> : null}
                </Link>
                <Link to="/account/security">{t("common:nav.security")}</Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    {t("common:nav.logout")}
                  </button>
                </Form>
              </div>
            </details>
          ) : (
            <div className="auth-links">
              <Link to="/login">{t("common:nav.login")}</Link>
              <Link to="/signup" className="button button-small button-primary">
                {t("common:nav.signup")}
              </Link>
            </div>
          )}
        </div>
      </div>
    </header>
  );
}

function Footer() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container footer-inner">
        <p>{t("common:footer.tagline")}</p>
        <p className="muted small">
          {t("common:footer.copyright", { year: 2026 })}
          {data?.devMailbox ? (
            <>
              {" · "}
              <Link to="/dev/mailbox">{t("common:footer.devMailbox")}</Link>
            </>
          ) : null}
        </p>
      </div>
    </footer>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  useRouteNamespaces();
  return (
    <>
      <a href="#main" className="skip-link">
        <SkipLabel />
      </a>
      <Header />
      <main id="main" className="site-main">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}

function SkipLabel() {
  const { t } = useTranslation();
  return <>{t("common:nav.skipToContent")}</>;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let status = 500;
  let messageKey = "common:errors.unexpected";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const body = typeof error.data === "string" ? error.data : "";
    messageKey = /^[a-z]+:[\w.]+$/.test(body)
      ? body
      : status === 404
        ? "common:errors.notFound"
        : status === 403
          ? "common:errors.forbidden"
          : status === 400
            ? "common:errors.badRequest"
            : "common:errors.unexpected";
  }
  return (
    <>
      <Header />
      <main id="main" className="site-main">
        <div className="container narrow error-page">
          <p className="error-status">{status}</p>
          <h1>{t(status === 404 ? "common:errors.notFoundTitle" : "common:errors.title")}</h1>
          <p>{t(messageKey)}</p>
          <p>
            <Link to="/" className="button button-primary">
              {t("common:errors.backHome")}
            </Link>
          </p>
        </div>
      </main>
    </>
  );
}
