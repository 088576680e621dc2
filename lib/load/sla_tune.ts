/**
 * SLA auto-tune (`--sla-auto-tune`): for each constraint group of `--sla-params`, search the
 * highest `--parallel` (or `--rate`) whose averaged probe meets every constraint with a 100%
 * success rate. TTFT and TPOT constraints are in milliseconds, latency in seconds.
 *
 * @module
 */
import { join } from "node:path";
import { type Comparator, compare } from "../metrics/gates.ts";
import { resolveMetric } from "../metrics/run_metrics.ts";
import { round } from "../metrics/round.ts";
import type { SlaGroupResult } from "../results/perf/schema.ts";
import { UserError } from "../errors.ts";
import type { SlaConfig } from "./config.ts";
import type { RunLevel } from "./profile.ts";
import { searchHighestPassing, searchOptimum } from "./sla_search.ts";

/** One parsed constraint: `p99_ttft <= 500`, or an objective `max`/`min`. */
export interface SlaConstraint {
  key: string;
  metric: NonNullable<Exclude<ReturnType<typeof resolveMetric>, string>>;
  op?: Comparator;
  value?: number;
  objective?: "max" | "min";
}

/** Parses one group of `--sla-params`. */
export function parseSlaGroup(group: Record<string, string>): SlaConstraint[] {
  return Object.entries(group).map(([key, raw]) => {
    const metric = resolveMetric(key);
    if (typeof metric === "string") {
      throw new UserError(
        `Invalid --sla-params: ${metric}`,
        "Use avg_latency, p99_latency, avg_ttft, p99_ttft, p50_ttft, p90_ttft, avg_tpot, p99_tpot, p50_tpot, p90_tpot, rps or tps.",
      );
    }
    const v = raw.trim().toLowerCase();
    if (v === "max" || v === "min") return { key, metric, objective: v };
    const m = /^(<=|>=|<|>|≤|≥)\s*(-?\d+(?:\.\d+)?)$/.exec(v);
    if (!m) {
      throw new UserError(
        `Invalid --sla-params value for ${key}: "${raw}"`,
        `Write a bound like "<=500" (ms for TTFT/TPOT, s for latency) or "max"/"min".`,
      );
    }
    const op = (m[1] === "≤" ? "<=" : m[1] === "≥" ? ">=" : m[1]) as Comparator;
    return { key, metric, op, value: Number(m[2]) };
  });
}

/** Where the auto-tune starts and how it runs a probe. */
export interface SlaTuneOptions {
  /** Output folder of the invocation (probes go to `sla_tuning/`). */
  root: string;
  /** First value probed. */
  start: number;
  /** `--dataset-offset`. */
  datasetOffset: number;
  /** Runs one probe (the profile's level runner). */
  runLevel: RunLevel;
  signal?: AbortSignal;
}

/** Runs the auto-tune: probes `sla.numRuns` runs per value through `o.runLevel`. */
export async function runSlaTune(sla: SlaConfig, o: SlaTuneOptions): Promise<SlaGroupResult[]> {
  const results: SlaGroupResult[] = [];
  let runIndex = 0;
  const probeRuns = async (value: number, needed: SlaConstraint[]) => {
    const metrics: Record<string, number[]> = {};
    const success: number[] = [];
    for (let i = 0; i < sla.numRuns; i++) {
      const number = Math.max(1, Math.round(value * sla.numberMultiplier));
      const plan = sla.variable === "parallel"
        ? { parallel: value, number, rate: -1, openLoop: false }
        : {
          parallel: sla.fixedParallel ?? Math.round(sla.upperBound),
          number,
          rate: value,
          openLoop: false,
        };
      const name = `sla_${sla.variable}_${
        sla.variable === "rate" ? value : Math.round(value)
      }_run_${i + 1}`;
      const index = runIndex++;
      const done = await o.runLevel({
        plan,
        name,
        dir: join(o.root, "sla_tuning", name),
        index,
        offset: o.datasetOffset + runIndex * number,
        probe: true,
      });
      if (!done) break;
      const seen = done.metrics;
      if (!seen) continue;
      success.push(seen.data.total > 0 ? (seen.data.success / seen.data.total) * 100 : 0);
      for (const c of needed) (metrics[c.key] ??= []).push(c.metric.read(seen));
    }
    const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
    const averaged = Object.fromEntries(
      Object.entries(metrics).map(([k, xs]) => [k, round(avg(xs), 4)]),
    );
    averaged.success_rate = round(avg(success), 2);
    return averaged;
  };
  for (const group of sla.params) {
    const constraints = parseSlaGroup(group);
    const objective = constraints.find((c) => c.objective);
    const probes: SlaGroupResult["probes"] = [];
    const probe = async (value: number) => {
      const m = await probeRuns(value, constraints);
      const passed = m.success_rate === 100 &&
        constraints.every((c) => c.objective || compare(m[c.key], c.op!, c.value!));
      probes.push({ value, passed, metrics: m });
      return { passed, score: objective ? m[objective.key] : undefined };
    };
    const search = {
      lower: sla.lowerBound,
      upper: sla.upperBound,
      start: o.start,
      step: sla.variable === "parallel" ? 1 : 0.1,
      probe,
      signal: o.signal,
    };
    const found = objective
      ? await searchOptimum({ ...search, maximize: objective.objective === "max" })
      : await searchHighestPassing(search);
    results.push({
      constraints: group,
      variable: sla.variable,
      best: found.best,
      probes,
      note: found.best === null
        ? `no ${sla.variable} in [${sla.lowerBound}, ${sla.upperBound}] met every constraint with 100% success`
        : objective
        ? `${objective.objective} of ${objective.key} at ${sla.variable} ${found.best}`
        : `highest ${sla.variable} meeting every constraint: ${found.best}`,
    });
    if (o.signal?.aborted) break;
  }
  return results;
}
