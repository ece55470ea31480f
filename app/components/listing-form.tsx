/** The listing editor: facts, then the text in Korean and English side by side, other languages optional. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CONSULTING_KINDS, CURRENCIES, LOCALES, REGIONS, TECH_FIELDS, TRANSFER_MODES, TRL_LEVELS, type Locale } from "~/domain/taxonomy";
import { TEXT_FIELDS, type TextField } from "~/listings/schemas";
import { CheckboxGroup, Field, FormError, value, values as valuesOf } from "./form";

type Props = {
  values?: Record<string, string | string[]>;
  errors?: Record<string, string>;
  formError?: string | null;
  submitLabel: string;
  /** "save" for drafts, "propose" for changes to a published listing */
  intent?: "save" | "propose";
  busy?: boolean;
};

const MULTILINE: Record<TextField, boolean> = { title: false, summary: false, problem: true, solution: true, advantages: true, applications: true, confidential: true };

function LocaleColumn({ locale, values, errors }: { locale: Locale; values?: Props["values"]; errors?: Props["errors"] }) {
  const { t } = useTranslation();
  return (
    <div className="locale-column" lang={locale} dir={locale === "ar" ? "rtl" : "ltr"}>
      <h3 lang={undefined}>{t(`common:languages.${locale}`)}</h3>
      {TEXT_FIELDS.map((field) => (
        <Field
          key={field}
          name={`texts.${locale}.${field}`}
          label={t(`workspace:form.text.${field}`)}
          hint={field === "confidential" ? t("workspace:form.confidentialHint") : undefined}
          multiline={MULTILINE[field]}
          rows={field === "solution" ? 6 : 3}
          lang={locale}
          required={(locale === "ko" || locale === "en") && field !== "confidential"}
          defaultValue={value(values, `texts.${locale}.${field}`)}
          error={errors?.[`texts.${locale}.${field}`]}
        />
      ))}
    </div>
  );
}

export function ListingForm({ values, errors, formError, submitLabel, intent = "save", busy }: Props) {
  const { t } = useTranslation();
  const optionalLocales = LOCALES.filter((l) => l !== "ko" && l !== "en");
  return (
    <Form method="post" noValidate className="listing-form">
      <FormError error={formError} />
      <section className="card">
        <h2>{t("workspace:form.factsTitle")}</h2>
        <div className="grid-2">
          <div className={`field${errors?.field ? " field-invalid" : ""}`}>
            <label htmlFor="f-field">{t("workspace:form.field")}</label>
            <select id="f-field" name="field" defaultValue={value(values, "field") ?? ""} aria-invalid={errors?.field ? true : undefined}>
              <option value="">{t("workspace:form.choose")}</option>
              {TECH_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(`taxonomy:fields.${f}`)}
                </option>
              ))}
            </select>
            {errors?.field ? <p className="error-text">{t(errors.field)}</p> : null}
          </div>
          <div className={`field${errors?.trl ? " field-invalid" : ""}`}>
            <label htmlFor="f-trl">{t("workspace:form.trl")}</label>
            <select id="f-trl" name="trl" defaultValue={value(values, "trl") ?? ""} aria-invalid={errors?.trl ? true : undefined}>
              <option value="">{t("workspace:form.choose")}</option>
              {TRL_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l} — {t(`taxonomy:trl.${l}`)}
                </option>
              ))}
            </select>
            {errors?.trl ? <p className="error-text">{t(errors.trl)}</p> : null}
          </div>
          <Field name="ipcCodes" label={t("workspace:form.ipc")} hint={t("workspace:form.ipcHint")} defaultValue={value(values, "ipcCodes")} error={errors?.ipcCodes ?? errors?.["ipcCodes.0"]} />
          <Field name="keywords" label={t("workspace:form.keywords")} hint={t("workspace:form.keywordsHint")} defaultValue={value(values, "keywords")} error={errors?.keywords} />
        </div>
        <CheckboxGroup name="transferModes" legend={t("workspace:form.transferModes")} options={TRANSFER_MODES} selected={valuesOf(values, "transferModes")} label={(v) => t(`taxonomy:transferModes.${v}`)} error={errors?.transferModes} />
        <div className="grid-3">
          <div className="field">
            <label htmlFor="f-askingCurrency">{t("workspace:form.currency")}</label>
            <select id="f-askingCurrency" name="askingCurrency" defaultValue={value(values, "askingCurrency") ?? "KRW"}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <Field name="askingMin" label={t("workspace:form.askingMin")} inputMode="decimal" defaultValue={value(values, "askingMin")} error={errors?.askingMin} />
          <Field name="askingMax" label={t("workspace:form.askingMax")} inputMode="decimal" defaultValue={value(values, "askingMax")} error={errors?.askingMax} />
        </div>
        <CheckboxGroup name="targetRegions" legend={t("workspace:form.targetRegions")} options={REGIONS} selected={valuesOf(values, "targetRegions")} label={(v) => t(`taxonomy:regions.${v}`)} />
        <label className="inline-check">
          <input type="checkbox" name="willTravel" defaultChecked={value(values, "willTravel") === "on"} /> {t("workspace:form.willTravel")}
        </label>
        <CheckboxGroup name="consultingNeeds" legend={t("workspace:form.consultingNeeds")} options={CONSULTING_KINDS} selected={valuesOf(values, "consultingNeeds")} label={(v) => t(`taxonomy:consultingKinds.${v}`)} />
        <CheckboxGroup name="workingLanguages" legend={t("workspace:form.workingLanguages")} options={LOCALES} selected={valuesOf(values, "workingLanguages")} label={(v) => t(`common:languages.${v}`)} />
      </section>

      <section className="card">
        <h2>{t("workspace:form.textTitle")}</h2>
        <p className="muted">{t("workspace:form.textIntro")}</p>
        <div className="locale-columns">
          <LocaleColumn locale="ko" values={values} errors={errors} />
          <LocaleColumn locale="en" values={values} errors={errors} />
        </div>
        {optionalLocales.map((locale) => (
          <details key={locale} className="locale-optional" open={Boolean(value(values, `texts.${locale}.title`))}>
            <summary>{t("workspace:form.addTranslation", { language: t(`common:languages.${locale}`) })}</summary>
            <LocaleColumn locale={locale} values={values} errors={errors} />
          </details>
        ))}
      </section>

      <div className="form-actions">
        <button type="submit" name="intent" value={intent} className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
