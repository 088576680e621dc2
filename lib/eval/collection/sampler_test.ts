import assert from "node:assert/strict";
import { planCounts } from "./sampler.ts";
import { flattenSchema } from "./schema.ts";

const pools = (...n: number[]) => n;

Deno.test("planCounts() weighted: int(w·N) per benchmark of a nested schema, the last takes the rest", () => {
  // root: a (1), sub (3) → a 1/4, sub 3/4; sub: b (1), c (2) → b 3/4·1/3 = 1/4, c 3/4·2/3 = 1/2
  const flat = flattenSchema({
    name: "root",
    datasets: [
      { name: "a", weight: 1 },
      { name: "sub", weight: 3, datasets: [{ name: "b", weight: 1 }, { name: "c", weight: 2 }] },
    ],
  });
  assert.deepEqual(flat.map((d) => d.weight), [0.25, 0.25, 0.5]);
  const plan = planCounts(flat, { sampler: "weighted", count: 10, pools: pools(100, 100, 100) });
  // int(2.5) = 2, int(2.5) = 2, the last 10 − 4 = 6
  assert.deepEqual(plan.map((p) => p.requested), [2, 2, 6]);
  assert.deepEqual(plan.map((p) => p.drawn), [2, 2, 6]);
});

Deno.test("planCounts() weighted: thirds floor to 3 and the last gets the remainder 4", () => {
  const flat = flattenSchema({
    name: "r",
    datasets: [{ name: "a" }, { name: "b" }, { name: "c" }],
  });
  const plan = planCounts(flat, { sampler: "weighted", count: 10, pools: pools(50, 50, 50) });
  assert.deepEqual(plan.map((p) => p.requested), [3, 3, 4]);
});

Deno.test("planCounts() uniform: N // k each, the last the remainder, whatever the weights", () => {
  const flat = flattenSchema({
    name: "r",
    datasets: [{ name: "a", weight: 9 }, { name: "b" }, { name: "c" }],
  });
  const plan = planCounts(flat, { sampler: "uniform", count: 11, pools: pools(50, 50, 50) });
  assert.deepEqual(plan.map((p) => p.requested), [3, 3, 5]);
});

Deno.test("planCounts() stratified: int(pool_i/Σpool·N), the last the remainder", () => {
  const flat = flattenSchema({
    name: "r",
    datasets: [{ name: "a" }, { name: "b" }, { name: "c" }],
  });
  // 50/100·7 = 3.5 → 3; 30/100·7 = 2.1 → 2; last 7 − 5 = 2
  const plan = planCounts(flat, { sampler: "stratified", count: 7, pools: pools(50, 30, 20) });
  assert.deepEqual(plan.map((p) => p.requested), [3, 2, 2]);
});

Deno.test("planCounts() caps a small pool and does not give its shortfall to the others", () => {
  const flat = flattenSchema({ name: "r", datasets: [{ name: "a" }, { name: "b" }] });
  const plan = planCounts(flat, { sampler: "weighted", count: 10, pools: pools(3, 100) });
  assert.deepEqual(plan, [
    { requested: 5, pool: 3, drawn: 3 },
    { requested: 5, pool: 100, drawn: 5 },
  ]);
});
