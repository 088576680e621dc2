/**
 * Reads a perf invocation back from its files (`perf_summary.json`, through the one converter),
 * for `lmeter report`. Pure I/O, no rendering.
 *
 * @module
 */
import { join, relative, resolve } from "node:path";
import { UserError } from "../../errors.ts";
import { reportFromFile } from "./evalscope_format.ts";
import type { PerfReport } from "./schema.ts";

/** True when `dir` holds a perf invocation written by lmeter (`perf_summary.json`). */
export async function isPerfSweep(dir: string): Promise<boolean> {
  try {
    return (await Deno.stat(join(dir, "perf_summary.json"))).isFile;
  } catch {
    return false;
  }
}

/**
 * The report of the invocation in `dir`, as `runPerf()` returned it. When the folder was moved
 * since, each run's `dir` points into `dir` again (the recorded `outputDir` is kept: the tables
 * show it).
 */
export async function readPerfReport(dir: string): Promise<PerfReport> {
  const path = join(dir, "perf_summary.json");
  let raw: unknown;
  try {
    raw = JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    throw new UserError(
      `Cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`,
      "lmeter report needs the perf_summary.json lmeter perf writes at the root of its output folder.",
    );
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new UserError(
      `Cannot read ${path}: it is not a JSON object`,
      "Pass the output folder of one lmeter perf invocation.",
    );
  }
  const report = reportFromFile(raw as Record<string, unknown>);
  const here = resolve(dir);
  if (report.outputDir && resolve(report.outputDir) !== here) {
    for (const run of report.runs) run.dir = join(here, relative(report.outputDir, run.dir));
  }
  return report;
}
