/**
 * Matching e-mails (templates "matching.<name>"), rendered in the recipient's language:
 * strongMatch (a new strong match, to the buyer and to the seller), weeklyDigest and
 * savedSearchAlert. Each ends with its unsubscribe link. List items arrive as JSON in a
 * string parameter (the outbox carries string parameters only) and are escaped here.
 */
import type { TFunction } from "i18next";
import { escapeHtml, layout, link, paragraphs, type EmailRenderer, type RenderedEmail } from "~/email/layout.server";

type Item = { title: string; context?: string; score?: string; url: string };

function parseItems(raw: string | undefined): Item[] {
  try {
    const parsed: unknown = JSON.parse(raw ?? "[]");
    return Array.isArray(parsed) ? (parsed as Item[]).filter((i) => i && typeof i.title === "string" && typeof i.url === "string") : [];
  } catch {
    return [];
  }
}

function unsubscribe(t: TFunction, url: string) {
  return {
    text: `${t("matching:email.unsubscribe")}: ${url}`,
    html: `<p style="color:#666;font-size:12px"><a href="${escapeHtml(url)}">${escapeHtml(t("matching:email.unsubscribe"))}</a></p>`,
  };
}

function itemLines(t: TFunction, items: Item[]) {
  const describe = (i: Item) => [i.context ? t("matching:email.itemContext", { context: i.context }) : "", i.score ? t("matching:email.itemScore", { score: i.score }) : ""].filter(Boolean).join(" · ");
  return {
    text: items.map((i) => `- ${i.title}${describe(i) ? ` (${describe(i)})` : ""}\n  ${i.url}`).join("\n"),
    html: `<ul>${items.map((i) => `<li><a href="${escapeHtml(i.url)}">${escapeHtml(i.title)}</a>${describe(i) ? `<br><span style="color:#555">${escapeHtml(describe(i))}</span>` : ""}</li>`).join("")}</ul>`,
  };
}

function render(t: TFunction, subject: string, intro: string[], middle: { text: string; html: string } | null, action: { url: string; label: string }, unsubscribeUrl: string): RenderedEmail {
  const unsub = unsubscribe(t, unsubscribeUrl);
  return {
    subject,
    text: [...intro, middle?.text ?? "", action.url, unsub.text].filter(Boolean).join("\n\n"),
    html: layout(t, paragraphs(...intro) + (middle?.html ?? "") + link(action.url, action.label) + unsub.html),
  };
}

export const matchingEmails: EmailRenderer = (t, name, params) => {
  switch (name) {
    case "strongMatch": {
      const buyer = params.side === "buyer";
      const subject = buyer ? t("matching:email.strongMatch.subjectBuyer", { need: params.needTitle }) : t("matching:email.strongMatch.subjectSeller", { listing: params.listingTitle });
      const intro = buyer
        ? t("matching:email.strongMatch.introBuyer", { name: params.name, need: params.needTitle, listing: params.listingTitle, score: params.score })
        : t("matching:email.strongMatch.introSeller", { name: params.name, need: params.needTitle, listing: params.listingTitle, score: params.score });
      const reasons = (params.reasons ?? "").split("\n").filter(Boolean);
      const why = reasons.length
        ? { text: `${t("matching:email.strongMatch.why")}\n${reasons.map((r) => `- ${r}`).join("\n")}`, html: `<p>${escapeHtml(t("matching:email.strongMatch.why"))}</p><ul>${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>` }
        : null;
      return render(t, subject, [intro], why, { url: params.url, label: t("matching:email.strongMatch.action") }, params.unsubscribeUrl);
    }
    case "weeklyDigest": {
      const count = Number(params.count);
      const items = itemLines(t, parseItems(params.items));
      return render(
        t,
        t("matching:email.weeklyDigest.subject", { count }),
        [t("matching:email.weeklyDigest.intro", { name: params.name, count })],
        items,
        { url: params.url, label: t("matching:email.weeklyDigest.action") },
        params.unsubscribeUrl,
      );
    }
    case "savedSearchAlert": {
      const count = Number(params.count);
      const items = itemLines(t, parseItems(params.items));
      return render(
        t,
        t("matching:email.savedSearchAlert.subject", { count, search: params.searchName }),
        [t("matching:email.savedSearchAlert.intro", { name: params.name, count, search: params.searchName })],
        items,
        { url: params.url, label: t("matching:email.savedSearchAlert.action") },
        params.unsubscribeUrl,
      );
    }
    default:
      return undefined;
  }
};
