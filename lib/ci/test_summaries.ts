/**
 * Hand-written CI summaries for the tests of lib/ci: a two-level perf sweep with one gate that
 * held, its baseline, and an evaluation.
 *
 * @module
 */
import { CI_SUMMARY_SCHEMA, type CiMetric, type CiSummary } from "./ci_summary.ts";

function perfMetrics(v: {
  rps: number;
  ttft: number;
  p99Ttft: number;
  latency: number;
  success: number;
}): CiMetric[] {
  return [
    { key: "total_requests", label: "requests", unit: "", value: 100, better: "neither" },
    { key: "success_rate", label: "success", unit: "%", value: v.success, better: "bigger" },
    { key: "rps", label: "RPS", unit: "req/s", value: v.rps, better: "bigger" },
    { key: "avg_ttft_ms", label: "avg TTFT", unit: "ms", value: v.ttft, better: "smaller" },
    { key: "p99_ttft_ms", label: "p99 TTFT", unit: "ms", value: v.p99Ttft, better: "smaller" },
    { key: "p99_latency_s", label: "p99 latency", unit: "s", value: v.latency, better: "smaller" },
  ];
}

/** A perf sweep: `p99_ttft_ms>500` held at concurrency 10. */
export function perfSummary(): CiSummary {
  return {
    schema: CI_SUMMARY_SCHEMA,
    command: "perf",
    model: "qwen3",
    resultsDir: "/runs/20260101_000000/qwen3",
    runs: [
      {
        name: "parallel_1_number_100",
        metrics: perfMetrics({
          rps: 4.12,
          ttft: 120.5,
          p99Ttft: 180,
          latency: 0.2431,
          success: 100,
        }),
        config: { model: "qwen3", parallel: 1, number: 100 },
      },
      {
        name: "parallel_10_number_100",
        metrics: perfMetrics({ rps: 30.5, ttft: 410, p99Ttft: 612.25, latency: 1.5, success: 99 }),
        config: { model: "qwen3", parallel: 10, number: 100 },
      },
    ],
    gates: ["p99_ttft_ms>500", "success_rate<95"],
    failures: [{
      gate: "p99_ttft_ms>500",
      metric: "p99_ttft_ms",
      actual: 612.25,
      op: ">",
      threshold: 500,
      unit: "ms",
      run: "parallel_10_number_100",
    }],
    failedRuns: [],
    passed: false,
  };
}

/** The same sweep a week earlier: concurrency 1 was slower, concurrency 10 faster. */
export function perfBaseline(): CiSummary {
  const s = perfSummary();
  s.runs[0].metrics = perfMetrics({
    rps: 4,
    ttft: 125,
    p99Ttft: 180,
    latency: 0.25,
    success: 100,
  });
  s.runs[1].metrics = perfMetrics({ rps: 32, ttft: 400, p99Ttft: 450, latency: 1.4, success: 99 });
  s.failures = [];
  s.passed = true;
  return s;
}

/** An evaluation of gsm8k that passed its gate. */
export function evalSummary(): CiSummary {
  return {
    schema: CI_SUMMARY_SCHEMA,
    command: "eval",
    model: "qwen3",
    resultsDir: "/runs/20260101_000000",
    runs: [{
      name: "gsm8k",
      metrics: [
        { key: "mean", label: "score", unit: "", value: 0.8125, better: "bigger" },
        { key: "ci_low", label: "CI low", unit: "", value: 0.7301, better: "bigger" },
        { key: "stderr", label: "stderr", unit: "", value: 0.0412, better: "neither" },
        { key: "no_answer_rate", label: "no answer", unit: "", value: 0.02, better: "smaller" },
        { key: "p99_latency_s", label: "p99 latency", unit: "s", value: 2.5, better: "smaller" },
      ],
      config: { model: "qwen3", metric: "AverageAccuracy" },
    }],
    gates: ["gsm8k.mean<0.8"],
    failures: [],
    failedRuns: [],
    passed: true,
  };
}
