/**
 * 95% confidence intervals for the two other averages a mixed set reports beside the plain mean:
 * the weighted mean (Σ w·x / Σ w) and the macro mean (the plain mean of group means). Pure.
 *
 * @module
 */
import { standardError, tQuantile } from "./stats.ts";

/** An average and its 95% CI (clipped to [0, 1]); the CI is the point when it cannot be told. */
export interface AverageCi {
  mean: number;
  ci95: [number, number];
}

/**
 * The weighted mean of `values` and its CI: the sandwich variance
 * `n/(n−1) · Σ w_i²(x_i − m)² / (Σ w)²`, mean ± t(0.975, n−1)·stderr. Weights that sum to 0
 * give the plain mean (as EvalScope does).
 */
export function weightedMeanCi(values: readonly number[], weights: readonly number[]): AverageCi {
  const n = values.length;
  let sw = 0;
  let swx = 0;
  for (let i = 0; i < n; i++) {
    sw += weights[i];
    swx += weights[i] * values[i];
  }
  if (sw === 0) return plainCi(values);
  const mean = swx / sw;
  if (n < 2) return { mean, ci95: [mean, mean] };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (weights[i] * (values[i] - mean)) ** 2;
  const stderr = Math.sqrt((n / (n - 1)) * ss) / sw;
  return interval(mean, stderr, n - 1);
}

/**
 * The plain mean of the groups' means and its CI: the groups are independent, so the variance is
 * `Σ stderr_j² / k²`; mean ± t(0.975, n−k)·stderr with n values in k groups.
 */
export function macroMeanCi(groups: readonly (readonly number[])[]): AverageCi {
  const used = groups.filter((g) => g.length > 0);
  const k = used.length;
  if (k === 0) return { mean: 0, ci95: [0, 0] };
  let sum = 0;
  let variance = 0;
  let n = 0;
  for (const g of used) {
    sum += g.reduce((a, b) => a + b, 0) / g.length;
    variance += standardError(g) ** 2;
    n += g.length;
  }
  const mean = sum / k;
  if (n - k < 1) return { mean, ci95: [mean, mean] };
  return interval(mean, Math.sqrt(variance) / k, n - k);
}

/** The plain mean and a t interval over the values. */
export function plainCi(values: readonly number[]): AverageCi {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : 0;
  if (n < 2) return { mean, ci95: [mean, mean] };
  return interval(mean, standardError(values), n - 1);
}

function interval(mean: number, stderr: number, df: number): AverageCi {
  const half = tQuantile(0.975, df) * stderr;
  return { mean, ci95: [Math.max(0, mean - half), Math.min(1, mean + half)] };
}
