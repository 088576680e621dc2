import assert from "node:assert/strict";
import { macroMeanCi, plainCi, weightedMeanCi } from "./mixed_means.ts";
import { tQuantile } from "./stats.ts";

Deno.test("weightedMeanCi() weighs the values and widens with unequal weights", () => {
  const r = weightedMeanCi([1, 0, 1, 0], [3, 1, 3, 1]);
  assert.equal(r.mean, 0.75);
  // Σ w²(x−m)² = 2·9·(1/4)² + 2·1·(3/4)² = 1.125 + 1.125 = 2.25; ·4/3 = 3; stderr √3 / Σw = √3 / 8
  const half = tQuantile(0.975, 3) * Math.sqrt(3) / 8;
  assert.ok(Math.abs(r.ci95[1] - Math.min(1, 0.75 + half)) < 1e-12);
  assert.ok(Math.abs(r.ci95[0] - (0.75 - half)) < 1e-12);
  // equal weights: the plain mean
  assert.equal(weightedMeanCi([1, 0], [0, 0]).mean, 0.5);
});

Deno.test("macroMeanCi() averages the group means with their pooled standard error", () => {
  const r = macroMeanCi([[1, 1, 0, 0], [1, 1]]);
  assert.equal(r.mean, 0.75);
  // group stderrs: √(1/3/4) and 0 → stderr √(1/12)/2, df 6 − 2 = 4
  const half = tQuantile(0.975, 4) * Math.sqrt(1 / 12) / 2;
  assert.ok(Math.abs(r.ci95[0] - (0.75 - half)) < 1e-12);
  assert.deepEqual(macroMeanCi([[1], [0]]).ci95, [0.5, 0.5]);
});

Deno.test("plainCi() gives no interval for one value and a t interval otherwise", () => {
  assert.deepEqual(plainCi([0.4]).ci95, [0.4, 0.4]);
  const r = plainCi([0.2, 0.4, 0.6]);
  assert.ok(Math.abs(r.mean - 0.4) < 1e-12);
  assert.ok(r.ci95[0] < 0.4 && r.ci95[1] > 0.4);
});
