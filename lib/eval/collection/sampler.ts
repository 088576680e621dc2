/**
 * How many samples each benchmark of a collection gets, and which: EvalScope's three samplers
 * (weighted, uniform, stratified) with its count rules, and Python's `random.sample` over each
 * benchmark's pooled subsets, so a seed gives the same draw every time.
 *
 * @module
 */

/** The samplers, as `lmeter collection create --sampler` names them. */
export const SAMPLERS = ["weighted", "uniform", "stratified"] as const;

/** One of {@linkcode SAMPLERS}. */
export type SamplerKind = typeof SAMPLERS[number];

/** What one benchmark of a collection is asked for and gets. */
export interface CountPlan {
  /** What the sampler's rule asks for. */
  requested: number;
  /** Samples in the benchmark's pool (all its subsets). */
  pool: number;
  /** `min(requested, pool)`: what is drawn. */
  drawn: number;
}

/**
 * The count rule of each sampler, for datasets in flattened order: weighted `int(w·N)`, uniform
 * `N // k`, stratified `int(pool_i / Σpool · N)`; the last dataset takes what the others left.
 * Each count is then capped at its pool (EvalScope draws without replacement).
 */
export function planCounts(
  datasets: readonly { weight: number }[],
  options: { sampler: SamplerKind; count: number; pools: readonly number[] },
): CountPlan[] {
  const { sampler, count, pools } = options;
  const k = datasets.length;
  const totalPool = pools.reduce((a, b) => a + b, 0);
  let remaining = count;
  return datasets.map((d, i) => {
    let requested: number;
    if (i === k - 1) requested = remaining;
    else {
      if (sampler === "weighted") requested = Math.trunc(d.weight * count);
      else if (sampler === "uniform") requested = Math.floor(count / k);
      else requested = totalPool > 0 ? Math.trunc((pools[i] / totalPool) * count) : 0;
      remaining -= requested;
    }
    requested = Math.max(0, requested);
    return { requested, pool: pools[i], drawn: Math.min(requested, pools[i]) };
  });
}
