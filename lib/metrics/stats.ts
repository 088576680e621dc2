/**
 * Standard errors and 95% confidence intervals for mean scores. Pure functions.
 *
 * Scores are per-sample values in [0, 1] (1/0 for right/wrong). When a benchmark repeats each
 * sample k times, the k attempts of one sample are not independent, so the standard error is
 * computed over the per-group means (a cluster-robust estimate with the sample as cluster).
 *
 * @module
 */
import { logGamma } from "./gamma.ts";

/** A mean with its uncertainty. */
export interface MeanEstimate {
  /** Arithmetic mean of the values (0 when there are none). */
  mean: number;
  /** Number of values. */
  n: number;
  /** Number of independent units (groups) the standard error is computed over. */
  clusters: number;
  /** Standard error of the mean; 0 when fewer than two clusters. */
  stderr: number;
  /** 95% confidence interval, clipped to [min, max] of the scale. */
  ci95: [number, number];
  /** How the interval was computed. */
  ciMethod: "wilson" | "t" | "none";
}

/** Options of {@linkcode estimateMean}. */
export interface EstimateOptions {
  /** Group id per value (same length as `values`); values sharing a group form one cluster. */
  groups?: readonly number[];
  /** Bounds of the score scale, used to clip the interval. Default [0, 1]. */
  bounds?: [number, number];
}

/**
 * The mean of `values` with its standard error and 95% CI.
 *
 * - Binary values (all 0 or 1) without repeated groups: Wilson score interval, which stays
 *   inside [0, 1] and behaves at 0% and 100%.
 * - Otherwise: Student-t interval over the cluster means, mean ± t(0.975, clusters−1)·stderr.
 */
export function estimateMean(
  values: readonly number[],
  options: EstimateOptions = {},
): MeanEstimate {
  const n = values.length;
  const [lo, hi] = options.bounds ?? [0, 1];
  if (n === 0) return { mean: 0, n: 0, clusters: 0, stderr: 0, ci95: [0, 0], ciMethod: "none" };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  const clusterMeans = options.groups ? groupMeans(values, options.groups) : values;
  const k = clusterMeans.length;
  const stderr = standardError(clusterMeans);
  const repeated = k !== n;
  if (!repeated && values.every((v) => v === 0 || v === 1)) {
    const [a, b] = wilsonInterval(sum, n);
    return { mean, n, clusters: k, stderr, ci95: [a, b], ciMethod: "wilson" };
  }
  if (k < 2) return { mean, n, clusters: k, stderr: 0, ci95: [mean, mean], ciMethod: "none" };
  const half = tQuantile(0.975, k - 1) * stderr;
  return {
    mean,
    n,
    clusters: k,
    stderr,
    ci95: [clamp(mean - half, lo, hi), clamp(mean + half, lo, hi)],
    ciMethod: "t",
  };
}

/** Sample standard error of the mean: sd (n−1 denominator) / √n; 0 when n < 2. */
export function standardError(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return Math.sqrt(ss / (n - 1) / n);
}

/** The Wilson score interval (95%) for `successes` out of `n`. */
export function wilsonInterval(
  successes: number,
  n: number,
  z = 1.959963984540054,
): [number, number] {
  if (n === 0) return [0, 0];
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** The mean of each group's values, in order of first appearance. */
export function groupMeans(values: readonly number[], groups: readonly number[]): number[] {
  const sums = new Map<number, [number, number]>();
  for (let i = 0; i < values.length; i++) {
    const g = groups[i] ?? i;
    const s = sums.get(g);
    if (s) {
      s[0] += values[i];
      s[1]++;
    } else {
      sums.set(g, [values[i], 1]);
    }
  }
  return [...sums.values()].map(([s, c]) => s / c);
}

/** The p-quantile of Student's t distribution with `df` degrees of freedom (bisection on the CDF). */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`tQuantile(${p}, ${df}) is undefined`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The CDF of Student's t distribution. */
export function tCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The regularized incomplete beta function I_x(a, b) (continued fraction, modified Lentz). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) +
    b * Math.log(1 - x);
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedBeta(1 - x, b, a);
  return Math.exp(lnFront) * betaFraction(x, a, b) / a;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
