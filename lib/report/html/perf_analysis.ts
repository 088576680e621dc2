/**
 * Reading a perf sweep: which load axis it swept, its best configuration, and what to try next
 * (EvalScope's rules, §1.10 of the reference: peak position, success rate at the highest load,
 * latency growth). Pure.
 *
 * @module
 */
import { successRate } from "../../metrics/perf_summary.ts";
import type { PerfRunView } from "../../results/read/types.ts";
import type { MessageKey, Translate } from "./i18n.ts";

/** The swept load: concurrency (closed loop) or arrival rate (open loop). */
export type LoadAxis = "parallel" | "rate";

/** The axis of a sweep: `rate` when runs are paced and concurrency does not vary. */
export function loadAxis(runs: readonly PerfRunView[]): LoadAxis {
  const rates = new Set(runs.map((r) => r.rate));
  const parallels = new Set(runs.map((r) => r.parallel));
  const paced = runs.length > 0 && runs.every((r) => r.rate > 0);
  if (paced && (rates.size > 1 || parallels.size <= 1 || runs.some((r) => r.parallel <= 0))) {
    return "rate";
  }
  return "parallel";
}

/** The run's load on the axis. */
export function loadOf(run: PerfRunView, axis: LoadAxis): number {
  return axis === "rate" ? run.rate : run.parallel;
}

/** Runs sorted by load (then by request count). */
export function sortRuns<T extends PerfRunView>(runs: readonly T[], axis: LoadAxis): T[] {
  return [...runs].sort((a, b) => loadOf(a, axis) - loadOf(b, axis) || a.number - b.number);
}

/** "Parallel 4 / Number 40" or "Rate 5 req/s / Number 100". */
export function runLabel(run: PerfRunView, axis: LoadAxis): string {
  return axis === "rate"
    ? `Rate ${run.rate} req/s / Number ${run.number}`
    : `Parallel ${run.parallel} / Number ${run.number}`;
}

/** The runs with the highest request throughput and the lowest average latency. */
export function bestConfig<T extends PerfRunView>(
  runs: readonly T[],
): { highestRps: T | null; lowestLatency: T | null } {
  let highestRps: T | null = null;
  let lowestLatency: T | null = null;
  for (const r of runs) {
    const rps = r.summary.rps;
    if (rps !== null && (highestRps === null || rps > highestRps.summary.rps!)) {
      highestRps = r;
    }
    const lat = r.summary.avgLatencyS;
    if (lat === null || lat < 0) continue;
    if (lowestLatency === null || lat < lowestLatency.summary.avgLatencyS!) {
      lowestLatency = r;
    }
  }
  return { highestRps, lowestLatency };
}

/** One recommendation: a message key, its parameters and a level. */
export interface Recommendation {
  key: MessageKey;
  params: Record<string, string | number>;
  level: "info" | "warn";
}

/** What the sweep suggests, in EvalScope's order of rules. */
export function recommendations(runs: readonly PerfRunView[]): Recommendation[] {
  const axis = loadAxis(runs);
  const sorted = sortRuns(runs, axis);
  const out: Recommendation[] = [];
  if (sorted.length === 0) return out;
  if (sorted.length < 2) {
    out.push({ key: "perf.rec.single", params: {}, level: "info" });
  } else {
    const rps = sorted.map((r) => r.summary.rps ?? -Infinity);
    const peak = rps.indexOf(Math.max(...rps));
    const run = runLabel(sorted[peak], axis);
    if (peak === sorted.length - 1) {
      out.push({ key: "perf.rec.notSaturated", params: { run }, level: "info" });
    } else if (peak === 0) out.push({ key: "perf.rec.overloaded", params: { run }, level: "warn" });
    else out.push({ key: "perf.rec.optimum", params: { run }, level: "info" });
  }
  const last = sorted[sorted.length - 1];
  const ok = successRate(last.summary);
  if (ok !== null && ok < 95) {
    out.push({
      key: "perf.rec.lowSuccess",
      params: { pct: Math.round(ok * 10) / 10, run: runLabel(last, axis) },
      level: "warn",
    });
  }
  if (sorted.length >= 2) {
    const a = sorted[0].summary.avgLatencyS;
    const b = last.summary.avgLatencyS;
    if (a !== null && b !== null && a > 0 && b / a > 3) {
      out.push({
        key: "perf.rec.latencyGrowth",
        params: { factor: (b / a).toFixed(1) },
        level: "warn",
      });
    }
  }
  return out;
}

/** Recommendations as text in the report's language. */
export function recommendationText(rec: Recommendation, t: Translate): string {
  return t(rec.key, rec.params);
}
