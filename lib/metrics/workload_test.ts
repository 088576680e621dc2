import assert from "node:assert/strict";
import { buildTimeline, type CompletionPoint, workloadThroughput } from "./workload.ts";

/** A success completing `t` seconds after a start at 1000 ms. */
function at(t: number, prompt: number, completion: number, cached = 0): CompletionPoint {
  return {
    sentMs: 1000,
    completedMs: 1000 + t * 1000,
    promptTokens: prompt,
    completionTokens: completion,
    cachedTokens: cached,
  };
}

function rows(tp: ReturnType<typeof workloadThroughput>) {
  return Object.fromEntries(tp.rows.map((r) => [r.metric, r]));
}

Deno.test("buildTimeline() sorts by completion and sums tokens, clamping cached to the prompt", () => {
  const tl = buildTimeline([at(20, 100, 50, 60), at(10, 100, 50), at(50, 100, 20, 150)], 1000);
  assert.equal(tl.wall_start, 1);
  assert.deepEqual(tl.points, [
    { t: 10, cum_completion: 50, cum_new_prompt: 100, cum_cached_prompt: 0 },
    { t: 20, cum_completion: 100, cum_new_prompt: 140, cum_cached_prompt: 60 },
    { t: 50, cum_completion: 120, cum_new_prompt: 140, cum_cached_prompt: 160 },
  ]);
});

Deno.test("workloadThroughput() rates over Overall, the last 30 s and the steady state (hand-computed)", () => {
  // Cumulative (t: completion / new / cached): 10: 50/100/0, 20: 100/140/60,
  // 40: 200/240/160, 50: 220/240/260 (the last request's 150 cached tokens clamp to 100).
  const tl = buildTimeline(
    [at(40, 200, 100, 100), at(10, 100, 50), at(50, 100, 20, 150), at(20, 100, 50, 60)],
    1000,
  );
  const tp = workloadThroughput(tl);
  assert.equal(tp.n_samples, 4);
  assert.equal(tp.wall_time_s, 50);
  assert.equal(tp.last_window_s, 30);
  assert.equal(tp.warmup_frac, 0.2);
  assert.deepEqual(tp.rows.map((r) => r.metric), [
    "Total Prompt tok/s",
    "New Prompt tok/s",
    "Cached Prompt tok/s",
    "Completion tok/s",
  ]);
  const r = rows(tp);
  // Overall: sums at t = 50 over 50 s.
  assert.equal(r["Total Prompt tok/s"].overall, 10); // 500 / 50
  assert.equal(r["New Prompt tok/s"].overall, 4.8); // 240 / 50
  assert.equal(r["Cached Prompt tok/s"].overall, 5.2); // 260 / 50
  assert.equal(r["Completion tok/s"].overall, 4.4); // 220 / 50
  // Last 30 s: anchor = latest point at or before 50 − 30 = 20 s, so (t 20 → 50), 30 s.
  assert.equal(r["Total Prompt tok/s"].last_window, 10); // (500 − 200) / 30
  assert.equal(r["New Prompt tok/s"].last_window, 3.3333); // (240 − 140) / 30
  assert.equal(r["Cached Prompt tok/s"].last_window, 6.6667); // (260 − 60) / 30
  assert.equal(r["Completion tok/s"].last_window, 4); // (220 − 100) / 30
  // Steady: anchor = latest point at or before 0.2 × 50 = 10 s, so (t 10 → 50), 40 s.
  assert.equal(r["Total Prompt tok/s"].steady_state, 10); // (500 − 100) / 40
  assert.equal(r["New Prompt tok/s"].steady_state, 3.5); // (240 − 100) / 40
  assert.equal(r["Cached Prompt tok/s"].steady_state, 6.5); // (260 − 0) / 40
  assert.equal(r["Completion tok/s"].steady_state, 4.25); // (220 − 50) / 40
});

Deno.test("workloadThroughput() falls back to Overall for runs of 30 s or less and one point", () => {
  const one = workloadThroughput(buildTimeline([at(5, 40, 10)], 1000));
  const r = rows(one);
  assert.equal(r["Completion tok/s"].overall, 2); // 10 / 5
  assert.equal(r["Completion tok/s"].last_window, 2);
  assert.equal(r["Completion tok/s"].steady_state, 2);
  assert.equal(r["Total Prompt tok/s"].overall, 8);
  assert.equal(r["Cached Prompt tok/s"].overall, 0);
});

Deno.test("workloadThroughput() anchors the steady window at the first point when it comes after 20%", () => {
  // wall 20 s; 20% = 4 s, before the first completion at 15 s: the window is 15 → 20 s
  // and holds only the second request's tokens.
  const tp = workloadThroughput(buildTimeline([at(15, 30, 10), at(20, 50, 40)], 1000));
  const r = rows(tp);
  assert.equal(r["Completion tok/s"].overall, 2.5); // 50 / 20
  assert.equal(r["Completion tok/s"].steady_state, 8); // 40 / 5
  assert.equal(r["Total Prompt tok/s"].steady_state, 10); // 50 / 5
});

Deno.test("workloadThroughput() of an empty timeline is all zeros", () => {
  const tp = workloadThroughput(buildTimeline([], 0));
  assert.equal(tp.n_samples, 0);
  assert.equal(tp.wall_time_s, 0);
  assert.ok(tp.rows.every((r) => r.overall === 0 && r.last_window === 0 && r.steady_state === 0));
});
