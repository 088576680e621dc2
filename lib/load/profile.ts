/**
 * Profiles: what yields the load levels of an invocation. The `--parallel`/`--number` sweep and
 * the `--rate` list are one profile (the planned runs, in order); the SLA auto-tune is another
 * (a search that looks at each probe before choosing the next). `runPerf()` hands a profile the
 * function that runs one level and records what the profile returns.
 *
 * @module
 */
import { join } from "node:path";
import type { RunMetricsSource } from "../metrics/run_metrics.ts";
import { runFolderName } from "../results/perf/layout.ts";
import type { PerfRunResult, SlaGroupResult } from "../results/perf/schema.ts";
import type { PerfConfig, RunPlan, SlaConfig } from "./config.ts";
import { runSlaTune } from "./sla_tune.ts";

/** One load level: what to run, where its files go and where its prompts start. */
export interface LoadLevel {
  plan: RunPlan;
  /** Folder name and label (`parallel_10_number_100`, `sla_parallel_8_run_1`). */
  name: string;
  /** Absolute folder of the run. */
  dir: string;
  /** Position in the invocation (seeds the schedule; levels after the first sleep first). */
  index: number;
  /** `--dataset-offset` for this level. */
  offset: number;
  /** An SLA auto-tune probe (printed as one line, not as tables). */
  probe: boolean;
}

/** A finished level: its result and the raw data its metrics are read from. */
export interface LevelResult {
  run: PerfRunResult;
  metrics?: RunMetricsSource;
}

/** Runs one level; undefined when the invocation was interrupted before it started. */
export type RunLevel = (level: LoadLevel) => Promise<LevelResult | undefined>;

/** What a profile found besides the runs (the SLA auto-tune's answers). */
export interface ProfileOutcome {
  sla?: SlaGroupResult[];
}

/** A profile: drives `runLevel` over its levels. */
export type Profile = (runLevel: RunLevel) => Promise<ProfileOutcome>;

/** The planned runs of `--parallel`/`--number` (or `--rate`), in order. */
export function sweepProfile(config: PerfConfig): Profile {
  return async (runLevel) => {
    let offset = config.datasetOffset;
    for (const [index, plan] of config.runs.entries()) {
      const name = runFolderName(plan);
      const dir = join(config.outputDir, name);
      if (!(await runLevel({ plan, name, dir, index, offset, probe: false }))) break;
      offset += plan.number;
    }
    return {};
  };
}

/** The SLA auto-tune (`--sla-auto-tune`): a search over `--parallel` or `--rate`. */
export function slaProfile(config: PerfConfig, sla: SlaConfig, signal?: AbortSignal): Profile {
  const start = sla.variable === "parallel"
    ? config.runs[0].parallel
    : Math.max(config.runs[0].rate, sla.lowerBound);
  return async (runLevel) => ({
    sla: await runSlaTune(sla, {
      root: config.outputDir,
      start,
      datasetOffset: config.datasetOffset,
      runLevel,
      signal,
    }),
  });
}

/** The profile of an invocation (`signal` ends the SLA search early). */
export function profileOf(config: PerfConfig, signal?: AbortSignal): Profile {
  return config.sla ? slaProfile(config, config.sla, signal) : sweepProfile(config);
}
