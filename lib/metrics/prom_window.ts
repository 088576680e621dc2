/**
 * Prometheus' arithmetic over scraped series, for a time window: a counter's increase (with
 * resets, extrapolated or interpolated at the window's edges), a histogram's quantile
 * interpolated inside its buckets, and a gauge's extremes. Pure; times are epoch ms.
 *
 * - {@linkcode promIncrease} is PromQL's `increase(x[range])` (Prometheus 3: samples in
 *   `(start, end]`, extrapolated to the edges unless a gap is longer than 1.1× the mean spacing,
 *   and never below a counter's zero).
 * - {@linkcode windowIncrease} interpolates the counter at each edge between the samples around
 *   it (PromQL's `smoothed` modifier); it falls back on `promIncrease` when an edge has no sample
 *   on one side.
 * - {@linkcode bucketQuantile} is `histogram_quantile()` on classic buckets.
 *
 * @module
 */

/** One scraped value of a series. */
export interface Point {
  /** Epoch ms of the scrape. */
  t: number;
  v: number;
}

/** A window `[start, end]`, epoch ms. */
export interface Window {
  start: number;
  end: number;
}

/** One classic histogram bucket: observations `≤ le` (cumulative). */
export interface Bucket {
  le: number;
  count: number;
}

/**
 * The counter's values with every reset undone: after a drop, the value before the drop is
 * added to everything that follows (a reset counts from zero again, as Prometheus assumes).
 */
export function resetAdjusted(points: readonly Point[]): Point[] {
  let offset = 0;
  return points.map((p, i) => {
    if (i > 0 && p.v < points[i - 1].v) offset += points[i - 1].v;
    return { t: p.t, v: p.v + offset };
  });
}

/** The number of counter resets (drops) in the points. */
export function resetCount(points: readonly Point[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) if (points[i].v < points[i - 1].v) n++;
  return n;
}

/**
 * PromQL's `increase()` of a counter over `window`: the samples in `(start, end]`, resets added
 * back, extrapolated to each edge (by the gap to it when that gap is under 1.1× the mean spacing
 * of the samples, else by half the mean spacing; towards the start no further than where the
 * counter would reach zero). Null with fewer than two samples in the window.
 */
export function promIncrease(points: readonly Point[], window: Window): number | null {
  const inside = points.filter((p) => p.t > window.start && p.t <= window.end);
  if (inside.length < 2) return null;
  const adjusted = resetAdjusted(inside);
  const first = inside[0];
  const last = adjusted[adjusted.length - 1];
  const result = last.v - first.v;
  const sampled = (last.t - first.t) / 1000;
  if (sampled <= 0) return null;
  const mean = sampled / (inside.length - 1);
  const threshold = mean * 1.1;
  let toStart = (first.t - window.start) / 1000;
  let toEnd = (window.end - last.t) / 1000;
  if (toStart >= threshold) toStart = mean / 2;
  if (result > 0 && first.v >= 0) {
    const toZero = sampled * (first.v / result);
    if (toZero < toStart) toStart = toZero;
  }
  if (toEnd >= threshold) toEnd = mean / 2;
  return result * ((sampled + toStart + toEnd) / sampled);
}

/** How {@linkcode windowIncrease} got its value. */
export type IncreaseMethod = "interpolated" | "extrapolated";

/** A counter's increase over a window and how it was computed. */
export interface WindowIncrease {
  value: number;
  method: IncreaseMethod;
  /** Counter resets among the samples used. */
  resets: number;
}

/**
 * A counter's increase over `window`: when samples lie on both sides of each edge, the
 * reset-adjusted counter is interpolated linearly at `start` and at `end` (a sample exactly at an
 * edge is taken as is) and the increase is the difference; otherwise {@linkcode promIncrease}.
 * Null when neither can be computed.
 */
export function windowIncrease(
  points: readonly Point[],
  window: Window,
): WindowIncrease | null {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const around = surrounding(sorted, window);
  if (around) {
    const used = resetAdjusted(sorted.slice(around.from, around.to + 1));
    const atStart = valueAt(used, window.start)!;
    const atEnd = valueAt(used, window.end)!;
    return {
      value: atEnd - atStart,
      method: "interpolated",
      resets: resetCount(sorted.slice(around.from, around.to + 1)),
    };
  }
  const value = promIncrease(sorted, window);
  if (value === null) return null;
  const inside = sorted.filter((p) => p.t > window.start && p.t <= window.end);
  return { value, method: "extrapolated", resets: resetCount(inside) };
}

/**
 * Indexes of the last sample at or before `start` and the first at or after `end` in time-sorted
 * points; null when the samples do not surround the window.
 */
function surrounding(
  sorted: readonly Point[],
  window: Window,
): { from: number; to: number } | null {
  let from = -1;
  let to = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].t <= window.start) from = i;
    if (to < 0 && sorted[i].t >= window.end) to = i;
  }
  return from < 0 || to < 0 || to < from ? null : { from, to };
}

/** The series' value at `t`, interpolated between the samples around it; null outside them. */
export function valueAt(points: readonly Point[], t: number): number | null {
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p.t === t) return p.v;
    if (p.t > t) {
      if (i === 0) return null;
      const q = points[i - 1];
      return q.v + (p.v - q.v) * ((t - q.t) / (p.t - q.t));
    }
  }
  return null;
}

/**
 * The raw increase between the last sample at or before `start` and the first at or after `end`,
 * resets added back; null when the samples do not surround the window. What the server counted
 * from just before the window to just after it, exactly.
 */
export function bracketIncrease(points: readonly Point[], window: Window): number | null {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const around = surrounding(sorted, window);
  if (!around) return null;
  const adjusted = resetAdjusted(sorted.slice(around.from, around.to + 1));
  return adjusted[adjusted.length - 1].v - adjusted[0].v;
}

/**
 * PromQL's `histogram_quantile(q, …)` on classic buckets: buckets sorted by `le` and merged when
 * equal, float noise (relative 1e-12) and non-monotonic counts smoothed out, then the rank
 * `q × total` located and interpolated linearly inside its bucket (from 0 in the first bucket when
 * its bound is positive). A rank in the `+Inf` bucket gives the highest finite bound. NaN without
 * a `+Inf` bucket, with fewer than two buckets or no observation; −∞ for q < 0, +∞ for q > 1.
 */
export function bucketQuantile(q: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (buckets.length === 0) return NaN;
  const sorted = [...buckets].map((b) => ({ ...b })).sort((a, b) => a.le - b.le);
  if (sorted[sorted.length - 1].le !== Infinity) return NaN;
  const merged: Bucket[] = [];
  for (const b of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.le === b.le) last.count += b.count;
    else merged.push(b);
  }
  let prev = merged[0].count;
  for (let i = 1; i < merged.length; i++) {
    const cur = merged[i].count;
    const delta = Math.abs(cur - prev);
    if (delta === 0) continue;
    if (delta / cur <= 1e-12) merged[i].count = prev;
    else prev = cur;
  }
  let max = merged[0].count;
  for (let i = 1; i < merged.length; i++) {
    if (merged[i].count > max) max = merged[i].count;
    else if (merged[i].count < max) merged[i].count = max;
  }
  if (merged.length < 2) return NaN;
  const total = merged[merged.length - 1].count;
  if (total === 0) return NaN;
  let rank = q * total;
  let b = merged.length - 1;
  for (let i = 0; i < merged.length - 1; i++) {
    if (merged[i].count >= rank) {
      b = i;
      break;
    }
  }
  if (b === merged.length - 1) return merged[merged.length - 2].le;
  if (b === 0 && merged[0].le <= 0) return merged[0].le;
  let start = 0;
  let count = merged[b].count;
  if (b > 0) {
    start = merged[b - 1].le;
    count -= merged[b - 1].count;
    rank -= merged[b - 1].count;
  }
  return start + (merged[b].le - start) * (rank / count);
}

/** A gauge over a window. */
export interface GaugeStats {
  min: number;
  max: number;
  /** Mean of the samples (each scrape weighs the same). */
  mean: number;
  samples: number;
}

/** Min, max and mean of the gauge's samples with `start ≤ t ≤ end`; null when there is none. */
export function gaugeStats(points: readonly Point[], window: Window): GaugeStats | null {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    if (p.t < window.start || p.t > window.end || Number.isNaN(p.v)) continue;
    n++;
    sum += p.v;
    if (p.v < min) min = p.v;
    if (p.v > max) max = p.v;
  }
  return n === 0 ? null : { min, max, mean: sum / n, samples: n };
}
