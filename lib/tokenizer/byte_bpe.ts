/**
 * A byte-level BPE vocabulary that is cheap to build: the token byte strings sit in one
 * `Uint8Array`, and an open-addressing hash table of typed arrays finds a byte range's rank.
 *
 * js-tiktoken builds two `Map`s keyed by strings such as `"72,101"` for every one of
 * `o200k_base`'s 200,000 tokens — about 1.3 s and 190 MB before the first count. This table is
 * built from the same base64 rank list in tens of milliseconds and a few megabytes, and its merge
 * rule is js-tiktoken's: repeatedly join the adjacent pair with the lowest rank (the leftmost on
 * a tie) until no pair is a token, so the ids are the same (tested against js-tiktoken).
 *
 * @module
 */

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD = 61; // "="
const SPACE = 32;

/** 32-bit FNV-1a of `bytes[start, end)`. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** A rank table for byte strings, and the byte-pair merge over it. */
export class ByteBpe {
  readonly #bytes: Uint8Array;
  /** Token `r`'s bytes are `#bytes[#offsets[r], #offsets[r + 1])`. */
  readonly #offsets: Int32Array;
  /** Open addressing, linear probing: rank + 1, or 0 for an empty slot. */
  readonly #slots: Int32Array;
  readonly #mask: number;

  private constructor(bytes: Uint8Array, offsets: Int32Array) {
    this.#bytes = bytes;
    this.#offsets = offsets;
    const size = offsets.length - 1;
    let cap = 1;
    while (cap < size * 2) cap <<= 1;
    this.#slots = new Int32Array(cap);
    this.#mask = cap - 1;
    for (let r = 0; r < size; r++) {
      let s = hashBytes(bytes, offsets[r], offsets[r + 1]) & this.#mask;
      while (this.#slots[s] !== 0) s = (s + 1) & this.#mask;
      this.#slots[s] = r + 1;
    }
  }

  /**
   * Reads tiktoken's compressed rank list (js-tiktoken's `bpe_ranks`): lines of
   * `<name> <first rank> <base64 token> <base64 token> …`, ranks counting up from the first.
   */
  static fromTiktokenRanks(bpeRanks: string): ByteBpe {
    const lut = new Int8Array(128).fill(-1);
    for (let i = 0; i < 64; i++) lut[BASE64.charCodeAt(i)] = i;
    // Every 4 base64 characters are at most 3 bytes.
    const bytes = new Uint8Array(Math.ceil(bpeRanks.length * 0.75));
    const ranks: number[] = [];
    const starts: number[] = [];
    let n = 0;
    for (const line of bpeRanks.split("\n")) {
      // Skip the name; the first rank follows it.
      const nameEnd = line.indexOf(" ");
      if (nameEnd < 0) continue;
      let at = line.indexOf(" ", nameEnd + 1);
      if (at < 0) at = line.length;
      let rank = Number.parseInt(line.slice(nameEnd + 1, at), 10);
      // One pass over the base64 tokens, each followed by a space or the end of the line.
      for (let j = at + 1; j < line.length; rank++) {
        ranks.push(rank);
        starts.push(n);
        for (; j + 3 < line.length && line.charCodeAt(j) !== SPACE; j += 4) {
          const c2 = line.charCodeAt(j + 2);
          const c3 = line.charCodeAt(j + 3);
          const v = (lut[line.charCodeAt(j)] << 18) | (lut[line.charCodeAt(j + 1)] << 12) |
            ((c2 === PAD ? 0 : lut[c2]) << 6) | (c3 === PAD ? 0 : lut[c3]);
          bytes[n++] = v >>> 16;
          if (c2 !== PAD) bytes[n++] = (v >>> 8) & 255;
          if (c3 !== PAD) bytes[n++] = v & 255;
        }
        j++; // the space
      }
    }
    starts.push(n);
    return ByteBpe.#fromRanked(bytes.subarray(0, n), ranks, starts);
  }

  /** Orders the tokens by rank (ranks must be 0 … n − 1, each once). */
  static #fromRanked(bytes: Uint8Array, ranks: number[], starts: number[]): ByteBpe {
    const size = ranks.length;
    if (ranks.every((r, i) => r === i)) return new ByteBpe(bytes, Int32Array.from(starts));
    const offsets = new Int32Array(size + 1);
    const lengths = new Int32Array(size).fill(-1);
    for (let i = 0; i < size; i++) {
      const r = ranks[i];
      if (r < 0 || r >= size || lengths[r] !== -1) {
        throw new Error(`Cannot read the BPE ranks: rank ${r} is missing or repeated`);
      }
      lengths[r] = starts[i + 1] - starts[i];
    }
    for (let r = 0; r < size; r++) offsets[r + 1] = offsets[r] + lengths[r];
    const ordered = new Uint8Array(offsets[size]);
    for (let i = 0; i < size; i++) {
      ordered.set(bytes.subarray(starts[i], starts[i + 1]), offsets[ranks[i]]);
    }
    return new ByteBpe(ordered, offsets);
  }

  /** Number of ranked tokens (special tokens are not among them). */
  get size(): number {
    return this.#offsets.length - 1;
  }

  /** The rank of `bytes[start, end)`, or -1 when that byte string is not a token. */
  rank(bytes: Uint8Array, start = 0, end = bytes.length): number {
    const len = end - start;
    const all = this.#bytes;
    const offsets = this.#offsets;
    let s = hashBytes(bytes, start, end) & this.#mask;
    for (;;) {
      const r = this.#slots[s] - 1;
      if (r < 0) return -1;
      const o = offsets[r];
      if (offsets[r + 1] - o === len) {
        let i = 0;
        while (i < len && all[o + i] === bytes[start + i]) i++;
        if (i === len) return r;
      }
      s = (s + 1) & this.#mask;
    }
  }

  /** The ranks of a pre-token's bytes: itself when it is a token, else the byte-pair merge. */
  encode(bytes: Uint8Array): number[] {
    const whole = this.rank(bytes);
    if (whole >= 0) return [whole];
    // Part k covers bytes[bounds[k], bounds[k + 1]); pair[k] is the rank of parts k and k + 1.
    const bounds: number[] = [];
    for (let i = 0; i <= bytes.length; i++) bounds.push(i);
    const pair: number[] = [];
    for (let k = 0; k + 2 < bounds.length; k++) {
      pair.push(this.rank(bytes, bounds[k], bounds[k + 2]));
    }
    for (;;) {
      let best = -1;
      for (let k = 0; k < pair.length; k++) {
        if (pair[k] >= 0 && (best < 0 || pair[k] < pair[best])) best = k;
      }
      if (best < 0) break;
      bounds.splice(best + 1, 1);
      pair.splice(best, 1);
      if (best > 0) pair[best - 1] = this.rank(bytes, bounds[best - 1], bounds[best + 1]);
      if (best < pair.length) pair[best] = this.rank(bytes, bounds[best], bounds[best + 2]);
    }
    const out: number[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const r = this.rank(bytes, bounds[k], bounds[k + 1]);
      if (r >= 0) out.push(r);
    }
    return out;
  }

  /** The bytes of token `rank`, or undefined for a rank outside the table. */
  tokenBytes(rank: number): Uint8Array | undefined {
    if (!(rank >= 0 && rank < this.size)) return undefined;
    return this.#bytes.subarray(this.#offsets[rank], this.#offsets[rank + 1]);
  }
}
