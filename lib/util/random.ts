/**
 * Seeded random generators and draws, so schedules, shuffles, prompt lengths and simulated
 * timings repeat exactly with the same seed. Every generator is a {@linkcode Random}. There are
 * two algorithms because outputs already depend on both sequences, and each must stay what it was
 * for the same seed: {@linkcode mulberry32} (eval shuffles and few-shot picks, the simulator, the
 * app's bootstrap) and {@linkcode sfc32} (perf schedules, prompt lengths and random prompts).
 * A third, Python's Mersenne Twister, lives beside it in `py_random.ts` (`PyRandom`): it exists
 * only to repeat EvalScope's `random.Random(seed).shuffle` bit for bit, and needs 64-bit seeds and
 * CPython's `getrandbits`/`randbelow` rather than a `() => number`. Pure.
 *
 * @module
 */
import { sha256Hex } from "./hash.ts";

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** The mulberry32 generator seeded by a 32-bit integer. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A mulberry32 generator seeded by a run seed and labels (benchmark, subset, purpose): its seed is
 * the first 32 bits of the SHA-256 of `seed`, NUL, and the labels joined by NUL.
 */
export function seededRandom(seed: number, ...labels: string[]): Random {
  const h = sha256Hex(`${seed}\u0000${labels.join("\u0000")}`);
  return mulberry32(parseInt(h.slice(0, 8), 16));
}

/** The sfc32 generator (warmed up by 15 draws); without a seed it is seeded from `Math.random`. */
export function sfc32(seed?: number): Random {
  const s = seed ?? Math.floor(Math.random() * 2 ** 32);
  let a = 0x9e3779b9 ^ s;
  let b = 0x243f6a88 ^ Math.floor(s / 2 ** 32);
  let c = 0xb7e15162;
  let d = s >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** A 32-bit hash of `parts` (FNV-1a with a final avalanche); equal inputs give equal outputs. */
export function hash32(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = typeof part === "number" ? `#${part}` : part;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff; // separator, so ("ab","c") differs from ("a","bc")
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) determined by `parts` (a stateless draw). */
export function unitHash(...parts: readonly (string | number)[]): number {
  return hash32(...parts) / 4294967296;
}

/** An integer drawn uniformly from `[lo, hi]` (both inclusive). */
export function uniformInt(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

/** A draw from the exponential distribution with the given mean. */
export function exponential(random: Random, mean: number): number {
  return -Math.log(1 - random()) * mean;
}

/** A standard normal draw (Box–Muller). */
export function normal(random: Random): number {
  const u = 1 - random(); // (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A draw from the gamma distribution with `shape` k > 0 and scale 1 (Marsaglia–Tsang). */
export function gamma(random: Random, shape: number): number {
  if (shape < 1) {
    // Boost: Gamma(k) = Gamma(k + 1) · U^(1/k).
    return gamma(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A shuffled copy of `items` (Fisher–Yates, from the last position down). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
