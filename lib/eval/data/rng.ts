/**
 * A small seeded random generator (mulberry32) and a Fisher–Yates shuffle, so shuffles and
 * random few-shot picks are the same on every run with the same seed.
 *
 * @module
 */
import { sha256Hex } from "../../util/hash.ts";

/** A random source returning numbers in [0, 1). */
export type Random = () => number;

/** A mulberry32 generator seeded by a 32-bit integer. */
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

/** A generator seeded by the run seed and any labels (benchmark, subset, purpose). */
export function seededRandom(seed: number, ...labels: string[]): Random {
  const h = sha256Hex(`${seed}\u0000${labels.join("\u0000")}`);
  return mulberry32(parseInt(h.slice(0, 8), 16));
}

/** A shuffled copy of `items`. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
