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
 * - a window `[w, wall]` counts only the tokens generated inside it: a request's completion
 *   tokens are spread evenly over its decode (first token → completion), its prompt tokens over
 *   its prefill (send → first token); a request with no such interval counts at its instant.
 *   Rate = tokens in the window / `(wall − w)`;
 * - Overall: `w = 0` (every token);
 * - Last 30 s: `w = wall − 30`; Overall when `wall ≤ 30`;
 * - Steady: `w = 0.2 · wall`. Omitted (null, with `steady_state_omitted` saying why) when no
 *   request was both sent and completed inside that window: the run is too short to have one.
 *
 * @module
 */
import { round } from "./round.ts";

/** One finished, successful request. */
export interface CompletionPoint {
  /** When it was sent (ms, monotonic clock). */
  sentMs: number;
  /** When its last event arrived (ms, monotonic clock). */
  completedMs: number;
  /** When its first token arrived (ms); the prefill ends and the decode starts here. Absent:
   * the send (no prefill interval). */
  firstTokenMs?: number;
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
  /** Null when the steady window is omitted (see `steady_state_omitted`). */
  steady_state: number | null;
}

/** `workload_throughput.json`. */
export interface WorkloadThroughput {
  /** Successes on the timeline. */
  n_samples: number;
  /** Seconds from the start to the last completion. */
  wall_time_s: number;
  last_window_s: number;
  warmup_frac: number;
  /** Why the steady window is omitted (lmeter's key); absent when it is not. */
  steady_state_omitted?: string;
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

/** The throughput table of a run's successes (`startMs`: the earliest send of the run). */
export function workloadThroughput(
  points: readonly CompletionPoint[],
  opts: { startMs: number; lastWindowS?: number; warmupFrac?: number },
): WorkloadThroughput {
  const lastWindowS = opts.lastWindowS ?? 30;
  const warmupFrac = opts.warmupFrac ?? 0.2;
  const sec = (ms: number) => (ms - opts.startMs) / 1000;
  const wall = points.reduce((w, p) => Math.max(w, sec(p.completedMs)), 0);
  const overall = tokensIn(points, { from: -Infinity, to: Infinity, sec }).map((n) =>
    wall > 0 ? n / wall : 0
  );
  const rate = (from: number) =>
    tokensIn(points, { from, to: wall, sec }).map((n) => (wall > from ? n / (wall - from) : 0));
  const last = wall <= lastWindowS ? overall : rate(wall - lastWindowS);
  let steady: number[] | null = overall;
  let omitted: string | undefined;
  if (points.length > 0 && warmupFrac > 0) {
    const from = wall * warmupFrac;
    if (points.some((p) => sec(p.sentMs) >= from)) steady = rate(from);
    else {
      steady = null;
      omitted =
        `the run is too short for a steady window: no request was both sent and completed ` +
        `in its last ${round((1 - warmupFrac) * 100, 0)}% (${round(wall - from, 3)} s)`;
    }
  }
  const out: WorkloadThroughput = {
    n_samples: points.length,
    wall_time_s: round(wall, 4),
    last_window_s: lastWindowS,
    warmup_frac: warmupFrac,
    rows: WORKLOAD_METRICS.map((metric, i) => ({
      metric,
      overall: round(overall[i], 4),
      last_window: round(last[i], 4),
      steady_state: steady === null ? null : round(steady[i], 4),
    })),
  };
  if (omitted) out.steady_state_omitted = omitted;
  return out;
}

/** [total prompt, new prompt, cached prompt, completion] tokens generated in `(from, to]` s. */
function tokensIn(
  points: readonly CompletionPoint[],
  w: { from: number; to: number; sec: (ms: number) => number },
): number[] {
  let fresh = 0;
  let cached = 0;
  let completion = 0;
  for (const p of points) {
    const sent = w.sec(p.sentMs);
    const first = w.sec(p.firstTokenMs ?? p.sentMs);
    const done = w.sec(p.completedMs);
    const hit = Math.min(Math.max(0, p.cachedTokens), p.promptTokens);
    const prefill = share(sent, first, w);
    fresh += (p.promptTokens - hit) * prefill;
    cached += hit * prefill;
    completion += p.completionTokens * share(first, done, w);
  }
  return [fresh + cached, fresh, cached, completion];
}

/** The share of `[a, b]` inside `(from, to]`; for `a = b`, 1 when the instant is inside. */
function share(a: number, b: number, w: { from: number; to: number }): number {
  if (!(b > a)) return b > w.from && b <= w.to ? 1 : 0;
  const lo = Math.max(a, w.from);
  const hi = Math.min(b, w.to);
  return hi > lo ? (hi - lo) / (b - a) : 0;
}
