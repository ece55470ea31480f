/**
 * Per-slot text the embedded engine hands back with a hit: titles and summaries
 * (for highlighting and the result card) and the card's display facts. Kept as
 * UTF-8 in large byte chunks rather than as JS strings and objects per listing,
 * so 100,000 listings cost their bytes plus 12 bytes of offsets each, and the
 * garbage collector never walks them. Decoded only for the hits of a page.
 */
const CHUNK = 4 * 1024 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class TextStore {
  private chunks: Uint8Array[] = [];
  private used = CHUNK; // forces a first chunk
  private chunkOf = new Int32Array(0);
  private offsetOf = new Int32Array(0);
  private lengthOf = new Int32Array(0);

  set(slot: number, value: unknown): void {
    const bytes = encoder.encode(JSON.stringify(value));
    if (slot >= this.chunkOf.length) this.grow(Math.max(1024, this.chunkOf.length * 2, slot + 1));
    if (this.used + bytes.length > CHUNK) {
      this.chunks.push(new Uint8Array(Math.max(CHUNK, bytes.length)));
      this.used = 0;
    }
    const chunk = this.chunks.length - 1;
    this.chunks[chunk].set(bytes, this.used);
    this.chunkOf[slot] = chunk;
    this.offsetOf[slot] = this.used;
    this.lengthOf[slot] = bytes.length;
    this.used += bytes.length;
  }

  get<T>(slot: number): T | undefined {
    if (slot >= this.lengthOf.length || this.lengthOf[slot] === 0) return undefined;
    const start = this.offsetOf[slot];
    return JSON.parse(decoder.decode(this.chunks[this.chunkOf[slot]].subarray(start, start + this.lengthOf[slot]))) as T;
  }

  delete(slot: number): void {
    if (slot < this.lengthOf.length) this.lengthOf[slot] = 0;
  }

  /** Follows a slot renumbering (old → new, -1 dropped), copying live entries into fresh chunks. */
  compact(remap: Int32Array): void {
    const old = { chunks: this.chunks, chunkOf: this.chunkOf, offsetOf: this.offsetOf, lengthOf: this.lengthOf };
    this.chunks = [];
    this.used = CHUNK;
    this.chunkOf = new Int32Array(old.chunkOf.length);
    this.offsetOf = new Int32Array(old.chunkOf.length);
    this.lengthOf = new Int32Array(old.chunkOf.length);
    for (let slot = 0; slot < remap.length && slot < old.lengthOf.length; slot++) {
      const length = old.lengthOf[slot];
      if (remap[slot] < 0 || length === 0) continue;
      const bytes = old.chunks[old.chunkOf[slot]].subarray(old.offsetOf[slot], old.offsetOf[slot] + length);
      if (this.used + length > CHUNK) {
        this.chunks.push(new Uint8Array(Math.max(CHUNK, length)));
        this.used = 0;
      }
      const chunk = this.chunks.length - 1;
      this.chunks[chunk].set(bytes, this.used);
      this.chunkOf[remap[slot]] = chunk;
      this.offsetOf[remap[slot]] = this.used;
      this.lengthOf[remap[slot]] = length;
      this.used += length;
    }
  }

  get bytes(): number {
    return this.chunks.reduce((sum, c) => sum + c.byteLength, 0) + this.chunkOf.byteLength * 3;
  }

  private grow(capacity: number): void {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.chunkOf = grow(this.chunkOf);
    this.offsetOf = grow(this.offsetOf);
    this.lengthOf = grow(this.lengthOf);
  }
}
