/**
 * Named scalar metrics of a run (`p99_ttft_ms`, `success_rate`, `rps`…), the vocabulary of
 * `--fail-on` gates and SLA auto-tune constraints. Pure.
 *
 * @module
 */
import type { Goodput } from "./goodput.ts";
import { mean, type PercentileMethod, percentileOf, sortedFinite } from "./percentile.ts";
import { type PercentileField, percentileSamples } from "./perf_percentiles.ts";
import type { PerfSummary } from "./perf_summary.ts";
import type { RunData } from "./run_data.ts";

/** Everything a named metric can be read from. */
export interface RunMetricsSource {
  data: RunData;
  summary: PerfSummary;
  method?: PercentileMethod;
  goodput?: Goodput;
}

/** Per-request series that take `avg_`/`pNN_`/`min_`/`max_` prefixes, with their unit. */
const SERIES: Record<string, { unit: string; column: PercentileField | "" }> = {
  ttft: { unit: "ms", column: "ttftMs" },
  tpot: { unit: "ms", column: "tpotMs" },
  itl: { unit: "ms", column: "itlMs" },
  latency: { unit: "s", column: "latencyS" },
  e2el: { unit: "s", column: "latencyS" },
  input_tokens: { unit: "", column: "inputTokens" },
  output_tokens: { unit: "", column: "outputTokens" },
  decode: { unit: "tok/s", column: "decodeTps" },
  send_lag: { unit: "ms", column: "" },
};

/** Scalar metrics without a prefix, with their unit. */
const SCALARS: Record<string, { unit: string; read: (s: RunMetricsSource) => number }> = {
  success_rate: {
    unit: "%",
    read: ({ data }) => (data.total > 0 ? (data.success / data.total) * 100 : 0),
  },
  failure_rate: {
    unit: "%",
    read: ({ data }) => (data.total > 0 ? (data.failed / data.total) * 100 : 0),
  },
  failed_requests: { unit: "", read: ({ data }) => data.failed },
  success_requests: { unit: "", read: ({ data }) => data.success },
  total_requests: { unit: "", read: ({ data }) => data.total },
  rps: { unit: "req/s", read: ({ summary }) => summary.rps ?? NaN },
  tps: { unit: "tok/s", read: ({ summary }) => summary.outputTps ?? NaN },
  output_tps: { unit: "tok/s", read: ({ summary }) => summary.outputTps ?? NaN },
  total_tps: { unit: "tok/s", read: ({ summary }) => summary.totalTps ?? NaN },
  duration: { unit: "s", read: ({ summary }) => summary.durationS },
  goodput_rps: { unit: "req/s", read: ({ goodput }) => goodput?.goodputRps ?? NaN },
  goodput_pct: { unit: "%", read: ({ goodput }) => goodput?.goodPct ?? NaN },
};

/** A metric name split into its parts, or a message when it is not known. */
export interface MetricName {
  /** The canonical name, with its unit suffix (`p99_ttft_ms`, `success_rate`). */
  canonical: string;
  unit: string;
  read(source: RunMetricsSource): number;
}

/**
 * Resolves a metric name: `success_rate`, `rps`, `tps`, `goodput_rps`… or
 * `<avg|min|max|pNN>_<ttft|tpot|itl|latency|e2el|input_tokens|output_tokens|decode|send_lag>`
 * with an optional unit suffix (`_ms`, `_s`). Unit suffixes must match the metric's own unit.
 */
export function resolveMetric(name: string): MetricName | string {
  const n = name.trim().toLowerCase();
  const scalar = SCALARS[n] ?? SCALARS[n.replace(/_(pct|percent)$/, "")];
  if (scalar) {
    return { canonical: n, unit: scalar.unit, read: scalar.read };
  }
  const m = /^(avg|mean|min|max|p\d+(?:\.\d+)?)_([a-z_]+?)(?:_(ms|s))?$/.exec(n);
  if (!m) return `unknown metric "${name}"`;
  const [, agg, seriesName, suffix] = m;
  const series = SERIES[seriesName];
  if (!series) return `unknown metric "${name}"`;
  if (suffix && suffix !== series.unit) {
    return `"${name}": ${seriesName} is measured in ${series.unit || "tokens"}, not ${suffix}`;
  }
  const canonical = `${agg === "mean" ? "avg" : agg}_${seriesName}${
    series.unit === "ms" || series.unit === "s" ? `_${series.unit}` : ""
  }`;
  return {
    canonical,
    unit: series.unit,
    read(source) {
      const sample = seriesName === "send_lag"
        ? sortedFinite(source.data.sendLagMs.view())
        : percentileSamples(source.data)[series.column as PercentileField];
      if (agg === "avg" || agg === "mean") return sample.length ? mean(sample) : NaN;
      if (agg === "min" || agg === "max") return percentileOf(sample, agg);
      return percentileOf(sample, Number(agg.slice(1)), source.method ?? "floor");
    },
  };
}

/** Names accepted by {@linkcode resolveMetric}, for help and error hints. */
export const METRIC_NAMES_HELP =
  "success_rate, failure_rate, failed_requests, rps, output_tps, total_tps, goodput_rps, goodput_pct, " +
  "and <avg|min|max|pNN>_<ttft_ms|tpot_ms|itl_ms|latency_s|send_lag_ms|input_tokens|output_tokens>";
