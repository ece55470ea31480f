/** Taxonomy labels in every UI language, for indexing ("반도체", "semiconductor", "半導体" → one field). */
import { LOCALES } from "~/domain/taxonomy";
import { loadResources } from "./resources.server";

export function fieldLabelsInAllLocales(field: string): string[] {
  const { resources } = loadResources();
  const labels = new Set<string>();
  for (const lng of LOCALES) {
    const taxonomy = resources[lng].taxonomy as { fields?: Record<string, string> } | undefined;
    const label = taxonomy?.fields?.[field];
    if (label) labels.add(label);
  }
  return [...labels];
}
