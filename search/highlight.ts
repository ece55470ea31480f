/**
 * Turning text into `HighlightSegment[]` (never HTML): the embedded engine marks
 * the words whose index terms matched, the Meilisearch adapter converts its
 * pre/post-tag markers. Segments cover the original text exactly, so joining
 * their `text` gives back the input unchanged.
 */
import type { HighlightSegment } from "./types";
import { analyzeArabicRun, analyzeHangulRun, analyzeWordRun, classify, normalize, type CharClass } from "./tokenize";

interface Cluster {
  text: string;
  norm: string;
  cls: CharClass;
}

// A base character with its combining marks, so decomposed Vietnamese and
// Arabic with tashkeel map onto one normalised unit.
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

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

function toSegments(clusters: readonly Cluster[], marked: readonly boolean[]): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  for (let i = 0; i < clusters.length; i++) {
    const last = segments[segments.length - 1];
    if (last && last.match === marked[i]) last.text += clusters[i].text;
    else segments.push({ text: clusters[i].text, match: marked[i] });
  }
  return segments;
}

/** Marks characters covered by a matched bigram (or a matched single character). */
function markByGrams(run: readonly Cluster[], offset: number, terms: ReadonlySet<string>, marked: boolean[]): void {
  for (let i = 0; i < run.length; i++) {
    if (i + 1 < run.length && terms.has(run[i].norm + run[i + 1].norm)) {
      marked[offset + i] = true;
      marked[offset + i + 1] = true;
    }
    if (terms.has(run[i].norm)) marked[offset + i] = true;
  }
}

/**
 * Segments of `text` where every word (or Hangul/Han/kana span) that produced
 * one of `terms` at indexing is marked. `terms` are index terms as returned by
 * MiniSearch for the hit (literal, fuzzy, prefix, glossary and bigram matches).
 */
export function highlightText(text: string, terms: ReadonlySet<string>): HighlightSegment[] {
  if (!text) return [];
  if (terms.size === 0) return [{ text, match: false }];
  const clusters: Cluster[] = [];
  for (const m of text.matchAll(CLUSTER)) {
    const norm = normalizeCluster(m[0]);
    // Characters normalisation deletes (tatweel) must not split the word they sit in.
    const cls = norm ? classify(norm) : (clusters[clusters.length - 1]?.cls ?? "sep");
    clusters.push({ text: m[0], norm, cls });
  }
  const marked = new Array<boolean>(clusters.length).fill(false);

  let start = 0;
  while (start < clusters.length) {
    const cls = clusters[start].cls;
    let end = start + 1;
    while (end < clusters.length && clusters[end].cls === cls) end++;
    if (cls !== "sep") {
      const run = clusters.slice(start, end);
      const word = run.map((c) => c.norm).join("");
      const forms =
        cls === "word" ? analyzeWordRun(word).forms : cls === "arabic" ? analyzeArabicRun(word).forms : cls === "hangul" ? analyzeHangulRun(word).forms : [];
      if (forms.some((f) => terms.has(f))) marked.fill(true, start, end);
      else if (cls === "hangul" || cls === "cjk") markByGrams(run, start, terms, marked);
    }
    start = end;
  }
  return toSegments(clusters, marked);
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
