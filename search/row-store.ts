/**
 * The embedded engine's per-document facts for filtering, faceting and
 * sorting, stored column-wise in typed arrays indexed by a slot number.
 *
 * Why columns: browse mode (no query text) and facet counting visit every
 * matching document on every request. A tight loop over typed arrays stays in
 * cache and allocates nothing; the same loop over 100k small objects spread
 * through a large heap was ~30× slower.
 */
import { CERTIFICATIONS, REGIONS, TECH_FIELDS, TRANSFER_MODES } from "../app/domain/taxonomy";
import { SearchEngineError } from "./errors";
import { emptyFacets } from "./shared";
import type { FacetCounts, SearchDocument, SearchFilters, SearchSort } from "./types";

/** Stable code → small integer dictionary. Bitmask books hold at most 31 codes (bits of an int32). */
export class CodeBook {
  readonly codes: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly facet: string,
    initial: readonly string[],
    private readonly max = Number.POSITIVE_INFINITY,
  ) {
    for (const code of initial) this.id(code);
  }

  /** The code's id, registering unknown codes (documents may carry codes newer than this build). */
  id(code: string): number {
    let id = this.ids.get(code);
    if (id === undefined) {
      if (this.codes.length >= this.max) throw new SearchEngineError(`too many distinct ${this.facet} values (max ${this.max})`, "facet_overflow");
      id = this.codes.length;
      this.codes.push(code);
      this.ids.set(code, id);
    }
    return id;
  }

  lookup(code: string): number | undefined {
    return this.ids.get(code);
  }

  mask(codes: readonly string[]): number {
    let mask = 0;
    for (const code of codes) mask |= 1 << this.id(code);
    return mask;
  }

  /** Mask of the known codes among `codes`; unknown codes match nothing. */
  filterMask(codes: readonly string[]): number {
    let mask = 0;
    for (const code of codes) {
      const id = this.ids.get(code);
      if (id !== undefined) mask |= 1 << id;
    }
    return mask;
  }
}

export interface CodeBooks {
  field: CodeBook;
  modes: CodeBook;
  regions: CodeBook;
  certs: CodeBook;
}

export function createCodeBooks(): CodeBooks {
  return {
    field: new CodeBook("field", TECH_FIELDS),
    modes: new CodeBook("transferModes", TRANSFER_MODES, 31),
    regions: new CodeBook("targetRegions", REGIONS, 31),
    certs: new CodeBook("certifications", CERTIFICATIONS, 31),
  };
}

export type OrderKey = Exclude<SearchSort, "relevance">;
export type SlotFilter = (slot: number) => boolean;

export class RowStore {
  private capacity = 0;
  private readonly ids: (string | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  /** Browse orders (all live slots sorted by a key), built lazily and dropped on any change. */
  private readonly orders = new Map<OrderKey, Int32Array>();

  field = new Uint16Array(0);
  trl = new Float64Array(0);
  modes = new Int32Array(0);
  regions = new Int32Array(0);
  certs = new Int32Array(0);
  valued = new Uint8Array(0);
  /** priceMin ?? priceMax and priceMax ?? priceMin; NaN when unpriced (fails every comparison). */
  priceLow = new Float64Array(0);
  priceHigh = new Float64Array(0);
  publishedAt = new Float64Array(0);

  constructor(private readonly books: CodeBooks) {}

  get size(): number {
    return this.slots.size;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  idAt(slot: number): string {
    return this.ids[slot]!;
  }

  /**
   * Stores the document's facts under `slot` (the inverted index's slot for it; slots are
   * never reused, see posting-index.ts) and returns it. The document must not be stored yet.
   */
  put(doc: SearchDocument, slot: number): number {
    if (slot >= this.capacity) this.grow(Math.max(1024, this.capacity * 2, slot + 1));
    const low = doc.priceMinUsd ?? doc.priceMaxUsd;
    const high = doc.priceMaxUsd ?? doc.priceMinUsd;
    this.ids[slot] = doc.id;
    this.field[slot] = this.books.field.id(doc.field);
    this.trl[slot] = doc.trl;
    this.modes[slot] = this.books.modes.mask(doc.transferModes);
    this.regions[slot] = this.books.regions.mask(doc.targetRegions);
    this.certs[slot] = this.books.certs.mask(doc.certifications);
    this.valued[slot] = doc.hasValuation ? 1 : 0;
    this.priceLow[slot] = low ?? Number.NaN;
    this.priceHigh[slot] = high ?? Number.NaN;
    this.publishedAt[slot] = doc.publishedAt;
    this.slots.set(doc.id, slot);
    this.orders.clear();
    return slot;
  }

  delete(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    this.slots.delete(id);
    this.ids[slot] = undefined;
    this.orders.clear();
    return true;
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** Follows the inverted index's renumbering (old slot → new slot, -1 for dead). */
  compact(remap: Int32Array): void {
    const columns = [this.field, this.trl, this.modes, this.regions, this.certs, this.valued, this.priceLow, this.priceHigh, this.publishedAt];
    for (let old = 0; old < remap.length; old++) {
      const slot = remap[old];
      if (slot < 0 || slot === old) continue;
      for (const column of columns) column[slot] = column[old];
      this.ids[slot] = this.ids[old];
    }
    let live = 0;
    for (let old = 0; old < remap.length; old++) if (remap[old] >= 0) live++;
    this.ids.length = live;
    this.slots.clear();
    for (let slot = 0; slot < live; slot++) this.slots.set(this.ids[slot]!, slot);
    this.orders.clear();
  }

  /** Live slots ordered by `key` (ties: newest first, then id). */
  order(key: OrderKey): Int32Array {
    let order = this.orders.get(key);
    if (!order) {
      order = Int32Array.from(this.slots.values()).sort(this.comparator(key));
      this.orders.set(key, order);
    }
    return order;
  }

  comparator(key: OrderKey): (a: number, b: number) => number {
    const { trl, priceLow, priceHigh, publishedAt, ids } = this;
    const newest = (a: number, b: number) => publishedAt[b] - publishedAt[a] || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0);
    // Unpriced (NaN) last whatever the direction, as Meilisearch does with missing values.
    const byPrice = (column: Float64Array, direction: 1 | -1) => (a: number, b: number) => {
      const x = column[a];
      const y = column[b];
      if (x !== x || y !== y) return x !== x && y !== y ? newest(a, b) : x !== x ? 1 : -1;
      return (x - y) * direction || newest(a, b);
    };
    switch (key) {
      case "newest":
        return newest;
      case "trl_desc":
        return (a, b) => trl[b] - trl[a] || newest(a, b);
      case "trl_asc":
        return (a, b) => trl[a] - trl[b] || newest(a, b);
      case "price_asc":
        return byPrice(priceLow, 1);
      case "price_desc":
        return byPrice(priceHigh, -1);
    }
  }

  private grow(capacity: number): void {
    const grow = <T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.field = grow(this.field, (n) => new Uint16Array(n));
    this.trl = grow(this.trl, (n) => new Float64Array(n));
    this.modes = grow(this.modes, (n) => new Int32Array(n));
    this.regions = grow(this.regions, (n) => new Int32Array(n));
    this.certs = grow(this.certs, (n) => new Int32Array(n));
    this.valued = grow(this.valued, (n) => new Uint8Array(n));
    this.priceLow = grow(this.priceLow, (n) => new Float64Array(n));
    this.priceHigh = grow(this.priceHigh, (n) => new Float64Array(n));
    this.publishedAt = grow(this.publishedAt, (n) => new Float64Array(n));
    this.capacity = capacity;
  }
}

/** The filters as one predicate over slots (semantics in types.ts), or null when unfiltered. */
export function compileFilter(store: RowStore, books: CodeBooks, filters: SearchFilters): SlotFilter | null {
  const checks: SlotFilter[] = [];
  const { field, trl, modes, regions, certs, valued, priceLow, priceHigh } = store;
  if (filters.fields?.length) {
    const allowed = new Uint8Array(books.field.codes.length);
    for (const code of filters.fields) {
      const id = books.field.lookup(code);
      if (id !== undefined) allowed[id] = 1;
    }
    checks.push((s) => allowed[field[s]] === 1);
  }
  if (filters.trlMin !== undefined) {
    const min = filters.trlMin;
    checks.push((s) => trl[s] >= min);
  }
  if (filters.trlMax !== undefined) {
    const max = filters.trlMax;
    checks.push((s) => trl[s] <= max);
  }
  const anyOf = (codes: string[] | undefined, book: CodeBook, column: Int32Array) => {
    if (!codes?.length) return;
    const mask = book.filterMask(codes);
    checks.push((s) => (column[s] & mask) !== 0);
  };
  anyOf(filters.transferModes, books.modes, modes);
  anyOf(filters.regions, books.regions, regions);
  anyOf(filters.certifications, books.certs, certs);
  if (filters.hasValuation !== undefined) {
    const wanted = filters.hasValuation ? 1 : 0;
    checks.push((s) => valued[s] === wanted);
  }
  // Range overlap; NaN (unpriced) compares false, so unpriced never matches.
  if (filters.priceMinUsd !== undefined) {
    const min = filters.priceMinUsd;
    checks.push((s) => priceHigh[s] >= min);
  }
  if (filters.priceMaxUsd !== undefined) {
    const max = filters.priceMaxUsd;
    checks.push((s) => priceLow[s] <= max);
  }
  if (checks.length === 0) return null;
  if (checks.length === 1) return checks[0];
  return (s) => {
    for (const check of checks) if (!check(s)) return false;
    return true;
  };
}

/** Facet counts accumulated in flat arrays during a scan, turned into records once. */
export class FacetCounter {
  private readonly field: Int32Array;
  /** Integer TRLs 0..15 counted in an array; anything else (never seen in practice) in a map. */
  private readonly trlSmall = new Int32Array(16);
  private readonly trl = new Map<number, number>();
  private readonly modes = new Int32Array(32);
  private readonly regions = new Int32Array(32);
  private readonly certs = new Int32Array(32);
  private valued = 0;
  private unvalued = 0;

  constructor(
    private readonly store: RowStore,
    private readonly books: CodeBooks,
  ) {
    this.field = new Int32Array(books.field.codes.length);
  }

  add(slot: number): void {
    const s = this.store;
    this.field[s.field[slot]]++;
    const trl = s.trl[slot];
    if (trl >= 0 && trl < 16 && (trl | 0) === trl) this.trlSmall[trl]++;
    else this.trl.set(trl, (this.trl.get(trl) ?? 0) + 1);
    // Set bits only (lowest first): ~2 steps per mask instead of one per bit up to the highest.
    for (let bits = s.modes[slot]; bits !== 0; bits &= bits - 1) this.modes[31 - Math.clz32(bits & -bits)]++;
    for (let bits = s.regions[slot]; bits !== 0; bits &= bits - 1) this.regions[31 - Math.clz32(bits & -bits)]++;
    for (let bits = s.certs[slot]; bits !== 0; bits &= bits - 1) this.certs[31 - Math.clz32(bits & -bits)]++;
    if (s.valued[slot]) this.valued++;
    else this.unvalued++;
  }

  result(): FacetCounts {
    const facets = emptyFacets();
    const fill = (target: Record<string, number>, counts: Int32Array, codes: readonly string[]) => {
      for (let i = 0; i < codes.length && i < counts.length; i++) if (counts[i] > 0) target[codes[i]] = counts[i];
    };
    fill(facets.field, this.field, this.books.field.codes);
    fill(facets.transferModes, this.modes, this.books.modes.codes);
    fill(facets.targetRegions, this.regions, this.books.regions.codes);
    fill(facets.certifications, this.certs, this.books.certs.codes);
    const trls = [...this.trl];
    for (let trl = 0; trl < 16; trl++) if (this.trlSmall[trl] > 0) trls.push([trl, this.trlSmall[trl]]);
    for (const [trl, count] of trls.sort(([a], [b]) => a - b)) facets.trl[String(trl)] = count;
    facets.hasValuation = { true: this.valued, false: this.unvalued };
    return facets;
  }
}
