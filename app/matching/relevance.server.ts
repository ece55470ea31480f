/**
 * The text half of a match: how relevant each published listing is to a need's title and
 * description, measured by the app's search engine (embedded or Meilisearch) so a need
 * written in Japanese, Vietnamese or Arabic reaches listings written in Korean and
 * English through the glossary, exactly as a buyer's own search would.
 *
 * A need's text is long, and the engines require every query word to match, so it is not
 * sent as one query. It is split into the technology concepts the multilingual glossary
 * finds in it plus the remaining significant words; each becomes one small query. Every
 * query's hits are normalised by its best hit (engine scores are only comparable within
 * one result) and weighted by how rare the term is in the catalogue (a word every listing
 * has tells nothing) and by where it appears (title over description).
 */
import { loadGlossary, type Glossary } from "@search/glossary";
import { STOP_WORDS } from "@search/shared";
import { analyze, type AnalyzedWord } from "@search/tokenize";
import type { SearchEngine } from "@search/types";
import { isLocale } from "~/domain/taxonomy";
import type { TextRelevance } from "./score";

let glossaryPromise: Promise<Glossary> | undefined;
export function matchingGlossary(): Promise<Glossary> {
  glossaryPromise ??= loadGlossary().catch((error: unknown) => {
    glossaryPromise = undefined;
    throw error;
  });
  return glossaryPromise;
}

/** Words that say nothing about the technology wanted (besides the engines' stop words). */
const FILLER = new Set([
  "about", "above", "after", "also", "able", "based", "before", "being", "below", "beyond", "both", "could", "each", "from", "have", "into", "least", "looking",
  "more", "must", "need", "needs", "other", "over", "please", "preferred", "share", "should", "such", "than", "that", "their", "them", "there", "these",
  "they", "this", "those", "under", "using", "want", "well", "were", "what", "when", "where", "which", "while", "will", "with", "within", "would",
  "your", "ours", "possible", "interested", "provide", "including", "following", "technology", "technologies", "solution", "solutions",
  "para", "como", "donde", "entre", "nuestra", "nuestro", "nuestros", "nuestras", "sobre", "desde", "hasta", "tecnología", "tecnologías", "buscamos",
  "cũng", "những", "được", "chúng", "công", "nghệ",
  // Japanese / Chinese general words (the tokenizer keeps them as words of their own)
  "技術", "技术", "向け", "以上", "以下", "提供", "実現", "可能", "希望", "必要", "求め", "我们", "我司", "需要", "寻求", "以及", "进行", "相关", "提高", "降低", "小时", "试验",
  // Arabic general words
  "تقنية", "تقنيات", "حلول", "نبحث", "لدينا",
]);
const ONLY_KANA_OR_ONE_HAN = /^(\p{Script=Hiragana}+|\p{Script=Han})$/u;

const MAX_QUERIES = 40;
const HITS_PER_QUERY = 50;
const TITLE_WEIGHT = 2;
const DESCRIPTION_WEIGHT = 1;
/** A plain word weighs less than a glossary concept, which names a technology in every language. */
const WORD_FACTOR = 0.6;

export interface PlannedQuery {
  q: string;
  weight: number;
  concept?: string;
  word?: string;
}

function significant(word: AnalyzedWord): boolean {
  if (STOP_WORDS.has(word.surface) || FILLER.has(word.surface) || FILLER.has(word.base)) return false;
  if (/^\p{N}+$/u.test(word.surface)) return false;
  switch (word.script) {
    case "latin":
      return [...word.surface].length >= 4;
    case "arabic":
      return [...word.base].length >= 4;
    case "hangul":
      return [...word.surface].length >= 2;
    case "cjk":
      // Hiragana-only words are inflections and particles; a lone kanji is too ambiguous.
      return [...word.surface].length >= 2 && !ONLY_KANA_OR_ONE_HAN.test(word.surface);
    default:
      return false;
  }
}

/** The queries for one need: glossary concepts first, then significant words, title weighing double. */
export function planQueries(glossary: Glossary, title: string, description: string): PlannedQuery[] {
  const byKey = new Map<string, PlannedQuery>();
  const collect = (text: string, weight: number) => {
    const words = analyze(text);
    const covered = new Set<number>();
    for (const match of glossary.match(words)) {
      const phrase = words.slice(match.start, match.end);
      for (let i = match.start; i < match.end; i++) covered.add(i);
      const concept = match.conceptIds[0]!;
      // Deal vocabulary (licence, joint venture, patent…) says how, not what: transfer modes cover it.
      if (concept.startsWith("general.")) continue;
      const q = phrase.map((w) => w.surface).join(phrase.every((w) => w.script === "cjk") ? "" : " ");
      const existing = byKey.get(`c:${concept}`);
      if (existing) existing.weight = Math.max(existing.weight, weight);
      else byKey.set(`c:${concept}`, { q, weight, concept });
    }
    words.forEach((word, i) => {
      if (covered.has(i) || !significant(word)) return;
      const key = `w:${word.base}`;
      const existing = byKey.get(key);
      if (existing) existing.weight = Math.max(existing.weight, weight * WORD_FACTOR);
      else byKey.set(key, { q: word.surface, weight: weight * WORD_FACTOR, word: word.surface });
    });
  };
  collect(title, TITLE_WEIGHT);
  collect(description, DESCRIPTION_WEIGHT);
  // Concepts and title words first, then the description's longest (most specific) words.
  return [...byKey.values()]
    .sort((a, b) => Number(Boolean(b.concept)) - Number(Boolean(a.concept)) || b.weight - a.weight || b.q.length - a.q.length)
    .slice(0, MAX_QUERIES);
}

/**
 * Relevance of every listing the need's queries reach (listings not in the map matched
 * nothing). `score` is the weighted share of the need's vocabulary the listing matched,
 * over the terms the catalogue has at all.
 */
export async function textRelevance(engine: SearchEngine, need: { locale: string; title: string; description: string }): Promise<Map<string, TextRelevance>> {
  const glossary = await matchingGlossary();
  const queries = planQueries(glossary, need.title, need.description);
  const locale = isLocale(need.locale) ? need.locale : "en";
  const catalogue = Math.max(1, await engine.count());
  const raw = new Map<string, { sum: number; concepts: { id: string; w: number }[]; words: { word: string; w: number }[] }>();
  let mass = 0;
  for (const planned of queries) {
    const result = await engine.search({ q: planned.q, locale, filters: {}, sort: "relevance", page: 1, pageSize: HITS_PER_QUERY });
    if (result.total === 0 || result.hits.length === 0) {
      // A technology concept no listing has still belongs to what the buyer wants: it lowers
      // every listing's share (a need whose core nothing covers gets no strong match).
      // Unmatched plain words (names, places, typos) do not.
      if (planned.concept) mass += planned.weight * Math.log(1 + catalogue);
      continue;
    }
    // Inverse document frequency: a term half the catalogue has counts for little.
    const idf = Math.log(1 + catalogue / result.total);
    const weight = planned.weight * idf;
    mass += weight;
    const best = Math.max(...result.hits.map((h) => h.score)) || 1;
    for (const hit of result.hits) {
      const share = weight * (hit.score > 0 ? hit.score / best : 1);
      const entry = raw.get(hit.id) ?? { sum: 0, concepts: [], words: [] };
      entry.sum += share;
      if (planned.concept) entry.concepts.push({ id: planned.concept, w: share });
      else if (planned.word) entry.words.push({ word: planned.word, w: share });
      raw.set(hit.id, entry);
    }
  }
  const out = new Map<string, TextRelevance>();
  if (mass === 0) return out;
  for (const [id, entry] of raw) {
    const coverage = entry.sum / mass;
    out.set(id, {
      // A listing rarely shares more than a third of a buyer's vocabulary; that already counts as fully relevant.
      score: Math.min(1, coverage * 3),
      concepts: entry.concepts.sort((a, b) => b.w - a.w).map((c) => c.id),
      words: entry.words.sort((a, b) => b.w - a.w).map((w) => w.word),
    });
  }
  return out;
}
