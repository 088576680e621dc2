import assert from "node:assert/strict";
import type { SampleResult } from "./aggregate.ts";
import { type DerivedMetric, derivedScores, derivedValue } from "./derived.ts";

/** One graded SimpleQA sample: A correct, B incorrect, C not attempted. */
function graded(index: number, grade: "A" | "B" | "C"): SampleResult {
  return {
    index,
    groupId: index,
    repeat: 0,
    outcome: "success",
    value: {
      is_correct: grade === "A" ? 1 : 0,
      is_incorrect: grade === "B" ? 1 : 0,
      is_not_attempted: grade === "C" ? 1 : 0,
    },
    extracted: "",
    noAnswer: false,
    truncated: false,
    cached: false,
  };
}

const SIMPLE_QA: DerivedMetric[] = [
  { key: "accuracy_given_attempted", formula: "share", of: ["is_correct", "is_incorrect"] },
  { key: "f1", formula: "harmonic", of: ["accuracy_given_attempted", "is_correct"] },
];

Deno.test("derivedValue(): share and harmonic mean, 0 when both are 0", () => {
  assert.equal(derivedValue("share", 0.375, 0.125), 0.75);
  assert.equal(derivedValue("harmonic", 0.75, 0.25), 0.375);
  assert.equal(derivedValue("share", 0, 0), 0);
  assert.equal(derivedValue("harmonic", 0, 0), 0);
});

Deno.test("derivedScores(): SimpleQA's accuracy_given_attempted and F-score by hand, per subset and overall", () => {
  // Subset x: A A B C → correct 0.5, incorrect 0.25: given attempted 2/3, F = 2·(2/3)·0.5/(2/3+0.5) = 4/7.
  // Subset y: B C C C C → correct 0: given attempted 0, F 0.
  // Overall (9 samples): correct 2/9, incorrect 2/9: given attempted 0.5, F = 2·0.5·(2/9)/(0.5+2/9) = 4/13.
  // A judge error (no values) counts nowhere.
  const judgeError: SampleResult = { ...graded(9, "A"), value: {}, judgeError: true };
  const subsets = new Map([
    ["x", ["A", "A", "B", "C"].map((g, i) => graded(i, g as "A"))],
    ["y", ["B", "C", "C", "C", "C"].map((g, i) => graded(i, g as "A")).concat([judgeError])],
  ]);
  const [given, f1] = derivedScores(SIMPLE_QA, {
    subsets,
    categoryOf: () => ["default"],
    label: (k) => k,
  });
  assert.equal(given.aggregation, "derived");
  assert.equal(given.score, 0.5);
  assert.equal(given.num, 9);
  assert.deepEqual(given.categories[0].subsets.map((s) => [s.name, s.score, s.num]), [
    ["x", 0.6667, 4],
    ["y", 0, 5],
  ]);
  assert.equal(given.macroScore, 0.3334); // the mean of the rounded subset scores, as for every row
  assert.equal(f1.score, 0.3077);
  assert.deepEqual(f1.categories[0].subsets.map((s) => s.score), [0.5714, 0]);
  assert.deepEqual(f1.ci95, [0.3077, 0.3077]);
  assert.equal(f1.stderr, 0);
});
