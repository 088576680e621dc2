/**
 * Workload throughput (EvalScope's `workload_throughput.json` and `workload_timeline.json`):
 * the cumulative token counts of a run's successes, ordered by completion time, and token
 * rates over three windows — the whole run, the last 30 s and the steady state (the first 20%
 * of the wall time dropped). Pure: the caller passes the finished requests.
 *
 * Definitions (times in seconds from `start`, the earliest send of any counted request):
 * - a point per success at its completion time `t`, holding the running sums of
 *   completion tokens, new prompt tokens (`prompt − cached`) and cached prompt tokens
 *   (`cached` = `usage.prompt_tokens_details.cached_tokens`, 0 when absent, at most `prompt`);
 * - `wall` = `t` of the last point;
 * - a window from an anchor point A to the last point L has rate `(L.cum − A.cum) / (L.t − A.t)`
 *   (0 when `L.t = A.t`); Overall uses A = (t 0, all sums 0);
 * - Last 30 s: A = the latest point with `t ≤ wall − 30` (the first point when none);
 *   Overall when `wall ≤ 30`;
 * - Steady: A = the latest point with `t ≤ 0.2 · wall` (the first point when none); Overall
 *   when A is the last point.
 *
 * @module
 */

/** One finished, successful request. */
export interface CompletionPoint {
  /** When it was sent (ms, monotonic clock). */
  sentMs: number;
  /** When its last event arrived (ms, monotonic clock). */
  completedMs: number;
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens the server served from its prefix cache (0 when it did not say). */
  cachedTokens: number;
}

/** A point of `workload_timeline.json`: running sums at one completion. */
export interface TimelinePoint {
  /** Seconds from the timeline's start. */
  t: number;
  cum_completion: number;
  cum_new_prompt: number;
  cum_cached_prompt: number;
}

/** `workload_timeline.json`. */
export interface WorkloadTimeline {
  /** The start, in seconds on the process's monotonic clock (like `start_time` in the DB). */
  wall_start: number;
  points: TimelinePoint[];
}

/** One row of `workload_throughput.json` (tok/s). */
export interface WorkloadThroughputRow {
  metric: string;
  overall: number;
  last_window: number;
  steady_state: number;
}

/** `workload_throughput.json`. */
export interface WorkloadThroughput {
  /** Successes on the timeline. */
  n_samples: number;
  /** Seconds from the start to the last completion. */
  wall_time_s: number;
  last_window_s: number;
  warmup_frac: number;
  rows: WorkloadThroughputRow[];
}

/** The row labels, in order (EvalScope's). */
export const WORKLOAD_METRICS = [
  "Total Prompt tok/s",
  "New Prompt tok/s",
  "Cached Prompt tok/s",
  "Completion tok/s",
] as const;

/** The cumulative timeline of `points` (in any order), measured from `startMs`. */
export function buildTimeline(
  points: readonly CompletionPoint[],
  startMs: number,
): WorkloadTimeline {
  const sorted = [...points].sort((a, b) => a.completedMs - b.completedMs);
  let completion = 0;
  let fresh = 0;
  let cached = 0;
  const out: TimelinePoint[] = [];
  for (const p of sorted) {
    const hit = Math.min(Math.max(0, p.cachedTokens), p.promptTokens);
    completion += p.completionTokens;
    fresh += p.promptTokens - hit;
    cached += hit;
    out.push({
      t: (p.completedMs - startMs) / 1000,
      cum_completion: completion,
      cum_new_prompt: fresh,
      cum_cached_prompt: cached,
    });
  }
  return { wall_start: startMs / 1000, points: out };
}

const ORIGIN: TimelinePoint = { t: 0, cum_completion: 0, cum_new_prompt: 0, cum_cached_prompt: 0 };

/** The throughput table of a timeline. */
export function workloadThroughput(
  timeline: WorkloadTimeline,
  opts: { lastWindowS?: number; warmupFrac?: number } = {},
): WorkloadThroughput {
  const lastWindowS = opts.lastWindowS ?? 30;
  const warmupFrac = opts.warmupFrac ?? 0.2;
  const pts = timeline.points;
  const wall = pts.length ? Math.max(0, pts[pts.length - 1].t) : 0;
  const overall = ratesFrom(pts, ORIGIN);
  const last = wall <= lastWindowS ? overall : ratesFrom(pts, anchorAt(pts, wall - lastWindowS));
  let steady = overall;
  if (pts.length && wall > 0 && warmupFrac > 0) {
    const a = anchorAt(pts, wall * warmupFrac);
    if (a !== pts[pts.length - 1]) steady = ratesFrom(pts, a);
  }
  return {
    n_samples: pts.length,
    wall_time_s: round(wall, 4),
    last_window_s: lastWindowS,
    warmup_frac: warmupFrac,
    rows: WORKLOAD_METRICS.map((metric, i) => ({
      metric,
      overall: round(overall[i], 4),
      last_window: round(last[i], 4),
      steady_state: round(steady[i], 4),
    })),
  };
}

/** The latest point with `t ≤ target`, or the first point. */
function anchorAt(pts: readonly TimelinePoint[], target: number): TimelinePoint {
  let lo = 0;
  let hi = pts.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pts[mid].t <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return pts[found];
}

/** [total prompt, new prompt, cached prompt, completion] tok/s from `a` to the last point. */
function ratesFrom(pts: readonly TimelinePoint[], a: TimelinePoint): number[] {
  if (pts.length === 0) return [0, 0, 0, 0];
  const l = pts[pts.length - 1];
  const dt = l.t - a.t;
  if (!(dt > 0)) return [0, 0, 0, 0];
  const fresh = (l.cum_new_prompt - a.cum_new_prompt) / dt;
  const cached = (l.cum_cached_prompt - a.cum_cached_prompt) / dt;
  return [fresh + cached, fresh, cached, (l.cum_completion - a.cum_completion) / dt];
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
