import assert from "node:assert/strict";
import type { PerfSummary } from "../../metrics/perf_summary.ts";
import {
  percentilesFromFile,
  percentilesToFile,
  summaryFromFile,
  summaryToFile,
} from "./evalscope_format.ts";

const SUMMARY: PerfSummary = {
  durationS: 2.5,
  concurrency: null,
  rate: 5,
  total: 10,
  success: 9,
  failed: 1,
  stream: 10,
  nonStream: 0,
  rps: 3.6,
  avgLatencyS: null,
  avgInputTokens: 20,
  outputTps: 36,
  totalTps: 276,
  avgTtftMs: 116.67,
  avgTpotMs: null,
  avgItlMs: 0,
  avgOutputTokens: 3,
};

Deno.test("summaryToFile() writes EvalScope's labels in its order, -1 for null", () => {
  const file = summaryToFile(SUMMARY);
  assert.deepEqual(Object.keys(file), [
    "Test Duration (s)",
    "Concurrency",
    "Request Rate (req/s)",
    "Total Requests",
    "Success Requests",
    "Failed Requests",
    "Stream Requests",
    "Non-Stream Requests",
    "Req Throughput (req/s)",
    "Avg Latency (s)",
    "Avg Input Tokens",
    "Output Throughput (tok/s)",
    "Total Throughput (tok/s)",
    "Avg TTFT (ms)",
    "Avg TPOT (ms)",
    "Avg ITL (ms)",
    "Avg Output Tokens",
  ]);
  assert.equal(file["Concurrency"], -1);
  assert.equal(file["Avg Latency (s)"], -1);
  assert.equal(file["Avg TPOT (ms)"], -1);
  assert.equal(file["Avg ITL (ms)"], 0);
  const spec = summaryToFile({ ...SUMMARY, decodedPerIter: 4, specAcceptRate: 0.75 });
  assert.deepEqual(Object.keys(spec).slice(-2), ["Avg Decoded Tok/Iter", "Spec. Accept Rate"]);
});

Deno.test("summaryFromFile() reads back what summaryToFile() wrote", () => {
  assert.deepEqual(summaryFromFile(summaryToFile(SUMMARY)), SUMMARY);
  const spec = { ...SUMMARY, decodedPerIter: 4, specAcceptRate: 0.75 };
  assert.deepEqual(summaryFromFile(summaryToFile(spec)), spec);
});

Deno.test("summaryFromFile() reads older EvalScope labels and converts seconds to ms", () => {
  const s = summaryFromFile({
    "Time taken for tests (s)": 10,
    "Number of concurrency": 4,
    "Total requests": 20,
    "Succeed requests": 19,
    "Failed requests": 1,
    "Average QPS": 1.9,
    "Average latency (s)": 2,
    "Average time to first token (s)": 0.25,
    "Average time per output token (s)": 0.02,
    "Average inter-token latency (s)": 0.015,
    "Throughput(average tokens/s)": 300,
  });
  assert.equal(s.durationS, 10);
  assert.equal(s.concurrency, 4);
  assert.equal(s.success, 19);
  assert.equal(s.rps, 1.9);
  assert.equal(s.avgLatencyS, 2);
  assert.equal(s.avgTtftMs, 250);
  assert.equal(s.avgTpotMs, 20);
  assert.equal(s.avgItlMs, 15);
  assert.equal(s.outputTps, 300);
  assert.equal(s.rate, null);
  assert.equal(s.totalTps, null);
});

Deno.test("percentiles round-trip and older column-wise files in seconds are read", () => {
  const rows = [{
    percentile: "50%",
    ttftMs: 100,
    itlMs: null,
    tpotMs: 20,
    decodeTps: 50,
    latencyS: 0.16,
    inputTokens: 20,
    outputTokens: 3,
    outputTps: 13.3,
    totalTps: 95.8,
    connectMs: 0.3,
  }];
  const file = percentilesToFile(rows);
  assert.deepEqual(Object.keys(file[0]).slice(0, 3), ["Percentiles", "TTFT (ms)", "ITL (ms)"]);
  assert.deepEqual(percentilesFromFile(file), rows);
  const old = percentilesFromFile({ Percentiles: ["50%", "99%"], "TTFT (s)": [0.1, 0.5] });
  assert.deepEqual(old.map((r) => [r.percentile, r.ttftMs, r.latencyS]), [
    ["50%", 100, null],
    ["99%", 500, null],
  ]);
});

Deno.test("the cache fields are written with EvalScope's multi-turn label and read back", () => {
  const file = summaryToFile({
    durationS: 1,
    concurrency: 1,
    rate: null,
    total: 2,
    success: 2,
    failed: 0,
    stream: 2,
    nonStream: 0,
    rps: 2,
    avgLatencyS: 0.1,
    avgInputTokens: 20,
    outputTps: 4,
    totalTps: 44,
    avgTtftMs: 10,
    avgTpotMs: 5,
    avgItlMs: 5,
    avgOutputTokens: 2,
    avgCachedTokens: 8.75,
    cacheHitRatePct: 43.75,
  });
  assert.equal(file["KV Cache Hit Rate (%)"], 43.75);
  assert.equal(file["Avg Cached Tokens"], 8.75);
  assert.equal(summaryFromFile(file).cacheHitRatePct, 43.75);
});

Deno.test("the multi-turn keys are written with EvalScope's labels and read back, -1 for none", () => {
  const base = summaryFromFile({});
  const file = summaryToFile({
    ...base,
    avgTurnsPerRequest: 2.5,
    firstTurnTtftMs: 80,
    subsequentTurnTtftMs: null,
    estimatedCacheHitRatePct: 61.2,
  });
  assert.equal(file["Avg Turns/Request"], 2.5);
  assert.equal(file["Avg First-Turn TTFT (ms)"], 80);
  assert.equal(file["Avg Subsequent-Turn TTFT (ms)"], -1);
  assert.equal(file["Estimated Cache Hit Rate (%)"], 61.2);
  const back = summaryFromFile(file);
  assert.deepEqual(
    [back.avgTurnsPerRequest, back.firstTurnTtftMs, back.subsequentTurnTtftMs],
    [2.5, 80, null],
  );
  assert.equal(back.estimatedCacheHitRatePct, 61.2);
  // A newer EvalScope's labels without "Avg".
  const other = summaryFromFile({ "Avg Turns/Request": 3, "First-Turn TTFT (ms)": 70 });
  assert.equal(other.firstTurnTtftMs, 70);
});
