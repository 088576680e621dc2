import assert from "node:assert/strict";
import {
  type ReasoningSample,
  reasoningStats,
  reflectionTokens,
  tokenEfficiency,
} from "./reasoning_efficiency.ts";

const a: ReasoningSample = { reasoningTokens: 100, firstCorrectTokens: 40, thoughts: 2, score: 1 };
const b: ReasoningSample = { reasoningTokens: 50, firstCorrectTokens: 0, thoughts: 1, score: 0 };

Deno.test("reflectionTokens() is what follows the first correct step; all of it when none", () => {
  assert.equal(reflectionTokens(a), 60);
  assert.equal(reflectionTokens(b), 50);
});

Deno.test("tokenEfficiency() is first-correct over reasoning tokens, 0 when no step is right", () => {
  assert.equal(tokenEfficiency(a), 0.4);
  assert.equal(tokenEfficiency(b), 0);
});

Deno.test("reasoningStats() averages each statistic per sample (efficiency is a mean of ratios, not a ratio of means)", () => {
  const s = reasoningStats([a, b]);
  assert.deepEqual(s, {
    n: 2,
    reasoningTokens: 75,
    firstCorrectTokens: 20,
    reflectionTokens: 55,
    tokenEfficiency: 0.2, // (0.4 + 0) / 2, where 40 / 150 would be 0.2667
    thoughts: 1.5,
    accuracy: 0.5,
  });
});

Deno.test("reasoningStats() of no samples has n 0 and no values", () => {
  const s = reasoningStats([]);
  assert.equal(s.n, 0);
  assert.equal(s.tokenEfficiency, null);
  assert.equal(s.accuracy, null);
});
