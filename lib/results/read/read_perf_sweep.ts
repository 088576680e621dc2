/**
 * Reads a perf sweep folder (`<outputs>/<timestamp>/<name>/` holding `parallel_P_number_N/` or
 * `rate_R_number_N/` run folders), or a single run folder, in EvalScope's file formats:
 * `benchmark_summary.json`, `benchmark_percentile.json`, `benchmark_args.json`, plus lmeter's
 * optional `perf_summary.json` and `lmeter_summary.json`.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { percentilesFromFile, summaryFromFile } from "../perf/evalscope_format.ts";
import { folderDate } from "./read_eval_run.ts";
import type { SafeFs } from "./safe_fs.ts";
import type { PerfSweepView, WorkloadView } from "./types.ts";
import { isRecord } from "../../util/is_record.ts";

type Run = PerfSweepView["runs"][number];

const RUN_NAME = /^(?:parallel_(-?\d+)|rate_(-?[\d.]+))_number_(\d+)$/;

/** True when `dir` holds one perf run (its `benchmark_summary.json`). */
export async function isPerfRunDir(fs: SafeFs, dir: string): Promise<boolean> {
  return await fs.exists(join(dir, "benchmark_summary.json"));
}

/** The run folders of a sweep: sub-folders that hold a `benchmark_summary.json`. */
export async function perfRunDirs(fs: SafeFs, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await fs.subdirs(dir)) {
    if (await isPerfRunDir(fs, join(dir, name))) out.push(join(dir, name));
  }
  return out;
}

/** Reads the sweep in `dir` (or the single run when `dir` is a run folder). */
export async function readPerfSweep(fs: SafeFs, dir: string): Promise<PerfSweepView> {
  const single = await isPerfRunDir(fs, dir);
  const sweepDir = dir;
  const runDirs = single ? [dir] : await perfRunDirs(fs, dir);
  const runs: Run[] = [];
  for (const r of runDirs) runs.push(await readRun(fs, r));
  runs.sort((a, b) => a.parallel - b.parallel || a.rate - b.rate || a.number - b.number);
  const rawRoot = await fs.readJsonOrNull(join(sweepDir, "perf_summary.json"));
  const root = isRecord(rawRoot) ? rawRoot : {};
  const args = runs.find((r) => r.args)?.args ?? {};
  const pick = (...values: unknown[]) =>
    values.find((v): v is string => typeof v === "string" && v !== "") ?? null;
  const parentName = basename(dirname(sweepDir));
  return {
    dir: sweepDir,
    name: basename(sweepDir),
    model: pick(root.model, args.model, args.model_id),
    dataset: pick(root.dataset, args.dataset),
    api: pick(root.api, args.api),
    url: pick(root.url, args.url),
    startedAt: pick(root.startedAt, folderDate(parentName), folderDate(basename(sweepDir))),
    runs,
    summaryText: await fs.readTextOrNull(join(sweepDir, "performance_summary.txt")),
    hasHtml: await fs.exists(join(sweepDir, "perf_report.html")),
  };
}

async function readRun(fs: SafeFs, dir: string): Promise<Run> {
  const name = basename(dir);
  const rawSummary = await fs.readJsonOrNull(join(dir, "benchmark_summary.json"));
  const summary = summaryFromFile(isRecord(rawSummary) ? rawSummary : {});
  const percentiles = percentilesFromFile(
    await fs.readJsonOrNull(join(dir, "benchmark_percentile.json")),
  );
  const rawArgs = await fs.readJsonOrNull(join(dir, "benchmark_args.json"));
  const args = isRecord(rawArgs) ? rawArgs : null;
  const extra = await fs.readJsonOrNull(join(dir, "lmeter_summary.json"));
  const lm = isRecord(extra) ? extra : {};
  const m = RUN_NAME.exec(name);
  const n = (v: unknown) => typeof v === "number" && Number.isFinite(v) ? v : null;
  const firstArg = (v: unknown) => Array.isArray(v) ? n(v[0]) : n(v);
  const parallel = n(lm.parallel) ?? summary.concurrency ??
    (m?.[1] !== undefined ? Number(m[1]) : null) ?? firstArg(args?.parallel) ?? -1;
  const rate = n(lm.rate) ?? summary.rate ??
    (m?.[2] !== undefined ? Number(m[2]) : null) ?? firstArg(args?.rate) ?? -1;
  const number = n(lm.number) ?? (m ? Number(m[3]) : null) ?? firstArg(args?.number) ??
    (summary.total || null) ?? 0;
  return {
    name,
    dir,
    parallel,
    rate,
    number,
    summary,
    percentiles,
    status: typeof lm.status === "string" ? lm.status : null,
    workload: workloadView(await fs.readJsonOrNull(join(dir, "workload_throughput.json"))),
    args,
    hasDb: await fs.exists(join(dir, "benchmark_data.db")),
  };
}

/** `workload_throughput.json` as a view; null when absent or not of the expected shape. */
export function workloadView(raw: unknown): WorkloadView | null {
  if (!isRecord(raw) || !Array.isArray(raw.rows)) return null;
  const num = (v: unknown) => typeof v === "number" && Number.isFinite(v) ? v : NaN;
  const rows = raw.rows.filter(isRecord).map((r) => ({
    metric: String(r.metric ?? ""),
    overall: num(r.overall),
    last_window: num(r.last_window),
    steady_state: r.steady_state === null ? null : num(r.steady_state),
  })).filter((r) => r.metric !== "");
  if (rows.length === 0) return null;
  return {
    last_window_s: Number.isFinite(num(raw.last_window_s)) ? num(raw.last_window_s) : 30,
    warmup_frac: Number.isFinite(num(raw.warmup_frac)) ? num(raw.warmup_frac) : 0.2,
    ...(typeof raw.steady_state_omitted === "string"
      ? { steady_state_omitted: raw.steady_state_omitted }
      : {}),
    rows,
  };
}
