import assert from "node:assert/strict";
import { achievedConcurrency } from "./concurrency.ts";

Deno.test("achievedConcurrency(): max and time-weighted mean of requests in flight", () => {
  assert.equal(achievedConcurrency([], []), null);
  // Two requests over [0, 10] and [5, 10]: 1 in flight for 5 ms, 2 for 5 ms.
  assert.deepEqual(achievedConcurrency([0, 5], [10, 10]), { max: 2, mean: 1.5 });
  // Back to back: never two at once.
  assert.deepEqual(achievedConcurrency([0, 10], [10, 20]), { max: 1, mean: 1 });
  // A slow client: 4 slots asked, sends 5 ms apart, each request 10 ms long.
  const starts = [0, 5, 10, 15, 20, 25];
  const r = achievedConcurrency(starts, starts.map((s) => s + 10))!;
  assert.equal(r.max, 2);
  assert.ok(Math.abs(r.mean - 60 / 35) < 1e-9);
});
