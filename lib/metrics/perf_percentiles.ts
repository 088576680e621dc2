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

/** One row: the percentile (`"50%"`, `"min"`, `"max"`) and each series' value (null when undefined). */
export type PercentileRow = { percentile: string } & Record<PercentileField, number | null>;

/** Options of {@linkcode percentileTable}. */
export interface PercentileTableOptions {
  /** Rows to compute (default: min, 1, 5, 10, 25, 50, 75, 90, 95, 99, max). */
  percentiles?: readonly PercentileSpec[];
  /** Default `floor` (EvalScope). */
  method?: PercentileMethod;
}

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
  return specs.map((p) => {
    const row = { percentile: percentileLabel(p) } as PercentileRow;
    for (const field of PERCENTILE_FIELDS) {
      const v = percentileOf(samples[field], p, method);
      row[field] = Number.isFinite(v) ? round(v, 4) : null;
    }
    return row;
  });
}

/** The value of `field` at the row labelled `label` (`"99%"`, `"min"`); null when absent. */
export function percentileAt(
  rows: readonly PercentileRow[],
  label: string,
  field: PercentileField,
): number | null {
  const v = rows.find((r) => r.percentile === label)?.[field];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
