/**
 * Turning text into `HighlightSegment[]` (never HTML): the embedded engine marks
 * the words whose index terms matched, the Meilisearch adapter converts its
 * pre/post-tag markers. Segments cover the original text exactly, so joining
 * their `text` gives back the input unchanged.
 */
import type { HighlightSegment } from "./types";
import { analyzeArabicRun, analyzeHangulRun, analyzeWordRun, classify, normalize, type CharClass } from "./tokenize";

// A base character with its combining marks, so decomposed Vietnamese and
// Arabic with tashkeel map onto one normalised unit.
const RE_MARK = /^\p{M}$/u;
const markCache = new Map<number, boolean>();
function isMark(cp: number): boolean {
  if (cp < 0x300 || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0x4e00 && cp <= 0x9fff)) return false;
  let mark = markCache.get(cp);
  if (mark === undefined) {
    mark = RE_MARK.test(String.fromCodePoint(cp));
    if (markCache.size < 20_000) markCache.set(cp, mark);
  }
  return mark;
}

// Highlighting normalises character by character (to keep offsets into the
// original text); most characters need no work, the rest are cached.
const normCache = new Map<string, string>();
function normalizeCluster(cluster: string): string {
  if (cluster.length === 1) {
    const c = cluster.charCodeAt(0);
    if (c < 0x80) return c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : cluster;
    // Hangul syllables, kana and CJK unified ideographs are NFKC- and case-stable.
    if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3041 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff)) return cluster;
  }
  let norm = normCache.get(cluster);
  if (norm === undefined) {
    norm = normalize(cluster);
    if (normCache.size < 20_000) normCache.set(cluster, norm);
  }
  return norm;
}

/** The text split into clusters (base + marks, or a run of leading marks), in parallel arrays. */
interface Clusters {
  text: string[];
  norm: string[];
  cls: CharClass[];
}

function splitClusters(text: string): Clusters {
  const out: Clusters = { text: [], norm: [], cls: [] };
  let i = 0;
  while (i < text.length) {
    const first = text.codePointAt(i)!;
    let j = i + (first > 0xffff ? 2 : 1);
    // (a run of marks with no base before it is one cluster too)
    while (j < text.length) {
      const cp = text.codePointAt(j)!;
      if (!isMark(cp)) break;
      j += cp > 0xffff ? 2 : 1;
    }
    const cluster = j === i + 1 ? text[i] : text.slice(i, j);
    const norm = normalizeCluster(cluster);
    // Characters normalisation deletes (tatweel) must not split the word they sit in.
    out.text.push(cluster);
    out.norm.push(norm);
    out.cls.push(norm ? classify(norm) : (out.cls[out.cls.length - 1] ?? "sep"));
    i = j;
  }
  return out;
}

function toSegments(clusters: readonly string[], marked: readonly boolean[]): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let start = 0;
  for (let i = 1; i <= clusters.length; i++) {
    if (i < clusters.length && marked[i] === marked[start]) continue;
    segments.push({ text: clusters.slice(start, i).join(""), match: marked[start] });
    start = i;
  }
  return segments;
}

// Words recur across the texts of every page; their index forms are cached.
const formsCache = new Map<string, readonly string[]>();
function formsOf(cls: CharClass, word: string): readonly string[] {
  if (cls === "cjk") return [];
  const key = cls === "word" ? word : `${cls}\u0000${word}`;
  let forms = formsCache.get(key);
  if (forms === undefined) {
    forms = cls === "word" ? analyzeWordRun(word).forms : cls === "arabic" ? analyzeArabicRun(word).forms : cls === "hangul" ? analyzeHangulRun(word).forms : [];
    if (formsCache.size >= 50_000) formsCache.clear();
    formsCache.set(key, forms);
  }
  return forms;
}

/** Marks characters covered by a matched bigram (or a matched single character). */
function markByGrams(norm: readonly string[], start: number, end: number, terms: ReadonlySet<string>, marked: boolean[]): void {
  for (let i = start; i < end; i++) {
    if (i + 1 < end && terms.has(norm[i] + norm[i + 1])) {
      marked[i] = true;
      marked[i + 1] = true;
    }
    if (terms.has(norm[i])) marked[i] = true;
  }
}

/**
 * Segments of `text` where every word (or Hangul/Han/kana span) that produced
 * one of `terms` at indexing is marked. `terms` are index terms as returned by
 * the engine for the hit (literal, fuzzy, prefix, glossary and bigram matches).
 */
export function highlightText(text: string, terms: ReadonlySet<string>): HighlightSegment[] {
  if (!text) return [];
  if (terms.size === 0) return [{ text, match: false }];
  const clusters = splitClusters(text);
  const { norm, cls } = clusters;
  const marked = new Array<boolean>(norm.length).fill(false);

  let start = 0;
  while (start < norm.length) {
    const c = cls[start];
    let end = start + 1;
    while (end < norm.length && cls[end] === c) end++;
    if (c !== "sep") {
      const word = end === start + 1 ? norm[start] : norm.slice(start, end).join("");
      const forms = formsOf(c, word);
      if (forms.some((f) => terms.has(f))) marked.fill(true, start, end);
      else if (c === "hangul" || c === "cjk") markByGrams(norm, start, end, terms, marked);
    }
    start = end;
  }
  return toSegments(clusters.text, marked);
}

/** Plain, unmarked segments (browse mode: nothing to highlight). */
export function plainSegments(text: string | undefined): HighlightSegment[] | undefined {
  return text ? [{ text, match: false }] : undefined;
}

/**
 * Converts a Meilisearch `_formatted` value, in which matches are wrapped in
 * `pre`/`post` markers, into segments. Markers are private-use characters the
 * adapter sends as highlightPreTag/PostTag, so listing text cannot forge them.
 */
export function segmentsFromMarkers(formatted: string, pre: string, post: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
  };
  let rest = formatted;
  while (rest) {
    const open = rest.indexOf(pre);
    if (open < 0) break;
    const close = rest.indexOf(post, open + pre.length);
    if (close < 0) break;
    push(rest.slice(0, open), false);
    push(rest.slice(open + pre.length, close), true);
    rest = rest.slice(close + post.length);
  }
  push(rest.split(pre).join("").split(post).join(""), false);
  return segments;
}
