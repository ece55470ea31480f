/**
 * Form parsing shared by actions: zod validation with errors keyed by field path (as i18n
 * keys) and the submitted values echoed back, so a refused form loses nothing typed.
 */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** FormData → nested object: "texts.ko.title" → { texts: { ko: { title } } }; repeated names → arrays. */
export function formDataToObject(formData: FormData, arrayFields: readonly string[] = []): { object: Record<string, unknown>; values: FormValues } {
  const values: FormValues = {};
  for (const [key, raw] of formData.entries()) {
    // "__proto__.x" would otherwise write into Object.prototype for the whole process; "constructor" finds a function.
    if (typeof raw !== "string" || key.split(".").some((part) => UNSAFE_KEYS.has(part))) continue;
    const existing = Object.hasOwn(values, key) ? values[key] : undefined;
    if (existing === undefined) values[key] = arrayFields.includes(key) ? [raw] : raw;
    else values[key] = Array.isArray(existing) ? [...existing, raw] : [existing, raw];
  }
  const object: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const parts = key.split(".");
    let cursor = object;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) cursor[part] = value;
      else cursor = (cursor[part] ??= {}) as Record<string, unknown>;
    });
  }
  return { object, values };
}

const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData, arrayFields: readonly string[] = []): FormResult<z.infer<S>> {
  const { object, values } = formDataToObject(formData, arrayFields);
  // PostgreSQL text cannot hold U+0000: refuse it here (400-style field error) instead of failing in the query.
  const withNul = Object.entries(values).filter(([, v]) => (Array.isArray(v) ? v : [v]).some((one) => one.includes("\u0000")));
  if (withNul.length) return { ok: false, errors: Object.fromEntries(withNul.map(([k]) => [k, "validation:invalid"])), values };
  const result = schema.safeParse(object);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join(".") || "form";
    errors[path] ??= issue.message.includes(":") ? issue.message : "validation:invalid";
  }
  return { ok: false, errors, values };
}
