import assert from "node:assert/strict";
import type { Sample, Score } from "../../lib/eval/define.ts";
import { cellMetric, needleRecall, needleScorer } from "./score.ts";

const NEEDLE =
  "\nThe best thing to do in San Francisco is eat a sandwich and sit in Dolores Park on a sunny day.\n";
const sample: Sample = {
  input: "What is the best thing to do in San Francisco?",
  target: NEEDLE,
  metadata: { context_length: 4444, depth_percent: 56 },
};
const scorer = needleScorer(needleRecall);
const score = (answer: string) =>
  scorer.score(
    { sample, response: answer, filtered: answer, extracted: answer, reasoning: "" },
    { signal: new AbortController().signal, params: {} },
  ) as Score;

Deno.test("needleScorer() names the score after the sample's cell", () => {
  assert.equal(cellMetric(sample), "Context#4444 Depth#56");
  const s = score(NEEDLE.trim());
  assert.deepEqual(s.value, { "Context#4444 Depth#56": 1 });
  assert.equal(s.main, "Context#4444 Depth#56");
  assert.equal(scorer.kind, "rule");
});

Deno.test("needleRecall counts the needle's words that the question does not hold", () => {
  // Key words: eat sandwich and sit dolores park on sunny day (9; "in" is in the question).
  assert.equal(
    score("Eat a sandwich and sit in Dolores Park on a sunny day.").value[
      "Context#4444 Depth#56"
    ],
    1,
  );
  assert.equal(score("Sit in Dolores Park.").value["Context#4444 Depth#56"], 3 / 9);
  assert.equal(
    score("The best thing to do in San Francisco is unknown.").value["Context#4444 Depth#56"],
    0,
  );
  assert.match(
    score("Sit in Dolores Park.").explanation!,
    /missing 6 of 9 key words: eat sandwich and on sunny day/,
  );
});

Deno.test("needleRecall keeps EvalScope's whole-answer exact match in the metadata", () => {
  assert.equal(score(`  ${NEEDLE.trim().toUpperCase()} `).metadata!.evalscope_exact_match, 1);
  assert.equal(score("Eat a sandwich in Dolores Park.").metadata!.evalscope_exact_match, 0);
});
