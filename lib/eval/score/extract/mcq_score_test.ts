import assert from "node:assert/strict";
import { exactMatchScore, multiChoiceScore } from "./mcq_score.ts";

Deno.test("exactMatchScore() compares trimmed, lower-cased text", () => {
  assert.equal(exactMatchScore(" B ", "b"), 1);
  assert.equal(exactMatchScore("AC", "CA"), 0);
});

Deno.test("multiChoiceScore() gives partial credit and zero for any wrong letter", () => {
  assert.equal(multiChoiceScore("AC", "ACD"), 2 / 3);
  assert.equal(multiChoiceScore("AB", "ACD"), 0);
  assert.equal(multiChoiceScore("", "A"), 0);
  assert.equal(multiChoiceScore("A", ""), 0);
});
