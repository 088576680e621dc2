/**
 * Reads a `--baseline`: a `ci_summary.json`, or the output folder of an earlier perf invocation
 * (its `perf_summary.json`) or evaluation run (its reports), turned into the same
 * {@linkcode CiSummary}.
 *
 * @module
 */
import { join } from "node:path";
import { UserError } from "../errors.ts";
import { isRecord } from "../util/is_record.ts";
import { isPerfSweep, readPerfReport } from "../results/perf/read_report.ts";
import { isEvalRun, readEvalRun } from "../results/eval/read_run.ts";
import { CI_SUMMARY_SCHEMA, type CiSummary, evalCiSummary, perfCiSummary } from "./ci_summary.ts";

/** The file a run's CI summary is written to, in its output folder. */
export const CI_SUMMARY_FILE = "ci_summary.json";

/** Reads the baseline at `path` (a folder or a JSON file). */
export async function readBaseline(path: string): Promise<CiSummary> {
  const stat = await Deno.stat(path).catch(() => undefined);
  if (!stat) {
    throw new UserError(
      `Cannot read the baseline ${path}: no such file or folder`,
      "Pass --baseline an earlier run's output folder or its ci_summary.json.",
    );
  }
  if (stat.isFile) return await readSummaryFile(path);
  const own = join(path, CI_SUMMARY_FILE);
  if (await Deno.stat(own).then((s) => s.isFile, () => false)) return await readSummaryFile(own);
  if (await isPerfSweep(path)) return perfCiSummary(await readPerfReport(path), []);
  if (await isEvalRun(path)) {
    const run = await readEvalRun(path);
    const first = run.models[0];
    return evalCiSummary(first.reports, {
      model: first.model,
      resultsDir: path,
      gates: [],
      failures: [],
    });
  }
  throw new UserError(
    `Cannot read the baseline ${path}: it holds no ${CI_SUMMARY_FILE}, perf_summary.json or eval reports`,
    "Pass --baseline an earlier run's output folder or its ci_summary.json.",
  );
}

async function readSummaryFile(path: string): Promise<CiSummary> {
  let raw: unknown;
  try {
    raw = JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    throw new UserError(
      `Cannot read the baseline ${path}: ${e instanceof Error ? e.message : String(e)}`,
      "Pass --baseline an earlier run's output folder or its ci_summary.json.",
    );
  }
  if (!isRecord(raw) || raw.schema !== CI_SUMMARY_SCHEMA || !Array.isArray(raw.runs)) {
    throw new UserError(
      `Cannot read the baseline ${path}: it is not a ${CI_SUMMARY_SCHEMA} summary`,
      `Pass the ${CI_SUMMARY_FILE} an lmeter run wrote in GitHub Actions, or the run's output folder.`,
    );
  }
  return raw as unknown as CiSummary;
}
