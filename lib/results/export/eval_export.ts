/**
 * Offline exports of an evaluation (`lmeter eval --export …`), from its reports: the same four
 * formats as perf, one point per score (step 1, at the report's time):
 *
 * - `tfevents/<model>/events.out.tfevents.<time>.lmeter` and `metrics.jsonl` (one line per model):
 *   `<dataset>/<metric>` (the benchmark's score), `<dataset>/<metric>_stderr`,
 *   `<dataset>/subsets/<subset>/<metric>` per subset, `<dataset>/samples`, `<dataset>/scored`,
 *   `<dataset>/errored` (no tag is also a folder of another, as MLflow's store needs);
 * - `mlruns/`: one MLflow run per model in the experiment `eval_benchmark`, the same scalars
 *   (characters MLflow refuses in a key become `_`);
 * - `metrics.prom`: `lmeter_eval_score`, `lmeter_eval_score_stderr` and `lmeter_eval_samples`
 *   gauges.
 *
 * @module
 */
import { join } from "node:path";
import type { EvalReport } from "../eval/report.ts";
import type { ExportFormat } from "./formats.ts";
import type { MlflowRun } from "./mlflow.ts";
import { promLabels } from "./perf_export.ts";
import { eventFile, type Scalar } from "./tfevents.ts";
import { writeCommonExports } from "./write_exports.ts";

/** The MLflow experiment of evaluations. */
export const EVAL_EXPERIMENT = "eval_benchmark";

/** Writes the exports of `reports` into `to` (created); returns the files and folders written. */
export async function exportEvalReports(
  reports: readonly EvalReport[],
  options: { to: string; formats: readonly ExportFormat[]; version: string },
): Promise<string[]> {
  await Deno.mkdir(options.to, { recursive: true });
  const written: string[] = [];
  const byModel = new Map<string, EvalReport[]>();
  for (const r of reports) byModel.set(r.modelName, [...(byModel.get(r.modelName) ?? []), r]);
  const jsonl: string[] = [];
  const mlflowRuns: MlflowRun[] = [];
  for (const [model, list] of byModel) {
    const scalars = list.flatMap(reportScalars);
    const time = Math.min(...list.map((r) => Date.parse(r.createdAt) / 1000 || 0));
    if (options.formats.includes("tfevents")) {
      const dir = join(options.to, "tfevents", safeFolder(model));
      await Deno.mkdir(dir, { recursive: true });
      const path = join(dir, `events.out.tfevents.${Math.floor(time)}.lmeter`);
      await Deno.writeFile(path, eventFile(scalars, time));
      written.push(path);
    }
    jsonl.push(JSON.stringify({
      model,
      step: 1,
      metrics: Object.fromEntries(scalars.map((s) => [s.tag, s.value])),
    }));
    mlflowRuns.push({
      name: model,
      startMs: Math.round(time * 1000),
      endMs: Math.max(...list.map((r) => Date.parse(r.createdAt) || 0)),
      params: {
        model,
        datasets: list.map((r) => r.datasetName).join(","),
        lmeter_version: options.version,
      },
      tags: {
        "lmeter.status": list.every((r) => r.status === "complete") ? "complete" : "incomplete",
      },
      metrics: scalars.map((s) => ({ ...s, tag: mlflowKey(s.tag) })),
    });
  }
  written.push(
    ...await writeCommonExports({
      to: options.to,
      formats: options.formats,
      jsonl,
      mlflow: { experiment: EVAL_EXPERIMENT, runs: mlflowRuns },
      prom: () => promText(reports, options.version),
    }),
  );
  return written;
}

/** The scalars of one benchmark report (step 1, at the report's time). */
function reportScalars(report: EvalReport): Scalar[] {
  const wallTime = Date.parse(report.createdAt) / 1000 || 0;
  const out: Scalar[] = [];
  const seen = new Set<string>();
  const add = (tag: string, value: number) => {
    // A subset listed under two categories is one series.
    if (Number.isFinite(value) && !seen.has(tag)) out.push({ tag, step: 1, value, wallTime });
    seen.add(tag);
  };
  const d = report.datasetName;
  for (const m of report.metrics) {
    add(`${d}/${m.name}`, m.score);
    add(`${d}/${m.name}_stderr`, m.stderr);
    for (const c of m.categories) {
      for (const s of c.subsets) add(`${d}/subsets/${s.name}/${m.name}`, s.score);
    }
  }
  add(`${d}/samples`, report.execution.samples);
  add(`${d}/scored`, report.execution.scored);
  add(`${d}/errored`, report.execution.errored);
  return out;
}

/** `metrics.prom` of an evaluation: every score as a gauge, with its benchmark and subset. */
function promText(reports: readonly EvalReport[], version: string): string {
  const score: string[] = [];
  const stderr: string[] = [];
  const samples: string[] = [];
  for (const r of reports) {
    const base = { model: r.modelName, dataset: r.datasetName };
    for (const m of r.metrics) {
      const labels = promLabels({ ...base, metric: m.name, subset: "" });
      if (Number.isFinite(m.score)) score.push(`lmeter_eval_score${labels} ${m.score}`);
      if (Number.isFinite(m.stderr)) stderr.push(`lmeter_eval_score_stderr${labels} ${m.stderr}`);
      const subsets = new Map<string, number>();
      for (const c of m.categories) for (const s of c.subsets) subsets.set(s.name, s.score);
      for (const [name, value] of subsets) {
        const sub = promLabels({ ...base, metric: m.name, subset: name });
        if (Number.isFinite(value)) score.push(`lmeter_eval_score${sub} ${value}`);
      }
    }
    for (const outcome of ["scored", "errored"] as const) {
      samples.push(
        `lmeter_eval_samples${promLabels({ ...base, outcome })} ${r.execution[outcome]}`,
      );
    }
  }
  const lines = [
    "# HELP lmeter_info The lmeter build that wrote these numbers.",
    "# TYPE lmeter_info gauge",
    `lmeter_info${promLabels({ version })} 1`,
    "# HELP lmeter_eval_score A benchmark's score (subset empty) or one subset's, by metric.",
    "# TYPE lmeter_eval_score gauge",
    ...score,
    "# HELP lmeter_eval_score_stderr Standard error of a benchmark's score.",
    "# TYPE lmeter_eval_score_stderr gauge",
    ...stderr,
    "# HELP lmeter_eval_samples A benchmark's samples by outcome (scored, errored).",
    "# TYPE lmeter_eval_samples gauge",
    ...samples,
  ];
  return `${lines.join("\n")}\n`;
}

/** A tag as an MLflow key: characters MLflow refuses become `_`, and `..` cannot appear. */
function mlflowKey(tag: string): string {
  return tag.replace(/[^\w\-. /]/g, "_").replace(/\.\.+/g, "_").replace(/^\/+/, "");
}

/** A model name as one folder name. */
function safeFolder(name: string): string {
  return name.replace(/[^\w.-]/g, "_").replace(/^\.+/, "_") || "model";
}
