import assert from "node:assert/strict";
import { heatColor, heatColorHex, isNeedleReport, needleGrids } from "./needle_grid.ts";

const metric = (name: string, subsets: [string, number, number][]) => ({
  name,
  categories: [{ subsets: subsets.map(([n, score, num]) => ({ name: n, score, num })) }],
});

Deno.test("needleGrids() reads Context#/Depth# metrics into one sorted grid per subset", () => {
  const report = {
    metrics: [
      metric("Context#4444 Depth#0", [["english", 1, 1], ["chinese", 0, 1]]),
      metric("Context#1000 Depth#0", [["english", 0.5, 2], ["chinese", 1, 1]]),
      metric("Context#1000 Depth#100", [["english", 0, 1]]),
    ],
  };
  assert.ok(isNeedleReport(report));
  const [en, zh] = needleGrids(report);
  assert.deepEqual(en, {
    subset: "english",
    lengths: [1000, 4444],
    depths: [0, 100],
    scores: [[0.5, 1], [0, null]],
    counts: [[2, 1], [1, 0]],
  });
  assert.deepEqual(zh.scores, [[1, 0], [null, null]]);
  assert.deepEqual(needleGrids({ metrics: [metric("AverageAccuracy", [["main", 1, 1]])] }), []);
  assert.equal(isNeedleReport({ metrics: [metric("AverageAccuracy", [])] }), false);
});

Deno.test("heatColor() runs EvalScope's red → amber → green ramp and clamps", () => {
  assert.equal(heatColorHex(0), "#f0496e");
  assert.equal(heatColorHex(0.5), "#ebb839");
  assert.equal(heatColorHex(1), "#0cd79f");
  assert.deepEqual(heatColor(0.25), [238, 129, 84]);
  assert.equal(heatColorHex(-1), "#f0496e");
  assert.equal(heatColorHex(2), "#0cd79f");
});
