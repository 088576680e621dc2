/**
 * Arrival schedules for paced runs (`--rate`). Pure: the random source is injected.
 *
 * Arrivals are absolute offsets from the start of the run, so a late send never shifts the ones
 * after it (no drift); the dispatcher fires a late arrival at once and records how late it was.
 *
 * @module
 */
import { exponential, gamma, type Random } from "../util/random.ts";

/**
 * Poisson arrivals: `n` exponential gaps with mean `1000 / rate` ms (gamma gaps of shape
 * `burstiness` when it is not 1), summed, then rescaled so the last arrival falls exactly at
 * `n / rate` seconds. Returns offsets in ms, ascending.
 * A rate of -1 (or any rate ≤ 0) means "no pacing": every offset is 0.
 */
export function poissonArrivals(
  n: number,
  rate: number,
  rng: Random,
  burstiness = 1,
): Float64Array {
  const out = new Float64Array(n);
  if (n === 0 || !(rate > 0)) return out;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    // Burstiness k (vLLM's `--burstiness`): gamma gaps of shape k and the same mean, so the
    // coefficient of variation is 1/sqrt(k); k = 1 is the exponential (Poisson) case.
    sum += burstiness === 1
      ? exponential(rng, 1000 / rate)
      : gamma(rng, burstiness) * (1000 / rate) / burstiness;
    out[i] = sum;
  }
  const scale = (n / rate) * 1000 / sum;
  for (let i = 0; i < n; i++) out[i] *= scale;
  out[n - 1] = (n / rate) * 1000;
  return out;
}
