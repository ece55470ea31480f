/**
 * Text analysis shared by indexing and querying of the embedded engine and by
 * the glossary: normalisation (NFKC, lowercase, Arabic tashkeel), script-aware
 * word splitting and the extra variants that make a morphology-free index
 * usable for Korean, Japanese, Chinese, Vietnamese and Arabic.
 *
 * Two views of the same analysis:
 * - `tokenize(text)`: the flat list of index terms (what MiniSearch stores).
 * - `analyze(text)`: the query view, one `AnalyzedWord` per word the user typed,
 *   so the engine can require every word while accepting any of its variants.
 */

export type Script = "latin" | "hangul" | "cjk" | "arabic" | "other";

export interface AnalyzedWord {
  script: Script;
  /** The normalised word as written (lowercase, NFKC, tashkeel removed). */
  surface: string;
  /**
   * Whole-word index terms that stand for this word: the surface plus its
   * variants (Korean particle stripped, diacritics stripped, Arabic article
   * stripped). Any one of them matching counts as the word matching.
   */
  forms: string[];
  /**
   * Hangul/Han/kana only: the character bigrams of the word's stem. A document
   * containing all of them contains the word as a substring, which is how a
   * query "배터리" reaches "리튬이온배터리를" without a morphological analyser.
   * Empty for other scripts and for one-character words.
   */
  grams: string[];
  /** The most normalised form (the likeliest singular, else the last of `forms`), used for glossary keys. */
  base: string;
}

// Longest first so "에서" wins over "서"-less "에" and "으로" over "로".
const KOREAN_PARTICLES = ["에서", "으로", "의", "를", "을", "은", "는", "이", "가", "에", "로", "와", "과", "도", "만", "용"] as const;
// Definite article, also fused with the common one-letter proclitics
// (wa-, bi-, ka-, fa-) and the contracted li+al.
const ARABIC_ARTICLES = ["وال", "بال", "كال", "فال", "لل", "ال"] as const;

const TASHKEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
const HAS_KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const ONLY_HIRAGANA = /^\p{Script=Hiragana}+$/u;
const LATIN_WORD = /^[\p{Script=Latin}\p{N}\p{M}]+$/u;
const COMBINING_MARKS = /\p{M}/gu;
const RE_MARK = /^\p{M}$/u;

/** Coarse character classes that decide how a run of text is split into words. */
export type CharClass =
  | "sep"
  | "word" // Latin, Cyrillic, Greek, digits and any other alphabet written with spaces
  | "hangul"
  | "cjk" // Han, Hiragana, Katakana
  | "arabic";

const RE_HANGUL = /\p{Script=Hangul}/u;
const RE_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC\u3005]/u;
const RE_ARABIC = /\p{Script=Arabic}/u;
const RE_WORD = /[\p{L}\p{N}\p{M}]/u;

// Classification is on the hot path of indexing; ASCII and cached code points
// skip the Unicode property regexes.
const classCache = new Map<number, CharClass>();
/** Class of one (already normalised) character. */
export function classify(ch: string): CharClass {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) {
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a)) return "word";
    return "sep";
  }
  const cached = classCache.get(cp);
  if (cached !== undefined) return cached;
  let cls: CharClass;
  if (RE_HANGUL.test(ch)) cls = "hangul";
  else if (RE_CJK.test(ch)) cls = "cjk";
  else if (RE_ARABIC.test(ch)) cls = RE_WORD.test(ch) ? "arabic" : "sep";
  else if (RE_WORD.test(ch)) cls = "word";
  else cls = "sep";
  if (classCache.size < 50_000) classCache.set(cp, cls);
  return cls;
}

const segmenters = {
  ja: new Intl.Segmenter("ja", { granularity: "word" }),
  zh: new Intl.Segmenter("zh", { granularity: "word" }),
};

/** NFKC + lowercase + Arabic cleanup; the single normalisation used everywhere. */
export function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(TASHKEEL, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** "bán dẫn" → "ban dan", "batería" → "bateria"; đ has no decomposition. */
export function stripDiacritics(word: string): string {
  return word.normalize("NFD").replace(COMBINING_MARKS, "").replace(/đ/g, "d").normalize("NFC");
}

/** Removes one trailing Korean particle when at least two syllables remain. */
export function stripKoreanParticle(word: string): string | undefined {
  for (const particle of KOREAN_PARTICLES) {
    if (word.endsWith(particle) && [...word].length - particle.length >= 2) {
      return word.slice(0, word.length - particle.length);
    }
  }
  return undefined;
}

function stripArabicArticle(word: string): string | undefined {
  for (const article of ARABIC_ARTICLES) {
    if (word.startsWith(article) && [...word].length - article.length >= 2) {
      return word.slice(article.length);
    }
  }
  return undefined;
}

/** Overlapping character bigrams; a one-character string yields itself. */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

interface Run {
  cls: CharClass;
  text: string;
}

function splitRuns(normalized: string): Run[] {
  const runs: Run[] = [];
  let current = "";
  let currentClass: CharClass = "sep";
  for (const ch of normalized) {
    let cls = classify(ch);
    // Combining marks (decomposed Vietnamese) stay with the run they follow.
    if (cls === "word" && currentClass !== "word" && currentClass !== "sep" && RE_MARK.test(ch)) cls = currentClass;
    if (cls !== currentClass) {
      if (currentClass !== "sep" && current) runs.push({ cls: currentClass, text: current });
      current = "";
      currentClass = cls;
    }
    if (cls !== "sep") current += ch;
  }
  if (currentClass !== "sep" && current) runs.push({ cls: currentClass, text: current });
  return runs;
}

function uniq(values: string[]): string[] {
  return values.length < 2 ? values : [...new Set(values)];
}

function wordOf(script: Script, surface: string, variants: (string | undefined)[], grams: string[]): AnalyzedWord {
  const forms = uniq([surface, ...variants.filter((v): v is string => !!v)]);
  return { script, surface, forms, grams, base: forms[forms.length - 1] };
}

const ASCII_WORD = /^[a-z0-9]+$/;
const ASCII_LETTERS = /^[a-z]+$/;

/**
 * The singular a plural English or Spanish word may stand for, most likely first, or none:
 * "batteries" → battery, "cells" → cell, "switches" → switch, switche; "sensores" → sensore,
 * sensor; "baterias" → bateria. Words of four letters or fewer, and those ending in -ss, -us
 * or -is (glass, status, analysis), are left alone. Where the ending is ambiguous both
 * candidates are returned (English "modules" is module + s, Spanish "sensores" is sensor +
 * es): as extra forms of one word, a wrong candidate can only add a match, never lose one.
 * Applied to indexed and queried words alike, so "batteries" and "battery" find each other.
 */
export function singularForms(word: string): string[] {
  if (word.length <= 4 || !ASCII_LETTERS.test(word)) return [];
  if (!word.endsWith("s") || word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return [];
  if (word.endsWith("ies")) return [`${word.slice(0, -3)}y`];
  if (/[sxzhrlnd]es$/.test(word)) return [word.slice(0, -1), word.slice(0, -2)];
  return [word.slice(0, -1)];
}

export function analyzeWordRun(text: string): AnalyzedWord {
  // Fast path: plain ASCII words have no variants but their singulars (most of English/Spanish text).
  if (ASCII_WORD.test(text)) {
    const singulars = singularForms(text);
    if (singulars.length === 0) return { script: "latin", surface: text, forms: [text], grams: [], base: text };
    return { script: "latin", surface: text, forms: [text, ...singulars], grams: [], base: singulars[0] };
  }
  if (LATIN_WORD.test(text)) {
    const plain = stripDiacritics(text);
    const singulars = singularForms(plain);
    const word = wordOf("latin", text, [plain !== text ? plain : undefined, ...singulars], []);
    // The glossary key is the likeliest singular (wordOf would take the last candidate).
    return singulars.length ? { ...word, base: singulars[0] } : word;
  }
  return wordOf("other", text, [], []);
}

export function analyzeHangulRun(text: string): AnalyzedWord {
  const stem = stripKoreanParticle(text);
  const grams = [...(stem ?? text)].length >= 2 ? bigrams(stem ?? text) : [];
  return wordOf("hangul", text, [stem], grams);
}

export function analyzeArabicRun(text: string): AnalyzedWord {
  return wordOf("arabic", text, [stripArabicArticle(text)], []);
}

/** Segmenter words of a Han/kana run, without one-kana particles (の, を, は…). */
function segmentCjk(run: string, japanese: boolean): string[] {
  const segmenter = japanese ? segmenters.ja : segmenters.zh;
  const words: string[] = [];
  for (const seg of segmenter.segment(run)) {
    if (!seg.isWordLike) continue;
    const w = seg.segment;
    if (w.length === 1 && ONLY_HIRAGANA.test(w)) continue;
    words.push(w);
  }
  return words;
}

function cjkWord(w: string): AnalyzedWord {
  return wordOf("cjk", w, [], [...w].length >= 2 ? bigrams(w) : []);
}

/**
 * Query view: the words of `text` in order with their variants. Japanese is
 * assumed when the text contains kana, Chinese otherwise (Intl.Segmenter
 * needs the locale and a kana-free Han string is more often Chinese).
 */
export function analyze(text: string): AnalyzedWord[] {
  const normalized = normalize(text);
  const japanese = HAS_KANA.test(normalized);
  const words: AnalyzedWord[] = [];
  for (const run of splitRuns(normalized)) {
    switch (run.cls) {
      case "word":
        words.push(analyzeWordRun(run.text));
        break;
      case "hangul":
        words.push(analyzeHangulRun(run.text));
        break;
      case "arabic":
        words.push(analyzeArabicRun(run.text));
        break;
      case "cjk":
        for (const w of segmentCjk(run.text, japanese)) words.push(cjkWord(w));
        break;
    }
  }
  return words;
}

/**
 * Index view: every term a document should be findable by. For Han/kana the
 * bigrams span the whole run (not just each segmenter word) so that a query
 * segmented differently from the document still finds all its bigrams.
 */
export function tokenize(text: string): string[] {
  const normalized = normalize(text);
  const japanese = HAS_KANA.test(normalized);
  const terms: string[] = [];
  for (const run of splitRuns(normalized)) {
    switch (run.cls) {
      case "word":
        terms.push(...analyzeWordRun(run.text).forms);
        break;
      case "arabic":
        terms.push(...analyzeArabicRun(run.text).forms);
        break;
      case "hangul": {
        const word = analyzeHangulRun(run.text);
        terms.push(...word.forms);
        // Bigrams of the full word (a superset of the stem's bigrams).
        if ([...run.text].length > 2) terms.push(...bigrams(run.text));
        break;
      }
      case "cjk": {
        const words = segmentCjk(run.text, japanese);
        terms.push(...words);
        if ([...run.text].length > 1) {
          const seen = new Set(words);
          for (const gram of bigrams(run.text)) if (!seen.has(gram)) terms.push(gram);
        }
        break;
      }
    }
  }
  return terms;
}

/** True for words typo tolerance may apply to: Latin letters, at least one non-digit. */
export function isTypoTolerantWord(word: AnalyzedWord): boolean {
  return word.script === "latin" && /\p{L}/u.test(word.surface);
}

const WORDS = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * For engines without stemming (Meilisearch): the singular candidates of the plural Latin
 * words in `texts`, each once — indexed beside the text so a singular query finds a plural.
 */
export function singularsOf(texts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    for (const [word] of normalize(text).matchAll(WORDS)) for (const singular of singularForms(stripDiacritics(word))) out.add(singular);
  }
  return [...out];
}

/**
 * For engines without stemming: the query with each plural Latin word replaced by its
 * singular when there is only one candidate ("bipolar plates" → "bipolar plate"); the
 * document's `singulars` then hold the same word for texts written in the plural.
 */
export function singularQuery(q: string): string {
  return q.replace(WORDS, (word) => {
    const singulars = singularForms(stripDiacritics(normalize(word)));
    return singulars.length === 1 ? singulars[0] : word;
  });
}
