/**
 * The report file `reports/<model_id>/<benchmark>.json`: the one place that knows its JSON keys.
 * {@linkcode reportToFile} and {@linkcode reportFromFile} convert between the typed
 * {@linkcode EvalReport} and the file's form; key order is the file's (EvalScope's, then lmeter's
 * additions), so files stay byte-for-byte what they were.
 *
 * @module
 */
import { levelsFromFile, levelsToFile } from "./collection_file.ts";
import type {
  CategoryScore,
  EvalReport,
  ExecutionSummary,
  MetricScore,
  RequestStats,
  SubsetScore,
} from "./report.ts";
import { isRecord } from "../../util/is_record.ts";

/** Schema tag of report files. */
export const REPORT_SCHEMA = "lmeter.eval.report/1";

type Json = Record<string, unknown>;

/** True for the program's typed report (not the JSON of a report file). */
export function isEvalReport(value: unknown): value is EvalReport {
  const r = obj(value);
  return r !== null && typeof r.schemaVersion === "string" && obj(r.execution) !== null;
}

/** The JSON object of a report file. */
export function reportToFile(r: EvalReport): Json {
  return {
    schema_version: r.schemaVersion,
    name: r.name,
    dataset_name: r.datasetName,
    dataset_pretty_name: r.datasetPrettyName,
    dataset_description: r.datasetDescription,
    model_name: r.modelName,
    score: r.score,
    primary_metric: r.primaryMetric,
    metrics: r.metrics.map(metricToFile),
    analysis: r.analysis,
    status: r.status,
    execution_summary: executionToFile(r.execution),
    perf_metrics: r.requests === null ? null : requestsToFile(r.requests),
    benchmark: r.benchmark,
    endpoint: r.endpoint,
    created_at: r.createdAt,
    ...(r.collection ? { collection_levels: levelsToFile(r.collection, { ci: true }) } : {}),
  };
}

function metricToFile(m: MetricScore): Json {
  return {
    name: m.name,
    key: m.key,
    aggregation: m.aggregation,
    num: m.num,
    score: m.score,
    macro_score: m.macroScore,
    stderr: m.stderr,
    ci95: m.ci95,
    categories: m.categories.map((c) => ({
      name: c.name,
      num: c.num,
      score: c.score,
      macro_score: c.macroScore,
      subsets: c.subsets.map(subsetToFile),
    })),
    ...(m.breakdown ? { breakdown: m.breakdown.map(subsetToFile) } : {}),
  };
}

function subsetToFile(s: SubsetScore): Json {
  return { name: s.name, score: s.score, num: s.num, stderr: s.stderr, ci95: s.ci95 };
}

function executionToFile(e: ExecutionSummary): Json {
  return {
    samples: e.samples,
    scored: e.scored,
    errored: e.errored,
    no_answer: e.noAnswer,
    no_answer_rate: e.noAnswerRate,
    truncated: e.truncated,
    truncated_rate: e.truncatedRate,
    cached: e.cached,
    ...(e.judgeErrors ? { judge_errors: e.judgeErrors } : {}),
  };
}

function requestsToFile(p: RequestStats): Json {
  return {
    n_requests: p.requests,
    latency: p.latency,
    ttft: p.ttft,
    usage: p.usage === null ? null : {
      input_tokens: p.usage.inputTokens,
      output_tokens: p.usage.outputTokens,
      avg_output_tokens: p.usage.avgOutputTokens,
    },
  };
}

/** The typed report of a report file's JSON; throws (naming `source`) when it is not one. */
export function reportFromFile(value: unknown, source = "report"): EvalReport {
  const r = obj(value);
  if (!r || !Array.isArray(r.metrics)) throw new Error(`${source} is not an lmeter eval report`);
  const e = obj(r.execution_summary) ?? {};
  const p = obj(r.perf_metrics);
  return {
    schemaVersion: str(r.schema_version),
    name: str(r.name),
    datasetName: str(r.dataset_name),
    datasetPrettyName: str(r.dataset_pretty_name),
    datasetDescription: str(r.dataset_description),
    modelName: str(r.model_name),
    score: num(r.score),
    primaryMetric: str(r.primary_metric),
    metrics: r.metrics.map((m) => metricFromFile(obj(m) ?? {})),
    analysis: str(r.analysis),
    status: r.status === "incomplete" ? "incomplete" : "complete",
    execution: {
      samples: num(e.samples),
      scored: num(e.scored),
      errored: num(e.errored),
      noAnswer: num(e.no_answer),
      noAnswerRate: num(e.no_answer_rate),
      truncated: num(e.truncated),
      truncatedRate: num(e.truncated_rate),
      cached: num(e.cached),
      judgeErrors: num(e.judge_errors),
    },
    requests: p ? requestsFromFile(p) : null,
    benchmark: obj(r.benchmark) ?? {},
    endpoint: obj(r.endpoint),
    createdAt: str(r.created_at),
    ...(obj(r.collection_levels) ? { collection: levelsFromFile(obj(r.collection_levels)!) } : {}),
  };
}

function metricFromFile(m: Json): MetricScore {
  return {
    name: str(m.name),
    key: str(m.key),
    aggregation: str(m.aggregation),
    num: num(m.num),
    score: num(m.score),
    macroScore: num(m.macro_score),
    stderr: num(m.stderr),
    ci95: pair(m.ci95),
    categories: list(m.categories).map((c): CategoryScore => ({
      name: Array.isArray(c.name) ? c.name.map(String) : [],
      num: num(c.num),
      score: num(c.score),
      macroScore: num(c.macro_score),
      subsets: list(c.subsets).map(subsetFromFile),
    })),
    ...(Array.isArray(m.breakdown) ? { breakdown: list(m.breakdown).map(subsetFromFile) } : {}),
  };
}

function subsetFromFile(s: Json): SubsetScore {
  return {
    name: str(s.name),
    score: num(s.score),
    num: num(s.num),
    stderr: num(s.stderr),
    ci95: pair(s.ci95),
  };
}

function requestsFromFile(p: Json): RequestStats {
  const u = obj(p.usage);
  return {
    requests: num(p.n_requests),
    latency: (obj(p.latency) as RequestStats["latency"]) ?? null,
    ttft: (obj(p.ttft) as RequestStats["ttft"]) ?? null,
    usage: u
      ? {
        inputTokens: num(u.input_tokens),
        outputTokens: num(u.output_tokens),
        avgOutputTokens: num(u.avg_output_tokens),
      }
      : null,
  };
}

/** Writes a report (pretty JSON, atomically). */
export async function writeReport(path: string, report: EvalReport): Promise<void> {
  const tmp = `${path}.tmp`;
  await Deno.writeTextFile(tmp, JSON.stringify(reportToFile(report), null, 2) + "\n");
  await Deno.rename(tmp, path);
}

/** Reads a report file; throws with the path when it is not one. */
export async function readReport(path: string): Promise<EvalReport> {
  return reportFromFile(JSON.parse(await Deno.readTextFile(path)), path);
}

function obj(v: unknown): Json | null {
  return isRecord(v) ? v as Json : null;
}

function list(v: unknown): Json[] {
  return Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : [];
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function num(v: unknown): number {
  return typeof v === "number" ? v : 0;
}

function pair(v: unknown): [number, number] {
  return Array.isArray(v) ? [num(v[0]), num(v[1])] : [0, 0];
}
