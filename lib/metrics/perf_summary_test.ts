import assert from "node:assert/strict";
import { percentileTable } from "./perf_percentiles.ts";
import { benchmarkSummary } from "./perf_summary.ts";
import { RunData } from "./run_data.ts";
import { failed, streamed, threeAndAFailure } from "./test_samples.ts";

function dataOf(samples: ReturnType<typeof threeAndAFailure>): RunData {
  const d = new RunData();
  for (const s of samples) d.add(s);
  return d;
}

Deno.test("benchmarkSummary() matches hand-computed values on a synthetic timeline", () => {
  const s = benchmarkSummary(dataOf(threeAndAFailure()), { concurrency: 4, rate: null });
  assert.deepEqual(s, {
    durationS: 0.25,
    concurrency: 4,
    rate: null,
    total: 4,
    success: 3,
    failed: 1,
    stream: 3,
    nonStream: 1,
    rps: 12,
    avgLatencyS: 0.1833,
    avgInputTokens: 20,
    outputTps: 36,
    totalTps: 276,
    avgTtftMs: 116.67,
    avgTpotMs: 46.67,
    avgItlMs: 33.33,
    avgOutputTokens: 3,
  });
});

Deno.test("benchmarkSummary() of a run with no success reports null averages and 0 ITL", () => {
  const s = benchmarkSummary(dataOf([failed(0, 1000), failed(10, 500)]), {
    concurrency: 2,
    rate: null,
  });
  assert.equal(s.durationS, 1);
  assert.equal(s.failed, 2);
  assert.equal(s.rps, 0);
  assert.equal(s.avgLatencyS, null);
  assert.equal(s.avgTtftMs, null);
  assert.equal(s.avgInputTokens, null);
  assert.equal(s.avgItlMs, 0);
});

Deno.test("benchmarkSummary() reports decoded tokens per iteration when chunks carry several tokens", () => {
  // 9 tokens in 3 chunks: L = (9 − 1) / (3 − 1) = 4; acceptance = 1 − 1/4.
  const d = dataOf([streamed({ sent: 0, ttft: 10, gaps: [5, 5], prompt: 1, completion: 9 })]);
  const s = benchmarkSummary(d, { concurrency: 1, rate: null });
  assert.equal(s.decodedPerIter, 4);
  assert.equal(s.specAcceptRate, 0.75);
});

Deno.test("benchmarkSummary() uses streamed successes only for TTFT/TPOT when the run is mixed", () => {
  const nonStream = { ...streamed({ sent: 0, ttft: 0, gaps: [], prompt: 1, completion: 5 }) };
  nonStream.streamed = false;
  nonStream.ttftMs = 1000;
  nonStream.latencyMs = 1000;
  nonStream.tpotMs = 0;
  const d = dataOf([
    nonStream,
    streamed({ sent: 0, ttft: 40, gaps: [10], prompt: 1, completion: 2 }),
  ]);
  const s = benchmarkSummary(d, { concurrency: 2, rate: null });
  assert.equal(s.avgTtftMs, 40);
  assert.equal(s.avgTpotMs, 10);
});

Deno.test("percentileTable() matches hand-computed floor nearest-rank values", () => {
  const rows = percentileTable(dataOf(threeAndAFailure()), {
    percentiles: ["min", 50, 90, 99, "max"],
  });
  const byLabel = Object.fromEntries(rows.map((r) => [r.percentile, r]));
  assert.deepEqual(byLabel["50%"], {
    percentile: "50%",
    ttftMs: 100,
    itlMs: 20,
    tpotMs: 20,
    decodeTps: 50,
    latencyS: 0.16,
    inputTokens: 20,
    outputTokens: 3,
    outputTps: 13.3333,
    totalTps: 95.8333,
    connectMs: null, // these samples do not say how they connected
  });
  assert.equal(byLabel["90%"].itlMs, 100); // floor(6 · 0.9) = 5
  assert.equal(byLabel["90%"].tpotMs, 100); // floor(3 · 0.9) = 2
  assert.equal(byLabel["min"].ttftMs, 50);
  assert.equal(byLabel["max"].latencyS, 0.24);
  assert.equal(byLabel["min"].decodeTps, 10);
});

Deno.test("percentileTable() leaves a cell null when the column is empty", () => {
  const rows = percentileTable(dataOf([failed(0, 1)]), { percentiles: [50] });
  assert.equal(rows[0].ttftMs, null);
  assert.equal(rows[0].percentile, "50%");
});

Deno.test("connect time has its percentile column; cached prompt tokens give the summary's cache fields", () => {
  const data = new RunData();
  const conn = [0.4, 0, 0, 0.8];
  const cached = [0, 15, 20, 0];
  conn.forEach((c, i) => {
    const s = streamed({ sent: i * 100, ttft: 10, gaps: [5], prompt: 20, completion: 2 });
    data.add({ ...s, connectMs: c, newConnection: c > 0, cachedTokens: cached[i] });
  });
  const rows = percentileTable(data, { percentiles: [50, "max"] });
  assert.equal(rows[0].connectMs, 0.4); // sorted 0, 0, 0.4, 0.8: floor(4 · 0.5) = 2
  assert.equal(rows[1].connectMs, 0.8);
  const s = benchmarkSummary(data, { concurrency: 1, rate: null });
  assert.equal(s.avgCachedTokens, 8.75);
  assert.equal(s.cacheHitRatePct, 43.75);
  // A server that reports no cache: no cache fields at all.
  const plain = benchmarkSummary(dataOf(threeAndAFailure()), { concurrency: 1, rate: null });
  assert.equal(plain.cacheHitRatePct, undefined);
});
