/**
 * `lmeter report <dir>`: re-renders a finished run from its files alone — the terminal tables
 * exactly as the live run printed them, and its HTML page rewritten. It tells an eval run
 * (`configs/task_config.yaml`) from a perf run (`perf_summary.json`, or a run folder's
 * `benchmark_summary.json`) and hands it to the renderer of its kind.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { UserError } from "../errors.ts";
import { renderPerfReportHtml } from "../report/html/mod.ts";
import { consoleBlocks } from "../report/perf/console_output.ts";
import { thinkbenchTable } from "../report/eval/thinkbench_table.ts";
import { isEvalRun, readEvalRun } from "../results/eval/read_run.ts";
import { isPerfSweep, readPerfReport } from "../results/perf/read_report.ts";
import { writePerfHtml } from "../results/perf/write_files.ts";
import { COMMANDS } from "./commands.ts";
import type { Command } from "./command.ts";
import { printEvalTables, writeEvalHtml } from "./eval_output.ts";

/** What kind of run a folder holds. */
export type RunKind = "eval" | "perf";

/** The kind of run in `dir` (a perf sweep folder holds one folder per load level), or null. */
export async function runKind(dir: string): Promise<RunKind | null> {
  if (await isEvalRun(dir)) return "eval";
  if (await isPerfSweep(dir)) return "perf";
  if (await hasFile(resolve(dir, "benchmark_summary.json"))) return "perf";
  if (await hasFile(resolve(dir, "perf_report.html"))) return "perf";
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isDirectory && await hasFile(resolve(dir, e.name, "benchmark_summary.json"))) {
        return "perf";
      }
    }
  } catch { /* not a folder */ }
  return null;
}

/** Re-renders an eval run: prints its tables and rewrites `reports/report.html`. */
export async function reportEvalRun(dir: string): Promise<number> {
  const run = await readEvalRun(dir);
  printEvalTables(run.models.flatMap((m) => m.reports));
  for (const analysis of run.thinkbench) console.log(`\n${thinkbenchTable(analysis)}`);
  const html = await writeEvalHtml(run);
  console.log(`\nHTML report: ${resolve(html)}`);
  return 0;
}

/**
 * Re-renders a perf invocation: prints what the live run printed (the client's ceiling, each
 * run's tables, the closing report; `--debug` lines aside) and rewrites `perf_report.html`.
 */
export async function reportPerfRun(dir: string): Promise<number> {
  if (!(await isPerfSweep(dir))) {
    const parent = dirname(resolve(dir));
    throw new UserError(
      `Cannot report on ${dir}: it holds one run, not a perf invocation`,
      (await isPerfSweep(parent))
        ? `Pass the invocation's folder: lmeter report ${parent}`
        : "lmeter report needs the perf_summary.json lmeter perf writes; lmeter app shows runs written by other tools.",
    );
  }
  const report = await readPerfReport(dir);
  for (const block of consoleBlocks(report)) console.log(block);
  const html = await writePerfHtml(report, { renderHtml: renderPerfReportHtml, dir });
  console.log(`\nHTML report: ${resolve(html)}`);
  return 0;
}

/** The `report` command. */
export const reportCommand: Command = {
  spec: {
    name: "report",
    summary: COMMANDS.report.summary,
    usage: "lmeter report <dir>",
    positionals: "<dir>",
    description: `
<dir> is one run folder: an eval run (<work_dir>/<YYYYMMDD_HHMMSS>, with configs/task_config.yaml)
or a perf invocation (<outputs-dir>/<timestamp>/<name>, with perf_summary.json). The tables are the ones the live run printed, drawn
by the same renderer from the files alone; the HTML report is written again (reports/report.html
for eval, perf_report.html for perf). No server is contacted.`,
    options: [],
    examples: [
      "lmeter report outputs/20250101_120000",
      "lmeter report outputs/20250101_120000/my-model",
    ],
  },
  async run({ options }) {
    const [dir, ...extra] = options.positionals;
    if (!dir || extra.length > 0) {
      throw new UserError(
        "Cannot report: lmeter report takes exactly one run folder",
        "Example: lmeter report outputs/20250101_120000",
      );
    }
    const kind = await runKind(dir);
    if (kind === "eval") return await reportEvalRun(dir);
    if (kind === "perf") return await reportPerfRun(dir);
    throw new UserError(
      `Cannot report on ${dir}: it is not an lmeter run folder`,
      "Pass an eval run folder (with configs/task_config.yaml) or a perf output folder (with perf_summary.json).",
    );
  },
};

async function hasFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}
