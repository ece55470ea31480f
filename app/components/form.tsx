/** Form fields with their label, hint and translated error tied together for assistive tech. */
import { useTranslation } from "react-i18next";

type FieldProps = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  defaultValue?: string;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  lang?: string;
  dir?: "ltr" | "rtl" | "auto";
  inputMode?: "numeric" | "decimal" | "text" | "email";
  min?: number;
  max?: number;
};

export function fieldId(name: string) {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

export function Field({ name, label, error, hint, defaultValue, type = "text", required, autoComplete, multiline, rows = 4, maxLength, lang, dir, inputMode, min, max }: FieldProps) {
  const { t } = useTranslation();
  const id = fieldId(name);
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    defaultValue,
    required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    maxLength,
    lang,
    dir,
  };
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      {multiline ? <textarea rows={rows} {...common} /> : <input type={type} autoComplete={autoComplete} inputMode={inputMode} min={min} max={max} {...common} />}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-text" id={`${id}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ error }: { error?: string | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {t(error)}
    </div>
  );
}

export function value(values: Record<string, string | string[]> | undefined, name: string): string | undefined {
  const v = values?.[name];
  return Array.isArray(v) ? v[0] : v;
}

export function values(vals: Record<string, string | string[]> | undefined, name: string): string[] {
  const v = vals?.[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** A group of checkboxes with a legend and one translated error for the group. */
export function CheckboxGroup({ name, legend, options, selected, label, error }: { name: string; legend: string; options: readonly string[]; selected: string[]; label: (v: string) => string; error?: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className={`checkbox-group${error ? " field-invalid" : ""}`} aria-describedby={error ? `f-${name}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="checkbox-grid">
        {options.map((o) => (
          <label key={o}>
            <input type="checkbox" name={name} value={o} defaultChecked={selected.includes(o)} /> {label(o)}
          </label>
        ))}
      </div>
      {error ? (
        <p className="error-text" id={`f-${name}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
