/**
 * The one converter between lmeter's typed perf results and EvalScope's file format: the labels
 * of `benchmark_summary.json` and `benchmark_percentile.json` (which are also the rows and columns
 * of the terminal tables), `-1` for "not available", and the labels older EvalScope versions
 * wrote (other words; seconds for TTFT/TPOT/ITL), which the readers still accept. Pure.
 *
 * @module
 */
import {
  PERCENTILE_FIELDS,
  type PercentileColumn,
  percentileColumns,
  type PercentileField,
  type PercentileRow,
} from "../../metrics/perf_percentiles.ts";
import type { PerfSummary } from "../../metrics/perf_summary.ts";
import type { PerfReport, PerfRunResult, SpeedRow } from "./schema.ts";
import { isRecord } from "../../util/is_record.ts";

type SummaryField = keyof PerfSummary;

/** A label and the factor that turns its value into lmeter's unit. */
type Alias = readonly [label: string, factor: number];

/**
 * Every summary field, in EvalScope's key order: the label lmeter writes, then the labels older
 * EvalScope versions wrote.
 */
const SUMMARY_LABELS: readonly (readonly [SummaryField, string, ...Alias[]])[] = [
  ["durationS", "Test Duration (s)", ["Time taken for tests (s)", 1]],
  ["concurrency", "Concurrency", ["Number of concurrency", 1]],
  ["rate", "Request Rate (req/s)", ["Request rate (req/s)", 1]],
  ["total", "Total Requests", ["Total requests", 1]],
  ["success", "Success Requests", ["Succeed requests", 1]],
  ["failed", "Failed Requests", ["Failed requests", 1]],
  ["stream", "Stream Requests"],
  ["nonStream", "Non-Stream Requests"],
  ["rps", "Req Throughput (req/s)", ["Request throughput (req/s)", 1], ["Average QPS", 1]],
  ["avgLatencyS", "Avg Latency (s)", ["Average latency (s)", 1]],
  ["avgInputTokens", "Avg Input Tokens", ["Average input tokens per request", 1]],
  [
    "outputTps",
    "Output Throughput (tok/s)",
    ["Output token throughput (tok/s)", 1],
    ["Throughput(average tokens/s)", 1],
  ],
  ["totalTps", "Total Throughput (tok/s)", ["Total token throughput (tok/s)", 1]],
  ["avgTtftMs", "Avg TTFT (ms)", ["Average time to first token (s)", 1000]],
  ["avgTpotMs", "Avg TPOT (ms)", ["Average time per output token (s)", 1000]],
  ["avgItlMs", "Avg ITL (ms)", ["Average inter-token latency (s)", 1000]],
  ["avgOutputTokens", "Avg Output Tokens", ["Average output tokens per request", 1]],
  ["decodedPerIter", "Avg Decoded Tok/Iter"],
  ["specAcceptRate", "Spec. Accept Rate"],
  ["avgCachedTokens", "Avg Cached Tokens"],
  ["cacheHitRatePct", "KV Cache Hit Rate (%)"],
  ["inputTps", "Input Throughput (tok/s)"],
  ["wallInputTps", "Wall Input Throughput (tok/s)"],
  ["avgItemsPerRequest", "Avg Items/Request"],
  ["itemsPerS", "Items Throughput (items/s)"],
  ["avgImagesPerRequest", "Avg Images/Request"],
  ["avgImageTokens", "Avg Image Tokens"],
  ["estimatedCacheHitRatePct", "Estimated Cache Hit Rate (%)"],
  ["avgTurnsPerRequest", "Avg Turns/Request"],
  ["firstTurnTtftMs", "Avg First-Turn TTFT (ms)", ["First-Turn TTFT (ms)", 1]],
  ["subsequentTurnTtftMs", "Avg Subsequent-Turn TTFT (ms)", ["Subsequent-Turn TTFT (ms)", 1]],
];

/** Keys a pooling run's (embeddings, rerank) summary leaves out, as EvalScope's does. */
const GENERATION_SUMMARY: readonly SummaryField[] = [
  "outputTps",
  "totalTps",
  "avgTtftMs",
  "avgTpotMs",
  "avgItlMs",
  "avgOutputTokens",
  "decodedPerIter",
  "specAcceptRate",
];

/** True for a pooling run's summary (it carries EvalScope's `Input Throughput`). */
export function isPoolingSummary(summary: PerfSummary): boolean {
  return summary.inputTps !== undefined;
}

/** The percentile columns: the label lmeter writes, then older EvalScope labels. */
const PERCENTILE_LABELS: Record<PercentileColumn, readonly [string, ...Alias[]]> = {
  ttftMs: ["TTFT (ms)", ["TTFT (s)", 1000]],
  itlMs: ["ITL (ms)", ["ITL (s)", 1000]],
  tpotMs: ["TPOT (ms)", ["TPOT (s)", 1000]],
  decodeTps: ["Decode (tok/s)"],
  latencyS: ["Latency (s)"],
  inputTokens: ["Input tokens"],
  outputTokens: ["Output tokens"],
  outputTps: ["Output (tok/s)", ["Output throughput(tok/s)", 1]],
  totalTps: ["Total (tok/s)", ["Total throughput(tok/s)", 1]],
  connectMs: ["Connect (ms)"],
  inputTps: ["Input (tok/s)"],
};

/**
 * Output formats of `benchmark_summary.json`, `benchmark_percentile.json` and the console tables:
 * lmeter's labels (EvalScope ≥ 1.7's words, TTFT/TPOT/ITL in ms), or EvalScope 1.0–1.6's, as the
 * seeds show them (`Time taken for tests (s)`, `Average time to first token (s)`, …, seconds,
 * percentile file column-wise).
 */
export const SUMMARY_FORMATS = ["lmeter", "evalscope-1.6"] as const;
/** One of {@linkcode SUMMARY_FORMATS}. */
export type SummaryFormat = typeof SUMMARY_FORMATS[number];

/** EvalScope 1.0–1.6's summary: label, field, factor from lmeter's unit (seed 000's order). */
const LEGACY_SUMMARY: readonly (readonly [string, SummaryField, number])[] = [
  ["Time taken for tests (s)", "durationS", 1],
  ["Number of concurrency", "concurrency", 1],
  ["Total requests", "total", 1],
  ["Succeed requests", "success", 1],
  ["Failed requests", "failed", 1],
  ["Output token throughput (tok/s)", "outputTps", 1],
  ["Total token throughput (tok/s)", "totalTps", 1],
  ["Request throughput (req/s)", "rps", 1],
  ["Average latency (s)", "avgLatencyS", 1],
  ["Average time to first token (s)", "avgTtftMs", 0.001],
  ["Average time per output token (s)", "avgTpotMs", 0.001],
  ["Average inter-token latency (s)", "avgItlMs", 0.001],
  ["Average input tokens per request", "avgInputTokens", 1],
  ["Average output tokens per request", "avgOutputTokens", 1],
];

/** EvalScope 1.0–1.6's percentile columns (seed 000's order). */
const LEGACY_PERCENTILES: readonly (readonly [string, PercentileField, number])[] = [
  ["TTFT (s)", "ttftMs", 0.001],
  ["ITL (s)", "itlMs", 0.001],
  ["TPOT (s)", "tpotMs", 0.001],
  ["Latency (s)", "latencyS", 1],
  ["Input tokens", "inputTokens", 1],
  ["Output tokens", "outputTokens", 1],
  ["Output (tok/s)", "outputTps", 1],
  ["Total (tok/s)", "totalTps", 1],
];

/** The percentile rows EvalScope 1.0–1.6 printed. */
export const LEGACY_PERCENTILE_ROWS: readonly number[] = [10, 25, 50, 66, 75, 80, 90, 95, 98, 99];

/** `v × factor` without float noise (41.3 ms → 0.0413 s). */
const scaled = (v: number, factor: number) =>
  factor === 1 ? v : Number((v * factor).toPrecision(12));

/** The summary as label → value in `format`'s labels and units (`-1` where null). */
export function summaryInFormat(
  summary: PerfSummary,
  format: SummaryFormat,
): Record<string, number> {
  if (format === "lmeter" || isPoolingSummary(summary)) return summaryToFile(summary);
  const out: Record<string, number> = {};
  for (const [label, field, factor] of LEGACY_SUMMARY) {
    const v = summary[field];
    out[label] = v === null || v === undefined ? -1 : scaled(v, factor);
  }
  return out;
}

/** Percentile headers and rows (first cell the row label) in `format`'s labels and units. */
export function percentilesInFormat(
  rows: readonly PercentileRow[],
  format: SummaryFormat,
): { headers: string[]; rows: (string | number | null)[][] } {
  const columns = percentileColumns(rows);
  if (format === "lmeter" || columns !== PERCENTILE_FIELDS) {
    return {
      headers: ["Percentiles", ...columns.map(percentileLabel)],
      rows: rows.map((r) => [r.percentile, ...columns.map((f) => r[f] ?? null)]),
    };
  }
  return {
    headers: ["Percentiles", ...LEGACY_PERCENTILES.map(([label]) => label)],
    rows: rows.map((r) => [
      r.percentile,
      ...LEGACY_PERCENTILES.map(([, f, factor]) => {
        const v = r[f];
        return v === null ? null : scaled(v, factor);
      }),
    ]),
  };
}

/** `benchmark_percentile.json` in `format`: row-wise (lmeter), column-wise (EvalScope ≤ 1.6). */
export function percentilesFileInFormat(
  rows: readonly PercentileRow[],
  format: SummaryFormat,
): unknown {
  if (format === "lmeter" || percentileColumns(rows) !== PERCENTILE_FIELDS) {
    return percentilesToFile(rows);
  }
  const t = percentilesInFormat(rows, format);
  return Object.fromEntries(t.headers.map((h, i) => [h, t.rows.map((r) => r[i])]));
}

/** The column label of a percentile series (`"TTFT (ms)"`), as files and tables show it. */
export function percentileLabel(field: PercentileColumn): string {
  return PERCENTILE_LABELS[field][0];
}

/** The label of a summary field (`"Avg TTFT (ms)"`), as files and tables show it. */
export function summaryLabel(field: SummaryField): string {
  return SUMMARY_LABELS.find(([f]) => f === field)![1];
}

/** `benchmark_summary.json`: label → value in EvalScope's order, `-1` where a value is null. */
export function summaryToFile(summary: PerfSummary): Record<string, number> {
  const out: Record<string, number> = {};
  const skip = isPoolingSummary(summary) ? GENERATION_SUMMARY : [];
  for (const [field, label] of SUMMARY_LABELS) {
    const v = summary[field];
    if (v === undefined || skip.includes(field)) continue;
    out[label] = v === null ? -1 : v;
  }
  return out;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * A summary read from `benchmark_summary.json` written by lmeter or any EvalScope version:
 * missing values and `-1` become null (counts become 0).
 */
export function summaryFromFile(raw: Readonly<Record<string, unknown>>): PerfSummary {
  const read = (field: SummaryField): number | null => {
    const [, label, ...aliases] = SUMMARY_LABELS.find(([f]) => f === field)!;
    for (const [l, factor] of [[label, 1] as Alias, ...aliases]) {
      const v = num(raw[l]);
      if (v !== null) return v === -1 ? null : v * factor;
    }
    return null;
  };
  const count = (field: SummaryField) => read(field) ?? 0;
  const summary: PerfSummary = {
    durationS: count("durationS"),
    concurrency: read("concurrency"),
    rate: read("rate"),
    total: count("total"),
    success: count("success"),
    failed: count("failed"),
    stream: count("stream"),
    nonStream: count("nonStream"),
    rps: read("rps"),
    avgLatencyS: read("avgLatencyS"),
    avgInputTokens: read("avgInputTokens"),
    outputTps: read("outputTps"),
    totalTps: read("totalTps"),
    avgTtftMs: read("avgTtftMs"),
    avgTpotMs: read("avgTpotMs"),
    avgItlMs: count("avgItlMs"),
    avgOutputTokens: read("avgOutputTokens"),
  };
  const decoded = read("decodedPerIter");
  const accept = read("specAcceptRate");
  if (decoded !== null) summary.decodedPerIter = decoded;
  if (accept !== null) summary.specAcceptRate = accept;
  const cached = read("avgCachedTokens");
  const hit = read("cacheHitRatePct");
  if (cached !== null) summary.avgCachedTokens = cached;
  if (hit !== null) summary.cacheHitRatePct = hit;
  const images = read("avgImagesPerRequest");
  const imageTokens = read("avgImageTokens");
  if (images !== null) summary.avgImagesPerRequest = images;
  if (imageTokens !== null) summary.avgImageTokens = imageTokens;
  if (Object.hasOwn(raw, summaryLabel("inputTps"))) {
    summary.inputTps = read("inputTps");
    summary.wallInputTps = read("wallInputTps");
    summary.avgItemsPerRequest = read("avgItemsPerRequest");
    summary.itemsPerS = read("itemsPerS");
  }
  const estimated = read("estimatedCacheHitRatePct");
  if (estimated !== null) summary.estimatedCacheHitRatePct = estimated;
  const turns = read("avgTurnsPerRequest");
  if (turns !== null) {
    summary.avgTurnsPerRequest = turns;
    summary.firstTurnTtftMs = read("firstTurnTtftMs");
    summary.subsequentTurnTtftMs = read("subsequentTurnTtftMs");
  }
  return summary;
}

/** `benchmark_percentile.json`: `{"Percentiles": "50%", "TTFT (ms)": …}` rows. */
export function percentilesToFile(
  rows: readonly PercentileRow[],
): Record<string, string | number | null>[] {
  const columns = percentileColumns(rows);
  return rows.map((r) => {
    const out: Record<string, string | number | null> = { Percentiles: r.percentile };
    for (const field of columns) out[percentileLabel(field)] = r[field] ?? null;
    return out;
  });
}

/** Percentile rows read from `benchmark_percentile.json`: row-wise (lmeter, EvalScope ≥1.7) or
 * column-wise (older EvalScope: `{"Percentiles": [...], "TTFT (s)": [...]}`). */
export function percentilesFromFile(raw: unknown): PercentileRow[] {
  const rows = Array.isArray(raw) ? raw : columnsToRows(raw);
  const out: PercentileRow[] = [];
  for (const r of rows) {
    if (!isRecord(r)) continue;
    const label = r.Percentiles ?? r.Percentile ?? r.percentile;
    const row = {
      percentile: typeof label === "string" ? label : typeof label === "number" ? `${label}%` : "",
    } as PercentileRow;
    for (const field of PERCENTILE_FIELDS) {
      const [first, ...aliases] = PERCENTILE_LABELS[field];
      row[field] = null;
      for (const [l, factor] of [[first, 1] as Alias, ...aliases]) {
        const v = num(r[l]);
        if (v !== null) {
          row[field] = v * factor;
          break;
        }
      }
    }
    if (Object.hasOwn(r, percentileLabel("inputTps"))) {
      row.inputTps = num(r[percentileLabel("inputTps")]);
    }
    out.push(row);
  }
  return out;
}

function columnsToRows(raw: unknown): unknown[] {
  if (!isRecord(raw)) return [];
  const labels = raw.Percentiles ?? raw.Percentile;
  if (!Array.isArray(labels)) return [];
  return labels.map((label, i) => {
    const row: Record<string, unknown> = { Percentiles: label };
    for (const [k, v] of Object.entries(raw)) {
      if (k !== "Percentiles" && k !== "Percentile" && Array.isArray(v)) row[k] = v[i] ?? null;
    }
    return row;
  });
}

/** `speed_benchmark.json` rows (EvalScope's speed table). */
export function speedToFile(rows: readonly SpeedRow[]): Record<string, number>[] {
  return rows.map((r) => ({
    "Prompt Tokens": r.promptTokens,
    "Speed(tokens/s)": r.tokensPerS,
    "GPU Memory(GB)": r.gpuMemoryGb,
  }));
}

/** Speed rows read back from `speed_benchmark.json`. */
export function speedFromFile(raw: unknown): SpeedRow[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).map((r) => ({
    promptTokens: num(r["Prompt Tokens"]) ?? 0,
    tokensPerS: num(r["Speed(tokens/s)"]) ?? 0,
    gpuMemoryGb: num(r["GPU Memory(GB)"]) ?? 0,
  }));
}

/** A run as `lmeter_summary.json` and `perf_summary.json` hold it: the summary, percentiles and
 * speed table in EvalScope's labels, everything else as is (same key order). */
export function runToFile(run: PerfRunResult): Record<string, unknown> {
  return {
    ...run,
    summary: summaryToFile(run.summary),
    percentiles: percentilesToFile(run.percentiles),
    ...(run.speed ? { speed: speedToFile(run.speed) } : {}),
  };
}

/** A run read back from its file form ({@linkcode runToFile}). */
export function runFromFile(raw: Record<string, unknown>): PerfRunResult {
  const run = {
    ...raw,
    summary: summaryFromFile(isRecord(raw.summary) ? raw.summary : {}),
    percentiles: percentilesFromFile(raw.percentiles),
  } as unknown as PerfRunResult;
  if (raw.speed !== undefined) run.speed = speedFromFile(raw.speed);
  return run;
}

/** `perf_summary.json`: the invocation with every run in its file form. */
export function reportToFile(report: PerfReport): Record<string, unknown> {
  return { ...report, runs: report.runs.map(runToFile) };
}

/** The invocation read back from `perf_summary.json`. */
export function reportFromFile(raw: Record<string, unknown>): PerfReport {
  const runs = Array.isArray(raw.runs) ? raw.runs.filter(isRecord).map(runFromFile) : [];
  return { ...raw, runs } as unknown as PerfReport;
}
