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

/** A success sent at `sent` s, first token at `first` s, completed at `done` s (start 1000 ms). */
function req(
  t: { sent: number; first: number; done: number },
  tokens: { prompt: number; completion: number; cached?: number },
): CompletionPoint {
  return {
    sentMs: 1000 + t.sent * 1000,
    firstTokenMs: 1000 + t.first * 1000,
    completedMs: 1000 + t.done * 1000,
    promptTokens: tokens.prompt,
    completionTokens: tokens.completion,
    cachedTokens: tokens.cached ?? 0,
  };
}

Deno.test("workloadThroughput(): a window counts only the tokens generated inside it (hand-computed)", () => {
  // A decodes 100 tokens over [0, 10] s; B (20 prompt tokens, 5 cached) is sent at 6 s, first
  // token at 6 s, 40 tokens over [6, 10] s. Wall 10 s; the steady window is (2, 10].
  const tp = workloadThroughput([
    req({ sent: 0, first: 0, done: 10 }, { prompt: 50, completion: 100 }),
    req({ sent: 6, first: 6, done: 10 }, { prompt: 20, completion: 40, cached: 5 }),
  ], { startMs: 1000 });
  assert.equal(tp.wall_time_s, 10);
  assert.equal(tp.steady_state_omitted, undefined);
  const r = rows(tp);
  assert.equal(r["Completion tok/s"].overall, 14); // 140 / 10
  assert.equal(r["Total Prompt tok/s"].overall, 7); // 70 / 10
  assert.equal(r["Completion tok/s"].last_window, 14); // wall ≤ 30 s: Overall
  // Steady: 80 of A's tokens (80% of its decode) + all 40 of B's, over 8 s.
  assert.equal(r["Completion tok/s"].steady_state, 15);
  // A's prompt was read at 0 s, outside; B's 20 at 6 s: 15 new + 5 cached, over 8 s.
  assert.equal(r["Total Prompt tok/s"].steady_state, 2.5);
  assert.equal(r["New Prompt tok/s"].steady_state, 1.875);
  assert.equal(r["Cached Prompt tok/s"].steady_state, 0.625);
});

Deno.test("workloadThroughput(): the last 30 s of a 50 s run count the tokens of those 30 s", () => {
  const tp = workloadThroughput([
    req({ sent: 0, first: 10, done: 50 }, { prompt: 100, completion: 400 }),
    req({ sent: 30, first: 30, done: 40 }, { prompt: 10, completion: 50 }),
  ], { startMs: 1000 });
  const r = rows(tp);
  // (20, 50]: 30 of the first request's 40 s of decode (300 tokens) + 50; its prefill
  // (0 → 10 s) is outside; the second's prompt at 30 s is inside.
  assert.equal(r["Completion tok/s"].last_window, 11.6667); // 350 / 30
  assert.equal(r["Total Prompt tok/s"].last_window, 0.3333); // 10 / 30
  assert.equal(r["Completion tok/s"].overall, 9); // 450 / 50
});

Deno.test("workloadThroughput(): never above what the streams could decode (concurrency 10, 5 ms per token)", () => {
  // 10 closed-loop streams, staggered 50 ms apart, each running 2 requests of 1000 tokens at
  // 5 ms per token back to back: at most 10 × 200 = 2000 tok/s at any instant. Counting whole
  // requests by completion said ~3500 tok/s here (the first completion, at 5 s, anchored the
  // window and every later request's tokens fell in it).
  const points: CompletionPoint[] = [];
  for (let k = 0; k < 10; k++) {
    for (let j = 0; j < 2; j++) {
      const sent = k * 0.05 + j * 5;
      points.push(req({ sent, first: sent, done: sent + 5 }, { prompt: 10, completion: 1000 }));
    }
  }
  const r = rows(workloadThroughput(points, { startMs: 1000 }));
  const steady = r["Completion tok/s"].steady_state!;
  assert.ok(steady <= 2000 + 1e-6, `steady ${steady} tok/s above the 2000 tok/s ceiling`);
  assert.ok(steady > 1800, `steady ${steady}`);
});

Deno.test("workloadThroughput(): a run too short for a steady window omits it and says why", () => {
  // Two requests sent together: none was sent inside the last 80% of the run.
  const tp = workloadThroughput([
    req({ sent: 0, first: 0.1, done: 1 }, { prompt: 40, completion: 10 }),
    req({ sent: 0, first: 0.1, done: 2 }, { prompt: 40, completion: 10 }),
  ], { startMs: 1000 });
  assert.ok(tp.rows.every((row) => row.steady_state === null));
  assert.match(tp.steady_state_omitted!, /too short for a steady window/);
  assert.equal(rows(tp)["Completion tok/s"].overall, 10); // 20 / 2
});

Deno.test("workloadThroughput() of no successes is all zeros", () => {
  const tp = workloadThroughput([], { startMs: 0 });
  assert.equal(tp.n_samples, 0);
  assert.equal(tp.wall_time_s, 0);
  assert.ok(tp.rows.every((r) => r.overall === 0 && r.last_window === 0 && r.steady_state === 0));
});
