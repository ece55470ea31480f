/** One inquiry: state and next step, the conversation, the NDA and the actions open to the viewer. */
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/meta";
import { MAX_ATTACHMENT_BYTES } from "~/attachments/attachments.server";
import { requireUser } from "~/auth/session.server";
import { getLocale } from "~/i18n/i18n.server";
import { fireInquiryEvent, postMessage } from "~/inquiries/inquiries.server";
import { acceptNda } from "~/inquiries/nda.server";
import { MESSAGE_ATTACHMENTS_MAX, MESSAGE_MAX, messageSchema } from "~/inquiries/schemas";
import { CLOSE_REASONS, INQUIRY_EVENTS, type InquiryEvent } from "~/inquiries/state-machine";
import { getInquiryPage } from "~/inquiries/thread.server";
import { formatDateTime } from "~/lib/format";
import { clientIp, paramOrNotFound, UserError } from "~/lib/http.server";

export const handle = { i18n: ["inquiry", "taxonomy", "validation", "listing"] };
export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const locale = await getLocale(request);
  try {
    const page = await getInquiryPage(viewer, paramOrNotFound(params.id), locale);
    // Dates are formatted here, once: browsers' and Node's Intl data differ in small ways,
    // and the page must hydrate with exactly the server's text.
    const instants = [page.createdAt, page.responseDueAt, ...page.messages.map((m) => m.createdAt), ...page.history.map((h) => h.at), ...(page.nda?.acceptances.map((a) => a.acceptedAt) ?? [])];
    const dates = Object.fromEntries(instants.map((iso) => [iso, formatDateTime(iso, locale, viewer.timeZone)]));
    return { page, locale, dates, pageTitle: page.listing.title };
  } catch (error) {
    if (error instanceof UserError) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}

type ActionResult = { intent: string; error?: string; errorParams?: Record<string, string | number>; values?: Record<string, string> };

async function readForm(request: Request): Promise<FormData | ActionResult> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_ATTACHMENT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { intent: "message", error: "workspace:attachments.errors.tooLarge" };
    return { intent: "message", error: "inquiry:errors.upload" };
  }
}

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult | Response> {
  const viewer = await requireUser(request);
  const id = paramOrNotFound(params.id);
  const form = await readForm(request);
  if (!(form instanceof FormData)) return form;
  const intent = String(form.get("intent") ?? "");
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") values[k] = v;
  try {
    if (intent === "message") {
      const body = String(form.get("body") ?? "");
      const parsed = messageSchema.safeParse({ body });
      if (!parsed.success) {
        const tooLong = body.trim().length > MESSAGE_MAX;
        return { intent, values, error: tooLong ? "inquiry:errors.messageTooLong" : "validation:required", errorParams: { max: MESSAGE_MAX, length: body.trim().length } };
      }
      const files = await Promise.all(
        form
          .getAll("files")
          .filter((f): f is File => f instanceof File && f.size > 0)
          .map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      const tier = form.get("tier") === "confidential" ? "confidential" : "registered";
      await postMessage(viewer, id, parsed.data.body, { files, tier });
      return redirect(`/inquiries/${id}?done=sent#messages`);
    }
    if (intent === "event") {
      const event = String(form.get("event") ?? "");
      if (!(INQUIRY_EVENTS as readonly string[]).includes(event)) throw new UserError(400, "inquiry:errors.illegalTransition");
      await fireInquiryEvent(viewer, id, event as InquiryEvent, { reason: form.get("reason") ?? undefined, text: form.get("reasonText") ?? undefined }, clientIp(request));
      return redirect(`/inquiries/${id}?done=status`);
    }
    if (intent === "acceptNda") {
      const result = await acceptNda(
        viewer,
        id,
        { version: String(form.get("version") ?? ""), textHash: String(form.get("textHash") ?? ""), customNdaAccepted: form.get("customNdaAccepted") === "on" },
        clientIp(request),
      );
      return redirect(`/inquiries/${id}?done=${result.complete ? "ndaComplete" : "ndaAccepted"}#nda`);
    }
    throw new UserError(400, "common:errors.badRequest");
  } catch (error) {
    if (error instanceof UserError) {
      if (error.status === 404) throw new Response(error.messageKey, { status: 404 });
      return { intent, values, error: error.messageKey, errorParams: error.params as ActionResult["errorParams"] };
    }
    throw error;
  }
}

const DONE_KEYS: Record<string, string> = {
  sent: "inquiry:thread.sent",
  status: "inquiry:actions.done",
  ndaAccepted: "inquiry:nda.accepted",
  ndaComplete: "inquiry:nda.complete",
};

export default function InquiryPage() {
  const { t } = useTranslation();
  const { page, locale, dates } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state === "submitting";
  const [search] = useSearchParams();
  const done = DONE_KEYS[search.get("done") ?? ""];
  const when = (iso: string) => dates[iso] ?? iso;
  const partyLabel = (p: string | null) => (p === "buyer" ? t("inquiry:thread.buyer") : p === "seller" ? t("inquiry:thread.seller") : "");
  const errorFor = (intent: string) =>
    result && "intent" in result && result.intent === intent && result.error ? (
      <div className="alert alert-error" role="alert">
        {t(result.error, result.errorParams)}
      </div>
    ) : null;
  const kept = (intent: string, name: string) => (result && "intent" in result && result.intent === intent ? result.values?.[name] : undefined);

  return (
    <div className="container inquiry-page">
      <p>
        <Link to="/inquiries"><span className="back-arrow" aria-hidden="true">←</span> {t("inquiry:thread.back")}</Link>
      </p>
      <header className="inquiry-header">
        <p className="small muted">{t("inquiry:thread.about")}</p>
        <h1>
          <Link to={`/technologies/${page.listing.slug}`} lang={page.listing.locale} dir="auto">
            {page.listing.title}
          </Link>
        </h1>
        <div className="inquiry-state card" data-testid="inquiry-state">
          <p>
            {t("inquiry:thread.currentStatus")}:{" "}
            <strong className={`badge status-${page.status}`} data-testid="inquiry-status">
              {t(`inquiry:status.${page.status}`)}
            </strong>
          </p>
          <p>
            {t("inquiry:thread.nextStep")}: {t(page.nextStep)}
          </p>
          {page.status === "submitted" ? <p className="small">{t("inquiry:thread.dueBy", { date: when(page.responseDueAt) })}</p> : null}
          {page.closeReason ? (
            <p className="small">
              {t("inquiry:thread.closeReason")}: {t(`inquiry:reason.${page.closeReason}`)}
              {page.closeReasonText ? ` — ${page.closeReasonText}` : ""}
            </p>
          ) : null}
          {!page.party ? <p className="small muted">{t("inquiry:thread.operatorView")}</p> : null}
        </div>
        {done ? (
          <div className="alert alert-success" role="status">
            {t(done)}
          </div>
        ) : null}
      </header>

      <div className="detail-layout">
        <div className="detail-main">
          <section id="messages" className="detail-section">
            <h2>{t("inquiry:thread.messages")}</h2>
            <ol className="thread">
              {page.messages.map((m) => (
                <li key={m.id} className={`message${m.mine ? " message-mine" : ""} message-${m.authorParty ?? "other"}`}>
                  <p className="small muted">
                    <strong>{m.mine ? t("inquiry:thread.you") : m.author}</strong> · {partyLabel(m.authorParty)} · <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
                  </p>
                  <p className="prose" lang={m.locale} dir="auto">
                    {m.body}
                  </p>
                  {m.attachments.length ? (
                    <ul className="attachment-list">
                      {m.attachments.map((a) => (
                        <li key={a.id}>
                          {a.locked ? (
                            <span className="muted">
                              🔒 {a.fileName} — {t("inquiry:thread.lockedFile")}
                            </span>
                          ) : (
                            <a href={`/attachments/${a.id}`}>{a.fileName}</a>
                          )}{" "}
                          <span className="small muted">({Math.ceil(a.sizeBytes / 1024)} KB)</span>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
            {page.party && !["closed_won", "closed_lost", "declined", "withdrawn"].includes(page.status) ? (
              <Form method="post" encType="multipart/form-data" className="card form-card reply-form" key={page.messages.length}>
                <input type="hidden" name="intent" value="message" />
                {errorFor("message")}
                <div className="field">
                  <label htmlFor="f-body">{t("inquiry:thread.reply")}</label>
                  <textarea id="f-body" name="body" rows={5} dir="auto" required defaultValue={kept("message", "body")} aria-describedby="f-body-hint" />
                  <p className="hint" id="f-body-hint">
                    {t("inquiry:thread.replyHint")}
                  </p>
                </div>
                <div className="field">
                  <label htmlFor="f-files">{t("inquiry:thread.attach")}</label>
                  <input id="f-files" type="file" name="files" multiple accept="application/pdf,image/png,image/jpeg,image/webp" data-max={MESSAGE_ATTACHMENTS_MAX} />
                </div>
                {page.party === "seller" ? (
                  <div className="field">
                    <label htmlFor="f-tier">{t("inquiry:thread.attachTier")}</label>
                    <select id="f-tier" name="tier" defaultValue={kept("message", "tier") ?? "registered"}>
                      <option value="registered">{t("inquiry:thread.tierRegistered")}</option>
                      <option value="confidential">{t("inquiry:thread.tierConfidential")}</option>
                    </select>
                  </div>
                ) : null}
                <button type="submit" className="button button-primary" disabled={busy}>
                  {t("inquiry:thread.send")}
                </button>
              </Form>
            ) : null}
          </section>

          {page.nda ? (
            <section id="nda" className="detail-section">
              <h2>{t("inquiry:nda.title")}</h2>
              <p className="small muted">
                {t("inquiry:nda.version", { version: page.nda.version })} · {page.nda.translated ? t("inquiry:nda.englishControls") : page.nda.locale === "en" && locale !== "en" ? t("inquiry:nda.englishOnly") : null}
              </p>
              <div className="nda-text prose" lang={page.nda.locale} tabIndex={0} data-testid="nda-text">
                {page.nda.text}
              </div>
              <p className="small muted">
                {t("inquiry:nda.hash")}: <span className="mono">{page.nda.textHash}</span>
              </p>
              <ul className="nda-parties">
                {(["buyer", "seller"] as const).map((p) => {
                  const a = page.nda!.acceptances.find((x) => x.party === p);
                  return (
                    <li key={p} data-testid={`nda-${p}`}>
                      {a ? t("inquiry:nda.acceptedBy", { party: partyLabel(p), date: when(a.acceptedAt), name: a.name ?? "" }) : t("inquiry:nda.notYet", { party: partyLabel(p) })}
                    </li>
                  );
                })}
              </ul>
              {page.nda.canAccept ? (
                <Form method="post" className="card form-card">
                  <input type="hidden" name="intent" value="acceptNda" />
                  <input type="hidden" name="version" value={page.nda.version} />
                  <input type="hidden" name="textHash" value={page.nda.textHash} />
                  {errorFor("acceptNda")}
                  {page.nda.customNda && page.party === "buyer" ? (
                    <label className="inline-check">
                      <input type="checkbox" name="customNdaAccepted" required />
                      {t("inquiry:nda.customRequired")} <a href={`/attachments/${page.nda.customNda.id}`}>{page.nda.customNda.fileName}</a> — {t("inquiry:nda.customAccept")}
                    </label>
                  ) : null}
                  <label className="inline-check">
                    <input type="checkbox" name="agree" required />
                    {t("inquiry:nda.accept")}
                  </label>
                  <button type="submit" className="button button-primary" disabled={busy}>
                    {t("inquiry:nda.acceptButton")}
                  </button>
                </Form>
              ) : null}
            </section>
          ) : null}
        </div>

        <aside className="detail-aside">
          {page.events.length ? (
            <div className="card inquiry-actions">
              <h2 className="h3">{t("inquiry:actions.title")}</h2>
              {errorFor("event")}
              {page.status === "nda_accepted" || page.status === "in_negotiation" || page.status === "answered" ? (
                <Link to={`/consultants?kind=buyer_seller_meeting&inquiry=${page.id}`} className="button button-primary" data-testid="book-meeting">
                  {t("inquiry:actions.bookMeeting")}
                </Link>
              ) : null}
              {page.events.map(({ event, needsReason }) =>
                needsReason ? (
                  <details key={event} open={kept("event", "event") === event}>
                    <summary className="button">{t(`inquiry:actions.${event}`)}</summary>
                    <Form method="post" className="stack-small">
                      <input type="hidden" name="intent" value="event" />
                      <input type="hidden" name="event" value={event} />
                      <div className="field">
                        <label htmlFor={`f-reason-${event}`}>{t("inquiry:actions.reason")}</label>
                        <select id={`f-reason-${event}`} name="reason" required defaultValue={kept("event", "event") === event ? kept("event", "reason") : ""}>
                          <option value="" disabled>
                            —
                          </option>
                          {CLOSE_REASONS.map((r) => (
                            <option key={r} value={r}>
                              {t(`inquiry:reason.${r}`)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`f-reasonText-${event}`}>{t("inquiry:actions.reasonText")}</label>
                        <textarea id={`f-reasonText-${event}`} name="reasonText" rows={3} dir="auto" defaultValue={kept("event", "event") === event ? kept("event", "reasonText") : ""} />
                        <p className="hint">{t("inquiry:actions.reasonTextHint")}</p>
                      </div>
                      <button type="submit" className="button button-danger" disabled={busy}>
                        {t("inquiry:actions.confirm")}
                      </button>
                    </Form>
                  </details>
                ) : (
                  <Form method="post" key={event}>
                    <input type="hidden" name="intent" value="event" />
                    <input type="hidden" name="event" value={event} />
                    <button type="submit" className={`button${event === "withdraw" ? " button-danger" : ""}`} disabled={busy} data-event={event}>
                      {t(`inquiry:actions.${event}`)}
                    </button>
                  </Form>
                ),
              )}
            </div>
          ) : null}

          <div className="card">
            <h2 className="h3">{page.party === "seller" ? t("inquiry:thread.buyer") : t("inquiry:thread.seller")}</h2>
            {page.party === "buyer" ? (
              <dl className="facts">
                <dt>{t("inquiry:thread.seller")}</dt>
                <dd>{page.seller.name}</dd>
                {page.seller.medianResponseHours !== null ? (
                  <>
                    <dt>{t("inquiry:analytics.medianResponse")}</dt>
                    <dd>{t("inquiry:analytics.hours", { hours: page.seller.medianResponseHours })}</dd>
                  </>
                ) : null}
              </dl>
            ) : (
              <dl className="facts" data-testid="buyer-profile">
                <dt>{t("inquiry:thread.buyer")}</dt>
                <dd>
                  {page.buyer.name} <span className={`badge${page.buyer.verified ? " badge-verified" : ""}`}>{page.buyer.verified ? t("inquiry:thread.verified") : t("inquiry:thread.unverified")}</span>
                </dd>
                <dt>{t("inquiry:thread.country")}</dt>
                <dd>{page.buyer.country}</dd>
                {page.buyer.industry ? (
                  <>
                    <dt>{t("inquiry:thread.industry")}</dt>
                    <dd>{page.buyer.industry}</dd>
                  </>
                ) : null}
                {page.buyer.employeesBand ? (
                  <>
                    <dt>{t("inquiry:thread.size")}</dt>
                    <dd>{page.buyer.employeesBand}</dd>
                  </>
                ) : null}
                {page.buyer.website ? (
                  <>
                    <dt>{t("inquiry:thread.website")}</dt>
                    <dd>
                      <a href={page.buyer.website} rel="noopener noreferrer nofollow" target="_blank">
                        {page.buyer.website}
                      </a>
                    </dd>
                  </>
                ) : null}
              </dl>
            )}
            <dl className="facts">
              <dt>{t("inquiry:thread.purpose")}</dt>
              <dd>{t(`inquiry:purpose.${page.purpose}`)}</dd>
              {page.preferredMode ? (
                <>
                  <dt>{t("inquiry:thread.preferredMode")}</dt>
                  <dd>{t(`taxonomy:transferModes.${page.preferredMode}`)}</dd>
                </>
              ) : null}
              <dt>{t("inquiry:thread.sentOn")}</dt>
              <dd>{when(page.createdAt)}</dd>
            </dl>
          </div>

          {page.history.length ? (
            <div className="card">
              <h2 className="h3">{t("inquiry:thread.history")}</h2>
              <ol className="history small">
                {page.history.map((h) => (
                  <li key={h.id}>
                    <time dateTime={h.at}>{when(h.at)}</time> — {h.to ? t(`inquiry:status.${h.to}`) : t(`inquiry:history.${h.action === "overdue" ? "overdue" : "nda_accept"}`)}
                    {h.actor ? ` · ${h.actor}` : ""}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
