/**
 * `lmeter report <dir>`: re-renders a finished run from its files alone — the terminal tables
 * exactly as the live run printed them, and its HTML page rewritten. It tells an eval run
 * (`configs/task_config.yaml`) from a perf run (`benchmark_summary.json`) and hands it to the
 * renderer of its kind.
 *
 * @module
 */
import { resolve } from "node:path";
import { UserError } from "../errors.ts";
import { isEvalRun, readEvalRun } from "../results/eval/read_run.ts";
import type { Command } from "./command.ts";
import { printEvalTables, writeEvalHtml } from "./eval_output.ts";

/** What kind of run a folder holds. */
export type RunKind = "eval" | "perf";

/** The kind of run in `dir` (a perf sweep folder holds one folder per load level), or null. */
export async function runKind(dir: string): Promise<RunKind | null> {
  if (await isEvalRun(dir)) return "eval";
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
  const html = await writeEvalHtml(run);
  console.log(`\nHTML report: ${resolve(html)}`);
  return 0;
}

/** The `report` command. */
export const reportCommand: Command = {
  spec: {
    name: "report",
    summary: "Re-render a run's terminal tables and HTML report from its files",
    usage: "lmeter report <dir>",
    positionals: "<dir>",
    description: `
<dir> is one run folder: an eval run (<work_dir>/<YYYYMMDD_HHMMSS>, with configs/task_config.yaml)
or a perf run (a folder with benchmark_summary.json, or a sweep folder holding such folders). The tables are the ones the live run printed, drawn
by the same renderer from the files alone; the HTML report is written again (reports/report.html
for eval). No server is contacted.`,
    options: [],
    examples: ["lmeter report outputs/20250101_120000"],
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
    if (kind === "perf") {
      throw new UserError(
        `Cannot report on ${dir}: re-rendering perf runs is not available in this version`,
        "lmeter report re-renders eval runs (folders with configs/task_config.yaml).",
      );
    }
    throw new UserError(
      `Cannot report on ${dir}: it is not an lmeter run folder`,
      "Pass an eval run folder (with configs/task_config.yaml) or a perf run folder (with benchmark_summary.json).",
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
