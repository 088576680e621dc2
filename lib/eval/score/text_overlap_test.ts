import assert from "node:assert/strict";
import { bleuScores, lcsLength, rougeScores, tokenize } from "./text_overlap.ts";

Deno.test("tokenize() splits words and punctuation, and CJK text into characters", () => {
  assert.deepEqual(tokenize("Paris, France."), ["Paris", ",", "France", "."]);
  assert.deepEqual(tokenize("北京是首都"), ["北", "京", "是", "首", "都"]);
});

Deno.test("bleuScores(): identical text scores 1; the brevity penalty lowers short answers", () => {
  const same = bleuScores("the cat sat on the mat", "the cat sat on the mat");
  assert.deepEqual(same, { "bleu-1": 1, "bleu-2": 1, "bleu-3": 1, "bleu-4": 1 });
  const short = bleuScores("the cat", "the cat sat on the mat");
  assert.ok(Math.abs(short["bleu-1"] - Math.exp(1 - 6 / 2)) < 1e-12);
  assert.equal(bleuScores("", "x")["bleu-1"], 0);
});

Deno.test("rougeScores(): recall, precision and F1 of n-grams and of the longest common subsequence", () => {
  const r = rougeScores("the cat is here", "the cat was here today");
  assert.equal(r["Rouge-1-R"], 3 / 5);
  assert.equal(r["Rouge-1-P"], 3 / 4);
  assert.equal(r["Rouge-2-R"], 1 / 4);
  assert.equal(r["Rouge-L-R"], 3 / 5);
  assert.equal(lcsLength(["a", "b", "c", "d"], ["a", "c", "d"]), 3);
});
