/**
 * `lmeter export <perf output folder | eval run folder>`: writes the offline exports of a finished
 * perf invocation or evaluation from its files — TensorBoard events, `metrics.jsonl`, MLflow's file
 * store, Prometheus `metrics.prom`.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { UserError } from "../errors.ts";
import { isPerfSweep, readPerfReport } from "../results/perf/read_report.ts";
import { exportPerfReport } from "../results/export/perf_export.ts";
import { exportEvalReports } from "../results/export/eval_export.ts";
import { isEvalRun, readEvalRun } from "../results/eval/read_run.ts";
import { EXPORT_FORMATS, parseExportFormats } from "../results/export/formats.ts";
import { VERSION } from "../util/version.ts";
import { COMMANDS } from "./commands.ts";
import { type Command, defineCommand } from "./command.ts";

/** The `export` command. */
export const exportCommand: Command = defineCommand({
  spec: {
    name: "export",
    summary: COMMANDS.export.summary,
    usage: "lmeter export <perf output folder | eval run folder> [--format …] [--to DIR]",
    positionals: "<perf output folder | eval run folder>",
    description: [
      "Writes the exports of a finished lmeter perf invocation or evaluation, rebuilt from its files:",
      "tfevents/<run>/events.out.tfevents.* (TensorBoard; W&B and SwanLab import them),",
      "metrics.jsonl, mlruns/ (MLflow's file store) and metrics.prom (Prometheus text format).",
      "Reads files only; no network.",
      "See docs/perf-metrics.md (perf) and docs/eval.md (eval).",
    ].join("\n"),
    options: [
      {
        name: "format",
        type: "string[]",
        placeholder: "<format…>",
        default: [...EXPORT_FORMATS],
        help: "Which exports: tfevents, jsonl, mlflow, prom (comma- or space-separated)",
      },
      {
        name: "to",
        type: "string",
        placeholder: "<dir>",
        help: "Where to write (default: <folder>/export)",
      },
    ],
    examples: [
      "lmeter export outputs/20260101_120000/qwen3 --format tfevents,prom",
      "lmeter export outputs/20260101_130000 --format mlflow",
    ],
  },
  async run({ options }) {
    const [dir, ...rest] = options.positionals;
    if (!dir || rest.length > 0) {
      throw new UserError(
        "Cannot export: pass one perf output folder or evaluation run folder",
        "Example: lmeter export outputs/20260101_120000/qwen3",
      );
    }
    const formats = parseExportFormats(options.values.format as string[], { flag: "--format" });
    const to = resolve(
      typeof options.values.to === "string" ? options.values.to : join(dir, "export"),
    );
    let files: string[];
    if (await isPerfSweep(dir)) {
      files = await exportPerfReport(await readPerfReport(dir), { to, formats, version: VERSION });
    } else if (await isEvalRun(dir)) {
      const run = await readEvalRun(dir);
      const reports = run.models.flatMap((m) => m.reports);
      files = await exportEvalReports(reports, { to, formats, version: VERSION });
    } else {
      throw new UserError(
        `Cannot export ${dir}: it holds neither perf_summary.json nor configs/task_config.yaml`,
        "Pass the output folder of one lmeter perf invocation, or one evaluation run folder.",
      );
    }
    for (const f of files) console.log(f);
    return 0;
  },
});
