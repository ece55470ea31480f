/**
 * The multilingual technology glossary: loading and validating
 * `search/glossary/*.json`, matching glossary terms inside a query (for the
 * embedded engine's query expansion), the Meilisearch synonyms derived from it,
 * and coverage statistics.
 *
 * A concept is one technology notion named in all seven languages; every term
 * of a concept is treated as equivalent to every other term of it.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { LOCALES, TECH_FIELDS, type Locale } from "../app/domain/taxonomy";
import { analyze, type AnalyzedWord } from "./tokenize";

const termList = z.array(z.string().trim().min(1, "empty term"));
const conceptSchema = z
  .object({
    id: z.string().trim().min(1),
    field: z.string().trim().min(1),
    terms: z.object({ ko: termList, en: termList, ja: termList, zh: termList, vi: termList, es: termList, ar: termList }).strict(),
    /**
     * Terms of `terms` that lead to the concept but are never searched for it: words that mean
     * something else in another language (Vietnamese "pin" is a battery, English "pin" is not).
     * Typing "pin" still reaches battery listings; "battery" no longer finds "pogo pin".
     */
    oneWay: termList.optional(),
  })
  .strict()
  .superRefine((concept, ctx) => {
    const all = new Set(LOCALES.flatMap((l) => concept.terms[l]));
    for (const [i, term] of (concept.oneWay ?? []).entries()) {
      if (!all.has(term)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["oneWay", i], message: `"${term}" is not one of the concept's terms` });
    }
  });
const glossaryFileSchema = z.array(conceptSchema);

export type GlossaryConcept = z.infer<typeof conceptSchema>;

/** Longest phrase (in query words) looked up in the glossary. */
const MAX_PHRASE_WORDS = 6;
/**
 * Meilisearch expands every synonym into its query graph; a few dozen
 * alternatives per word keep search fast while covering all seven languages.
 */
export const MAX_SYNONYMS_PER_TERM = 20;

export interface GlossaryMatch {
  /** Index of the first and one past the last query word covered. */
  start: number;
  end: number;
  /** Every term of the matched concept(s), all languages, the matched term included. */
  terms: readonly string[];
  conceptIds: readonly string[];
}

export interface Glossary {
  readonly concepts: readonly GlossaryConcept[];
  /** Normalised term key → all terms of its concept(s) in all languages. */
  readonly expansions: ReadonlyMap<string, readonly string[]>;
  /** Greedy longest-first glossary phrases found in an analysed query. */
  match(words: readonly AnalyzedWord[]): GlossaryMatch[];
  /** Convenience: the equivalents of a single term ([] when unknown). */
  expand(term: string): readonly string[];
}

export interface GlossaryStats {
  concepts: number;
  /** Concepts having at least one term in the language. */
  coverage: Record<Locale, number>;
  /** Concepts with terms in all seven languages. */
  complete: number;
  terms: number;
  /** Concept ids whose `field` is not a taxonomy TECH_FIELDS code (nor "general"). */
  unknownFields: string[];
}

export class GlossaryError extends Error {
  override name = "GlossaryError";
}

/** Keys under which a word sequence is looked up: surface and base forms, spaced and compact. */
function phraseKeys(words: readonly AnalyzedWord[]): string[] {
  const surface = words.map((w) => w.surface);
  const base = words.map((w) => w.base);
  // Compact keys let "리튬이온배터리" (one word) and "リチウムイオン電池"
  // (three segmenter words) meet glossary terms written with or without spaces.
  return [...new Set([surface.join(" "), base.join(" "), surface.join(""), base.join("")])];
}

export function buildGlossary(concepts: readonly GlossaryConcept[]): Glossary {
  const keyToConcepts = new Map<string, number[]>();
  const allTerms: string[][] = concepts.map((c) => [...new Set(LOCALES.flatMap((l) => c.terms[l]))]);
  // What a concept expands to: its terms without the one-way ones (which only lead to it).
  const conceptTerms: string[][] = concepts.map((c, index) => {
    const oneWay = new Set(c.oneWay ?? []);
    return oneWay.size ? allTerms[index].filter((t) => !oneWay.has(t)) : allTerms[index];
  });

  concepts.forEach((_concept, index) => {
    for (const term of allTerms[index]) {
      const words = analyze(term);
      if (words.length === 0) continue;
      for (const key of phraseKeys(words)) {
        const list = keyToConcepts.get(key) ?? [];
        if (!list.includes(index)) list.push(index);
        keyToConcepts.set(key, list);
      }
    }
  });

  const termsOf = (indices: readonly number[]): string[] =>
    indices.length === 1 ? conceptTerms[indices[0]] : [...new Set(indices.flatMap((i) => conceptTerms[i]))];

  const expansions = new Map<string, readonly string[]>();
  for (const [key, indices] of keyToConcepts) expansions.set(key, termsOf(indices));

  function lookup(words: readonly AnalyzedWord[]): number[] | undefined {
    for (const key of phraseKeys(words)) {
      const hit = keyToConcepts.get(key);
      if (hit) return hit;
    }
    return undefined;
  }

  return {
    concepts,
    expansions,
    match(words) {
      const matches: GlossaryMatch[] = [];
      let start = 0;
      while (start < words.length) {
        let matched = false;
        for (let end = Math.min(words.length, start + MAX_PHRASE_WORDS); end > start; end--) {
          const hit = lookup(words.slice(start, end));
          if (hit) {
            matches.push({ start, end, terms: termsOf(hit), conceptIds: hit.map((i) => concepts[i].id) });
            start = end;
            matched = true;
            break;
          }
        }
        if (!matched) start++;
      }
      return matches;
    },
    expand(term) {
      const words = analyze(term);
      const hit = words.length > 0 ? lookup(words) : undefined;
      return hit ? termsOf(hit) : [];
    },
  };
}

/** Validates the parsed content of one glossary file; `source` names it in errors. */
export function parseGlossaryFile(data: unknown, source: string): GlossaryConcept[] {
  const parsed = glossaryFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GlossaryError(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

export const DEFAULT_GLOSSARY_DIR = path.join(process.cwd(), "search", "glossary");

/**
 * Loads every `*.json` file of `dir` (sorted, so results are deterministic).
 * A missing directory yields an empty glossary so the app still starts before
 * the data exists; malformed files and duplicate concept ids throw.
 */
export async function loadGlossary(dir: string = DEFAULT_GLOSSARY_DIR): Promise<Glossary> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return buildGlossary([]);
    throw error;
  }
  const concepts: GlossaryConcept[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const source = path.join(dir, file);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(source, "utf8"));
    } catch (error) {
      throw new GlossaryError(`${source}: invalid JSON (${(error as Error).message})`);
    }
    for (const concept of parseGlossaryFile(data, source)) {
      const previous = seen.get(concept.id);
      if (previous) throw new GlossaryError(`${source}: duplicate concept id "${concept.id}" (also in ${previous})`);
      seen.set(concept.id, source);
      concepts.push(concept);
    }
  }
  return buildGlossary(concepts);
}

export function glossaryStats(glossary: Glossary): GlossaryStats {
  const coverage = Object.fromEntries(LOCALES.map((l) => [l, 0])) as Record<Locale, number>;
  const knownFields = new Set<string>([...TECH_FIELDS, "general"]);
  let complete = 0;
  let terms = 0;
  const unknownFields: string[] = [];
  for (const concept of glossary.concepts) {
    let languages = 0;
    for (const locale of LOCALES) {
      const count = concept.terms[locale].length;
      terms += count;
      if (count > 0) {
        coverage[locale]++;
        languages++;
      }
    }
    if (languages === LOCALES.length) complete++;
    if (!knownFields.has(concept.field)) unknownFields.push(concept.id);
  }
  return { concepts: glossary.concepts.length, coverage, complete, terms, unknownFields };
}

/** Lowercase, NFKC, single spaces: how a term is written into Meilisearch synonyms. */
function synonymKey(term: string): string {
  return term.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Meilisearch `synonyms`: each term → the other terms of its concept(s).
 * Alternatives are taken round-robin across languages (ko, en, ja, zh, vi,
 * es, ar) so the cap never drops a whole language.
 */
export function buildMeiliSynonyms(glossary: Glossary, maxPerTerm = MAX_SYNONYMS_PER_TERM): Record<string, string[]> {
  const byTerm = new Map<string, Set<string>>();
  for (const concept of glossary.concepts) {
    const oneWay = new Set((concept.oneWay ?? []).map(synonymKey));
    const perLanguage = LOCALES.map((l) => [...new Set(concept.terms[l].map(synonymKey))].filter((t) => !oneWay.has(t)));
    const ordered: string[] = [];
    for (let i = 0; perLanguage.some((list) => i < list.length); i++) {
      for (const list of perLanguage) if (i < list.length && !ordered.includes(list[i])) ordered.push(list[i]);
    }
    // One-way terms get the concept's terms as synonyms but are nobody's synonym.
    for (const term of [...ordered, ...oneWay]) {
      const set = byTerm.get(term) ?? new Set<string>();
      for (const other of ordered) {
        if (set.size >= maxPerTerm) break;
        if (other !== term) set.add(other);
      }
      byTerm.set(term, set);
    }
  }
  const synonyms: Record<string, string[]> = {};
  for (const [term, set] of [...byTerm].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (set.size > 0) synonyms[term] = [...set];
  }
  return synonyms;
}
