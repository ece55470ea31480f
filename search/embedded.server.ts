/**
 * The embedded search engine: an in-process inverted index in typed arrays
 * (`posting-index.ts`, scored and queried with MiniSearch's semantics) with the
 * CJK-aware tokenizer and glossary query expansion. It is the default when no
 * Meilisearch server is configured (local start, CI) and follows the same
 * contract as the Meilisearch adapter (see types.ts for the shared semantics).
 *
 * Per document: its postings, its facts for filters, facets and sorts in the
 * columnar RowStore (field code, TRL, bitmasks of modes/regions/certifications,
 * price bounds, publish time) and, unless the app passes `getTexts`, its titles,
 * summaries and card facts as UTF-8 in `TextStore`. Bodies are indexed but
 * never stored.
 *
 * Field labels (the same 7 labels on every document of a field) are indexed as
 * ONE field token per document and query words are matched against a tiny
 * label index (MiniSearch) instead; bodies are indexed up to `bodyIndexChars`
 * per locale.
 */
import type { Query } from "minisearch";
import { LOCALES, type Locale } from "../app/domain/taxonomy";
import { SearchEngineError } from "./errors";
import { loadGlossary, type Glossary } from "./glossary";
import { highlightText, plainSegments } from "./highlight";
import { PostingIndex, type Query as IndexQuery } from "./posting-index";
import { compileFilter, createCodeBooks, FacetCounter, RowStore, type SlotFilter } from "./row-store";
import { highlightLocales, isIterable, normalizeQuery, STOP_WORDS } from "./shared";
import { TextStore } from "./text-store";
import { analyze, isTypoTolerantWord, tokenize, type AnalyzedWord } from "./tokenize";
import type { SearchDocument, SearchEngine, SearchHit, SearchQuery, SearchResult, StoredListing } from "./types";

export type HighlightTexts = Pick<SearchDocument, "title" | "summary">;

export interface EmbeddedEngineOptions {
  /** Glossary for query expansion; loaded from `glossaryDir` (default search/glossary) on init when absent. */
  glossary?: Glossary;
  glossaryDir?: string;
  /**
   * Supplies title/summary of the hits on the current page for highlighting
   * (e.g. from the database that renders the cards anyway). When given, the
   * engine keeps no text in memory; when absent it keeps titles and summaries
   * of every locale (not bodies).
   */
  getTexts?: (ids: readonly string[]) => Promise<ReadonlyMap<string, HighlightTexts>>;
  /** Characters of each locale's body that are indexed (bounds index memory for very long bodies). */
  bodyIndexChars?: number;
}

/** Literal query words outweigh glossary equivalents so exact wording ranks first. */
const EXPANSION_BOOST = 0.5;
const DEFAULT_BODY_INDEX_CHARS = 300;
/** Prefix of the per-document field token; a control character, so no real token collides. */
const FIELD_TOKEN = "\u0002";
const FIELD_BOOSTS = { titles: 3, summaries: 2, keywords: 2, fieldLabels: 2, bodies: 1, orgName: 1, ipc: 1 } as const;

const INDEX_FIELDS = Object.keys(FIELD_BOOSTS) as (keyof typeof FIELD_BOOSTS)[];
/** Dead slots (deleted or replaced listings) are compacted away past this many and this share. */
const COMPACT_MIN_DEAD = 2000;
const COMPACT_DEAD_SHARE = 0.25;

/**
 * MiniSearch's radix tree (our term dictionary, `SearchableMap`) scans a node's children linearly. Latin terms give a
 * fan-out of a few dozen, but Hangul and Han terms put thousands of distinct
 * first characters under the root, which made every insert, lookup and fuzzy
 * walk crawl. So Hangul/Han/kana terms enter the index spelled in 16
 * private-use "nibble" characters (4 per UTF-16 unit): fan-out ≤ 16, prefixes
 * preserved (prefix search still works), and no Latin query term can ever be
 * within typo distance of them. Highlighting decodes the matched terms back.
 */
const NIBBLE_BASE = 0xe000;
function isWideScriptUnit(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdbff);
}
export function encodeTerm(term: string): string {
  if (!isWideScriptUnit(term.charCodeAt(0))) return term;
  // Built in one go: a string concatenated piece by piece is a rope that every Map
  // lookup would flatten again before hashing.
  const units = new Array<number>(term.length * 4);
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    units[4 * i] = NIBBLE_BASE + (c >>> 12);
    units[4 * i + 1] = NIBBLE_BASE + ((c >>> 8) & 15);
    units[4 * i + 2] = NIBBLE_BASE + ((c >>> 4) & 15);
    units[4 * i + 3] = NIBBLE_BASE + (c & 15);
  }
  return String.fromCharCode(...units);
}
export function decodeTerm(term: string): string {
  if (term.charCodeAt(0) < NIBBLE_BASE || term.charCodeAt(0) > NIBBLE_BASE + 15) return term;
  let out = "";
  for (let i = 0; i + 3 < term.length; i += 4) {
    const n = (k: number) => term.charCodeAt(i + k) - NIBBLE_BASE;
    out += String.fromCharCode((n(0) << 12) | (n(1) << 8) | (n(2) << 4) | n(3));
  }
  return out;
}

/** The searchable fields of a document, joined across locales, in INDEX_FIELDS order. */
type IndexRecord = Record<keyof typeof FIELD_BOOSTS, string>;

interface IndexState {
  index: PostingIndex;
  store: RowStore;
  /** slot → StoredText; null when texts come from `getTexts`. */
  texts: TextStore | null;
}

/** What TextStore keeps per slot: titles/summaries by locale (+ the card facts when given). */
type StoredText = Omit<StoredListing, "display"> & { display?: StoredListing["display"] };

/** At most `maxChars`, cut at a space when one is near so no half word gets indexed. */
function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const space = text.lastIndexOf(" ", maxChars);
  return text.slice(0, space > maxChars * 0.8 ? space : maxChars);
}

function joinLocales(texts: Partial<Record<Locale, string>>, maxChars = Number.POSITIVE_INFINITY): string {
  let out = "";
  for (const locale of LOCALES) {
    const text = texts[locale];
    if (text) out += (out ? "\n" : "") + truncate(text, maxChars);
  }
  return out;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createEmbeddedEngine(options: EmbeddedEngineOptions = {}): SearchEngine {
  const bodyIndexChars = options.bodyIndexChars ?? DEFAULT_BODY_INDEX_CHARS;
  const books = createCodeBooks();
  let glossary: Glossary | undefined = options.glossary;
  let ready: Promise<void> | undefined;
  let state = newState();
  /** Changes made while replaceAll builds a new state; replayed into it before the swap. */
  let pendingDuringRebuild: Map<string, SearchDocument | null> | null = null;
  const expansionCache = new Map<string, { query: Query; weight: number } | null>();

  function newState(): IndexState {
    return {
      // tokenize already normalises; query terms are finished terms, encoded like index terms.
      index: new PostingIndex(INDEX_FIELDS, FIELD_BOOSTS, encodeTerm),
      store: new RowStore(books),
      texts: options.getTexts ? null : new TextStore(),
    };
  }

  function toRecord(doc: SearchDocument): IndexRecord {
    return {
      titles: joinLocales(doc.title),
      summaries: joinLocales(doc.summary),
      bodies: joinLocales(doc.body, bodyIndexChars),
      keywords: doc.keywords.join("\n"),
      fieldLabels: FIELD_TOKEN + doc.field,
      orgName: doc.orgName,
      ipc: doc.ipc.join("\n"),
    };
  }

  function indexTerms(record: IndexRecord): string[][] {
    return INDEX_FIELDS.map((field) => {
      const text = record[field];
      return (field === "fieldLabels" ? [text] : tokenize(text)).map(encodeTerm).filter(Boolean);
    });
  }

  /** field code → every label documents gave it; searched at query time instead of per document. */
  const labelsByField = new Map<string, Set<string>>();
  /** The label index: one document per field code (slot → code), built on demand. */
  let labelIndex: { index: PostingIndex; codes: string[] } | null = null;

  function noteLabels(doc: SearchDocument): void {
    let labels = labelsByField.get(doc.field);
    if (!labels) labelsByField.set(doc.field, (labels = new Set()));
    for (const label of doc.fieldLabels) {
      if (!labels.has(label)) {
        labels.add(label);
        labelIndex = null; // rebuilt on the next search (a dozen tiny documents)
      }
    }
  }

  function getLabelIndex(): { index: PostingIndex; codes: string[] } {
    if (!labelIndex) {
      const index = new PostingIndex(["labels"], {}, encodeTerm);
      const codes: string[] = [];
      for (const [code, labels] of labelsByField) {
        codes[index.add([tokenize([...labels].join("\n")).map(encodeTerm)])] = code;
      }
      labelIndex = { index, codes };
    }
    return labelIndex;
  }

  /** `query` OR the field tokens of the fields whose labels `query` matches, at `weight`. */
  function withFieldTokens(query: Query, weight: number): Query {
    // Only which fields match counts (a document has one field token), not their order or scores.
    const { index, codes } = getLabelIndex();
    const { slots, count } = index.search(query as IndexQuery, null);
    const fields = Array.from(slots.subarray(0, count), (slot) => FIELD_TOKEN + codes[slot]);
    if (fields.length === 0) return query;
    return { combineWith: "OR", queries: [query, { combineWith: "OR", queries: fields, fuzzy: false, prefix: false, boostTerm: () => weight }] };
  }

  function addTo(target: IndexState, doc: SearchDocument): void {
    if (!doc.id) throw new SearchEngineError("document without id", "invalid_document");
    noteLabels(doc);
    if (target.store.has(doc.id)) removeFrom(target, doc.id);
    const slot = target.index.add(indexTerms(toRecord(doc)));
    target.store.put(doc, slot);
    if (target.texts) {
      const stored: StoredText = { slug: doc.slug, field: doc.field, trl: doc.trl, title: {}, summary: {}, display: doc.display };
      for (const locale of LOCALES) {
        if (doc.title[locale] !== undefined) stored.title[locale] = doc.title[locale];
        if (doc.summary[locale] !== undefined) stored.summary[locale] = doc.summary[locale];
      }
      target.texts.set(slot, stored);
    }
  }

  function removeFrom(target: IndexState, id: string): void {
    const slot = target.store.slotOf(id);
    if (slot === undefined || !target.store.delete(id)) return;
    target.index.remove(slot);
    target.texts?.delete(slot);
    const dead = target.index.deadCount;
    if (dead >= COMPACT_MIN_DEAD && dead > target.index.slotCount * COMPACT_DEAD_SHARE) {
      const remap = target.index.compact();
      target.store.compact(remap);
      target.texts?.compact(remap);
    }
  }

  async function ensureReady(): Promise<void> {
    ready ??= (async () => {
      glossary ??= await loadGlossary(options.glossaryDir);
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    await ready;
  }

  // ---- query planning ------------------------------------------------------

  /** Meilisearch's thresholds: one typo from 5 letters, two from 9; Latin script only. */
  function typosFor(word: AnalyzedWord): number | false {
    if (!isTypoTolerantWord(word)) return false;
    const length = [...word.surface].length;
    return length >= 9 ? 2 : length >= 5 ? 1 : false;
  }

  function prefixFor(word: AnalyzedWord, isLast: boolean): boolean {
    if (!isLast) return false;
    const length = [...word.surface].length;
    return (word.script === "latin" && length >= 3) || (word.script === "hangul" && length >= 2);
  }

  /**
   * Bigram conjunction of a Hangul/Han/kana word, or undefined when the forms
   * already say it. Each bigram weighs 1/k so a k-bigram word scores about one
   * word, not k (otherwise CJK matches would outrank Latin ones by length).
   */
  function gramsQuery(word: AnalyzedWord, weight = 1): Query | undefined {
    if (word.grams.length === 0) return undefined;
    if (word.grams.length === 1 && word.forms.includes(word.grams[0])) return undefined;
    const share = weight / word.grams.length;
    return { combineWith: "AND", queries: word.grams, fuzzy: false, prefix: false, boostTerm: () => share };
  }

  function literalWordQuery(word: AnalyzedWord, isLast: boolean): Query {
    const forms: Query = { combineWith: "OR", queries: word.forms, fuzzy: typosFor(word), prefix: prefixFor(word, isLast) };
    const grams = gramsQuery(word);
    return grams ? { combineWith: "OR", queries: [forms, grams] } : forms;
  }

  /** One glossary term as a query: all its words, each by its bigrams (CJK/Hangul) or forms, at `weight`. */
  function expansionTermQuery(term: string, weight: number): Query | undefined {
    const words = analyze(term);
    if (words.length === 0) return undefined;
    const parts = words.map((w): Query => gramsQuery(w, weight) ?? { combineWith: "OR", queries: w.forms, boostTerm: () => weight });
    return parts.length === 1 ? parts[0] : { combineWith: "AND", queries: parts };
  }

  /**
   * Glossary equivalents as one OR. MiniSearch sums the scores of everything
   * that matches, and a concept has ~20 terms, so each term gets
   * EXPANSION_BOOST / sqrt(n): a document matching several equivalents still
   * ranks below one matching the literal words in the same fields.
   */
  function expansionQuery(terms: readonly string[], literalKey: string): { query: Query; weight: number } | null {
    const cacheKey = `${literalKey}\u0000${terms.join("\u0001")}`;
    const cached = expansionCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const equivalents = terms.filter((term) => analyze(term).map((w) => w.surface).join(" ") !== literalKey);
    const weight = EXPANSION_BOOST / Math.sqrt(Math.max(1, equivalents.length));
    const queries = equivalents.map((term) => expansionTermQuery(term, weight)).filter((q): q is Query => q !== undefined);
    const query = queries.length > 0 ? { query: { combineWith: "OR", queries, fuzzy: false, prefix: false } satisfies Query, weight } : null;
    if (expansionCache.size > 5000) expansionCache.clear();
    expansionCache.set(cacheKey, query);
    return query;
  }

  /** One AND-ed group per query word (or glossary phrase), each an OR of its variants. */
  function planGroups(q: string): Query[] {
    const words = analyze(q);
    if (words.length === 0) return [];
    const matches = glossary?.match(words) ?? [];
    const groups: { query: Query; stopWord: boolean }[] = [];
    let i = 0;
    for (const match of [...matches, { start: words.length, end: words.length, terms: [] as readonly string[] }]) {
      for (; i < match.start; i++) {
        groups.push({ query: withFieldTokens(literalWordQuery(words[i], i === words.length - 1), 1), stopWord: STOP_WORDS.has(words[i].surface) });
      }
      if (match.end === match.start) continue;
      const phrase = words.slice(match.start, match.end);
      const literalParts = phrase.map((w, k) => literalWordQuery(w, match.start + k === words.length - 1));
      const literal: Query = literalParts.length === 1 ? literalParts[0] : { combineWith: "AND", queries: literalParts };
      const expansion = expansionQuery(match.terms, phrase.map((w) => w.surface).join(" "));
      const alternatives: Query[] = [withFieldTokens(literal, 1)];
      if (expansion) alternatives.push(withFieldTokens(expansion.query, expansion.weight));
      groups.push({ query: alternatives.length === 1 ? alternatives[0] : { combineWith: "OR", queries: alternatives }, stopWord: false });
      i = match.end;
    }
    const meaningful = groups.filter((g) => !g.stopWord);
    return (meaningful.length > 0 ? meaningful : groups).map((g) => g.query);
  }

  // ---- highlights ------------------------------------------------------------

  interface PageEntry {
    id: string;
    slot: number;
    score: number;
    terms?: string[];
  }

  async function textsFor(target: IndexState, page: PageEntry[]): Promise<ReadonlyMap<string, HighlightTexts | StoredText>> {
    if (options.getTexts) return options.getTexts(page.map((p) => p.id));
    const out = new Map<string, StoredText>();
    for (const { id, slot } of page) {
      const stored = target.texts?.get<StoredText>(slot);
      if (stored) out.set(id, stored);
    }
    return out;
  }

  function bestText(texts: Partial<Record<Locale, string>> | undefined, order: readonly Locale[]): string | undefined {
    if (!texts) return undefined;
    for (const locale of order) if (texts[locale]) return texts[locale];
    return undefined;
  }

  async function buildHits(target: IndexState, page: PageEntry[], viewer: Locale): Promise<SearchHit[]> {
    const texts = await textsFor(target, page);
    const order = highlightLocales(viewer);
    return page.map(({ id, score, terms }) => {
      const docTexts = texts.get(id);
      const title = bestText(docTexts?.title, order);
      const summary = bestText(docTexts?.summary, order);
      const highlights: SearchHit["highlights"] = {};
      if (terms) {
        const termSet = new Set(terms.map(decodeTerm));
        if (title) highlights.title = highlightText(title, termSet);
        if (summary) highlights.summary = highlightText(summary, termSet);
      } else {
        highlights.title = plainSegments(title);
        highlights.summary = plainSegments(summary);
        if (!highlights.title) delete highlights.title;
        if (!highlights.summary) delete highlights.summary;
      }
      const hit: SearchHit = { id, score, highlights };
      const stored = docTexts as StoredText | undefined;
      if (stored && "display" in stored && stored.display) hit.listing = stored as StoredListing;
      return hit;
    });
  }

  // ---- search ----------------------------------------------------------------

  /** Every word must match; if nothing does, drop words from the end (like Meilisearch's "last" matching strategy). */
  function runQuery(target: IndexState, groups: IndexQuery[], filter: SlotFilter | null) {
    for (let n = groups.length; n > 0; n--) {
      const query: IndexQuery = n === 1 ? groups[0] : { combineWith: "AND", queries: groups.slice(0, n) };
      const matches = target.index.search(query, filter);
      if (matches.count > 0 || n === 1) return { matches };
    }
    throw new Error("unreachable: runQuery without groups");
  }

  async function search(input: SearchQuery): Promise<SearchResult> {
    await ensureReady();
    const started = performance.now();
    const query = normalizeQuery(input);
    const target = state;
    const { store } = target;
    const filter = compileFilter(store, books, query.filters);
    const counter = new FacetCounter(store, books);
    const from = (query.page - 1) * query.pageSize;
    const to = from + query.pageSize;
    // The planner builds MiniSearch queries (the label index is a MiniSearch); the posting index reads the same trees.
    const groups = query.q ? (planGroups(query.q) as IndexQuery[]) : [];
    let total = 0;
    let page: PageEntry[];

    if (groups.length === 0) {
      // Browse mode: walk a presorted order once, counting facets and taking the page.
      const order = store.order(query.sort === "relevance" ? "newest" : query.sort);
      page = [];
      for (let i = 0; i < order.length; i++) {
        const slot = order[i];
        if (filter && !filter(slot)) continue;
        counter.add(slot);
        if (total >= from && total < to) page.push({ id: store.idAt(slot), slot, score: 0 });
        total++;
      }
    } else {
      const { matches } = runQuery(target, groups, filter);
      const { slots, scores, count } = matches;
      for (let i = 0; i < count; i++) counter.add(slots[i]);
      total = count;
      // Score order (relevance) or the sort's order; ties go newest first like everywhere else.
      const compare = store.comparator(query.sort === "relevance" ? "newest" : query.sort);
      const better =
        query.sort === "relevance" ? (a: number, b: number) => scores[b] - scores[a] || compare(slots[a], slots[b]) : (a: number, b: number) => compare(slots[a], slots[b]);
      page = topK(count, to, better)
        .slice(from)
        .map((i) => ({ id: store.idAt(slots[i]), slot: slots[i], score: scores[i], terms: target.index.matchedTerms(matches.plan, slots[i]) }));
    }

    const hits = await buildHits(target, page, query.locale);
    return {
      hits,
      total,
      page: query.page,
      pageSize: query.pageSize,
      facets: counter.result(),
      processingTimeMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  return {
    name: "embedded",
    init: ensureReady,
    async upsert(docs) {
      await ensureReady();
      for (const doc of docs) {
        addTo(state, doc);
        pendingDuringRebuild?.set(doc.id, doc);
      }
    },
    async remove(ids) {
      await ensureReady();
      for (const id of ids) {
        removeFrom(state, id);
        pendingDuringRebuild?.set(id, null);
      }
    },
    async replaceAll(batches, onProgress) {
      await ensureReady();
      if (pendingDuringRebuild) throw new SearchEngineError("a rebuild is already running", "rebuild_in_progress");
      const next = newState();
      pendingDuringRebuild = new Map();
      try {
        let done = 0;
        let lastYield = performance.now();
        const addBatch = async (batch: SearchDocument[]) => {
          for (const doc of batch) {
            addTo(next, doc);
            // Indexing costs ~1 ms per listing: yield regularly so the server
            // keeps answering (from the old state) during a large rebuild.
            if (performance.now() - lastYield > 20) {
              await yieldToEventLoop();
              lastYield = performance.now();
            }
          }
          done += batch.length;
          onProgress?.(done);
        };
        if (isIterable(batches)) for (const batch of batches) await addBatch(batch);
        else for await (const batch of batches) await addBatch(batch);
        for (const [id, doc] of pendingDuringRebuild) {
          if (doc) addTo(next, doc);
          else removeFrom(next, id);
        }
        next.index.trim();
        state = next;
      } finally {
        pendingDuringRebuild = null;
      }
    },
    search,
    async count() {
      await ensureReady();
      return state.store.size;
    },
    async health() {
      try {
        await ensureReady();
        return { ok: true, detail: `embedded: ${state.store.size} documents` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
  };
}

/**
 * Indices 0..count-1 of the `k` best by `compare` (negative = a first), in order.
 * A bounded heap: O(count · log k) instead of sorting every match for one page.
 */
export function topK(count: number, k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0 || count === 0) return [];
  if (count <= k * 4) return Array.from({ length: count }, (_, i) => i).sort(compare).slice(0, k);
  // Max-heap on "worst first" so the root is the candidate to evict.
  const heap: number[] = [];
  const worse = (a: number, b: number) => compare(a, b) > 0;
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && worse(heap[l], heap[top])) top = l;
      if (r < heap.length && worse(heap[r], heap[top])) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top], heap[i]];
      i = top;
    }
  };
  for (let i = 0; i < count; i++) {
    if (heap.length < k) {
      heap.push(i);
      up(heap.length - 1);
    } else if (compare(i, heap[0]) < 0) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(compare);
}
