/**
 * The engines' own result values fit the renderers' inputs as they are (checked by the type
 * checker; rendered once here).
 */
import assert from "node:assert/strict";
import type { EvalReport } from "../../lib/results/eval/report.ts";
import type { PerfReport } from "../../lib/results/perf/schema.ts";
import {
  type EvalReportHtmlInput,
  type PerfReportHtmlInput,
  renderEvalReportHtml,
} from "../../lib/report/html/mod.ts";

/** Compile-time: a PerfReport is a valid perf renderer input. */
export function perfInput(report: PerfReport): PerfReportHtmlInput {
  return report;
}

/** Compile-time: the engine's typed reports are eval renderer reports. */
export function evalInput(model: string, reports: EvalReport[]): EvalReportHtmlInput {
  return { models: [{ model, reports }] };
}

Deno.test("an EvalReport as the eval engine returns it renders in report.html", () => {
  const report: EvalReport = {
    schemaVersion: "lmeter.eval.report/1",
    name: "m@gsm8k",
    datasetName: "gsm8k",
    datasetPrettyName: "GSM8K",
    datasetDescription: "",
    modelName: "m",
    score: 0.5,
    primaryMetric: "AverageAccuracy",
    metrics: [{
      name: "AverageAccuracy",
      key: "acc",
      aggregation: "mean",
      num: 2,
      score: 0.5,
      macroScore: 0.5,
      stderr: 0.5,
      ci95: [0.09, 0.91],
      categories: [{
        name: ["default"],
        num: 2,
        score: 0.5,
        macroScore: 0.5,
        subsets: [{ name: "main", score: 0.5, num: 2, stderr: 0.5, ci95: [0.09, 0.91] }],
      }],
    }],
    analysis: "N/A",
    status: "complete",
    execution: {
      samples: 2,
      scored: 2,
      errored: 0,
      noAnswer: 1,
      noAnswerRate: 0.5,
      truncated: 0,
      truncatedRate: 0,
      cached: 0,
    },
    requests: null,
    benchmark: {},
    endpoint: null,
    createdAt: "2025-01-01T00:00:00Z",
  };
  const html = renderEvalReportHtml({ ...evalInput("m", [report]), now: () => new Date(0) });
  assert.ok(html.includes("[9.0, 91.0]"));
  assert.ok(html.includes("(50.0%)"));
});
