import assert from "node:assert/strict";
import { TurnStats } from "./multi_turn.ts";

const turn = (traceId: string, n: number, last = false) => ({
  traceId,
  turn: n,
  first: n === 1,
  last,
});
const ok = (
  o: Partial<
    {
      sentMs: number;
      ttftMs: number;
      latencyMs: number;
      promptTokens: number;
      completionTokens: number;
      cachedTokens: number;
    }
  >,
) => ({
  success: true,
  sentMs: 0,
  completedMs: (o.sentMs ?? 0) + (o.latencyMs ?? 100),
  ttftMs: 10,
  latencyMs: 100,
  promptTokens: 100,
  completionTokens: 11,
  ...o,
});

Deno.test("TurnStats: turns, first/later TTFT and the estimate apart from the server's number", () => {
  const s = new TurnStats();
  s.add(turn("a", 1), ok({ ttftMs: 40, promptTokens: 100, completionTokens: 20 }));
  s.add(turn("a", 2), ok({ ttftMs: 10, promptTokens: 150, completionTokens: 20 }));
  s.add(turn("a", 3, true), ok({ ttftMs: 20, promptTokens: 200, completionTokens: 20 }));
  s.add(turn("b", 1, true), { ...ok({}), success: false });
  assert.equal(s.conversations, 2);
  assert.deepEqual(s.summary(), {
    avgTurnsPerRequest: 2, // (1 + 2 + 3) / 3 successes
    firstTurnTtftMs: 40,
    subsequentTurnTtftMs: 15,
    // (0 + 120 + 170) / (100 + 150 + 200)
    estimatedCacheHitRatePct: 64.44,
  });
});

Deno.test("TurnStats: turns the server reported are left out of the estimate", () => {
  const s = new TurnStats();
  s.add(turn("a", 1), ok({ cachedTokens: 0 }));
  s.add(turn("a", 2), ok({ cachedTokens: 96 }));
  assert.equal(s.summary().estimatedCacheHitRatePct, undefined);
  const rows = s.traceSummary().rows.map((r) => [r.metric, r.mean]);
  assert.deepEqual(rows.slice(-2), [
    ["Cache Hit Rate (%)", 48],
    ["Eligible Cache Hit Rate (%)", 86.4865], // 96 / (100 + 11)
  ]);
});

Deno.test("trace_summary: latency, TTFAT and decode speed per conversation, numpy percentiles", () => {
  const s = new TurnStats();
  // Conversation a: two turns, 0-100 ms and 300-500 ms.
  s.add(turn("a", 1), ok({ sentMs: 0, ttftMs: 10, latencyMs: 100, completionTokens: 10 }));
  s.add(turn("a", 2, true), ok({ sentMs: 300, ttftMs: 50, latencyMs: 200, completionTokens: 16 }));
  // Conversation b: one turn.
  s.add(turn("b", 1, true), ok({ sentMs: 0, ttftMs: 30, latencyMs: 60, completionTokens: 1 }));
  const t = s.traceSummary();
  assert.equal(t.nTraces, 2);
  const row = (name: string) => t.rows.find((r) => r.metric === name)!;
  assert.deepEqual([row("Latency (s)").min, row("Latency (s)").max], [0.06, 0.5]);
  assert.equal(row("Latency (s)").p50, 0.28);
  assert.deepEqual([row("TTFAT (s)").min, row("TTFAT (s)").max], [0.03, 0.35]);
  assert.deepEqual([row("First-Turn TTFT (s)").min, row("First-Turn TTFT (s)").max], [0.01, 0.03]);
  // a: mean of 9/0.09 s and 15/0.15 s = 100 tok/s; b: one output token, 0.
  assert.deepEqual([row("Decode TPS").min, row("Decode TPS").max], [0, 100]);
  assert.ok(row("Estimated Cache Hit Rate (%)"));
});
