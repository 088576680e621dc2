/**
 * Python's `random.Random` (Mersenne Twister MT19937) for integer seeds, enough to repeat
 * `random.Random(seed).shuffle(items)` exactly: EvalScope shuffles GPQA's options that way, so
 * the same seed gives the same option order (and the same prompt) here. `random()`, `gauss()`
 * and `choice()` repeat CPython too (the langdetect port draws its trials with them).
 *
 * @module
 */

const N = 624;
const M = 397;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const TWO_PI = 2 * Math.PI;
/** Private to {@linkcode PyRandom.clone}: a generator whose state is about to be copied in. */
const UNSEEDED: unique symbol = Symbol("unseeded");

/**
 * A `random.Random(seed)` generator: `getrandbits`, `randbelow`, `random`, `gauss`, `choice`,
 * `shuffle` and `sample` as CPython has them.
 */
export class PyRandom {
  #mt = new Uint32Array(N);
  #index = N;
  /** The second normal deviate of the last Box-Muller pair (CPython's `gauss_next`). */
  #gaussNext: number | undefined = undefined;

  /** Seeds like `random.Random(seed)` with a non-negative integer (`init_by_array` of its words). */
  constructor(seed: bigint | number | typeof UNSEEDED) {
    if (seed === UNSEEDED) return; // clone() fills the state
    let n = BigInt(seed);
    if (n < 0n) n = -n;
    const key: number[] = [];
    while (n > 0n) {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    }
    if (key.length === 0) key.push(0);
    this.#initByArray(key);
  }

  /**
   * An independent generator in this one's exact state (seeding costs a few microseconds; a copy
   * of a freshly seeded generator is much cheaper when the same seed is used again and again).
   */
  clone(): PyRandom {
    const copy = new PyRandom(UNSEEDED);
    copy.#mt.set(this.#mt);
    copy.#index = this.#index;
    copy.#gaussNext = this.#gaussNext;
    return copy;
  }

  /** The next 32-bit output (`genrand_uint32`). */
  nextUint32(): number {
    const mt = this.#mt;
    if (this.#index >= N) {
      for (let k = 0; k < N; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
        mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.#index = 0;
    }
    let y = mt[this.#index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `getrandbits(k)` for 0 ≤ k ≤ 32. */
  getrandbits(k: number): number {
    if (k <= 0) return 0;
    if (k > 32) throw new RangeError("PyRandom.getrandbits supports at most 32 bits");
    return this.nextUint32() >>> (32 - k);
  }

  /** `_randbelow(n)`: a uniform integer in [0, n) by rejection over `n.bit_length()` bits. */
  randbelow(n: number): number {
    if (n <= 0) return 0;
    const k = 32 - Math.clz32(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** `random()`: a float in [0, 1) with 53 random bits, made from two 32-bit outputs. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) * TWO_POW_MINUS_53;
  }

  /**
   * `gauss(mu, sigma)`: CPython's Box-Muller variant, which keeps the pair's second deviate for
   * the next call (seeding a new generator starts without it, as `seed()` does in CPython).
   */
  gauss(mu = 0, sigma = 1): number {
    let z = this.#gaussNext;
    this.#gaussNext = undefined;
    if (z === undefined) {
      const x2pi = this.random() * TWO_PI;
      const g2rad = Math.sqrt(-2 * Math.log(1 - this.random()));
      z = Math.cos(x2pi) * g2rad;
      this.#gaussNext = Math.sin(x2pi) * g2rad;
    }
    return mu + z * sigma;
  }

  /** `choice(items)`: one element, picked by `randbelow(items.length)`. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Cannot choose from an empty sequence");
    return items[this.randbelow(items.length)];
  }

  /** A shuffled copy of `items`, in the order `random.shuffle` leaves the list. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /**
   * The positions `random.sample(range(n), k)` picks, in pick order (CPython's algorithm: a
   * shrinking pool for small `n`, else a set of rejected repeats).
   */
  sample(n: number, k: number): number[] {
    if (k < 0 || k > n) throw new RangeError(`Cannot sample ${k} of ${n} items`);
    const out = new Array<number>(k);
    let setsize = 21;
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setsize) {
      const pool = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        out[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
      return out;
    }
    const selected = new Set<number>();
    for (let i = 0; i < k; i++) {
      let j = this.randbelow(n);
      while (selected.has(j)) j = this.randbelow(n);
      selected.add(j);
      out[i] = j;
    }
    return out;
  }

  #initGenrand(s: number): void {
    const mt = this.#mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.#index = N;
  }

  #initByArray(key: readonly number[]): void {
    const mt = this.#mt;
    this.#initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }
}
