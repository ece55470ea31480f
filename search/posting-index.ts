/**
 * The embedded engine's inverted index: posting lists in typed arrays, scored
 * exactly as MiniSearch 7 scores (BM25+ with k 1.2, b 0.7, d 0.5, field boosts,
 * prefix weight 0.375 and fuzzy weight 0.45 decaying with the distance, the
 * final score multiplied by the number of distinct query terms matched) and
 * evaluated over the same query trees (`Query`: strings and AND/OR nodes whose
 * options children inherit). The engine's query planning, tokenizer and
 * glossary are unchanged; only the data layout and the evaluation are ours.
 *
 * Why not MiniSearch itself: it keeps a Map of documents per (term, field) and
 * materialises a Map entry with `terms` and `match` objects for every matching
 * document of every sub-query, then sorts them all. At 100,000 listings that is
 * ~1.6 GB and 50–300 ms for broad queries (see search/README.md). Here:
 * - the term dictionary is MiniSearch's own radix tree (`SearchableMap`, for
 *   prefix and fuzzy lookups) mapping a term to a small integer;
 * - each term has one posting list, sorted by slot: `Int32Array` of slots and
 *   `Uint16Array` of (field << 12 | term frequency);
 * - per-slot field lengths live in one `Uint16Array`;
 * - slots are never reused (deletes are tombstones; `compact()` renumbers), so
 *   appending keeps every list sorted;
 * - a query is evaluated into dense per-slot accumulators ("frames", reused
 *   between queries, reset by bumping an epoch) instead of Maps, and only the
 *   matched terms of the hits on the page are computed (for highlighting).
 */
import SearchableMap from "minisearch/SearchableMap";

/** The subset of MiniSearch's `Query` the engine builds (MiniSearch queries are assignable to it). */
export type Query = string | QueryNode;
export interface QueryNode {
  combineWith?: string;
  /** Symbols (MiniSearch's wildcard) are not supported and match nothing. */
  queries: (Query | symbol)[];
  fuzzy?: boolean | number | ((term: string, i: number, terms: string[]) => boolean | number);
  prefix?: boolean | ((term: string, i: number, terms: string[]) => boolean);
  boostTerm?: (term: string, i: number, terms: string[]) => number;
}
type Options = Omit<QueryNode, "queries">;

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 6;
const TF_BITS = 12;
const TF_MAX = (1 << TF_BITS) - 1;

/** Dense per-slot accumulator for one query node; `touched` lists its slots (unordered). */
class Frame {
  epoch = 0;
  stamp: Int32Array;
  score: Float64Array;
  mask: Uint32Array;
  touched: Int32Array;
  n = 0;
  constructor(capacity: number, words: number) {
    this.stamp = new Int32Array(capacity);
    this.score = new Float64Array(capacity);
    this.mask = new Uint32Array(capacity * words);
    this.touched = new Int32Array(capacity);
  }
  reset(): void {
    this.n = 0;
    if (++this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
  }
  has(slot: number): boolean {
    return this.stamp[slot] === this.epoch;
  }
}

export interface Matches {
  /** Matching slots (unordered) and, per slot, the final score. */
  slots: Int32Array;
  scores: Float64Array;
  count: number;
  plan: Plan;
}

interface PlanLeaf {
  leaf: true;
  /** The term's bit in the per-document mask of matched query terms (MiniSearch's "quality"). */
  bit: number;
  termBoost: number;
  derived: [id: number, weight: number, term: string][];
  /** Postings the leaf walks (all fields, dead slots included): the evaluation order's estimate. */
  cost: number;
}
interface PlanNode {
  leaf: false;
  and: boolean;
  /** AND: cheapest first (the first child's matches are the candidates the others are probed for). */
  children: Plan[];
  cost: number;
}
export type Plan = PlanLeaf | PlanNode;

/** A read position in one term's posting list (see `PostingIndex.seek`). */
interface Cursor {
  id: number;
  block: number;
  slots: Int32Array;
  info: Uint16Array;
  pos: number;
  end: number;
  done: boolean;
}

/**
 * Posting lists as chains of blocks inside large shared chunks (no typed array
 * per term: at 10^6 terms their headers and allocation cost dominated). A block
 * at `addr` holds [next block, capacity] in `slots` followed by `capacity`
 * entries; `info` holds (field << 12 | term frequency) at the same positions.
 * Lists only grow at their tail (slots ascending); blocks double up to 4096.
 */
const CHUNK_BITS = 20;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;
const HEADER = 2;
const MAX_BLOCK = 4096;

export class PostingIndex {
  /** Exact lookups (the hot path of indexing) go to a Map; prefix and fuzzy ones to MiniSearch's radix tree. */
  private ids = new Map<string, number>();
  private dict = new SearchableMap<number>();
  private termCount = 0;
  private slotChunks: Int32Array[] = [];
  private infoChunks: Uint16Array[] = [];
  private chunkUsed = CHUNK_SIZE; // forces a first chunk
  /** Per term: first block, last block, entries used in the last block. */
  private head = new Int32Array(1024);
  private tail = new Int32Array(1024);
  private tailUsed = new Int32Array(1024);
  /**
   * termId * fieldCount + field → documents containing the term in the field, dead slots
   * included; exact while no slot is dead (after a build or compaction), otherwise the
   * live count is taken from the list itself.
   */
  private df = new Int32Array(1024 * 8);
  /** False from a delete until the next trim: some lists still hold dead slots. */
  private dfExact = true;
  /**
   * While `dfExact` is false: live counts taken from the lists, per term, valid until the next
   * write (`liveEpoch[id] === writes`; an add changes counts too). Without them every query
   * term would walk its whole list for its counts after any update, until the next compaction.
   */
  private liveDf: Int32Array | null = null;
  private liveEpoch: Int32Array | null = null;
  private writes = 0;

  private capacity = 0;
  private nextSlot = 0;
  private alive = new Uint8Array(0);
  private fieldLength = new Uint16Array(0);
  private readonly fieldLengthSum: Float64Array;
  private docCount = 0;
  private readonly boosts: Float64Array;
  private readonly dfScratch: Int32Array;
  private frames: Frame[] = [];
  private framesInUse = 0;
  /** Mask words (32 query terms each) of the query being evaluated: the stride of `Frame.mask`. */
  private W = 1;

  constructor(
    readonly fields: readonly string[],
    boosts: Readonly<Record<string, number>>,
    /** Applied to query terms, as MiniSearch's processTerm (index terms arrive processed). */
    private readonly processTerm: (term: string) => string = (t) => t,
  ) {
    if (fields.length > 15) throw new Error("at most 15 fields");
    this.fieldLengthSum = new Float64Array(fields.length);
    this.boosts = Float64Array.from(fields, (f) => boosts[f] ?? 1);
    this.dfScratch = new Int32Array(fields.length);
  }

  get size(): number {
    return this.docCount;
  }

  /** Slots handed out so far (live and dead): the upper bound of any slot. */
  get slotCount(): number {
    return this.nextSlot;
  }

  get deadCount(): number {
    return this.nextSlot - this.docCount;
  }

  /** Indexes one document's already-tokenised (and encoded) fields under a new slot, returned. */
  add(fieldTerms: readonly (readonly string[])[]): number {
    const slot = this.nextSlot++;
    if (slot >= this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    this.alive[slot] = 1;
    this.docCount++;
    this.writes++;
    const F = this.fields.length;
    for (let f = 0; f < F; f++) {
      const tokens = fieldTerms[f] ?? [];
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      const length = Math.min(0xffff, counts.size);
      this.fieldLength[slot * F + f] = length;
      this.fieldLengthSum[f] += length;
      for (const [term, tf] of counts) this.append(this.termId(term), slot, (f << TF_BITS) | Math.min(tf, TF_MAX));
    }
    return slot;
  }

  /** Tombstones a slot; its postings are skipped until `compact()` drops them. */
  remove(slot: number): void {
    if (this.alive[slot] !== 1) return;
    this.alive[slot] = 0;
    this.docCount--;
    this.dfExact = false;
    this.writes++;
    const F = this.fields.length;
    for (let f = 0; f < F; f++) this.fieldLengthSum[f] -= this.fieldLength[slot * F + f];
  }

  private termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.termCount++;
      this.derivedMemo.clear();
      this.ids.set(term, id);
      this.dict.set(term, id);
      if (id >= this.head.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.head = grow(this.head);
        this.tail = grow(this.tail);
        this.tailUsed = grow(this.tailUsed);
        const df = new Int32Array(this.head.length * this.fields.length);
        df.set(this.df);
        this.df = df;
      }
      const block = this.allocBlock(2);
      this.head[id] = block;
      this.tail[id] = block;
      this.tailUsed[id] = 0;
    }
    return id;
  }

  private allocBlock(capacity: number): number {
    const size = HEADER + capacity;
    if (this.chunkUsed + size > CHUNK_SIZE) {
      // Lists longer than a chunk (only when compacting) get a chunk of their own.
      this.slotChunks.push(new Int32Array(Math.max(CHUNK_SIZE, size)));
      this.infoChunks.push(new Uint16Array(Math.max(CHUNK_SIZE, size)));
      this.chunkUsed = 0;
    }
    const chunk = this.slotChunks.length - 1;
    const offset = this.chunkUsed;
    this.chunkUsed += size;
    const slots = this.slotChunks[chunk];
    slots[offset] = -1;
    slots[offset + 1] = capacity;
    return chunk * CHUNK_SIZE + offset;
  }

  private append(id: number, slot: number, info: number): void {
    let block = this.tail[id];
    let used = this.tailUsed[id];
    let slots = this.slotChunks[block >>> CHUNK_BITS];
    let offset = block & CHUNK_MASK;
    const capacity = slots[offset + 1];
    if (used === capacity) {
      const next = this.allocBlock(Math.min(MAX_BLOCK, capacity * 2));
      slots[offset] = next;
      this.tail[id] = block = next;
      used = 0;
      slots = this.slotChunks[block >>> CHUNK_BITS];
      offset = block & CHUNK_MASK;
    }
    slots[offset + HEADER + used] = slot;
    this.infoChunks[block >>> CHUNK_BITS][offset + HEADER + used] = info;
    this.tailUsed[id] = used + 1;
    this.df[id * this.fields.length + (info >> TF_BITS)]++;
  }

  /** Shrinks every list to one block of its live entries (after a bulk build or many deletes). */
  trim(remap?: Int32Array): void {
    const oldSlots = this.slotChunks;
    const oldInfo = this.infoChunks;
    this.slotChunks = [];
    this.infoChunks = [];
    this.chunkUsed = CHUNK_SIZE;
    const bufSlots: number[] = [];
    const bufInfo: number[] = [];
    for (let id = 0; id < this.termCount; id++) {
      bufSlots.length = 0;
      bufInfo.length = 0;
      for (let block = this.head[id]; ; ) {
        const chunk = block >>> CHUNK_BITS;
        const offset = block & CHUNK_MASK;
        const S = oldSlots[chunk];
        const I = oldInfo[chunk];
        const last = block === this.tail[id];
        const end = offset + HEADER + (last ? this.tailUsed[id] : S[offset + 1]);
        for (let i = offset + HEADER; i < end; i++) {
          if (this.alive[S[i]] !== 1) {
            this.df[id * this.fields.length + (I[i] >> TF_BITS)]--;
            continue;
          }
          bufSlots.push(remap ? remap[S[i]] : S[i]);
          bufInfo.push(I[i]);
        }
        if (last) break;
        block = S[offset];
      }
      const block = this.allocBlock(Math.max(2, bufSlots.length));
      const S = this.slotChunks[block >>> CHUNK_BITS];
      const I = this.infoChunks[block >>> CHUNK_BITS];
      const offset = (block & CHUNK_MASK) + HEADER;
      for (let i = 0; i < bufSlots.length; i++) {
        S[offset + i] = bufSlots[i];
        I[offset + i] = bufInfo[i];
      }
      this.head[id] = block;
      this.tail[id] = block;
      this.tailUsed[id] = bufSlots.length;
    }
    this.dfExact = true;
    this.liveDf = this.liveEpoch = null;
  }

  /**
   * Renumbers live slots densely (old order kept) and drops dead postings;
   * returns old slot → new slot (-1 for dead) so the row store follows.
   */
  compact(): Int32Array {
    const remap = new Int32Array(this.nextSlot).fill(-1);
    let next = 0;
    for (let s = 0; s < this.nextSlot; s++) if (this.alive[s] === 1) remap[s] = next++;
    this.trim(remap); // reads `alive` by old slot
    const F = this.fields.length;
    for (let s = 0; s < this.nextSlot; s++) {
      const to = remap[s];
      if (to < 0) continue;
      for (let f = 0; f < F; f++) this.fieldLength[to * F + f] = this.fieldLength[s * F + f];
    }
    this.alive.fill(0);
    this.alive.fill(1, 0, next);
    this.nextSlot = next;
    return remap;
  }

  private grow(capacity: number): void {
    const alive = new Uint8Array(capacity);
    alive.set(this.alive);
    this.alive = alive;
    const lengths = new Uint16Array(capacity * this.fields.length);
    lengths.set(this.fieldLength);
    this.fieldLength = lengths;
    this.capacity = capacity;
    this.frames = [];
  }

  // ---- evaluation ------------------------------------------------------------

  private acquire(): Frame {
    let frame = this.frames[this.framesInUse];
    if (!frame || frame.mask.length < this.capacity * this.W || frame.stamp.length < this.capacity) {
      frame = new Frame(this.capacity, this.W);
      this.frames[this.framesInUse] = frame;
    }
    this.framesInUse++;
    frame.reset();
    return frame;
  }

  private release(): void {
    this.framesInUse--;
  }

  /**
   * Derived terms of the current search, by term and expansion options: a query tree repeats
   * terms (literal and glossary forms), and highlighting asks again for every hit on the page.
   * Cleared at the start of each search; the dictionary cannot change during one.
   */
  private derivedMemo = new Map<string, [number, number, string][]>();

  /** Derived index terms of a query term: [termId, weight, term] for exact, prefix and fuzzy matches. */
  private derivedTerms(term: string, options: Options): [number, number, string][] {
    const prefix = typeof options.prefix === "function" ? options.prefix(term, 0, [term]) : options.prefix;
    const fuzzy = typeof options.fuzzy === "function" ? options.fuzzy(term, 0, [term]) : options.fuzzy;
    const key = `${prefix ? 1 : 0}${fuzzy === true ? "t" : fuzzy || 0}\u0000${term}`;
    let out = this.derivedMemo.get(key);
    if (!out) {
      out = this.lookupTerms(term, !!prefix, fuzzy ?? false);
      this.derivedMemo.set(key, out);
    }
    return out;
  }

  private lookupTerms(term: string, prefix: boolean, fuzzy: boolean | number): [number, number, string][] {
    const out: [number, number, string][] = [];
    const exact = this.ids.get(term);
    if (exact !== undefined) out.push([exact, 1, term]);
    let prefixed: Set<string> | undefined;
    if (prefix) {
      prefixed = new Set();
      for (const [key, id] of this.dict.atPrefix(term)) {
        const distance = key.length - term.length;
        if (!distance) continue;
        prefixed.add(key);
        out.push([id, (PREFIX_WEIGHT * key.length) / (key.length + 0.3 * distance), key]);
      }
    }
    if (fuzzy) {
      const amount = fuzzy === true ? 0.2 : fuzzy;
      const maxDistance = amount < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * amount)) : amount;
      if (maxDistance) {
        for (const [key, [id, distance]] of this.dict.fuzzyGet(term, maxDistance)) {
          if (!distance || prefixed?.has(key)) continue;
          out.push([id, (FUZZY_WEIGHT * key.length) / (key.length + distance), key]);
        }
      }
    }
    return out;
  }

  /** Live documents per field containing term `id` (MiniSearch's "matchingFields"), into `df`. */
  private countLive(id: number, df: Int32Array): void {
    df.fill(0);
    const alive = this.alive;
    for (let block = this.head[id]; ; ) {
      const offset = block & CHUNK_MASK;
      const S = this.slotChunks[block >>> CHUNK_BITS];
      const I = this.infoChunks[block >>> CHUNK_BITS];
      const last = block === this.tail[id];
      const end = offset + HEADER + (last ? this.tailUsed[id] : S[offset + 1]);
      for (let i = offset + HEADER; i < end; i++) if (alive[S[i]] === 1) df[I[i] >> TF_BITS]++;
      if (last) return;
      block = S[offset];
    }
  }

  /** Per field: 1 / the field's average length (BM25's length normalisation). */
  private inverseAverageLengths(): Float64Array {
    const F = this.fields.length;
    const N = this.docCount;
    const invAvg = new Float64Array(F);
    for (let f = 0; f < F; f++) invAvg[f] = N > 0 ? N / this.fieldLengthSum[f] : 0;
    return invAvg;
  }

  /** Per field: the term's idf × its weights (constant over its list), into `out`. */
  private fieldWeights(id: number, weight: number, termBoost: number, out: Float64Array): void {
    const F = this.fields.length;
    const N = this.docCount;
    const df = this.dfScratch;
    if (this.dfExact) df.set(this.df.subarray(id * F, id * F + F));
    else {
      if (!this.liveDf || this.liveEpoch!.length < this.termCount) {
        this.liveDf = new Int32Array(this.head.length * F);
        this.liveEpoch = new Int32Array(this.head.length).fill(-1);
      }
      if (this.liveEpoch![id] === this.writes) df.set(this.liveDf.subarray(id * F, id * F + F));
      else {
        this.countLive(id, df);
        this.liveDf.set(df, id * F);
        this.liveEpoch![id] = this.writes;
      }
    }
    for (let f = 0; f < F; f++) out[f] = Math.log(1 + (N - df[f] + 0.5) / (df[f] + 0.5)) * weight * termBoost * this.boosts[f];
  }

  /** Postings in a term's list, dead slots included (an estimate of the work of walking it). */
  private postingCount(id: number): number {
    const F = this.fields.length;
    let count = 0;
    for (let f = 0; f < F; f++) count += this.df[id * F + f];
    return count;
  }

  /** ORs one query term's postings into `frame` (adding scores, setting the term's bit). */
  private addTerm(frame: Frame, leaf: PlanLeaf): void {
    const { bit, termBoost } = leaf;
    const F = this.fields.length;
    const word = bit >>> 5;
    const flag = (1 << (bit & 31)) >>> 0;
    const W = this.W;
    const { stamp, score, mask, touched } = frame;
    const epoch = frame.epoch;
    const { alive, fieldLength } = this;
    const { k, b, d } = BM25;
    // Per field: 1 / average length, and idf × weights (constant over a list).
    const invAvg = this.inverseAverageLengths();
    const idf = new Float64Array(F);
    for (const [id, weight] of leaf.derived) {
      this.fieldWeights(id, weight, termBoost, idf);
      for (let block = this.head[id]; ; ) {
        const offset = block & CHUNK_MASK;
        const S = this.slotChunks[block >>> CHUNK_BITS];
        const I = this.infoChunks[block >>> CHUNK_BITS];
        const last = block === this.tail[id];
        const end = offset + HEADER + (last ? this.tailUsed[id] : S[offset + 1]);
        for (let i = offset + HEADER; i < end; i++) {
          const slot = S[i];
          if (alive[slot] !== 1) continue;
          const f = I[i] >> TF_BITS;
          const tf = I[i] & TF_MAX;
          const s = idf[f] * (d + (tf * (k + 1)) / (tf + k * (1 - b + b * fieldLength[slot * F + f] * invAvg[f])));
          if (stamp[slot] !== epoch) {
            stamp[slot] = epoch;
            score[slot] = s;
            const base = slot * W;
            for (let w = 0; w < W; w++) mask[base + w] = 0;
            mask[base + word] = flag;
            touched[frame.n++] = slot;
          } else {
            score[slot] += s;
            mask[slot * W + word] |= flag;
          }
        }
        if (last) break;
        block = S[offset];
      }
    }
  }

  private orInto(target: Frame, source: Frame): void {
    const W = this.W;
    for (let i = 0; i < source.n; i++) {
      const slot = source.touched[i];
      const base = slot * W;
      if (target.stamp[slot] !== target.epoch) {
        target.stamp[slot] = target.epoch;
        target.score[slot] = source.score[slot];
        for (let w = 0; w < W; w++) target.mask[base + w] = source.mask[base + w];
        target.touched[target.n++] = slot;
      } else {
        target.score[slot] += source.score[slot];
        for (let w = 0; w < W; w++) target.mask[base + w] |= source.mask[base + w];
      }
    }
  }

  private andInto(target: Frame, source: Frame): void {
    const W = this.W;
    let kept = 0;
    for (let i = 0; i < target.n; i++) {
      const slot = target.touched[i];
      if (source.stamp[slot] !== source.epoch) {
        target.stamp[slot] = 0;
        continue;
      }
      target.score[slot] += source.score[slot];
      for (let w = 0; w < W; w++) target.mask[slot * W + w] |= source.mask[slot * W + w];
      target.touched[kept++] = slot;
    }
    target.n = kept;
  }

  /**
   * The query tree with options resolved (children inherit their parents' options, as in
   * MiniSearch) and each term's derived index terms looked up once. Then, without changing
   * what matches or how it scores (sums are associative up to rounding):
   * - a term with no index term matches nothing (`null`): it is dropped from an OR and makes
   *   an AND empty (`null` too), so nothing is evaluated for it;
   * - an OR inside an OR and an AND inside an AND are merged into their parent (one
   *   accumulator instead of one per node, no copying between them);
   * - an AND's children are ordered by cost, so the cheapest gives the candidates.
   * A term the term processor discards matches nothing too (MiniSearch answers such a child
   * with an empty result, which empties an AND).
   */
  private compile(query: Query, options: Options, bits: Map<string, number>): Plan | null {
    if (typeof query === "string") {
      const term = this.processTerm(query);
      if (!term) return null;
      let bit = bits.get(term);
      if (bit === undefined) bits.set(term, (bit = bits.size));
      const termBoost = options.boostTerm ? options.boostTerm(term, 0, [term]) : 1;
      const derived = this.derivedTerms(term, options);
      if (derived.length === 0) return null;
      let cost = 0;
      for (const [id] of derived) cost += this.postingCount(id);
      return { leaf: true, bit, termBoost, derived, cost };
    }
    const merged: Options = { ...options, ...query };
    const and = (merged.combineWith ?? "OR").toUpperCase() === "AND";
    const children: Plan[] = [];
    for (const child of query.queries) {
      if (typeof child === "symbol") continue;
      const plan = this.compile(child, merged, bits);
      if (plan === null) {
        if (and) return null; // the rest need no lookups (bits only number terms; unset ones count nothing)
        continue;
      }
      if (!plan.leaf && plan.and === and) children.push(...plan.children);
      else children.push(plan);
    }
    if (children.length === 0) return null;
    if (children.length === 1) return children[0];
    if (and) children.sort((a, b) => a.cost - b.cost);
    const cost = and ? children[0].cost : children.reduce((sum, c) => sum + c.cost, 0);
    return { leaf: false, and, children, cost };
  }

  private evaluate(plan: Plan): Frame {
    const frame = this.acquire();
    this.evaluateInto(frame, plan);
    return frame;
  }

  /** Evaluates `plan` into the empty `frame`. */
  private evaluateInto(frame: Frame, plan: Plan): void {
    if (plan.leaf) return this.addTerm(frame, plan);
    if (!plan.and) {
      for (const child of plan.children) {
        if (child.leaf) this.addTerm(frame, child);
        else {
          this.orInto(frame, this.evaluate(child));
          this.release();
        }
      }
      return;
    }
    // AND: the cheapest child's matches are the candidates; each other child only has to
    // say which of them it matches (and add its scores), which for a term or an OR of terms
    // is a seek into its sorted lists per candidate rather than a walk of every posting.
    this.evaluateInto(frame, plan.children[0]);
    for (let c = 1; c < plan.children.length && frame.n > 0; c++) {
      const child = plan.children[c];
      if (child.leaf || child.children.every((g) => g.leaf)) this.probeInto(frame, child.leaf ? [child] : (child.children as PlanLeaf[]));
      else {
        this.andInto(frame, this.evaluate(child));
        this.release();
      }
    }
  }

  /**
   * Keeps the slots of `frame` that one of `leaves` matches, adding those terms' scores and
   * bits: the AND of `frame` with the OR of `leaves`, by seeking each list to each candidate
   * (candidates in slot order, lists sorted by slot, so every list is read forward once).
   */
  private probeInto(frame: Frame, leaves: readonly PlanLeaf[]): void {
    const F = this.fields.length;
    const W = this.W;
    const { stamp, score, mask, touched } = frame;
    const { fieldLength } = this;
    const { k, b, d } = BM25;
    const invAvg = this.inverseAverageLengths();
    const lists: { cursor: Cursor; idf: Float64Array; bit: number }[] = [];
    for (const leaf of leaves) {
      for (const [id, weight] of leaf.derived) {
        const idf = new Float64Array(F);
        this.fieldWeights(id, weight, leaf.termBoost, idf);
        lists.push({ cursor: this.openCursor(id), idf, bit: leaf.bit });
      }
    }
    const n = frame.n;
    for (let i = 1; i < n; i++) {
      if (touched[i - 1] > touched[i]) {
        touched.subarray(0, n).sort();
        break;
      }
    }
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const slot = touched[i];
      let found = false;
      for (let c = 0; c < lists.length; c++) {
        const { cursor, idf, bit } = lists[c];
        // One posting per field the term is in: a slot can have several, in a row.
        for (let at = this.seek(cursor, slot); at >= 0 && cursor.slots[at] === slot; at = this.seek(cursor, slot)) {
          const info = cursor.info[at];
          const f = info >> TF_BITS;
          const tf = info & TF_MAX;
          score[slot] += idf[f] * (d + (tf * (k + 1)) / (tf + k * (1 - b + b * fieldLength[slot * F + f] * invAvg[f])));
          mask[slot * W + (bit >>> 5)] |= (1 << (bit & 31)) >>> 0;
          found = true;
          cursor.pos = at + 1;
        }
      }
      if (found) touched[kept++] = slot;
      else stamp[slot] = 0;
    }
    frame.n = kept;
  }

  private openCursor(id: number): Cursor {
    const cursor: Cursor = { id, block: this.head[id], slots: this.slotChunks[0], info: this.infoChunks[0], pos: 0, end: 0, done: false };
    this.loadBlock(cursor);
    return cursor;
  }

  private loadBlock(cursor: Cursor): void {
    const offset = cursor.block & CHUNK_MASK;
    cursor.slots = this.slotChunks[cursor.block >>> CHUNK_BITS];
    cursor.info = this.infoChunks[cursor.block >>> CHUNK_BITS];
    cursor.pos = offset + HEADER;
    cursor.end = cursor.pos + (cursor.block === this.tail[cursor.id] ? this.tailUsed[cursor.id] : cursor.slots[offset + 1]);
  }

  /**
   * Moves `cursor` to the first posting at or after `slot` (galloping, then binary search)
   * and returns its index in `cursor.slots`, or -1 when the list has no such posting.
   */
  private seek(cursor: Cursor, slot: number): number {
    for (;;) {
      if (cursor.done) return -1;
      const S = cursor.slots;
      const last = cursor.end - 1;
      if (cursor.pos <= last && S[last] >= slot) {
        let lo = cursor.pos;
        if (S[lo] >= slot) return lo;
        // S[lo] < slot <= S[last]
        let step = 1;
        let hi = lo + 1;
        while (hi < last && S[hi] < slot) {
          lo = hi;
          step <<= 1;
          hi = lo + step;
        }
        if (hi > last) hi = last;
        while (hi - lo > 1) {
          const mid = (lo + hi) >>> 1;
          if (S[mid] < slot) lo = mid;
          else hi = mid;
        }
        cursor.pos = hi;
        return hi;
      }
      if (cursor.block === this.tail[cursor.id]) {
        cursor.done = true;
        return -1;
      }
      cursor.block = S[cursor.block & CHUNK_MASK];
      this.loadBlock(cursor);
    }
  }

  /**
   * All documents matching `query` (MiniSearch semantics), with final scores,
   * restricted to `accept`ed slots, and the plan `matchedTerms` needs.
   */
  search(query: Query, accept: ((slot: number) => boolean) | null): Matches {
    this.derivedMemo.clear();
    const bits = new Map<string, number>();
    const plan = this.compile(query, {}, bits) ?? { leaf: false, and: false, children: [], cost: 0 };
    const words = Math.max(1, Math.ceil(bits.size / 32));
    this.W = words;
    const frame = this.evaluate(plan);
    this.release();
    const slots = new Int32Array(frame.n);
    const scores = new Float64Array(frame.n);
    let count = 0;
    for (let i = 0; i < frame.n; i++) {
      const slot = frame.touched[i];
      if (accept && !accept(slot)) continue;
      let quality = 0;
      for (let w = 0; w < words; w++) quality += popcount(frame.mask[slot * words + w]);
      slots[count] = slot;
      scores[count] = frame.score[slot] * (quality || 1);
      count++;
    }
    return { slots, scores, count, plan };
  }

  /** The index terms through which `slot` matches a search's plan (for highlighting); empty when it does not. */
  matchedTerms(plan: Plan, slot: number): string[] {
    return [...(this.matchDoc(plan, slot) ?? [])];
  }

  private matchDoc(plan: Plan, slot: number): Set<string> | null {
    if (plan.leaf) {
      let found: Set<string> | null = null;
      for (const [id, , key] of plan.derived) {
        if (this.contains(id, slot)) (found ??= new Set()).add(key);
      }
      return found;
    }
    let found: Set<string> | null = null;
    for (const child of plan.children) {
      const sub = this.matchDoc(child, slot);
      if (!sub) {
        if (plan.and) return null;
        continue;
      }
      if (!found) found = sub;
      else for (const key of sub) found.add(key);
    }
    return found;
  }

  private contains(id: number, slot: number): boolean {
    const cursor = this.openCursor(id);
    const at = this.seek(cursor, slot);
    return at >= 0 && cursor.slots[at] === slot;
  }

  /** Bytes held in typed arrays and the number of terms, for the benchmarks. */
  stats(): { terms: number; bytes: number } {
    let bytes = this.alive.byteLength + this.fieldLength.byteLength + this.head.byteLength * 3;
    for (let i = 0; i < this.slotChunks.length; i++) bytes += this.slotChunks[i].byteLength + this.infoChunks[i].byteLength;
    return { terms: this.termCount, bytes };
  }
}


function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
