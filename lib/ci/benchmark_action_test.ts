import assert from "node:assert/strict";
import { benchmarkActionFiles } from "./benchmark_action.ts";
import { evalSummary, perfSummary } from "./test_summaries.ts";

Deno.test("benchmarkActionFiles() splits a perf sweep by direction, latencies in ms, with units", () => {
  // Parsed back from the JSON the files hold, as github-action-benchmark reads them.
  const files = JSON.parse(JSON.stringify(benchmarkActionFiles(perfSummary())));
  assert.deepEqual(files.smaller.slice(0, 3), [
    {
      name: "parallel_1_number_100 / avg_ttft_ms",
      unit: "ms",
      value: 120.5,
      extra: "model=qwen3\nparallel=1\nnumber=100",
    },
    {
      name: "parallel_1_number_100 / p99_ttft_ms",
      unit: "ms",
      value: 180,
      extra: "model=qwen3\nparallel=1\nnumber=100",
    },
    {
      name: "parallel_1_number_100 / p99_latency_ms",
      unit: "ms",
      value: 243.1,
      extra: "model=qwen3\nparallel=1\nnumber=100",
    },
  ]);
  assert.equal(files.smaller.length, 6);
  assert.ok(files.smaller.every((e: { unit: string }) => e.unit === "ms"));
  assert.deepEqual(
    files.bigger.map((e: { name: string; unit: string }) => `${e.name} [${e.unit}]`),
    [
      "parallel_1_number_100 / success_rate [%]",
      "parallel_1_number_100 / rps [req/s]",
      "parallel_10_number_100 / success_rate [%]",
      "parallel_10_number_100 / rps [req/s]",
    ],
  );
  // Counts have no direction: never in either file.
  assert.ok(![...files.smaller, ...files.bigger].some((e) => e.name.endsWith("total_requests")));
});

Deno.test("benchmarkActionFiles() puts eval scores in bigger and the no-answer rate in smaller", () => {
  const files = benchmarkActionFiles(evalSummary());
  assert.deepEqual(files.bigger.map((e) => [e.name, e.unit, e.value]), [
    ["gsm8k / mean", "score", 0.8125],
    ["gsm8k / ci_low", "score", 0.7301],
  ]);
  assert.deepEqual(files.smaller.map((e) => [e.name, e.unit, e.value]), [
    ["gsm8k / no_answer_rate", "ratio", 0.02],
    ["gsm8k / p99_latency_ms", "ms", 2500],
  ]);
});
