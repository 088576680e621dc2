/**
 * Turns a benchmark report file (lmeter's `lmeter.eval.report/1`, or EvalScope's v1 / HEAD
 * shape) into a {@linkcode BenchmarkView}. Missing optional fields become null; pure.
 *
 * @module
 */
import { levelsFromFile } from "../eval/collection_file.ts";
import type {
  BenchmarkView,
  CategoryView,
  ExecutionView,
  MetricView,
  SubsetView,
} from "./types.ts";
import { isRecord } from "../../util/is_record.ts";

type Obj = Record<string, unknown>;

const num = (v: unknown, fallback = 0): number =>
  typeof v === "number" && Number.isFinite(v) ? v : fallback;
const optNum = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;
const str = (v: unknown, fallback = ""): string => typeof v === "string" ? v : fallback;
const list = (v: unknown): unknown[] => Array.isArray(v) ? v : [];

function ci(v: unknown): [number, number] | null {
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "number")) {
    return [v[0], v[1]];
  }
  return null;
}

function subset(v: unknown): SubsetView | null {
  if (!isRecord(v)) return null;
  return {
    name: str(v.name, "default"),
    score: num(v.score),
    num: num(v.num),
    stderr: optNum(v.stderr),
    ci95: ci(v.ci95),
  };
}

function category(v: unknown): CategoryView | null {
  if (!isRecord(v)) return null;
  const name = Array.isArray(v.name) ? v.name.map(String) : [str(v.name, "default")];
  return {
    name,
    num: num(v.num),
    score: num(v.score),
    subsets: list(v.subsets).map(subset).filter((s): s is SubsetView => s !== null),
  };
}

function metricName(v: Obj): string {
  if (typeof v.name === "string") return v.name;
  // EvalScope HEAD: identity {name, aggregation, dimensions}.
  if (isRecord(v.identity)) {
    const id = v.identity;
    const k = isRecord(id.dimensions) && id.dimensions.k !== undefined ? `@${id.dimensions.k}` : "";
    return `${str(id.aggregation, "mean")}_${str(id.name, "score")}${k}`;
  }
  return "score";
}

function metric(v: unknown): MetricView | null {
  if (!isRecord(v)) return null;
  return {
    name: metricName(v),
    num: num(v.num),
    score: num(v.score),
    stderr: optNum(v.stderr),
    ci95: ci(v.ci95),
    ...(typeof v.aggregation === "string" ? { aggregation: v.aggregation } : {}),
    categories: list(v.categories).map(category).filter((c): c is CategoryView => c !== null),
    ...(Array.isArray(v.breakdown)
      ? { breakdown: v.breakdown.map(subset).filter((s): s is SubsetView => s !== null) }
      : {}),
  };
}

function execution(v: unknown): ExecutionView | null {
  if (!isRecord(v)) return null;
  const samples = num(v.samples ?? v.total);
  const scored = num(v.scored, samples);
  const noAnswer = num(v.no_answer);
  const truncated = num(v.truncated);
  return {
    samples,
    scored,
    errored: num(v.errored),
    noAnswer,
    noAnswerRate: num(v.no_answer_rate, scored > 0 ? noAnswer / scored : 0),
    truncated,
    truncatedRate: num(v.truncated_rate, scored > 0 ? truncated / scored : 0),
    judgeErrors: num(v.judge_errors),
  };
}

/** Normalises one report file's JSON; `fallback` names the model and dataset when it does not. */
export function normalizeReport(
  raw: unknown,
  fallback: { model: string; dataset: string },
): BenchmarkView {
  const r = isRecord(raw) ? raw : {};
  const metrics = list(r.metrics).map(metric).filter((m): m is MetricView => m !== null);
  const primaryName = str(r.primary_metric) ||
    (isRecord(r.primary_metric_identity) ? str(r.primary_metric_identity.name) : "") ||
    metrics[0]?.name || "score";
  const primary = metrics.find((m) => m.name === primaryName) ?? metrics[0];
  const dataset = str(r.dataset_name, fallback.dataset);
  return {
    model: str(r.model_name, fallback.model),
    dataset,
    prettyName: str(r.dataset_pretty_name, dataset) || dataset,
    description: str(r.dataset_description),
    score: num(r.score, primary?.score ?? 0),
    primaryMetric: primary?.name ?? primaryName,
    status: typeof r.status === "string" ? r.status : null,
    metrics,
    execution: execution(r.execution_summary),
    perf: isRecord(r.perf_metrics) ? r.perf_metrics : null,
    createdAt: typeof r.created_at === "string" ? r.created_at : null,
    ...(isRecord(r.collection_levels) ? { collection: levelsFromFile(r.collection_levels) } : {}),
  };
}
