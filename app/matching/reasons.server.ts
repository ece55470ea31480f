/**
 * A match's reasons in the viewer's language: codes and parameters stored with the match
 * become sentences such as "same field: Secondary batteries", "TRL 7 within 6–8",
 * "asking range within budget". Glossary concepts are named in the viewer's language, so
 * a Korean seller reads the topics of a Japanese buyer's need in Korean.
 */
import type { Glossary } from "@search/glossary";
import type { TFunction } from "i18next";
import { isLocale, type Locale } from "~/domain/taxonomy";
import { getFixedT } from "~/i18n/i18n.server";
import { formatMoney } from "~/lib/money";
import { matchingGlossary } from "./relevance.server";
import type { MatchReason } from "./score";

/** Labels joined the way each language separates list items (Intl's unit lists drop the comma in Korean). */
const SEPARATORS: Partial<Record<Locale, string>> = { ja: "、", zh: "、", ar: "، " };
const list = (values: string[], locale: Locale) => values.join(SEPARATORS[locale] ?? ", ");
const usd = (whole: number, locale: Locale) => formatMoney(Math.round(whole) * 100, "USD", locale, { compact: true });

function conceptLabel(glossary: Glossary, id: string, locale: Locale): string | undefined {
  const concept = glossary.concepts.find((c) => c.id === id);
  return concept?.terms[locale][0] ?? concept?.terms.en[0];
}

function asArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function renderReason(t: TFunction, glossary: Glossary, reason: MatchReason, locale: Locale): string | null {
  const p = reason.params;
  switch (reason.code) {
    case "topics": {
      const concepts = asArray(p.concepts).map((id) => conceptLabel(glossary, id, locale)).filter((l): l is string => Boolean(l));
      // Plain words are in the need's language: shown to readers of that language, or when no concept names the topic.
      const words = p.lang === locale || concepts.length === 0 ? asArray(p.words).filter((w) => !concepts.some((c) => c.toLowerCase().includes(w.toLowerCase()))) : [];
      const topics = [...new Set([...concepts, ...words])];
      return topics.length ? t("matching:reasons.topics", { topics: list(topics, locale) }) : null;
    }
    case "field":
      return t("matching:reasons.field", { fields: list(asArray(p.fields).map((f) => t(`taxonomy:fields.${f}`)), locale) });
    case "ipc":
      return t("matching:reasons.ipc", { classes: list(asArray(p.classes), locale) });
    case "trlWithin":
      return t("matching:reasons.trlWithin", { trl: p.trl, min: p.min, max: p.max });
    case "trlBelow":
      return t("matching:reasons.trlBelow", { trl: p.trl, min: p.min, max: p.max });
    case "trlAbove":
      return t("matching:reasons.trlAbove", { trl: p.trl, min: p.min, max: p.max });
    case "budgetWithin":
    case "budgetOverlap":
    case "budgetAbove":
    case "budgetBelow":
      return t(`matching:reasons.${reason.code}`, {
        asking: `${usd(Number(p.askingMinUsd), locale)}–${usd(Number(p.askingMaxUsd), locale)}`,
        budget: `${usd(Number(p.budgetMinUsd), locale)}–${usd(Number(p.budgetMaxUsd), locale)}`,
      });
    case "modes":
      return t("matching:reasons.modes", { modes: list(asArray(p.modes).map((m) => t(`taxonomy:transferModes.${m}`)), locale) });
    case "region":
      return t("matching:reasons.region", { region: t(`taxonomy:regions.${String(p.region)}`) });
    default:
      return null;
  }
}

export function renderReasons(t: TFunction, glossary: Glossary, reasons: unknown, locale: Locale): string[] {
  if (!Array.isArray(reasons)) return [];
  return (reasons as MatchReason[]).map((r) => renderReason(t, glossary, r, locale)).filter((s): s is string => Boolean(s));
}

/** A renderer fixed to one locale, for loaders and e-mails. */
export async function reasonRenderer(localeInput: string) {
  const locale: Locale = isLocale(localeInput) ? localeInput : "en";
  const [t, glossary] = await Promise.all([getFixedT(locale, "matching", "taxonomy"), matchingGlossary()]);
  return { t, locale, render: (reasons: unknown) => renderReasons(t, glossary, reasons, locale) };
}
