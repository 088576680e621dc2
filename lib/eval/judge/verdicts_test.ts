import assert from "node:assert/strict";
import {
  alpacaPreference,
  arenaVerdict,
  isArenaLabel,
  needleRating,
  numericScore,
  patternScore,
  simpleQaGrade,
} from "./verdicts.ts";

/** Replies judges really give, and what each parser makes of them. */
const TWO_VERDICTS = "My final verdict is [[A>B]].\n\nOn reflection, B is better: [[B>A]]";
const REFUSAL = "I'm sorry, but I cannot help with grading this.";

Deno.test("simpleQaGrade() takes the first A, B or C anywhere, as simple-evals and EvalScope do", () => {
  assert.equal(simpleQaGrade("A"), "A");
  assert.equal(simpleQaGrade("B\n"), "B");
  assert.equal(simpleQaGrade("The grade is: B"), "B");
  // The fragility kept on purpose: the first capital among A-C of a spelled-out grade.
  assert.equal(simpleQaGrade("CORRECT"), "C");
  assert.equal(simpleQaGrade("INCORRECT"), "C");
  assert.equal(simpleQaGrade("NOT_ATTEMPTED"), "A");
  assert.equal(simpleQaGrade("A or maybe B"), "A");
  // No letter at all: no verdict (EvalScope would say C; lmeter counts a judge error).
  assert.equal(simpleQaGrade(""), null);
  assert.equal(simpleQaGrade("yes"), null);
  assert.equal(simpleQaGrade(REFUSAL), null);
  // Chinese SimpleQA replies parse the same way.
  assert.equal(simpleQaGrade("【正确】A"), "A");
});

Deno.test("alpacaPreference() takes the first m or M anywhere", () => {
  assert.equal(alpacaPreference("M"), "M");
  assert.equal(alpacaPreference("m"), "m");
  assert.equal(alpacaPreference("My answer: m"), "M");
  assert.equal(alpacaPreference("the output (m) is better"), "m");
  assert.equal(alpacaPreference(""), null);
  assert.equal(alpacaPreference("Output 1"), null);
});

Deno.test("arenaVerdict() takes the first [[…]] label; consistent mode refuses two that disagree", () => {
  assert.equal(arenaVerdict("My final verdict is: [[A>>B]]"), "A>>B");
  assert.equal(arenaVerdict(TWO_VERDICTS), "A>B");
  assert.equal(arenaVerdict(TWO_VERDICTS, { consistent: true }), null);
  assert.equal(arenaVerdict("[[B>A]] … so again [[B>A]]", { consistent: true }), "B>A");
  assert.equal(arenaVerdict("A is better (A>B)"), null);
  assert.equal(arenaVerdict(""), null);
  assert.equal(arenaVerdict(REFUSAL), null);
  // Any run of the allowed characters is a match; only the five labels weigh.
  assert.equal(arenaVerdict("[[AB]]"), "AB");
  assert.equal(isArenaLabel("AB"), false);
  assert.equal(isArenaLabel("A=B"), true);
});

Deno.test("needleRating() is the first [[n]] over 10, unclamped", () => {
  assert.equal(needleRating("Rating: [[7]]"), 0.7);
  assert.equal(needleRating("[[10]] then [[2]]"), 1);
  assert.equal(needleRating("[[12]]"), 1.2);
  assert.equal(needleRating("[[7.5]]"), null);
  assert.equal(needleRating("7/10"), null);
});

Deno.test("numericScore() takes the last [[x]] and clamps it to 0..1", () => {
  assert.equal(numericScore("Rating: [[0.5]]"), 0.5);
  assert.equal(numericScore("[[0.2]] no wait, Rating: [[0.8]]"), 0.8);
  assert.equal(numericScore("Rating: [[7]]"), 1);
  assert.equal(numericScore("Rating: [[0]]"), 0);
  assert.equal(numericScore("Rating: 0.5"), null);
  assert.equal(numericScore(""), null);
  assert.equal(numericScore("score=3 score=1", String.raw`score=(\d)`), 1);
});

Deno.test("patternScore() takes the first match and maps it; a verdict outside the mapping is none", () => {
  assert.deepEqual(patternScore("A"), { verdict: "A", score: 1 });
  assert.deepEqual(patternScore("Reasoning first.\nB\n"), { verdict: "B", score: 0 });
  // The default pattern wants a line holding only the letter.
  assert.equal(patternScore("CORRECT"), null);
  assert.equal(patternScore("A: CORRECT"), null);
  assert.equal(patternScore(""), null);
  const custom = { pattern: "(YES|NO|MAYBE)", mapping: { YES: 1, NO: 0 } };
  assert.deepEqual(patternScore("Verdict: NO", custom), { verdict: "NO", score: 0 });
  assert.equal(patternScore("MAYBE", custom), null);
});
