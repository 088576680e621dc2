import assert from "node:assert/strict";
import { type Scrape, type ScrapedSample, summarizeServerMetrics } from "./server_metrics.ts";

/** Four scrapes at 0, 1, 2 and 3 s of a vLLM-like page; `values[i]` is the i-th scrape's. */
function scrapes(
  series: { name: string; labels?: Record<string, string>; values: number[] }[],
): Scrape[] {
  return [0, 1, 2, 3].map((i) => ({
    t: i * 1000,
    source: "http://127.0.0.1:1/metrics",
    samples: series.map((s): ScrapedSample => ({
      name: s.name,
      labels: s.labels ?? {},
      value: s.values[i],
    })),
  }));
}

const bucket = (le: string, values: number[]) => ({
  name: "vllm:time_to_first_token_seconds_bucket",
  labels: { le },
  values,
});

const PAGE = scrapes([
  { name: "vllm:request_success_total", labels: { finished_reason: "stop" }, values: [0, 2, 6, 8] },
  {
    name: "vllm:request_success_total",
    labels: { finished_reason: "length" },
    values: [0, 0, 1, 1],
  },
  { name: "vllm:prompt_tokens_total", values: [0, 100, 300, 400] },
  { name: "vllm:generation_tokens_total", values: [0, 50, 150, 200] },
  { name: "vllm:prefix_cache_queries_total", values: [0, 100, 300, 400] },
  { name: "vllm:prefix_cache_hits_total", values: [0, 20, 80, 100] },
  { name: "vllm:spec_decode_num_drafts_total", values: [0, 10, 30, 40] },
  { name: "vllm:spec_decode_num_draft_tokens_total", values: [0, 30, 90, 120] },
  { name: "vllm:spec_decode_num_accepted_tokens_total", values: [0, 15, 45, 60] },
  { name: "vllm:num_preemptions_total", values: [5, 7, 1, 3] },
  { name: "vllm:kv_cache_usage_perc", labels: { engine: "0" }, values: [0.1, 0.5, 0.7, 0] },
  { name: "vllm:kv_cache_usage_perc", labels: { engine: "1" }, values: [0.2, 0.6, 0.3, 0] },
  { name: "vllm:num_requests_running", labels: { engine: "0" }, values: [0, 3, 4, 0] },
  { name: "vllm:num_requests_running", labels: { engine: "1" }, values: [0, 1, 2, 0] },
  { name: "vllm:num_requests_waiting", values: [0, 2, 0, 0] },
  bucket("0.05", [0, 2, 2, 2]),
  bucket("0.1", [0, 4, 8, 8]),
  bucket("0.5", [0, 4, 10, 12]),
  bucket("+Inf", [0, 4, 10, 12]),
  { name: "vllm:time_to_first_token_seconds_sum", values: [0, 0.3, 0.9, 1.1] },
  { name: "vllm:time_to_first_token_seconds_count", values: [0, 4, 10, 12] },
]);

Deno.test("summarizeServerMetrics() computes every figure as done by hand", () => {
  // Window [0.5 s, 2.5 s]: every counter is interpolated halfway between its samples.
  const got = summarizeServerMetrics(PAGE, { start: 500, end: 2500 }, { intervalMs: 1000 });
  assert.equal(got.engine, "vllm");
  assert.equal(got.increaseMethod, "interpolated");
  assert.equal(got.scrapes, 4);
  assert.equal(got.scrapesInWindow, 2);
  assert.equal(got.requests, 7); // stop 1 → 7, length 0 → 1
  assert.equal(got.requestsAround, 9); // 0 → 8 and 0 → 1, from the scrape at 0 s to 3 s
  assert.equal(got.promptTokens, 300); // 50 → 350
  assert.equal(got.generationTokens, 150); // 25 → 175
  assert.equal(got.outputTps, 75); // 150 tokens / 2 s
  assert.equal(got.prefixCacheHitRatePct, 26.6667); // hits 10 → 90 over queries 300
  assert.equal(got.prefixCacheFrom, "counters");
  assert.equal(got.specDrafts, 30); // 5 → 35
  assert.equal(got.specDraftTokens, 90);
  assert.equal(got.specAcceptedTokens, 45); // 7.5 → 52.5
  assert.equal(got.specAcceptRatePct, 50); // 45 / 90
  assert.equal(got.specMeanAcceptanceLength, 2.5); // 1 + 45 / 30
  // 5, 7, 1 (reset), 3 → 5, 7, 8, 10: 6 at 0.5 s, 9 at 2.5 s.
  assert.equal(got.preemptions, 3);
  assert.equal(got.counterResets, 1);
  assert.equal(got.kvCacheUsageMaxPct, 70); // max over engines at 1 s (0.6) and 2 s (0.7)
  assert.deepEqual(got.running, { max: 6, mean: 5 }); // sums 4 and 6
  assert.deepEqual(got.waiting, { max: 2, mean: 1 });
  // Buckets at 0.5 s (1, 2, 2, 2) and 2.5 s (2, 8, 11, 11): increases 1, 6, 9, 9.
  assert.deepEqual(got.ttft, {
    count: 9, // count 2 → 11
    meanMs: 94.4444, // sum 0.15 → 1.0: 0.85 s / 9
    p50Ms: 85, // rank 4.5 in (0.05, 0.1]: 0.05 + 0.05 × 3.5/5
    p90Ms: 380, // rank 8.1 in (0.1, 0.5]: 0.1 + 0.4 × 2.1/3
    p99Ms: 488, // rank 8.91: 0.1 + 0.4 × 2.91/3
  });
  assert.equal(got.itl, null);
  assert.ok(got.notes.some((n) => n.includes("1 counter reset")));
});

Deno.test("summarizeServerMetrics() extrapolates as Prometheus when no scrape precedes the window", () => {
  // (−0.5 s, 2.5 s] holds the samples at 0, 1, 2 s: 0 → 6 over 2 s; the start is 0.5 s away, but
  // the counter is 0 at the first sample, so no extrapolation there; the end is 0.5 s away
  // (< 1.1 × 1 s): 6 × 2.5/2 = 7.5.
  const page = scrapes([{
    name: "vllm:request_success_total",
    values: [0, 2, 6, 8],
  }]);
  const got = summarizeServerMetrics(page, { start: -500, end: 2500 }, { intervalMs: 1000 });
  assert.equal(got.increaseMethod, "extrapolated");
  assert.equal(got.requests, 7.5);
  assert.equal(got.requestsAround, null);
});

Deno.test("summarizeServerMetrics() reads SGLang's names and gauges", () => {
  const page = scrapes([
    { name: "sglang:num_requests_total", values: [0, 1, 2, 3] },
    { name: "sglang:prompt_tokens_total", values: [0, 100, 200, 300] },
    { name: "sglang:cached_tokens_total", values: [0, 50, 100, 150] },
    { name: "sglang:spec_accept_length", values: [0, 2, 3, 9] },
    { name: "sglang:token_usage", values: [0.9, 0.25, 0.5, 0.9] },
  ]);
  const got = summarizeServerMetrics(page, { start: 1000, end: 2000 }, { intervalMs: 1000 });
  assert.equal(got.engine, "sglang");
  assert.equal(got.requests, 1);
  assert.equal(got.prefixCacheHitRatePct, 50);
  assert.equal(got.specMeanAcceptanceLength, 2.5);
  assert.equal(got.kvCacheUsageMaxPct, 50);
  assert.ok(got.notes[0].includes("shorter than two scrape intervals"));
});

Deno.test("summarizeServerMetrics() counts failed scrapes and has no figure without series", () => {
  const got = summarizeServerMetrics(
    [{ t: 0, source: "u", error: "HTTP 404" }, { t: 5000, source: "u", samples: [] }],
    { start: 1000, end: 4000 },
    { intervalMs: 1000 },
  );
  assert.equal(got.engine, "unknown");
  assert.equal(got.scrapeErrors, 1);
  assert.equal(got.requests, null);
  assert.equal(got.ttft, null);
  assert.ok(got.notes.some((n) => n.includes("HTTP 404")));
});
