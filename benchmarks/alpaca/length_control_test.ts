import assert from "node:assert/strict";
import type { AggregateSample, CustomAggregation } from "../../lib/eval/define.ts";
import { lengthControlledWinRate } from "../../lib/metrics/glm_winrate.ts";
import {
  lengthControlAggregation,
  outputLengths,
  parseInstructionDifficulty,
} from "./length_control.ts";

Deno.test("parseInstructionDifficulty() reads upstream's index,instruction_difficulty layout", () => {
  const text = "\ufeffindex,instruction_difficulty\r\n0,-0.5\r\n1,1.25\r\n\r\n7,3e-2\r\n";
  assert.deepEqual([...parseInstructionDifficulty(text, "d.csv")], [[0, -0.5], [1, 1.25], [
    7,
    0.03,
  ]]);
  // pandas writes an unnamed index column as an empty header field; the value column may be quoted.
  assert.deepEqual([...parseInstructionDifficulty(',"instruction_difficulty"\n3,2\n', "d.csv")], [[
    3,
    2,
  ]]);
});

Deno.test("parseInstructionDifficulty() names the file and line of what it cannot read", () => {
  const cases: [string, RegExp][] = [
    [
      "index,difficulty\n0,1\n",
      /d\.csv: line 1 should name the position column and then instruction_difficulty/,
    ],
    ["instruction_difficulty\n0.5\n", /line 1 should name/],
    [
      "index,instruction_difficulty\n0,1\nx,2\n",
      /d\.csv line 3: expected a position and a number, got "x,2"/,
    ],
    ["index,instruction_difficulty\n0,\n", /line 2: expected a position and a number/],
    ["index,instruction_difficulty\n0,1\n0,2\n", /line 3: position 0 twice/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseInstructionDifficulty(text, "d.csv"), message);
  }
});

Deno.test("outputLengths() records Python lengths only when length control is on", () => {
  const texts = { model: "ok 😀", baseline: "fine" };
  assert.deepEqual(outputLengths({}, texts), {});
  assert.deepEqual(outputLengths({ instruction_difficulty: null }, texts), {});
  assert.deepEqual(outputLengths({ instruction_difficulty: "d.csv" }, texts), {
    lengths: { model: 4, baseline: 4 },
  });
});

const samples: AggregateSample[] = [
  [1, 40, 10],
  [0, 5, 12],
  [1, 30, 20],
  [1, 9, 8],
].map(([winrate, model, baseline], i) => ({
  index: i,
  groupId: i,
  value: { winrate },
  metadata: { lengths: { model, baseline } },
}));
const difficulty = new Map([[0, 0.5], [1, -1], [2, 0], [3, 2]]);
const ctx = { subset: "s", params: {} };

Deno.test("lengthControlAggregation() fits the samples by position and reports lc_winrate as a share", () => {
  const agg = lengthControlAggregation(difficulty, { path: "d.csv" });
  assert.equal(agg.alongsideMeans, true);
  const fit = lengthControlledWinRate([
    { preference: 1, modelLength: 40, baselineLength: 10, difficulty: 0.5 },
    { preference: 0, modelLength: 5, baselineLength: 12, difficulty: -1 },
    { preference: 1, modelLength: 30, baselineLength: 20, difficulty: 0 },
    { preference: 1, modelLength: 9, baselineLength: 8, difficulty: 2 },
  ]);
  assert.deepEqual(agg.subset(samples, ctx), [{ key: "lc_winrate", score: fit.lcWinRate / 100 }]);
});

Deno.test("lengthControlAggregation() follows a base aggregation's metrics and keeps its name", () => {
  const base: CustomAggregation = {
    name: "alpaca",
    subset: (s) => [{ key: "n", score: s.length }],
  };
  const agg = lengthControlAggregation(difficulty, { path: "d.csv", base });
  assert.equal(agg.name, "alpaca");
  assert.equal(agg.alongsideMeans, undefined);
  assert.deepEqual(agg.subset(samples, ctx).map((m) => m.key), ["n", "lc_winrate"]);
});

Deno.test("lengthControlAggregation() refuses a sample the file does not cover or without lengths", () => {
  const agg = lengthControlAggregation(new Map([[0, 1]]), { path: "d.csv" });
  assert.throws(() => agg.subset(samples, ctx), /d\.csv has no difficulty for instruction #1/);
  const bare = samples.map((s) => ({ ...s, metadata: {} }));
  assert.throws(
    () => lengthControlAggregation(difficulty, { path: "d.csv" }).subset(bare, ctx),
    /instruction #0 has no output lengths/,
  );
});
