/**
 * The percentile table of a perf run over its successful requests (EvalScope's
 * `benchmark_percentile.json` columns) as typed rows; the file's labels live in the converter
 * (lib/results/perf/evalscope_format.ts). Pure.
 *
 * @module
 */
import {
  DEFAULT_PERCENTILES,
  percentileLabel,
  type PercentileMethod,
  percentileOf,
  type PercentileSpec,
  sortedFinite,
} from "./percentile.ts";
import { round } from "./round.ts";
import type { RunData } from "./run_data.ts";

/** The per-request series of the percentile table, in EvalScope's column order. */
export const PERCENTILE_FIELDS = [
  "ttftMs",
  "itlMs",
  "tpotMs",
  "decodeTps",
  "latencyS",
  "inputTokens",
  "outputTokens",
  "outputTps",
  "totalTps",
  "connectMs",
] as const;

/** One series of the percentile table. */
export type PercentileField = typeof PERCENTILE_FIELDS[number];

/** A pooling run's (embeddings, rerank) columns: EvalScope's latency, input tokens and input
 * tokens per second of each request, and lmeter's connect time. */
export const POOLING_PERCENTILE_FIELDS = [
  "latencyS",
  "inputTokens",
  "inputTps",
  "connectMs",
] as const;

/** Any column of a percentile table. */
export type PercentileColumn = PercentileField | "inputTps";

/** One row: the percentile (`"50%"`, `"min"`, `"max"`) and each series' value (null when undefined);
 * `inputTps` only in a pooling run's rows. */
export type PercentileRow =
  & { percentile: string }
  & Record<PercentileField, number | null>
  & { inputTps?: number | null };

/** The columns `rows` show: a pooling run's when they hold `inputTps`, else the generation ones. */
export function percentileColumns(rows: readonly PercentileRow[]): readonly PercentileColumn[] {
  return rows.some((r) => r.inputTps !== undefined) ? POOLING_PERCENTILE_FIELDS : PERCENTILE_FIELDS;
}

/** Options of {@linkcode percentileTable}. */
export interface PercentileTableOptions {
  /** Rows to compute (default: min, 1, 5, 10, 25, 50, 75, 90, 95, 99, max). */
  percentiles?: readonly PercentileSpec[];
  /** Default `floor` (EvalScope). */
  method?: PercentileMethod;
  /** A pooling run: rows carry `inputTps`, and the generation-only series are null. */
  pooling?: boolean;
}

/** Series that mean nothing for a pooling request (no stream, no output). */
const GENERATION_ONLY: readonly PercentileField[] = [
  "ttftMs",
  "itlMs",
  "tpotMs",
  "decodeTps",
  "outputTokens",
  "outputTps",
  "totalTps",
];

/** The sorted sample behind each series (exported for gates and the report). */
export function percentileSamples(data: RunData): Record<PercentileField, Float64Array> {
  const n = data.success;
  const latency = data.latencyMs.view();
  const prompt = data.promptTokens.view();
  const completion = data.completionTokens.view();
  const outRate = new Float64Array(n);
  const totalRate = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = latency[i] / 1000;
    outRate[i] = s > 0 ? completion[i] / s : NaN;
    totalRate[i] = s > 0 ? (prompt[i] + completion[i]) / s : NaN;
  }
  const tpot = data.streamOnly(data.tpotMs);
  const decode = tpot.map((t) => (t > 0 ? 1000 / t : NaN));
  return {
    ttftMs: sortedFinite(data.streamOnly(data.ttftMs)),
    itlMs: sortedFinite(data.itlMs.view()),
    tpotMs: sortedFinite(tpot),
    decodeTps: sortedFinite(decode),
    latencyS: sortedFinite(latency.map((v) => v / 1000)),
    inputTokens: sortedFinite(prompt),
    outputTokens: sortedFinite(completion),
    outputTps: sortedFinite(outRate),
    totalTps: sortedFinite(totalRate),
    // lmeter's: time to open a connection (0 for a kept one), inside TTFT and latency.
    connectMs: sortedFinite(data.connectMs.view()),
  };
}

/** The percentile table; values rounded to 4 decimals (EvalScope rounds to 2; see docs/perf-metrics.md). */
export function percentileTable(
  data: RunData,
  options: PercentileTableOptions = {},
): PercentileRow[] {
  const specs = options.percentiles ?? DEFAULT_PERCENTILES;
  const method = options.method ?? "floor";
  const samples = percentileSamples(data);
  const at = (xs: Float64Array, p: PercentileSpec) => {
    const v = percentileOf(xs, p, method);
    return Number.isFinite(v) ? round(v, 4) : null;
  };
  const inputTps = options.pooling ? inputRates(data) : null;
  return specs.map((p) => {
    const row = { percentile: percentileLabel(p) } as PercentileRow;
    for (const field of PERCENTILE_FIELDS) row[field] = at(samples[field], p);
    if (inputTps) {
      for (const field of GENERATION_ONLY) row[field] = null;
      row.inputTps = at(inputTps, p);
    }
    return row;
  });
}

/** Input tokens per second of each successful request (EvalScope's `Input (tok/s)`), sorted. */
export function inputRates(data: RunData): Float64Array {
  const latency = data.latencyMs.view();
  const prompt = data.promptTokens.view();
  const out = new Float64Array(latency.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = latency[i] > 0 ? prompt[i] / (latency[i] / 1000) : NaN;
  }
  return sortedFinite(out);
}

/** The value of `field` at the row labelled `label` (`"99%"`, `"min"`); null when absent. */
export function percentileAt(
  rows: readonly PercentileRow[],
  label: string,
  field: PercentileColumn,
): number | null {
  const v = rows.find((r) => r.percentile === label)?.[field];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
