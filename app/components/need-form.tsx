/** The technology-need editor: what the buyer looks for, in their language, and the facts matching uses. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CURRENCIES, LOCALES, REGIONS, TECH_FIELDS, TRANSFER_MODES, TRL_LEVELS } from "~/domain/taxonomy";
import { NEED_LIMITS } from "~/needs/schemas";
import { CheckboxGroup, Field, FormError, value, values as valuesOf } from "./form";

type Props = {
  values?: Record<string, string | string[]>;
  errors?: Record<string, string>;
  formError?: string | null;
  submitLabel: string;
  busy?: boolean;
};

function Select({ name, label, options, selected, error, optionLabel, empty }: { name: string; label: string; options: readonly (string | number)[]; selected?: string; error?: string; optionLabel: (v: string) => string; empty?: string }) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={selected ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `f-${name}-error` : undefined}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(String(o))}
          </option>
        ))}
      </select>
      {error ? (
        <p className="error-text" id={`f-${name}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

export function NeedForm({ values, errors, formError, submitLabel, busy }: Props) {
  const { t, i18n } = useTranslation();
  const locale = value(values, "locale") ?? i18n.language;
  return (
    <Form method="post" noValidate className="need-form">
      <FormError error={formError} />
      <section className="card">
        <h2>{t("matching:form.whatTitle")}</h2>
        <Select name="locale" label={t("matching:form.locale")} options={LOCALES} selected={locale} error={errors?.locale} optionLabel={(l) => t(`common:languages.${l}`)} />
        <Field name="title" label={t("matching:form.title")} required maxLength={NEED_LIMITS.title} defaultValue={value(values, "title")} error={errors?.title} dir="auto" />
        <Field name="description" label={t("matching:form.description")} hint={t("matching:form.descriptionHint")} required multiline rows={8} maxLength={NEED_LIMITS.description} defaultValue={value(values, "description")} error={errors?.description} dir="auto" />
        <CheckboxGroup name="fields" legend={t("matching:form.fields")} options={TECH_FIELDS} selected={valuesOf(values, "fields")} label={(v) => t(`taxonomy:fields.${v}`)} error={errors?.fields ?? errors?.["fields.0"]} />
        <Field name="ipcCodes" label={t("matching:form.ipcCodes")} hint={t("matching:form.ipcHint")} defaultValue={value(values, "ipcCodes")} error={errors?.ipcCodes ?? errors?.["ipcCodes.0"]} />
      </section>
      <section className="card">
        <h2>{t("matching:form.termsTitle")}</h2>
        <div className="grid-2">
          <Select name="trlMin" label={t("matching:form.trlMin")} options={TRL_LEVELS} selected={value(values, "trlMin") ?? "1"} error={errors?.trlMin} optionLabel={(l) => `${l} — ${t(`taxonomy:trl.${l}`)}`} />
          <Select name="trlMax" label={t("matching:form.trlMax")} options={TRL_LEVELS} selected={value(values, "trlMax") ?? "9"} error={errors?.trlMax} optionLabel={(l) => `${l} — ${t(`taxonomy:trl.${l}`)}`} />
        </div>
        <div className="grid-3">
          <Select name="currency" label={t("matching:form.currency")} options={CURRENCIES} selected={value(values, "currency") ?? "USD"} error={errors?.currency} optionLabel={(c) => c} />
          <Field name="budgetMin" label={t("matching:form.budgetMin")} inputMode="decimal" defaultValue={value(values, "budgetMin")} error={errors?.budgetMin} />
          <Field name="budgetMax" label={t("matching:form.budgetMax")} inputMode="decimal" defaultValue={value(values, "budgetMax")} error={errors?.budgetMax} />
        </div>
        <Field name="timeline" label={t("matching:form.timeline")} hint={t("matching:form.timelineHint")} maxLength={NEED_LIMITS.timeline} defaultValue={value(values, "timeline")} error={errors?.timeline} dir="auto" />
        <CheckboxGroup name="transferModes" legend={t("matching:form.transferModes")} options={TRANSFER_MODES} selected={valuesOf(values, "transferModes")} label={(v) => t(`taxonomy:transferModes.${v}`)} error={errors?.transferModes} />
        <Select name="targetRegion" label={t("matching:form.targetRegion")} options={REGIONS} selected={value(values, "targetRegion")} error={errors?.targetRegion} optionLabel={(r) => t(`taxonomy:regions.${r}`)} empty={t("matching:form.anyRegion")} />
      </section>
      <div className="form-actions">
        <button type="submit" name="intent" value="save" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
